"""The Instagram connector (Facebook Login flavour) against the fake Graph server."""

from __future__ import annotations

import pytest

from moderation.models import Comment
from moderation.platforms.base import Gone, NotSupported, PermanentError, RateLimited, TransientError
from moderation.platforms.instagram import InstagramConnector, comment_from_graph, media_from_graph
from moderation.platforms.registry import capabilities_of, connector_for
from moderation.sync import sync_comments
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.render import fixture
from tests.fakeplatform.testing import graph_connection

pytestmark = pytest.mark.django_db
MEDIA = "18012345678901234"  # the recorded media, comment and reply (tests/fixtures/instagram)
COMMENT = "17890123456789012"
REPLY = "17890123456789099"
ACCOUNT = "17841400000000001"


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server
    assert server.errors == []


@pytest.fixture
def connection(organisation, fake):
    return graph_connection(organisation, fake, "instagram")


@pytest.fixture
def connector(connection):
    return connector_for(connection)


def stored_ids(connection) -> list[str]:
    return list(Comment.objects.filter(connection=connection).values_list("remote_id", flat=True))


# --- parsing the recorded shapes ------------------------------------------------------------------
def test_the_recorded_comments_page_maps_comments_and_nested_replies():
    (item,) = fixture("instagram", "comments_page")["data"]
    top = comment_from_graph(item, media_id=MEDIA, account_id=ACCOUNT)
    reply = comment_from_graph(
        item["replies"]["data"][0], media_id=MEDIA, account_id=ACCOUNT, parent_id=COMMENT
    )
    assert (top.remote_id, top.author_remote_id, top.author_name) == (
        COMMENT,
        "17841455512345678",
        "lotte.vdb",
    )
    assert top.text == "Tot hoe laat is de markt open?" and top.parent_remote_id is None and not top.is_own
    assert reply.parent_remote_id == COMMENT and reply.is_own  # written by the account itself
    assert reply.published_at.isoformat() == "2026-11-24T09:40:10+00:00"


def test_the_recorded_media_page_maps_to_remote_posts():
    media = media_from_graph(fixture("instagram", "media_page")["data"][0])
    assert (media.remote_id, media.title) == (MEDIA, "Kerstmarkt op het Marktplein 🎄")
    assert media.permalink == "https://www.instagram.com/p/DAbCdEfGhIj/"


def test_a_comment_without_from_keeps_an_unknown_author():
    item = {"id": "1", "text": "Anoniem", "timestamp": "2026-11-24T09:15:02+0000"}
    assert comment_from_graph(item, media_id=MEDIA, account_id=ACCOUNT).author_remote_id is None


def test_it_cannot_like_or_block(connection, connector):
    assert isinstance(connector, InstagramConnector)
    assert capabilities_of("instagram") == {"reply", "private_reply", "hide", "unhide", "delete"}
    with pytest.raises(NotSupported):
        connector.like(COMMENT)
    with pytest.raises(NotSupported):
        connector.block_author("17841455512345678")


# --- sync -------------------------------------------------------------------------------------------
def test_a_first_sync_stores_comments_and_replies_exactly_once(fake, connection):
    report = sync_comments(connection=connection)
    stored = stored_ids(connection)
    assert len(stored) == len(set(stored)) == report.created
    assert set(stored) == fake.comment_ids(ACCOUNT)
    reply = Comment.objects.get(connection=connection, remote_id=REPLY)
    assert reply.parent.remote_id == COMMENT and reply.is_own
    assert Comment.objects.get(connection=connection, remote_id=COMMENT).post.remote_id == MEDIA


def test_only_media_whose_comment_count_changed_are_read_again(fake, connection):
    sync_comments(connection=connection)
    assert sync_comments(connection=connection).created == 0
    before = len(fake.requests())
    new_id = fake.add_comment(
        MEDIA, "Is er ook glühwein zonder alcohol? 🍷", author={"id": "17841455500000001", "name": "zoë.m"}
    )
    report = sync_comments(connection=connection)
    assert report.created == 1
    assert Comment.objects.get(connection=connection, remote_id=new_id).author.name == "zoë.m"
    reads = [r["path"] for r in fake.requests()[before:] if r["path"].endswith("/comments")]
    assert reads == [f"{MEDIA}/comments"]


def test_a_hide_done_in_the_instagram_app_shows_on_the_next_changed_read(fake, connection):
    fake.comment(COMMENT).hidden = True
    sync_comments(connection=connection)
    assert (
        Comment.objects.get(connection=connection, remote_id=COMMENT).platform_state
        == Comment.PlatformState.HIDDEN
    )


def test_nested_replies_beyond_the_first_page_are_followed(fake, connection):
    (media,) = fake.bulk(ACCOUNT, posts=1, comments_per_post=1)
    top = next(iter(fake.state.posts[media].comments)).id
    for number in range(60):
        fake.add_comment(
            media,
            f"Antwoord {number} 👍",
            author={"id": f"1784145550000{number:04d}", "name": f"p{number}"},
            parent_id=top,
        )
    sync_comments(connection=connection)
    assert Comment.objects.filter(connection=connection, parent__remote_id=top).count() == 60
    (rest,) = fake.requests(f"{top}/replies")  # 25 came nested; the other 35 in one page of 50
    assert rest["query"]["after"] and rest["auth"] == "bearer"


def test_an_interrupted_sync_resumes_and_stores_each_comment_once(fake, connection):
    fake.bulk(ACCOUNT, posts=6, comments_per_post=120, reply_every=4)
    expected = fake.comment_ids(ACCOUNT)
    fake.inject("server_error", "*/comments", skip=9)  # the first fetch (~480 comments) gets stored
    with pytest.raises(TransientError):
        sync_comments(connection=connection)
    assert 0 < len(stored_ids(connection)) < len(expected)
    sync_comments(connection=connection)
    stored = stored_ids(connection)
    assert len(stored) == len(set(stored)) and set(stored) == expected


def test_a_rate_limited_account_says_how_long_to_wait(fake, connection):
    fake.inject("rate_limit", f"{ACCOUNT}/media", minutes=3, code=80002, platform="instagram")
    with pytest.raises(RateLimited) as caught:
        sync_comments(connection=connection)
    assert caught.value.retry_after == 180


# --- actions (2.3) -------------------------------------------------------------------------------------
def test_hide_and_unhide_use_the_hide_parameter(fake, connector):
    connector.hide(COMMENT)
    assert fake.comment(COMMENT).hidden
    connector.hide(COMMENT, hidden=False)
    assert not fake.comment(COMMENT).hidden
    assert [r["form"] for r in fake.requests(COMMENT, "POST")] == [{"hide": "true"}, {"hide": "false"}]


def test_delete_removes_and_a_second_delete_counts_as_done(fake, connector):
    connector.delete(COMMENT)
    assert fake.comment(COMMENT).deleted and fake.comment(REPLY).deleted
    connector.delete(COMMENT)
    assert len(fake.actions("delete")) == 1
    with pytest.raises(Gone):
        connector.hide(COMMENT)


def test_reply_to_a_top_level_comment(fake, connector):
    new_id = connector.reply(COMMENT, text="Tot 22u, elke dag! 🎄", idempotency_key="k")
    assert fake.comment(new_id).parent_id == COMMENT
    assert fake.requests(f"{COMMENT}/replies", "POST")[0]["form"] == {"message": "Tot 22u, elke dag! 🎄"}


def test_a_reply_to_a_reply_lands_under_the_top_level_comment(fake, connector):
    new_id = connector.reply(REPLY, text="Graag gedaan!", idempotency_key="k")
    assert fake.comment(new_id).parent_id == COMMENT


def test_private_reply_goes_through_the_linked_page_once(fake, connector):
    message_id = connector.private_reply(COMMENT, text="Dag Lotte, hier is de info.", idempotency_key="k")
    assert message_id.startswith("m_")
    assert fake.requests(f"{fake.page_id}/messages")[0]["json"] == {
        "recipient": {"comment_id": COMMENT},
        "message": {"text": "Dag Lotte, hier is de info."},
    }
    with pytest.raises(PermanentError):
        connector.private_reply(COMMENT, text="Nog eens", idempotency_key="k")
    fake.advance(8 * 86400)
    with pytest.raises(PermanentError, match="period"):
        connector.private_reply(REPLY, text="Te laat", idempotency_key="k2")


def test_private_reply_without_the_linked_page_is_refused_before_any_call(fake, organisation):
    connection = graph_connection(organisation, fake, "instagram")
    connection.options = {}
    connection.save()
    with pytest.raises(PermanentError, match="Facebook page"):
        InstagramConnector(connection).private_reply(COMMENT, text="Hallo", idempotency_key="k")
    assert fake.requests() == []


def test_a_comment_deleted_between_list_and_action_is_gone(fake, connector):
    fake.inject("deleted", COMMENT)
    with pytest.raises(Gone):
        connector.hide(COMMENT)
