from __future__ import annotations

from datetime import UTC, datetime

import pytest

from moderation.models import Author, Comment, DemoRemoteState
from moderation.platforms.base import FetchResult, RemoteComment, RemotePost
from moderation.platforms.demo import DemoConnector, publish_now
from moderation.sync import SyncReport, store_page, sync_comments
from tests.factories import ConnectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(organisation):
    return ConnectionFactory(
        organisation=organisation,
        options={"seed": 7, "initial": 30, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )


def test_it_stores_every_published_comment_once(demo):
    report = sync_comments(connection=demo)
    assert report.created == 30
    assert Comment.objects.filter(connection=demo).count() == 30


def test_a_repeated_sync_from_scratch_duplicates_nothing(demo):
    sync_comments(connection=demo)
    demo.cursor = {}
    demo.save()
    report = sync_comments(connection=demo)
    assert report.created == 0
    assert Comment.objects.filter(connection=demo).count() == 30


def test_new_comments_arrive_on_the_next_sync(demo):
    sync_comments(connection=demo)
    publish_now(demo, 5)
    report = sync_comments(connection=demo)
    assert report.created == 5
    assert Comment.objects.filter(connection=demo).count() == 35


def test_new_comments_are_classified_with_reasons(demo):
    sync_comments(connection=demo)
    categories = set(Comment.objects.filter(connection=demo).values_list("category", flat=True))
    assert len(categories) > 3
    question = Comment.objects.filter(connection=demo, category="question").first()
    assert question is not None and question.reasons


def test_replies_are_linked_to_their_parent(demo):
    publish_now(demo, 60)
    sync_comments(connection=demo)
    replies = Comment.objects.filter(connection=demo).exclude(parent_remote_id="")
    assert replies.exists()
    assert all(reply.parent is not None and reply.parent.remote_id == reply.parent_remote_id for reply in replies)


def test_authors_are_upserted_per_platform(demo):
    sync_comments(connection=demo)
    remote_ids = list(Author.objects.filter(organisation=demo.organisation).values_list("remote_id", flat=True))
    assert len(remote_ids) == len(set(remote_ids)) > 1


def test_a_hide_on_the_platform_is_reflected(demo):
    sync_comments(connection=demo)
    comment = Comment.objects.filter(connection=demo).order_by("remote_id").first()
    DemoConnector(demo).hide(comment.remote_id, hidden=True)
    sync_comments(connection=demo)
    comment.refresh_from_db()
    assert comment.platform_state == Comment.PlatformState.HIDDEN


def test_an_edit_by_the_author_is_reflected_and_the_old_text_kept(organisation):
    demo = ConnectionFactory(
        organisation=organisation,
        options={"seed": 7, "initial": 6, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    sync_comments(connection=demo)
    comment = Comment.objects.get(connection=demo, remote_id="demo_c000003")
    original = comment.text
    assert not original.endswith("(aangepast)")
    publish_now(demo, 5)  # the author of comment 3 edits it once 8 comments exist
    sync_comments(connection=demo)
    comment.refresh_from_db()
    assert comment.text == original + " (aangepast)"
    assert comment.previous_texts[-1]["text"] == original


def test_a_deletion_by_the_author_is_reflected(organisation):
    demo = ConnectionFactory(
        organisation=organisation,
        options={"seed": 7, "initial": 6, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    sync_comments(connection=demo)
    assert Comment.objects.get(connection=demo, remote_id="demo_c000005").platform_state == "visible"
    publish_now(demo, 10)
    sync_comments(connection=demo)
    assert Comment.objects.get(connection=demo, remote_id="demo_c000005").platform_state == "deleted"


def test_a_staff_reply_is_stored_as_the_pages_own_comment(demo):
    sync_comments(connection=demo)
    parent = Comment.objects.filter(connection=demo).first()
    DemoConnector(demo).reply(parent.remote_id, text="Bedankt voor je vraag!", idempotency_key="k1")
    sync_comments(connection=demo)
    own = Comment.objects.get(connection=demo, is_own=True)
    assert own.parent == parent
    assert own.status == Comment.Status.HANDLED
    assert DemoRemoteState.objects.filter(connection=demo, page_reply_text="Bedankt voor je vraag!").exists()


HOSTILE_TEXTS = [
    "",
    "x" * 100_000,
    "<script>alert('xss')</script><img src=x onerror=alert(1)>",
    "\u202eGNIDAER\u202c עברית العربية",
    "nul\x00byte and \x07 bell",
    b"\xff\xfe\xfa binary".decode("latin-1"),
    "{{ settings.SECRET_KEY }} {% debug %}",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_odd_text_never_breaks_a_sync(demo, text):
    now = datetime.now(UTC)
    result = FetchResult(
        posts=[RemotePost(remote_id="p1", title="<b>Post</b>", message="m", published_at=now)],
        comments=[
            RemoteComment(
                remote_id="odd1",
                post_remote_id="p1",
                author_remote_id="a1",
                author_name="<svg onload=alert(1)>",
                text=text,
                published_at=now,
                permalink="javascript:alert(1)",
            )
        ],
        cursor={},
    )
    store_page(demo, result, SyncReport())
    comment = Comment.objects.get(connection=demo, remote_id="odd1")
    assert "\x00" not in comment.text
    assert comment.permalink == ""  # a javascript: link is never stored
    assert len(comment.text) <= 200_010


def test_a_page_aborted_as_a_deadlock_victim_is_stored_once_on_the_next_attempt(demo, monkeypatch):
    from django.db import OperationalError

    import moderation.sync as sync_module

    real_store_page, calls = sync_module.store_page, []

    def store_then_fail_once(connection, result, report):
        calls.append(len(result.comments))
        real_store_page(connection, result, report)   # everything written, then PostgreSQL aborts the transaction
        if len(calls) == 1:
            raise OperationalError("deadlock detected")

    monkeypatch.setattr(sync_module, "store_page", store_then_fail_once)
    report = sync_comments(connection=demo)
    assert len(calls) >= 2 and calls[0] == calls[1]   # the same page again
    assert report.created == 30 and Comment.objects.filter(connection=demo).count() == 30


def test_other_database_errors_and_repeated_deadlocks_are_not_hidden(demo, monkeypatch):
    from django.db import OperationalError

    import moderation.sync as sync_module

    attempts = []

    def fail(error):
        def store(connection, result, report):
            attempts.append(error)
            raise OperationalError(error)
        return store

    monkeypatch.setattr(sync_module, "store_page", fail("connection lost"))
    with pytest.raises(OperationalError, match="connection lost"):
        sync_comments(connection=demo)
    assert attempts == ["connection lost"]
    monkeypatch.setattr(sync_module, "store_page", fail("deadlock detected"))
    with pytest.raises(OperationalError, match="deadlock"):
        sync_comments(connection=demo)
    assert attempts.count("deadlock detected") == 3
    assert Comment.objects.filter(connection=demo).count() == 0
