"""Meta webhooks end to end: the fake server signs deliveries, the endpoint verifies and stores them,
the task applies them through sync's upsert (platform-apis.md 1.8, 2.5, 6c)."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from config.celery import app as celery_app
from moderation.models import Comment, PlatformConnection, WebhookDelivery, WebhookEvent
from moderation.platforms.base import TransientError
from moderation.sync import sync_comments
from moderation.tasks_webhooks import process_webhook_delivery_task
from moderation.webhook_events import MAX_BODY_BYTES
from tests.factories import MembershipFactory
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.testing import graph_connection
from tests.fakeplatform.webhooks import delivery, encode, reaction_change, sign

pytestmark = pytest.mark.django_db
URL = "/webhooks/meta/"
POST = "104123456789012_122131676912594941"  # the recorded post (tests/fixtures/facebook)
COMMENT = "122131676912594941_1213590066982748"
AUTHOR = {"id": "6900000000000042", "name": "Zoë Maes"}


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        settings.META_WEBHOOK_VERIFY_TOKEN = server.verify_token
        yield server
    assert server.errors == []


@pytest.fixture
def connection(organisation, fake):
    connection = graph_connection(organisation, fake, "facebook")
    connection.app_secret = fake.app_secret
    connection.save()
    return connection


def post_body(client, body: bytes, signature: str | None):
    headers = {"HTTP_X_HUB_SIGNATURE_256": signature} if signature is not None else {}
    return client.post(URL, data=body, content_type="application/json", **headers)


def deliver(client, fake, payload, *, times: int = 1) -> list[int]:
    """POST the payload as the fake would sign it, ``times`` times, then run the queued tasks."""
    body = encode(payload)
    statuses = [post_body(client, body, sign(body, fake.app_secret)).status_code for _ in range(times)]
    process_pending()
    return statuses


def process_pending() -> list[dict | None]:
    pending = WebhookDelivery.objects.exclude(state=WebhookDelivery.State.PROCESSED).order_by("id")
    return [process_webhook_delivery_task(pk) for pk in pending.values_list("pk", flat=True)]


def local(connection, remote_id: str) -> Comment:
    return Comment.objects.get(connection=connection, remote_id=remote_id)


# --- handshake --------------------------------------------------------------------------------------
def test_the_handshake_echoes_the_challenge(client, fake):
    response = client.get(
        URL, {"hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": fake.verify_token}
    )
    assert response.status_code == 200
    assert response.content == b"1158201444"


@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "guessed"},
        {"hub.mode": "unsubscribe", "hub.challenge": "1", "hub.verify_token": "fake-verify-token-velderbeek"},
        {"hub.mode": "subscribe", "hub.verify_token": "fake-verify-token-velderbeek"},
    ],
)
def test_a_wrong_handshake_is_refused(client, fake, params):
    assert client.get(URL, params).status_code == 403


def test_without_a_configured_verify_token_every_handshake_is_refused(client, settings):
    settings.META_WEBHOOK_VERIFY_TOKEN = ""
    assert (
        client.get(URL, {"hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": ""}).status_code
        == 403
    )
    del settings.META_WEBHOOK_VERIFY_TOKEN
    assert (
        client.get(URL, {"hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": ""}).status_code
        == 403
    )


def test_the_url_without_a_trailing_slash_answers_too(client, fake):
    params = {"hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": fake.verify_token}
    assert client.get("/webhooks/meta", params).content == b"42"


# --- signatures -------------------------------------------------------------------------------------
@pytest.mark.parametrize("signature", [None, "", "sha256=", "sha256=00ff", "sha1=abc", "wrong-secret"])
def test_a_bad_or_missing_signature_gets_403_and_nothing_is_stored(client, fake, connection, signature):
    new = fake.add_comment(POST, "Hallo?", author=AUTHOR)
    body = encode(fake.webhook_payload(new))
    if signature == "wrong-secret":
        signature = sign(body, "not-the-app-secret")
    assert post_body(client, body, signature).status_code == 403
    assert WebhookDelivery.objects.count() == 0
    assert not Comment.objects.filter(remote_id=new).exists()


def test_the_signature_is_checked_on_the_raw_non_ascii_bytes(client, fake, connection):
    new = fake.add_comment(POST, "Waarom is het zwembad nóg dicht? 😡 ë", author=AUTHOR)
    body = encode(fake.webhook_payload(new))
    assert b"\\u00f3" in body and b"\\ud83d\\ude21" in body  # escaped as Meta sends it (1.8)
    unescaped = json.dumps(json.loads(body), ensure_ascii=False).encode()
    # Signing what a JSON re-serialisation would give is not what was sent: refused.
    assert post_body(client, body, sign(unescaped, fake.app_secret)).status_code == 403
    assert post_body(client, body, sign(body, fake.app_secret)).status_code == 200
    process_pending()
    assert local(connection, new).text == "Waarom is het zwembad nóg dicht? 😡 ë"


def test_a_utf8_body_is_verified_on_its_own_bytes(client, fake, connection):
    new = fake.add_comment(POST, "Proficiat 👏", author=AUTHOR)
    body = json.dumps(fake.webhook_payload(new), ensure_ascii=False).encode("utf-8")
    assert post_body(client, body, sign(body, fake.app_secret)).status_code == 200


def test_the_fake_sends_a_wrong_signature_when_told(live_server, fake, connection, monkeypatch):
    monkeypatch.setattr(process_webhook_delivery_task, "delay", lambda *args, **kwargs: None)
    new = fake.add_comment(POST, "Hallo?", author=AUTHOR)
    callback = f"{live_server.url}/webhooks/meta"
    assert fake.webhook_handshake(callback)["ok"]
    assert fake.webhook_handshake(callback, verify_token="guessed")["status"] == 403
    assert fake.send_webhook(callback, comment_id=new, wrong_signature=True) == [403]
    assert WebhookDelivery.objects.count() == 0
    assert fake.send_webhook(callback, comment_id=new, times=2) == [200, 200]
    process_pending()
    assert Comment.objects.filter(connection=connection, remote_id=new).count() == 1


# --- dedupe, verbs, order -----------------------------------------------------------------------------
def test_a_delivery_replayed_three_times_makes_one_comment(client, fake, connection):
    new = fake.add_comment(POST, "Wanneer komt er een zebrapad aan de school?", author=AUTHOR)
    body = encode(fake.webhook_payload(new))
    statuses = [post_body(client, body, sign(body, fake.app_secret)).status_code for _ in range(3)]
    reports = process_pending()
    assert statuses == [200, 200, 200]
    assert Comment.objects.filter(connection=connection, remote_id=new).count() == 1
    assert [r["applied"] for r in reports] == [1, 0, 0] and [r["duplicates"] for r in reports] == [0, 1, 1]
    comment = local(connection, new)
    assert comment.author.name == "Zoë Maes" and comment.post.remote_id == POST
    assert comment.published_at.timestamp() == fake.comment(new).created


def test_processing_the_same_delivery_twice_changes_nothing(client, fake, connection):
    new = fake.add_comment(POST, "Dank u!", author=AUTHOR)
    deliver(client, fake, fake.webhook_payload(new))
    delivery_id = WebhookDelivery.objects.get().pk
    WebhookDelivery.objects.filter(pk=delivery_id).update(state=WebhookDelivery.State.RECEIVED)
    assert process_webhook_delivery_task(delivery_id)["duplicates"] == 1
    assert Comment.objects.filter(remote_id=new).count() == 1


def test_an_edit_replaces_the_text_and_keeps_the_old_one(client, fake, connection):
    new = fake.add_comment(POST, "De werken duren te lang", author=AUTHOR)
    deliver(client, fake, fake.webhook_payload(new))
    fake.comment(new).text = "De werken duren veel te lang!"
    deliver(client, fake, fake.webhook_payload(new, "edited"))
    comment = local(connection, new)
    assert comment.text == "De werken duren veel te lang!"
    assert [entry["text"] for entry in comment.previous_texts] == ["De werken duren te lang"]


def test_hide_and_unhide_follow_the_platform(client, fake, connection):
    sync_comments(connection=connection)
    deliver(client, fake, fake.webhook_payload(COMMENT, "hide"))
    assert local(connection, COMMENT).platform_state == Comment.PlatformState.HIDDEN
    deliver(client, fake, fake.webhook_payload(COMMENT, "unhide"))
    assert local(connection, COMMENT).platform_state == Comment.PlatformState.VISIBLE


def test_a_removed_comment_stays_deleted_when_its_add_arrives_late(client, fake, connection):
    new = fake.add_comment(POST, "Bel mij op 0470 12 34 56", author=AUTHOR)
    add = fake.webhook_payload(new)
    deliver(client, fake, add)
    deliver(client, fake, fake.webhook_payload(new, "remove"))
    assert local(connection, new).platform_state == Comment.PlatformState.DELETED
    deliver(client, fake, fake.webhook_payload(new, "hide"))
    add["entry"][0]["changes"][0]["value"]["message"] = "Bel mij op 0470 12 34 56 (opnieuw)"  # a new key
    deliver(client, fake, add)
    comment = local(connection, new)
    assert comment.platform_state == Comment.PlatformState.DELETED and comment.previous_texts == []


def test_a_remove_before_the_add_leaves_a_tombstone(client, fake, connection):
    new = fake.add_comment(POST, "Verdien €500 per dag!!!", author=AUTHOR)
    add = fake.webhook_payload(new)
    deliver(client, fake, fake.webhook_payload(new, "remove"))
    deliver(client, fake, add)
    assert not Comment.objects.filter(remote_id=new).exists()
    assert WebhookEvent.objects.filter(connection=connection, remote_id=new, verb="remove").exists()


def test_a_hide_for_an_unknown_comment_fetches_it(client, fake, connection):
    fake.comment(COMMENT).hidden = True
    deliver(client, fake, fake.webhook_payload(COMMENT, "hide"))
    comment = local(connection, COMMENT)
    assert comment.platform_state == Comment.PlatformState.HIDDEN
    assert comment.author.name == "An Peeters" and comment.text == fake.comment(COMMENT).text
    assert fake.requests(COMMENT, "GET")


def test_an_edit_before_its_add_keeps_the_newest_text(client, fake, connection):
    new = fake.add_comment(POST, "Eerste versie", author=AUTHOR)
    add = fake.webhook_payload(new)
    fake.comment(new).text = "Tweede versie"
    deliver(client, fake, fake.webhook_payload(new, "edited"))
    deliver(client, fake, add)
    assert local(connection, new).text == "Tweede versie"


def test_a_transient_error_while_fetching_retries_only_the_missing_change(client, fake, connection):
    other = fake.add_comment(POST, "Top initiatief 👍", author=AUTHOR)
    payload = delivery(
        "page",
        [
            (
                fake.page_id,
                [
                    fake.webhook_payload(other)["entry"][0]["changes"][0],
                    fake.webhook_payload(COMMENT, "hide")["entry"][0]["changes"][0],
                ],
            )
        ],
        time=fake.state.now(),
    )
    fake.comment(COMMENT).hidden = True
    fake.inject("server_error", COMMENT, method="GET")
    body = encode(payload)
    assert post_body(client, body, sign(body, fake.app_secret)).status_code == 200
    delivery_id = WebhookDelivery.objects.get().pk
    with pytest.raises(TransientError):
        process_webhook_delivery_task(delivery_id)
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.FAILED
    assert local(connection, other) and not Comment.objects.filter(remote_id=COMMENT).exists()
    report = process_webhook_delivery_task(delivery_id)
    assert (report["applied"], report["duplicates"]) == (1, 1)
    assert local(connection, COMMENT).platform_state == Comment.PlatformState.HIDDEN


def test_an_expired_token_while_fetching_asks_the_admins_to_reconnect(
    client, fake, connection, django_capture_on_commit_callbacks
):
    MembershipFactory(
        organisation=connection.organisation, role="admin", user__email="beheer@velderbeek.example"
    )
    fake.inject("expired_token", COMMENT, method="GET")
    body = encode(fake.webhook_payload(COMMENT, "hide"))
    assert post_body(client, body, sign(body, fake.app_secret)).status_code == 200
    # Only the processing runs its on-commit callbacks (the mail): the receiving one would
    # publish to the real broker.
    with django_capture_on_commit_callbacks(execute=True):
        process_pending()
    connection.refresh_from_db()
    assert connection.status == PlatformConnection.Status.NEEDS_RECONNECT
    assert [m.to for m in mail.outbox] == [["beheer@velderbeek.example"]]


# --- what is ignored --------------------------------------------------------------------------------
def test_an_unknown_entry_id_is_ignored(client, fake, connection):
    payload = delivery(
        "page", [("999999999999999", [reaction_change(fake.state, POST)])], time=fake.state.now()
    )
    body = encode(payload)
    response = post_body(client, body, sign(body, "whatever-secret"))
    assert response.status_code == 200
    assert WebhookDelivery.objects.count() == 0


def test_reactions_and_other_items_are_ignored(client, fake, connection):
    payload = delivery("page", [(fake.page_id, [reaction_change(fake.state, POST)])], time=fake.state.now())
    deliver(client, fake, payload)
    assert WebhookDelivery.objects.get().result["ignored"] == 1
    assert Comment.objects.count() == 0


def test_an_entry_older_than_the_retry_window_is_not_applied(client, fake, connection):
    new = fake.add_comment(POST, "Oud nieuws", author=AUTHOR)
    deliver(client, fake, fake.webhook_payload(new, time=fake.state.now() - 40 * 3600))
    assert WebhookDelivery.objects.get().result["stale"] == 1
    assert not Comment.objects.filter(remote_id=new).exists()
    deliver(
        client, fake, fake.webhook_payload(new, time=fake.state.now() - 30 * 3600)
    )  # still retried by Meta
    assert Comment.objects.filter(remote_id=new).exists()


def test_a_paused_connection_ignores_deliveries(client, fake, connection):
    PlatformConnection.objects.filter(pk=connection.pk).update(status=PlatformConnection.Status.PAUSED)
    new = fake.add_comment(POST, "Hallo?", author=AUTHOR)
    assert deliver(client, fake, fake.webhook_payload(new)) == [200]
    assert not Comment.objects.filter(remote_id=new).exists()


def test_an_oversize_body_gets_413(client, fake, connection):
    body = b'{"object":"page","entry":[],"padding":"' + b"x" * MAX_BODY_BYTES + b'"}'
    assert post_body(client, body, sign(body, fake.app_secret)).status_code == 413
    assert WebhookDelivery.objects.count() == 0


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"object": "page"}'])
def test_a_body_that_is_not_a_delivery_gets_400(client, fake, connection, body):
    assert post_body(client, body, sign(body, fake.app_secret)).status_code == 400


# --- Instagram, batches, registration ---------------------------------------------------------------
def test_an_instagram_comment_arrives_on_the_instagram_connection(client, fake, organisation):
    connection = graph_connection(organisation, fake, "instagram")
    connection.app_secret = fake.app_secret
    connection.save()
    media = fake.posts(fake.ig_account_id)[0]
    new = fake.add_comment(
        media, "Tot hoe laat is de markt open? 🎄", author={"id": "17841455512349999", "name": "lotte.vdb"}
    )
    payload = fake.webhook_payload(new)
    assert payload["object"] == "instagram"
    deliver(client, fake, payload, times=2)
    comment = local(connection, new)
    assert comment.author.name == "lotte.vdb" and comment.post.remote_id == media


def test_a_batch_with_several_changes_applies_each(client, fake, connection):
    first = fake.add_comment(POST, "Eén", author=AUTHOR)
    second = fake.add_comment(POST, "Twee", author=None)
    changes = [fake.webhook_payload(cid)["entry"][0]["changes"][0] for cid in (first, second)]
    deliver(
        client,
        fake,
        delivery(
            "page", [(fake.page_id, changes + [reaction_change(fake.state, POST)])], time=fake.state.now()
        ),
    )
    assert set(Comment.objects.values_list("remote_id", flat=True)) == {first, second}
    assert local(connection, second).author is None


def test_two_organisations_with_the_page_each_get_the_comment(client, fake, connection, other_organisation):
    other = graph_connection(other_organisation, fake, "facebook")
    other.app_secret = fake.app_secret
    other.save()
    new = fake.add_comment(POST, "Hallo?", author=AUTHOR)
    deliver(client, fake, fake.webhook_payload(new))
    assert Comment.objects.filter(remote_id=new).count() == 2


def test_the_task_is_registered_with_celery():
    assert process_webhook_delivery_task.name in celery_app.tasks
