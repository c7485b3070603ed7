"""Celery beat tasks of the register: thin wrappers around the actions (see config/settings.py)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task
def expire_strikes() -> int:
    """Nightly: log every strike whose validity ran out (they stopped counting at expires_at)."""
    from codeofconduct.actions import do_expire_strikes

    return do_expire_strikes(now=timezone.now())


@shared_task
def remind_code_reviews() -> int:
    """Daily: remind the admins once when the planned review of their code of conduct is due."""
    from codeofconduct.lifecycle import do_remind_due_reviews

    return do_remind_due_reviews(today=timezone.localdate())


@shared_task
def apply_retention() -> int:
    """Nightly: delete strikes past the organisation's retention period (evidence: moderation)."""
    from codeofconduct.privacy import do_apply_retention

    return do_apply_retention(now=timezone.now())
