"""A worker killed with SIGKILL mid-sync and mid-action: no comment lost or doubled, no action done twice."""

from __future__ import annotations

import time

import pytest

from accounts.models import AuditEvent
from moderation.actions import do_request_action
from moderation.models import Comment, ModerationAction
from moderation.recovery import INTERRUPTED_REPLY
from moderation.sync import sync_comments
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.testing import graph_connection
from tests.reliability.conftest import needs_redis_server, on_postgresql, wait_until
from tests.reliability.helpers import (
    EXECUTE_ACTION,
    REQUEUE,
    SYNC,
    assert_every_comment_once,
    demo_page,
    queue_actions_on,
    stored,
)

pytestmark = [on_postgresql, needs_redis_server, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BACKLOG = 800  # four pages of 200: a few seconds of work for one sync task (~150 comments/s)


def test_a_sync_killed_mid_way_is_redelivered_and_stores_every_comment_once(start_worker, redis_server, organisation):
    connection = demo_page(organisation, BACKLOG)
    worker = start_worker()
    redis_server.send(SYNC, connection.pk)
    sent_at = time.monotonic()
    wait_until(lambda: stored(connection) >= 200, timeout=60, message="the first page to be stored")
    worker.kill()
    at_kill = stored(connection)
    assert 0 < at_kill < BACKLOG, "the sync must be killed mid-way for this test to mean anything"

    # Redis hands the unacknowledged (acks_late) task to the next worker once the visibility
    # timeout (2 s here, an hour by default) has passed; the sync resumes at the stored cursor.
    time.sleep(max(0.0, 2.5 - (time.monotonic() - sent_at)))
    start_worker()
    wait_until(lambda: stored(connection) == BACKLOG, timeout=90, message="the redelivered sync to finish")
    assert_every_comment_once(connection, BACKLOG)


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server


@pytest.fixture
def facebook_page(organisation, fake):
    connection = graph_connection(organisation, fake, "facebook")
    sync_comments(connection=connection)
    return connection


@pytest.fixture
def send_actions_to(monkeypatch):
    return lambda broker: queue_actions_on(monkeypatch, broker)


def posts_to(fake, comment, suffix: str = "") -> list[dict]:
    return [r for r in fake.requests(method="POST") if r["path"] == f"{comment.remote_id}{suffix}"]


def replies_on(fake, comment) -> list:
    return [c for c in fake.state.comments.values() if c.parent_id == comment.remote_id and not c.deleted]


def visible_comment(connection) -> Comment:
    return Comment.objects.filter(connection=connection, is_own=False, platform_state="visible").order_by("pk").first()


def test_a_hide_killed_while_the_platform_answers_is_done_once_after_recovery(
    start_worker, redis_server, fake, facebook_page, staff, send_actions_to
):
    send_actions_to(redis_server)
    comment = visible_comment(facebook_page)
    fake.inject("timeout", comment.remote_id, method="POST", seconds=3)  # the platform is slow to answer
    worker = start_worker(GRAPH_API_URL=fake.url)
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="haatdragend")
    wait_until(lambda: posts_to(fake, comment), timeout=30, message="the hide to reach the platform")
    worker.kill()  # the platform hides the comment, but nobody is left to record that

    action.refresh_from_db()
    assert (action.state, action.attempts) == ("pending", 1)
    wait_until(lambda: fake.comment(comment.remote_id).hidden, timeout=10, message="the platform to hide")

    start_worker(GRAPH_API_URL=fake.url)
    redis_server.send(REQUEUE, 0)  # beat's sweep, without its ten minutes of patience
    wait_until(lambda: ModerationAction.objects.get(pk=action.pk).state == "done", timeout=30, message="the hide")

    comment.refresh_from_db()
    assert comment.platform_state == "hidden"
    assert AuditEvent.objects.filter(verb="hide.done", data__action_id=action.pk).count() == 1
    # Hiding is idempotent on the platform: the second call changes nothing there.
    assert len(posts_to(fake, comment)) == 2


def test_a_reply_killed_while_the_platform_answers_is_never_posted_twice(
    start_worker, redis_server, fake, facebook_page, staff, send_actions_to
):
    send_actions_to(redis_server)
    comment = visible_comment(facebook_page)
    replies_before = len(replies_on(fake, comment))
    fake.inject("timeout", f"{comment.remote_id}/comments", method="POST", seconds=3)
    worker = start_worker(GRAPH_API_URL=fake.url)
    action = do_request_action(comment, kind="reply", acting_user=staff, text="Dank u, we bekijken het.")
    wait_until(lambda: posts_to(fake, comment, "/comments"), timeout=30, message="the reply to reach the platform")
    worker.kill()
    wait_until(lambda: len(replies_on(fake, comment)) == replies_before + 1, timeout=10, message="the reply to appear")

    start_worker(GRAPH_API_URL=fake.url)
    redis_server.send(REQUEUE, 0)
    wait_until(lambda: ModerationAction.objects.get(pk=action.pk).state == "failed", timeout=30, message="give-up")

    action.refresh_from_db()
    assert action.error == INTERRUPTED_REPLY  # staff are told to look at the page before sending again
    assert len(posts_to(fake, comment, "/comments")) == 1
    assert len(replies_on(fake, comment)) == replies_before + 1


def test_two_messages_for_one_action_call_the_platform_once(
    start_worker, redis_server, fake, facebook_page, staff, send_actions_to
):
    """A requeue that races the original message (worker was only slow) must not hide twice."""
    send_actions_to(redis_server)
    comment = visible_comment(facebook_page)
    fake.inject("timeout", comment.remote_id, method="POST", seconds=2)
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="spam")
    redis_server.send(EXECUTE_ACTION, action.pk)  # the duplicate, queued before a worker runs
    start_worker(GRAPH_API_URL=fake.url, concurrency=2)  # two pool processes take both messages at once
    wait_until(lambda: ModerationAction.objects.get(pk=action.pk).state == "done", timeout=30, message="the hide")
    time.sleep(0.5)
    assert len(posts_to(fake, comment)) == 1
    assert AuditEvent.objects.filter(verb="hide.done", data__action_id=action.pk).count() == 1
