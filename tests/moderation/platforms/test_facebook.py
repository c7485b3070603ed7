"""The Facebook connector against the fake Graph server: sync, paging, resume, every action."""

from __future__ import annotations

from collections import Counter

import pytest

from moderation.actions import do_request_action, execute_action
from moderation.models import Comment, ModerationAction, PlatformConnection
from moderation.platforms.base import AuthExpired, Gone, PermanentError, RateLimited, TransientError
from moderation.platforms.facebook import (
    MAX_COMMENTS_PER_FETCH,
    REQUIRED_PERMISSIONS,
    FacebookConnector,
    comment_from_graph,
    post_from_graph,
)
from moderation.platforms.registry import connector_for
from moderation.sync import sync_comments
from moderation.tasks import sync_connection_task
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.render import fixture
from tests.fakeplatform.testing import graph_connection

pytestmark = pytest.mark.django_db
POST = "104123456789012_122131676912594941"  # the recorded post and comments (tests/fixtures/facebook)
COMMENT = "122131676912594941_1213590066982748"
REPLY_WITHOUT_FROM = "122131676912594941_542072878449250"


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server
    assert server.errors == []


@pytest.fixture
def connection(organisation, fake):
    return graph_connection(organisation, fake, "facebook")


@pytest.fixture
def connector(connection):
    return connector_for(connection)


def stored_ids(connection) -> list[str]:
    return list(Comment.objects.filter(connection=connection).values_list("remote_id", flat=True))


# --- parsing the recorded shapes ------------------------------------------------------------------
def test_the_recorded_comments_page_maps_to_remote_comments():
    first, second = (
        comment_from_graph(item, post_id=POST, page_id="104123456789012")
        for item in fixture("facebook", "comments_page")["data"]
    )
    assert (first.remote_id, first.author_remote_id, first.author_name) == (
        COMMENT,
        "6934567890123456",
        "An Peeters",
    )
    assert first.parent_remote_id is None and first.post_remote_id == POST and not first.hidden
    assert first.published_at.isoformat() == "2026-11-24T09:15:00+00:00"
    assert second.author_remote_id is None and second.author_name == ""  # no ``from`` (1.2)
    assert second.parent_remote_id == COMMENT


def test_the_recorded_posts_page_maps_to_remote_posts():
    post = post_from_graph(fixture("facebook", "posts_page")["data"][0])
    assert post.remote_id == POST
    assert post.title == "Vanaf maandag is de Stationsstraat afgesloten voor werken."
    assert post.permalink.endswith("/posts/122131676912594941")


def test_a_comment_without_id_is_a_permanent_error_naming_the_key():
    with pytest.raises(PermanentError, match="'id'"):
        comment_from_graph(
            {"message": "x", "created_time": "2026-11-24T09:15:00+0000"}, post_id=POST, page_id="1"
        )


def test_it_is_registered_with_all_moderation_capabilities(connection):
    assert isinstance(connector_for(connection), FacebookConnector)
    assert {str(c) for c in FacebookConnector.capabilities} == {
        "reply",
        "private_reply",
        "hide",
        "unhide",
        "delete",
        "like",
        "block",
    }


# --- sync -------------------------------------------------------------------------------------------
def test_a_first_sync_stores_every_recent_comment_exactly_once(fake, connection):
    report = sync_comments(connection=connection)
    stored = stored_ids(connection)
    assert len(stored) == len(set(stored)) == report.created
    assert set(stored) == fake.comment_ids(recent_days=28)
    assert len(stored) > 20
    (old_post,) = [p for p in fake.state.posts.values() if p.text.startswith("Archief")]  # 60 days old
    assert old_post.comments and not set(stored) & {c.id for c in old_post.comments}


def test_authors_threads_hidden_state_and_text_survive_the_round_trip(fake, connection):
    fake.comment(COMMENT).hidden = True
    emoji = fake.add_comment(
        POST, "Waarom is het zwembad nóg dicht? 😡 ë", author={"id": "6900000000000001", "name": "Zoë Maes"}
    )
    sync_comments(connection=connection)
    first = Comment.objects.get(connection=connection, remote_id=COMMENT)
    reply = Comment.objects.get(connection=connection, remote_id=REPLY_WITHOUT_FROM)
    assert first.author.name == "An Peeters" and first.platform_state == Comment.PlatformState.HIDDEN
    assert reply.author is None and reply.parent == first
    assert first.post.remote_id == POST
    assert (
        Comment.objects.get(connection=connection, remote_id=emoji).text
        == "Waarom is het zwembad nóg dicht? 😡 ë"
    )
    assert Comment.objects.get(connection=connection, remote_id=emoji).author.name == "Zoë Maes"


def test_a_repeated_sync_reads_no_comments_when_no_post_changed(fake, connection):
    sync_comments(connection=connection)
    before = len(fake.requests("*/comments"))
    report = sync_comments(connection=connection)
    assert report.created == 0
    assert len(fake.requests("*/comments")) == before
    assert len(fake.requests("*/published_posts")) == 2


def test_a_new_comment_rereads_only_its_post_from_the_watermark(fake, connection):
    sync_comments(connection=connection)
    before = len(fake.requests())
    new_id = fake.add_comment(POST, "Wordt de bus omgeleid?", author=None)
    report = sync_comments(connection=connection)
    assert report.created == 1
    assert Comment.objects.get(connection=connection, remote_id=new_id).author is None
    comment_reads = [r for r in fake.requests()[before:] if r["path"].endswith("/comments")]
    assert [r["path"] for r in comment_reads] == [f"{POST}/comments"]
    assert comment_reads[0]["query"]["filter"] == "stream" and int(comment_reads[0]["query"]["since"]) > 0


def test_comment_pages_are_followed_with_the_token_kept_out_of_urls(fake, connection):
    (post,) = fake.bulk(posts=1, comments_per_post=250)
    sync_comments(connection=connection)
    reads = fake.requests(f"{post}/comments")
    assert len(reads) == 3
    assert "after" not in reads[0]["query"] and all("after" in r["query"] for r in reads[1:])
    assert all(r["auth"] == "bearer" and "access_token" not in r["query"] for r in fake.requests())
    assert Comment.objects.filter(connection=connection, post__remote_id=post).count() == 250


def test_one_fetch_is_bounded_and_says_when_more_remain(fake, connection):
    fake.bulk(posts=12, comments_per_post=100)
    connector = FacebookConnector(connection)
    cursor, seen, calls = {}, Counter(), 0
    while True:
        result = connector.fetch(cursor=cursor)
        calls += 1
        assert len(result.comments) <= MAX_COMMENTS_PER_FETCH
        seen.update(c.remote_id for c in result.comments)
        cursor = result.cursor
        if not result.more:
            break
    assert calls >= 3
    assert set(seen) == fake.comment_ids(recent_days=28)
    assert max(seen.values()) == 1


def test_an_interrupted_first_sync_resumes_where_it_stopped(fake, connection):
    fake.bulk(posts=10, comments_per_post=120)
    bulk_ids = fake.comment_ids(recent_days=1)
    fake.inject("server_error", "*/comments", skip=7)  # the 8th page read fails mid-way
    with pytest.raises(TransientError):
        sync_comments(connection=connection)
    stored_before = Comment.objects.filter(connection=connection, remote_id__in=bulk_ids).count()
    assert 0 < stored_before < len(bulk_ids)
    reads_before = len(fake.requests("*/comments"))
    sync_comments(connection=connection)
    stored = stored_ids(connection)
    assert len(stored) == len(set(stored)) and bulk_ids <= set(stored)
    reads = fake.requests("*/comments")
    assert "after" in reads[reads_before]["query"]  # carried on inside the interrupted post
    succeeded = [
        (r["path"], r["query"].get("after")) for r in reads[: reads_before - 1] + reads[reads_before:]
    ]
    assert len(succeeded) == len(set(succeeded))  # no page was read twice


def test_a_stale_paging_cursor_restarts_the_post_from_its_watermark(fake, connection):
    sync_comments(connection=connection)
    connection.refresh_from_db()
    fake.add_comment(POST, "Nog een vraag over de werken", author=None)
    cursor = dict(connection.cursor)
    cursor["queue"] = [{"id": POST, "u": "x", "since": None, "after": "bm90LWEtY3Vyc29y!", "t": 0}]
    connection.cursor = cursor
    connection.save()
    report = sync_comments(connection=connection)
    assert report.created == 1


def test_a_post_deleted_between_listing_and_reading_is_skipped(fake, connection):
    fake.inject("deleted", f"{POST}/comments")
    sync_comments(connection=connection)
    assert not Comment.objects.filter(connection=connection, remote_id=COMMENT).exists()
    assert Comment.objects.filter(connection=connection).count() > 10


@pytest.mark.slow
def test_ten_thousand_comments_over_two_hundred_posts_are_stored_exactly_once(fake, connection):
    fake.bulk(posts=200, comments_per_post=50, reply_every=7)
    expected = fake.comment_ids(recent_days=28)
    assert len(expected) > 10_000
    report = sync_comments(connection=connection)
    assert report.created == len(expected)
    stored = stored_ids(connection)
    assert len(stored) == len(expected) and set(stored) == expected
    assert sync_comments(connection=connection).created == 0


def test_a_rate_limited_fetch_says_how_long_to_wait(fake, connection):
    fake.inject("rate_limit", "*/published_posts", minutes=5)
    with pytest.raises(RateLimited) as caught:
        sync_comments(connection=connection)
    assert caught.value.retry_after == 300


def test_a_rate_limited_sync_task_pauses_the_connection(fake, connection):
    fake.inject("rate_limit", "*/published_posts", minutes=10)
    sync_connection_task(connection.pk)
    connection.refresh_from_db()
    assert connection.rate_limited_until is not None
    assert 590 <= (connection.rate_limited_until - connection.last_error_at).total_seconds() <= 610


def test_an_expired_token_stops_the_sync_and_asks_for_a_reconnect(fake, connection):
    fake.inject("expired_token", "*/published_posts")
    with pytest.raises(AuthExpired):
        sync_comments(connection=connection)
    fake.inject("expired_token", "*/published_posts")
    sync_connection_task(connection.pk)
    connection.refresh_from_db()
    assert connection.status == PlatformConnection.Status.NEEDS_RECONNECT
    assert fake.token not in connection.last_error


# --- actions (1.7) --------------------------------------------------------------------------------------
def test_hide_and_unhide_change_the_comment_on_the_platform(fake, connector):
    connector.hide(COMMENT)
    assert fake.comment(COMMENT).hidden
    connector.hide(COMMENT)  # idempotent
    assert fake.comment(COMMENT).hidden
    connector.hide(COMMENT, hidden=False)
    assert not fake.comment(COMMENT).hidden
    assert [a["action"] for a in fake.actions()] == ["hide", "hide", "unhide"]
    assert fake.requests(COMMENT, "POST")[0]["form"]["is_hidden"] == "true"


def test_delete_removes_the_comment_and_a_second_delete_counts_as_done(fake, connector):
    connector.delete(COMMENT)
    assert fake.comment(COMMENT).deleted
    connector.delete(COMMENT)  # 100/33: already gone
    assert len(fake.actions("delete")) == 1
    with pytest.raises(Gone):
        connector.hide(COMMENT)


def test_a_comment_deleted_between_list_and_action_is_gone(fake, connector):
    fake.inject("deleted", COMMENT)
    with pytest.raises(Gone):
        connector.hide(COMMENT)


def test_reply_returns_the_new_comment_id_under_the_comment(fake, connector):
    new_id = connector.reply(COMMENT, text="Dag An, ongeveer zes weken. 🚧", idempotency_key="k1")
    reply = fake.comment(new_id)
    assert reply.parent_id == COMMENT and reply.text == "Dag An, ongeveer zes weken. 🚧"
    assert reply.author.id == fake.page_id
    with pytest.raises(PermanentError):
        connector.reply(COMMENT, text="  ", idempotency_key="k2")


def test_a_page_reply_is_synced_as_our_own_comment(fake, connection, connector):
    new_id = connector.reply(COMMENT, text="Bedankt voor je vraag!", idempotency_key="k1")
    sync_comments(connection=connection)
    own = Comment.objects.get(connection=connection, remote_id=new_id)
    assert own.is_own and own.parent.remote_id == COMMENT


def test_like_marks_the_comment_liked(fake, connector):
    connector.like(COMMENT)
    assert fake.comment(COMMENT).liked
    assert fake.actions("like")[0]["object"] == COMMENT


def test_private_reply_is_sent_once_per_comment(fake, connector):
    message_id = connector.private_reply(
        COMMENT, text="Dag An, we sturen je de planning.", idempotency_key="k"
    )
    assert message_id.startswith("m_")
    sent = fake.requests(f"{fake.page_id}/messages")[0]["json"]
    assert sent == {
        "recipient": {"comment_id": COMMENT},
        "message": {"text": "Dag An, we sturen je de planning."},
        "messaging_type": "RESPONSE",
    }
    with pytest.raises(PermanentError, match="already replied") as caught:
        connector.private_reply(COMMENT, text="Nog eens", idempotency_key="k")
    assert not isinstance(caught.value, TransientError)
    assert len(fake.actions("private_reply")) == 1


def test_private_reply_after_seven_days_is_refused_for_good(fake, connector):
    fake.advance(8 * 86400)
    with pytest.raises(PermanentError, match="private reply") as caught:
        connector.private_reply(COMMENT, text="Te laat", idempotency_key="k")
    assert type(caught.value) is PermanentError
    assert fake.actions("private_reply") == []


def test_block_blocks_the_author_on_the_page(fake, connector):
    connector.block_author("6934567890123456")
    assert fake.actions("block") == [
        {"action": "block", "object": "6934567890123456", "at": fake.actions()[0]["at"]}
    ]
    assert fake.state.pages[fake.page_id].blocked == {"6934567890123456": "An Peeters"}
    assert fake.requests(f"{fake.page_id}/blocked")[0]["form"] == {"user": "6934567890123456"}


def test_an_id_that_could_change_the_path_is_refused_before_any_call(fake, connector):
    with pytest.raises(PermanentError):
        connector.hide("../104123456789012/messages")
    assert fake.requests() == []


def test_a_permanent_refusal_fails_the_action_without_retrying(fake, connection, staff):
    sync_comments(connection=connection)
    comment = Comment.objects.get(connection=connection, remote_id=COMMENT)
    fake.inject("permission", COMMENT, times=10)
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="beledigend")
    execute_action(action.pk)
    execute_action(action.pk)
    action.refresh_from_db()
    assert action.state == ModerationAction.State.FAILED and "pages_manage_engagement" in action.error
    assert len(fake.requests(COMMENT, "POST")) == 1
    assert not fake.comment(COMMENT).hidden


def test_a_carried_out_hide_is_done_on_the_platform(fake, connection, staff):
    sync_comments(connection=connection)
    comment = Comment.objects.get(connection=connection, remote_id=COMMENT)
    action = do_request_action(comment, kind="hide", acting_user=staff, reason="beledigend")
    execute_action(action.pk)
    action.refresh_from_db()
    assert action.state == ModerationAction.State.DONE
    assert fake.comment(COMMENT).hidden


# --- connect flow ------------------------------------------------------------------------------------------
def test_check_token_names_the_page_and_the_missing_permissions(fake, connection):
    fake.revoke(fake.token, "pages_messaging")
    result = FacebookConnector(connection).check_token()
    assert result == {
        "page_id": fake.page_id,
        "name": "Gemeente Velderbeek",
        "tasks": [],
        "missing_permissions": ["pages_messaging"],
    }
    assert (
        REQUIRED_PERMISSIONS["pages_manage_engagement"] == "reacties verbergen, verwijderen en beantwoorden"
    )


def test_check_token_with_a_dead_token_asks_for_a_reconnect(fake, connection):
    fake.inject("expired_token", "me")
    with pytest.raises(AuthExpired):
        FacebookConnector(connection).check_token()
