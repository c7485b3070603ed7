"""Connection health: a rate-limited page waits while others sync; a dead token mails the admins."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from moderation import tasks
from moderation.connections import do_mark_needs_reconnect
from moderation.models import PlatformConnection
from tests.factories import ConnectionFactory, MembershipFactory
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.seed import ELDERS_TOKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server
    assert server.errors == []


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    ids: list[int] = []
    monkeypatch.setattr(tasks.sync_connection_task, "delay", lambda connection_id: ids.append(connection_id))
    return ids


def graph_page(organisation, fake, *, token: str, name: str) -> PlatformConnection:
    connection = ConnectionFactory(
        organisation=organisation,
        kind="facebook",
        name=name,
        remote_page_id=fake.state.tokens[token].page_id,
        options={},
    )
    connection.token = token
    connection.save()
    return connection


def test_a_rate_limited_connection_waits_while_another_keeps_syncing(organisation, fake, queued):
    velderbeek = graph_page(organisation, fake, token=fake.token, name="Velderbeek")
    elders = graph_page(organisation, fake, token=ELDERS_TOKEN, name="Elders")
    assert tasks.enqueue_due_syncs() == 2 and sorted(queued) == sorted([velderbeek.pk, elders.pk])
    fake.inject("rate_limit", f"{velderbeek.remote_page_id}/published_posts", minutes=15)
    for connection_id in queued:
        tasks.sync_connection_task(connection_id)
    velderbeek.refresh_from_db()
    elders.refresh_from_db()
    assert velderbeek.rate_limited_until > timezone.now() + timedelta(minutes=14)
    assert elders.rate_limited_until is None and elders.comments.exists()
    assert not velderbeek.comments.exists()

    queued.clear()
    PlatformConnection.objects.update(next_sync_at=None)  # both are due again
    assert tasks.enqueue_due_syncs() == 1
    assert queued == [elders.pk]


def test_needs_reconnect_mails_the_admins_once(organisation, connection, django_capture_on_commit_callbacks):
    MembershipFactory(organisation=organisation, role="admin", user__email="beheer@velderbeek.example")
    MembershipFactory(organisation=organisation, role="admin", user__email="")  # no address: skipped
    MembershipFactory(organisation=organisation, role="staff", user__email="medewerker@velderbeek.example")
    MembershipFactory(role="admin", user__email="beheer@elders.example")  # another organisation
    reason = "Facebook no longer accepts this connection's token: the token expired or was revoked."
    with django_capture_on_commit_callbacks(execute=True):
        do_mark_needs_reconnect(connection, reason=reason)
    connection.refresh_from_db()
    assert connection.status == PlatformConnection.Status.NEEDS_RECONNECT
    (message,) = mail.outbox
    assert message.to == ["beheer@velderbeek.example"]
    assert connection.name in message.subject and reason in message.body
    with django_capture_on_commit_callbacks(execute=True):
        do_mark_needs_reconnect(connection, reason=reason)
    assert len(mail.outbox) == 1


def test_the_mail_waits_for_the_commit(organisation, connection, django_capture_on_commit_callbacks):
    MembershipFactory(organisation=organisation, role="admin", user__email="beheer@velderbeek.example")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        do_mark_needs_reconnect(connection, reason="expired")
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_an_expired_token_in_a_sync_mails_the_admins(organisation, fake, django_capture_on_commit_callbacks):
    MembershipFactory(organisation=organisation, role="admin", user__email="beheer@velderbeek.example")
    connection = graph_page(organisation, fake, token=fake.token, name="Velderbeek")
    fake.inject("expired_token", "*/published_posts")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sync_connection_task(connection.pk)
    assert len(mail.outbox) == 1 and fake.token not in mail.outbox[0].body
