"""The moderation app's configuration: it also registers task modules Celery would not find."""

from __future__ import annotations

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"

    def ready(self) -> None:
        # Celery's autodiscovery imports ``moderation.tasks`` only; webhook and insights tasks live apart.
        from moderation import tasks_classifier, tasks_insights, tasks_webhooks  # noqa: F401
