"""Forms for connecting a page and editing (reconnecting) a connection.

The token and app secret fields are write-only: rendered empty every time (never echoed back,
not even after a validation error), and on the edit form empty means "keep the stored one".
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.connect import connectable_kinds

_DIGITS = re.compile(r"^[0-9]{1,40}$")


def _secret_widget() -> forms.PasswordInput:
    return forms.PasswordInput(
        render_value=False, attrs={"autocomplete": "new-password", "spellcheck": "false"}
    )


def _clean_id(value: str) -> str:
    value = (value or "").strip()
    if value and not _DIGITS.match(value):
        raise forms.ValidationError(_("A page or account id consists of digits only."))
    return value


class ConnectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Platform"), choices=connectable_kinds)
    remote_page_id = forms.CharField(
        label=_("Page id or Instagram account id"),
        max_length=40,
        help_text=_("For Facebook the page id; for Instagram the id of the professional account."),
    )
    page_id = forms.CharField(
        label=_("Linked Facebook page id (Instagram only)"),
        max_length=40,
        required=False,
        help_text=_("The Facebook page the Instagram account is linked to; its page token is used."),
    )
    name = forms.CharField(
        label=_("Name in Reageerwijzer"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the page's own name."),
    )
    token = forms.CharField(
        label=_("Page access token"),
        max_length=1000,
        widget=_secret_widget(),
        help_text=_("It is checked with the platform, stored encrypted and never shown again."),
    )
    app_secret = forms.CharField(
        label=_("App secret (for webhooks)"),
        max_length=200,
        required=False,
        widget=_secret_widget(),
        help_text=_("Without it, webhook deliveries are refused and new comments arrive by polling only."),
    )

    def clean_remote_page_id(self) -> str:
        return _clean_id(self.cleaned_data["remote_page_id"])

    def clean_page_id(self) -> str:
        return _clean_id(self.cleaned_data["page_id"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == "instagram" and not data.get("page_id"):
            self.add_error(
                "page_id", _("An Instagram account is connected through its linked Facebook page.")
            )
        return data


class ConnectionEditForm(forms.Form):
    name = forms.CharField(label=_("Name in Reageerwijzer"), max_length=200)
    token = forms.CharField(
        label=_("New page access token"),
        max_length=1000,
        required=False,
        widget=_secret_widget(),
        help_text=_("Leave empty to keep the stored token. A new token is checked with the platform first."),
    )
    app_secret = forms.CharField(
        label=_("New app secret (for webhooks)"),
        max_length=200,
        required=False,
        widget=_secret_widget(),
        help_text=_("Leave empty to keep the stored app secret."),
    )
