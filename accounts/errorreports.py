"""Error reports (the DEBUG page, an e-mail to ADMINS) never show a token, secret or password.

Django hides such values only where a view or function is decorated with
``sensitive_variables``/``sensitive_post_parameters``; this filter hides them everywhere, by
name: a local variable, a dict key or a POST field named like a secret is replaced by stars.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter

SECRET_NAME = re.compile(
    r"token|secret|passw|api_?key|^keys?$|_key$|authorization|signature|cookie|sessionid|csrf", re.IGNORECASE
)


class SecretsReporterFilter(SafeExceptionReporterFilter):
    def get_traceback_frame_variables(self, request: HttpRequest, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self._cleanse(name, value)) for name, value in variables]

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        parameters = super().get_post_parameters(request)
        if request is None or not parameters:
            return parameters
        cleansed = parameters.copy()
        for name in cleansed:
            if SECRET_NAME.search(name):
                cleansed[name] = self.cleansed_substitute
        return cleansed

    def _cleanse(self, name: Any, value: Any) -> Any:
        if isinstance(name, str) and SECRET_NAME.search(name):
            return self.cleansed_substitute
        if isinstance(value, dict):
            return {key: self._cleanse(key, item) for key, item in value.items()}
        return value
