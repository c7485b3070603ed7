"""PostgreSQL drops the worker's sessions (failover, restart, network cut): nothing lost or doubled."""

from __future__ import annotations

import time

import pytest

from accounts.models import AuditEvent
from moderation.actions import do_request_action
from moderation.models import Comment, ModerationAction
from moderation.sync import sync_comments
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.testing import graph_connection
from tests.reliability.conftest import (
    needs_redis_server,
    on_postgresql,
    terminate_worker_sessions,
    wait_until,
)
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


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server


def test_an_action_whose_session_drops_while_the_platform_answers_is_done_once(
    start_worker, redis_server, organisation, staff, monkeypatch, fake
):
    """Celery closes the database connection after each task, so only a drop mid-task can hurt."""
    queue_actions_on(monkeypatch, redis_server)
    page = graph_connection(organisation, fake, "facebook")
    sync_comments(connection=page)
    comment = Comment.objects.filter(connection=page, is_own=False, platform_state="visible").order_by("pk").first()
    fake.inject("timeout", comment.remote_id, method="POST", seconds=2)
    start_worker(GRAPH_API_URL=fake.url)
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="spam")
    wait_until(lambda: fake.requests(comment.remote_id, method="POST"), timeout=30, message="the hide to be sent")
    assert terminate_worker_sessions() > 0  # while the platform is still answering

    wait_until(lambda: ModerationAction.objects.get(pk=action.pk).attempts == 1 and fake.comment(comment.remote_id).hidden,
               timeout=15, message="the platform to hide")
    time.sleep(1.0)  # the worker meets its dead session when it records the result
    redis_server.send(REQUEUE, 0)  # beat's sweep
    wait_until(lambda: ModerationAction.objects.get(pk=action.pk).state != "pending", timeout=30, message="an outcome")
    action.refresh_from_db()
    assert action.state == "done", action.error
    assert Comment.objects.get(pk=comment.pk).platform_state == "hidden"
    assert AuditEvent.objects.filter(verb="hide.done", data__action_id=action.pk).count() == 1


def test_a_sync_whose_session_drops_mid_way_loses_no_comment(start_worker, redis_server, organisation):
    connection = demo_page(organisation, 800)
    worker = start_worker()
    redis_server.send(SYNC, connection.pk)
    wait_until(lambda: stored(connection) >= 200, timeout=60, message="the first page")
    assert terminate_worker_sessions() > 0
    wait_until(lambda: "OperationalError" in worker.log_text() or "InterfaceError" in worker.log_text(),
               timeout=30, message="the sync to fail on its lost session")
    assert stored(connection) < 800  # the page in progress was rolled back, the cursor with it

    redis_server.send(ENQUEUE_DUE_SYNCS)  # beat's next round
    wait_until(lambda: stored(connection) == 800, timeout=60, message="the next sync")
    assert_every_comment_once(connection, 800)
