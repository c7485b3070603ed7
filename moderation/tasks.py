"""Celery tasks: thin wrappers that take ids and call the services."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import Task, shared_task
from celery.contrib.django.task import DjangoTask
from django.db.models import Q
from django.utils import timezone

from moderation.platforms.base import AuthExpired, PlatformError, RateLimited, TransientError

logger = logging.getLogger(__name__)


@shared_task
def enqueue_due_syncs() -> int:
    """Fan out one sync per active connection whose interval has passed."""
    from moderation.models import PlatformConnection

    now = timezone.now()
    due = PlatformConnection.objects.filter(status=PlatformConnection.Status.ACTIVE).filter(
        Q(next_sync_at__isnull=True) | Q(next_sync_at__lte=now)
    ).filter(Q(rate_limited_until__isnull=True) | Q(rate_limited_until__lte=now))
    count = 0
    for connection in due:
        PlatformConnection.objects.filter(pk=connection.pk).update(
            next_sync_at=now + timedelta(seconds=connection.sync_interval_seconds)
        )
        sync_connection_task.delay(connection.pk)
        count += 1
    return count


@shared_task(
    bind=True,
    autoretry_for=(TransientError,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
    acks_late=True,  # safe: a sync is an upsert
)
def sync_connection_task(self: Task, connection_id: int) -> dict[str, int] | None:
    from moderation import sync
    from moderation.connections import do_mark_needs_reconnect, do_record_sync_error
    from moderation.models import PlatformConnection

    connection = PlatformConnection.objects.filter(
        pk=connection_id, status=PlatformConnection.Status.ACTIVE
    ).select_related("organisation").first()
    if connection is None:
        return None
    try:
        report = sync.sync_comments(connection=connection)
    except RateLimited as exc:
        wait = min(exc.retry_after or 60, 3600)
        PlatformConnection.objects.filter(pk=connection_id).update(
            rate_limited_until=timezone.now() + timedelta(seconds=wait)
        )
        do_record_sync_error(connection, error=str(exc))
        return None
    except AuthExpired as exc:
        do_mark_needs_reconnect(connection, reason=str(exc))
        return None
    except TransientError as exc:
        do_record_sync_error(connection, error=str(exc))
        raise
    except PlatformError as exc:
        do_record_sync_error(connection, error=str(exc))
        return None
    return {"created": report.created, "updated": report.updated, "pages": report.pages}


class ActionTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:  # type: ignore[override]
        from django.db import DatabaseError

        from moderation.actions import do_give_up_action

        if isinstance(exc, DatabaseError):
            return  # the platform may have said yes: leave it pending for moderation/recovery.py
        if args:
            do_give_up_action(args[0], error=str(exc) or exc.__class__.__name__)


@shared_task(
    base=ActionTask,
    bind=True,
    autoretry_for=(TransientError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
def execute_action_task(self: Task, action_id: int) -> str | None:
    from moderation.actions import execute_action
    from moderation.recovery import action_lock

    with action_lock(action_id) as free:
        if not free:
            return None  # another worker is carrying out this action right now (moderation/recovery.py)
        action = execute_action(action_id)
    return action.state if action else None


@shared_task
def requeue_stalled_actions_task(older_than_seconds: float | None = None) -> dict[str, int]:
    """Queue again the platform actions whose task vanished (killed worker, broker restart)."""
    from moderation.recovery import STALL_AFTER, requeue_stalled_actions

    older_than = STALL_AFTER if older_than_seconds is None else timedelta(seconds=older_than_seconds)
    return requeue_stalled_actions(older_than=older_than)


@shared_task
def fire_due_follow_ups() -> int:
    from moderation.triage import fire_due_follow_ups as fire

    return fire()


@shared_task
def delete_expired_evidence() -> int:
    from moderation.dossier import delete_expired_evidence as delete

    return delete()


@shared_task
def send_escalation_email_task(escalation_id: int) -> int:
    from moderation.escalation import send_escalation_email
    from moderation.models import Escalation

    escalation = Escalation.objects.filter(pk=escalation_id).select_related("department", "comment", "organisation").first()
    return send_escalation_email(escalation) if escalation else 0


@shared_task
def remind_overdue_escalations() -> int:
    from moderation.escalation import remind_overdue_escalations as remind

    return remind()
