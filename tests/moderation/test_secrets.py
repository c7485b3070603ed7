"""Platform tokens: encrypted with a rotatable key, and never in logs, the audit log, error pages or pages."""

from __future__ import annotations

import contextlib
import json
import logging
import sys

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse
from django.views.debug import ExceptionReporter

from accounts.models import AuditEvent
from moderation import tasks
from moderation.crypto import reset_key_cache
from moderation.models import PlatformConnection
from moderation.platforms.base import TransientError
from tests.factories import ConnectionFactory
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.testing import graph_connection
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()
TOKEN = "EAAGtesttokenthatmustneverleak0123456789"
APP_SECRET = "appsecretthatmustneverleak42"


@pytest.fixture
def keys(settings):
    """Switch FIELD_ENCRYPTION_KEY (newest first) and forget the cached keys, now and afterwards."""

    def use(*values: str) -> None:
        settings.FIELD_ENCRYPTION_KEY = list(values)
        reset_key_cache()

    yield use
    reset_key_cache()


def stored(connection: PlatformConnection) -> PlatformConnection:
    return PlatformConnection.objects.get(pk=connection.pk)


# --- rotation -----------------------------------------------------------------------------


def test_rotation_moves_every_secret_to_the_newest_key(keys, organisation):
    keys(OLD_KEY)
    connection = ConnectionFactory(organisation=organisation)
    connection.token, connection.app_secret = TOKEN, APP_SECRET
    connection.save()
    empty = ConnectionFactory(organisation=organisation)  # no secrets: stays empty
    before = stored(connection).token_encrypted

    keys(NEW_KEY, OLD_KEY)
    assert stored(connection).token == TOKEN  # the old key still decrypts before rotation
    keys(NEW_KEY)
    with pytest.raises(ValueError):
        stored(connection).token  # noqa: B018  (the new key alone cannot, yet)

    keys(NEW_KEY, OLD_KEY)
    out = _run_rotate()
    assert "2 connection(s)" in out and TOKEN not in out and before not in out

    keys(NEW_KEY)  # after rotation the new key alone is enough
    assert (stored(connection).token, stored(connection).app_secret) == (TOKEN, APP_SECRET)
    assert stored(connection).token_encrypted != before
    assert stored(empty).token_encrypted == ""


def test_a_secret_no_key_can_read_is_named_by_id_and_left_alone(keys, organisation):
    keys(OLD_KEY)
    lost = ConnectionFactory(organisation=organisation)
    lost.token = TOKEN
    lost.save()
    keys(NEW_KEY)
    fine = ConnectionFactory(organisation=organisation)
    fine.token = "other"
    fine.save()
    lost_before = stored(lost).token_encrypted
    with pytest.raises(CommandError, match=f"connection\\(s\\) {lost.pk};") as error:
        _run_rotate()
    assert lost_before not in str(error.value)
    assert stored(lost).token_encrypted == lost_before and stored(fine).token == "other"


def _run_rotate() -> str:
    import io

    out = io.StringIO()
    call_command("rotate_secrets", stdout=out)
    return out.getvalue()


# --- never shown --------------------------------------------------------------------------


@pytest.fixture
def fake(settings):
    settings.PLATFORMS_ENABLED = ["demo", "facebook", "instagram"]
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        ("invalid_token", {}),
        ("expired_token", {}),
        ("server_error", {}),
        ("malformed_json", {}),
        ("html_502", {}),
        ("error", {"code": 1, "status": 400, "message": "Invalid OAuth access_token=%TOKEN% in request"}),
    ],
)
def test_a_failing_sync_never_logs_or_records_the_token(fake, organisation, caplog, fault, options):
    MembershipFactoryAdmin(organisation)
    connection = graph_connection(organisation, fake)
    options = {k: v.replace("%TOKEN%", fake.token) if isinstance(v, str) else v for k, v in options.items()}
    fake.inject(fault, "*", times=10, **options)
    caplog.set_level(logging.DEBUG)
    with contextlib.suppress(TransientError):  # retried by Celery in real life
        tasks.sync_connection_task(connection.pk)
    connection.refresh_from_db()
    assert connection.last_error  # the failure is recorded...
    texts = [
        caplog.text,
        connection.last_error,
        *(json.dumps([e.summary, e.reason, e.article, e.data]) for e in AuditEvent.objects.all()),
        *(m.subject + m.body for m in mail.outbox),
    ]
    assert [text for text in texts if fake.token in text] == []  # ...without the token


def MembershipFactoryAdmin(organisation):  # noqa: N802  (reads like the factory it wraps)
    from tests.factories import MembershipFactory

    return MembershipFactory(organisation=organisation, role="admin", user__email="beheer@velderbeek.example")


def test_the_connections_page_never_shows_a_token(admin_client_, organisation):
    connection = ConnectionFactory(organisation=organisation, kind="facebook")
    connection.token, connection.app_secret = TOKEN, APP_SECRET
    connection.save()
    for url in (
        reverse("moderation:connections"),
        reverse("moderation:connection_edit", args=[connection.pk]),
    ):
        html = admin_client_.get(url).content.decode()
        assert TOKEN not in html and APP_SECRET not in html
        assert stored(connection).token_encrypted not in html


def test_connecting_writes_no_token_to_the_audit_log(fake, admin_user, admin_client_):
    response = admin_client_.post(
        reverse("moderation:connection_create"),
        {
            "kind": "facebook",
            "remote_page_id": fake.page_id,
            "token": fake.token,
            "app_secret": APP_SECRET,
            "name": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert PlatformConnection.objects.get(remote_page_id=fake.page_id).token == fake.token
    rows = [json.dumps([e.summary, e.reason, e.article, e.data]) for e in AuditEvent.objects.all()]
    assert rows and [row for row in rows if fake.token in row or APP_SECRET in row] == []


def test_a_server_error_shows_and_reports_no_token(settings, admin_user, monkeypatch, caplog):
    """DEBUG off: a plain 500 page. The error report (DEBUG page, mail to ADMINS) hides it too."""
    settings.DEBUG = False
    settings.PLATFORMS_ENABLED = ["demo", "facebook"]
    from moderation import connect

    def explode(**kwargs):
        token = kwargs["token"]  # a local called token, as in real code
        raise RuntimeError(f"graph exploded for page {kwargs['remote_page_id']} ({len(token)})")

    monkeypatch.setattr(connect, "check_token", explode)
    reports: list[str] = []

    def report(sender, request, **kwargs):
        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_html())

    got_request_exception.connect(report)
    try:
        client = client_for(admin_user)
        client.raise_request_exception = False
        response = client.post(
            reverse("moderation:connection_create"),
            {
                "kind": "facebook",
                "remote_page_id": "123",
                "token": TOKEN,
                "app_secret": APP_SECRET,
                "name": "x",
            },
        )
    finally:
        got_request_exception.disconnect(report)
    assert response.status_code == 500
    assert TOKEN not in response.content.decode() and TOKEN not in caplog.text
    (html,) = reports
    assert "graph exploded" in html  # the report is real...
    assert TOKEN not in html and APP_SECRET not in html  # ...and keeps the secrets out
    assert settings.SECRET_KEY not in html


def test_secret_looking_post_fields_are_hidden_in_error_reports(rf):
    """The filter also hides secret-looking POST fields of views without a decorator."""
    from accounts.errorreports import SecretsReporterFilter

    request = rf.post("/x/", {"password": "hunter2hunter2", "token": TOKEN, "name": "Jan"})
    cleaned = SecretsReporterFilter().get_post_parameters(request)
    assert (
        cleaned["name"] == "Jan" and TOKEN not in str(dict(cleaned)) and "hunter2" not in str(dict(cleaned))
    )


def test_a_client_without_login_sees_nothing(client: Client, organisation):
    connection = ConnectionFactory(organisation=organisation)
    connection.token = TOKEN
    connection.save()
    assert TOKEN not in client.get(reverse("moderation:connections"), follow=True).content.decode()
