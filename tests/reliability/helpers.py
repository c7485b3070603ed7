"""Shared steps of the fault tests."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction

from moderation.models import Comment, PlatformConnection
from moderation.platforms.demo_content import demo_comment
from tests.factories import ConnectionFactory

SYNC = "moderation.tasks.sync_connection_task"
ENQUEUE_DUE_SYNCS = "moderation.tasks.enqueue_due_syncs"
EXECUTE_ACTION = "moderation.tasks.execute_action_task"
REQUEUE = "moderation.tasks.requeue_stalled_actions_task"
SEED = 7


def demo_page(organisation, size: int) -> PlatformConnection:
    """A demo page with ``size`` comments already published and no new ones coming."""
    return ConnectionFactory(
        organisation=organisation,
        options={"seed": SEED, "initial": size, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )


def stored(connection) -> int:
    return Comment.objects.filter(connection=connection).count()


def assert_every_comment_once(connection, size: int) -> None:
    ids = list(Comment.objects.filter(connection=connection).values_list("remote_id", flat=True))
    assert len(ids) == len(set(ids)) == size
    assert set(ids) == {demo_comment(SEED, index).remote_id for index in range(size)}
    connection.refresh_from_db()
    assert connection.cursor["next_index"] == size


def queue_actions_on(monkeypatch, broker) -> None:
    """Actions requested in the test are queued on the test's own broker, after commit as usual."""
    monkeypatch.setattr(
        "moderation.actions.queue_platform_action",
        lambda action: transaction.on_commit(lambda: broker.send(EXECUTE_ACTION, action.pk)),
    )
