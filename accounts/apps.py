"""The accounts app: registers the two-step login receiver and the deploy checks."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self) -> None:
        from accounts import checks, twofactor  # noqa: F401  (registers checks and a signal receiver)
