"""Recovering platform actions whose task vanished, without carrying any out twice.

``execute_action_task`` is acknowledged when it starts (a blind redelivery could post a reply
twice), so a worker killed while carrying out an action, a dropped database connection while
recording the result, or a Redis restarted without persistence while the task waited, leaves the
action pending for ever, and ``check_action`` then refuses to request it again. A periodic sweep
queues such actions again. Three guards keep that exactly-once:

- ``execute_action`` returns at once for an action that is no longer pending, so a second
  message after the first finished changes nothing;
- ``action_lock`` holds a PostgreSQL advisory lock while an action is carried out, so a second
  message that arrives while the first still runs returns without calling the platform. The
  database releases the lock when the holder's connection dies: a killed worker never blocks the
  retry;
- the only call that may be repeated is the platform call of an action whose worker died after
  the platform said yes and before the result was stored. Hiding, unhiding, deleting, liking and
  blocking are idempotent on the platform. A reply is repeated only where the connector honours
  the action's idempotency key; elsewhere an interrupted reply is marked failed with a request
  to look at the page first, never posted again blindly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import DatabaseError
from django.db import connection as db_connection
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger(__name__)

# Longer than execute_action_task's whole retry chain (5 retries, backoff at most 5+10+20+40+80 s,
# a 20 s read timeout per attempt), counted from the request or the approval.
STALL_AFTER = timedelta(minutes=10)
# Connectors whose reply() returns the same remote reply for the same idempotency key.
IDEMPOTENT_REPLY_PLATFORMS = frozenset({"demo"})
INTERRUPTED_REPLY = (
    "Interrupted while the reply was being posted. Look at the page: if the reply is not there, send it again."
)
_LOCK_NAMESPACE = 0x5257 << 48  # "RW": keeps our advisory lock keys apart from anyone else's


@contextmanager
def action_lock(action_id: int) -> Iterator[bool]:
    """Yield True when this process may carry out the action now, False when another one is at it.

    A session-level PostgreSQL advisory lock; on SQLite (one embedded worker) always True.
    """
    if db_connection.vendor != "postgresql":
        yield True
        return
    key = _LOCK_NAMESPACE + int(action_id)
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            try:
                with db_connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:  # the connection is gone, and the lock went with it
                pass


def last_activity(action_ids: list[int]) -> dict[int, datetime]:
    """When each action was last requested or approved, from the audit log."""
    from accounts.models import AuditEvent

    rows = (
        AuditEvent.objects.filter(data__action_id__in=action_ids)
        .values("data__action_id")
        .annotate(last=Max("created_at"))
    )
    return {int(row["data__action_id"]): row["last"] for row in rows}


def requeue_stalled_actions(*, older_than: timedelta = STALL_AFTER, now: datetime | None = None) -> dict[str, int]:
    """Queue again every pending platform action idle for ``older_than``; give up on uncertain replies."""
    from moderation.actions import PLATFORM_KINDS, REPLY_KINDS, do_give_up_action
    from moderation.models import ModerationAction
    from moderation.tasks import execute_action_task

    now = now or timezone.now()
    limit = now - older_than
    candidates = list(
        ModerationAction.objects.filter(
            state=ModerationAction.State.PENDING, kind__in=PLATFORM_KINDS, created_at__lte=limit
        ).values_list("pk", "kind", "comment__connection__kind")
    )
    activity = last_activity([pk for pk, _kind, _platform in candidates])
    report = {"requeued": 0, "gave_up": 0, "busy": 0}
    for pk, kind, platform in candidates:
        if activity.get(pk, limit) > limit:
            continue
        with action_lock(pk) as free:
            if not free:
                report["busy"] += 1
                continue
            action = ModerationAction.objects.filter(pk=pk, state=ModerationAction.State.PENDING).first()
            if action is None:
                continue
            if kind in REPLY_KINDS and action.attempts > 0 and platform not in IDEMPOTENT_REPLY_PLATFORMS:
                do_give_up_action(pk, error=INTERRUPTED_REPLY)
                report["gave_up"] += 1
                logger.warning("action %s: interrupted reply marked failed", pk, extra={"action_id": pk})
                continue
        execute_action_task.delay(pk)
        report["requeued"] += 1
        logger.info("action %s: queued again after it stalled", pk, extra={"action_id": pk, "kind": kind})
    return report
