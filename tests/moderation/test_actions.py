from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from accounts.models import AuditEvent
from moderation.actions import ActionRefused, do_request_action, execute_action
from moderation.evidence import sha256_hex
from moderation.models import Comment, DemoRemoteState, Evidence, ModerationAction
from moderation.sync import sync_comments
from tests.factories import ConnectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(organisation):
    connection = ConnectionFactory(
        organisation=organisation,
        options={"seed": 3, "initial": 12, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    sync_comments(connection=connection)
    return connection


@pytest.fixture
def comment(demo):
    return Comment.objects.filter(connection=demo, platform_state="visible").order_by("remote_id").first()


def test_hide_is_queued_after_commit_and_not_marked_done_before(comment, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        action = do_request_action(comment, kind="hide", acting_user=staff, reason="spam")
    assert len(callbacks) == 1
    comment.refresh_from_db()
    assert action.state == ModerationAction.State.PENDING
    assert comment.platform_state == Comment.PlatformState.VISIBLE


def test_hide_is_carried_out_on_the_platform_and_logged(comment, staff):
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="beledigend")
    execute_action(action.pk)
    action.refresh_from_db()
    comment.refresh_from_db()
    assert action.state == ModerationAction.State.DONE
    assert comment.platform_state == Comment.PlatformState.HIDDEN
    assert DemoRemoteState.objects.get(connection=comment.connection, remote_id=comment.remote_id).hidden
    verbs = list(AuditEvent.objects.filter(target_id=comment.pk).values_list("verb", flat=True))
    assert "hide.requested" in verbs and "hide.done" in verbs
    done = AuditEvent.objects.get(target_id=comment.pk, verb="hide.done")
    assert done.actor_name == staff.username and done.reason == "beledigend"


def test_an_action_is_carried_out_once_even_when_delivered_twice(comment, staff):
    action = do_request_action(comment, kind="reply", acting_user=staff, text="Bedankt voor je bericht!")
    execute_action(action.pk)
    execute_action(action.pk)
    replies = DemoRemoteState.objects.filter(connection=comment.connection).exclude(page_reply_text="")
    assert replies.count() == 1
    assert Comment.objects.filter(connection=comment.connection, is_own=True, parent=comment).count() == 1


def test_a_refusal_by_the_platform_is_shown_and_nothing_marked_done(comment, staff):
    DemoRemoteState.objects.create(connection=comment.connection, remote_id=comment.remote_id, deleted=True)
    action = do_request_action(comment, kind="hide", acting_user=staff)
    execute_action(action.pk)
    action.refresh_from_db()
    comment.refresh_from_db()
    assert action.state == ModerationAction.State.FAILED
    assert "removed" in action.error
    assert comment.platform_state == Comment.PlatformState.VISIBLE
    assert comment.status == Comment.Status.OPEN
    assert AuditEvent.objects.filter(target_id=comment.pk, verb="hide.failed").exists()


def test_a_second_hide_while_one_is_pending_is_refused(comment, staff):
    do_request_action(comment, kind="hide", acting_user=staff)
    with pytest.raises(ActionRefused):
        do_request_action(comment, kind="hide", acting_user=staff)


def test_delete_needs_a_reason(comment, staff):
    with pytest.raises(ActionRefused):
        do_request_action(comment, kind="delete", acting_user=staff, reason="  ")
    assert not ModerationAction.objects.exists()


def test_delete_stores_evidence_first(comment, staff):
    action = do_request_action(comment, kind="delete", acting_user=staff, reason="doxing")
    evidence = Evidence.objects.get(comment=comment)
    image = Image.open(io.BytesIO(bytes(evidence.image_png)))
    assert image.format == "PNG" and image.width == 900
    assert evidence.image_sha256 == sha256_hex(bytes(evidence.image_png))
    assert evidence.text_sha256 == sha256_hex(comment.text)
    assert evidence.captured_at <= action.created_at
    execute_action(action.pk)
    comment.refresh_from_db()
    assert comment.platform_state == Comment.PlatformState.DELETED
    assert Comment.objects.filter(pk=comment.pk).exists()  # never hard-deleted locally


def test_a_reply_needs_text(comment, staff):
    with pytest.raises(ActionRefused):
        do_request_action(comment, kind="reply", acting_user=staff, text="   ")


def test_mark_handled_is_local_and_immediate(comment, staff):
    do_request_action(comment, kind="mark_handled", acting_user=staff)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HANDLED and comment.handled_by == staff
    with pytest.raises(ActionRefused):
        do_request_action(comment, kind="mark_handled", acting_user=staff)
