"""/healthz: status and checks for anyone, connection names only for members, never a secret."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.health import STALE_AFTER_MINIMUM
from moderation.models import PlatformConnection
from tests.factories import ConnectionFactory

pytestmark = pytest.mark.django_db


def test_it_answers_ok_with_only_status_and_checks_for_anyone(client, connection):
    PlatformConnection.objects.filter(pk=connection.pk).update(last_synced_at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == body["checks"]["broker"] == "ok"
    sync = body["checks"]["sync"]
    assert (sync["status"], sync["connections"], sync["stale"]) == ("ok", 1, 0)
    assert 0 <= sync["oldest_sync_age_seconds"] < 60
    assert set(body) == {"status", "checks", "took_ms"}
    assert connection.name not in response.content.decode()


def test_a_connection_that_stopped_syncing_makes_it_degraded_not_down(client, connection):
    PlatformConnection.objects.filter(pk=connection.pk).update(
        last_synced_at=timezone.now() - STALE_AFTER_MINIMUM - timedelta(minutes=1)
    )
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["sync"]["stale"] == 1
    assert body["checks"]["sync"]["oldest_sync_age_seconds"] >= STALE_AFTER_MINIMUM.total_seconds()


def test_a_paused_connection_is_not_counted(client, connection):
    PlatformConnection.objects.filter(pk=connection.pk).update(status=PlatformConnection.Status.PAUSED)
    assert client.get("/healthz").json()["checks"]["sync"]["connections"] == 0


def test_members_see_their_own_connections_by_name_and_no_secrets(staff_client, connection, other_organisation):
    connection.token = "EAAG-secret-page-token"
    connection.save()
    elsewhere = ConnectionFactory(organisation=other_organisation, name="Stad Elders (demo)")
    response = staff_client.get("/healthz/")
    text = response.content.decode()
    assert [c["name"] for c in response.json()["connections"]] == [connection.name]
    assert elsewhere.name not in text
    assert "EAAG-secret-page-token" not in text and connection.token_encrypted not in text


def test_an_unreachable_broker_answers_503(client, settings, connection):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["broker"] == "fail"
    assert "127.0.0.1:1" not in json.dumps(response.json())


def test_an_unreachable_database_answers_503(client, monkeypatch):
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("moderation.health.db_connection.cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "fail", "broker": response.json()["checks"]["broker"],
                                         "sync": {"status": "fail"}}
