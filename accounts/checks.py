"""Deploy checks of our own: `manage.py check --deploy` also looks at the token encryption keys."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_field_encryption_key(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """Platform tokens need their own key: one derived from SECRET_KEY dies with a SECRET_KEY change."""
    keys = list(settings.FIELD_ENCRYPTION_KEY)
    if not keys:
        return [
            Warning(
                "FIELD_ENCRYPTION_KEY is not set: platform tokens are encrypted with a key derived from SECRET_KEY.",
                hint="Set FIELD_ENCRYPTION_KEY to a Fernet key (comma-separated, newest first, to rotate).",
                id="reageerwijzer.W001",
            )
        ]
    errors: list[Error | Warning] = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            errors.append(
                Error(
                    f"Key {position} of FIELD_ENCRYPTION_KEY is not a valid Fernet key.",  # never the key itself
                    hint="Make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'",
                    id="reageerwijzer.E001",
                )
            )
    return errors
