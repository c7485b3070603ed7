"""Celery task for webhook deliveries (registered from ``moderation.apps``: autodiscovery reads ``tasks`` only)."""

from __future__ import annotations

from dataclasses import asdict

from celery import Task, shared_task

from moderation.platforms.base import TransientError


@shared_task(
    bind=True,
    autoretry_for=(TransientError,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
    acks_late=True,  # safe: every change is applied at most once (dedupe rows)
)
def process_webhook_delivery_task(self: Task, delivery_id: int) -> dict[str, int] | None:
    """Apply a stored delivery's comment changes; a missing or processed delivery is a no-op."""
    from moderation.webhooks import process_delivery

    report = process_delivery(delivery_id)
    return asdict(report) if report is not None else None
