"""Redis restarted under a running worker, and while tasks wait in its queue."""

from __future__ import annotations

import pytest

from accounts.models import AuditEvent
from moderation.actions import do_request_action
from moderation.models import Comment, ModerationAction
from moderation.sync import sync_comments
from tests.reliability.conftest import needs_redis_server, on_postgresql, wait_until
from tests.reliability.helpers import (
    ENQUEUE_DUE_SYNCS,
    REQUEUE,
    SYNC,
    assert_every_comment_once,
    demo_page,
    queue_actions_on,
    stored,
)

pytestmark = [on_postgresql, needs_redis_server, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_running_worker_reconnects_after_redis_restarts(start_worker, redis_server, organisation):
    before, after = demo_page(organisation, 30), demo_page(organisation, 30)
    start_worker()
    redis_server.send(SYNC, before.pk)
    wait_until(lambda: stored(before) == 30, timeout=30, message="the first sync")

    redis_server.restart()
    redis_server.send(SYNC, after.pk)
    wait_until(lambda: stored(after) == 30, timeout=45, message="a sync sent after the restart")
    assert_every_comment_once(after, 30)


@pytest.mark.parametrize(
    "redis_server", [False, True], ids=["without-persistence", "with-append-only-file"], indirect=True
)
def test_tasks_queued_across_a_redis_restart_are_carried_out_once(
    start_worker, redis_server, organisation, staff, monkeypatch
):
    """Without persistence the queue is lost and beat's sweeps recover it; with AOF it survives."""
    queue_actions_on(monkeypatch, redis_server)
    shown = demo_page(organisation, 10)
    sync_comments(connection=shown)
    comment = Comment.objects.filter(connection=shown, platform_state="visible").order_by("pk").first()
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="spam")
    waiting = demo_page(organisation, 40)
    redis_server.send(SYNC, waiting.pk)
    assert redis_server.queued() == 2  # no worker yet: both wait in Redis

    redis_server.restart()
    assert redis_server.queued() == (2 if redis_server.persistent else 0)
    start_worker()
    if not redis_server.persistent:  # what beat sends every few seconds and every ten minutes
        redis_server.send(ENQUEUE_DUE_SYNCS)
        redis_server.send(REQUEUE, 0)

    wait_until(lambda: stored(waiting) == 40, timeout=45, message="the waiting sync")
    wait_until(lambda: ModerationAction.objects.get(pk=action.pk).state == "done", timeout=30, message="the hide")
    assert_every_comment_once(waiting, 40)
    assert Comment.objects.get(pk=comment.pk).platform_state == "hidden"
    assert AuditEvent.objects.filter(verb="hide.done", data__action_id=action.pk).count() == 1
