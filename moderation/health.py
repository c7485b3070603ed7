"""Health checks for /healthz: the database, the broker and how fresh each connection's sync is.

Every check is bounded in time and never raises: a probe that hangs or crashes tells an operator
nothing. The public report holds only states, counts and ages; names are added for members, and
only for their own organisations. No check ever returns a token, a URL with a password, or an
error text (errors can hold platform details).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection as db_connection
from django.utils import timezone

logger = logging.getLogger(__name__)

OK, DEGRADED, FAIL = "ok", "degraded", "fail"
BROKER_TIMEOUT_SECONDS = 2.0
# A connection is stale when its last successful sync is older than this many intervals...
STALE_AFTER_INTERVALS = 3
# ...and at least this old (a 10 s demo interval should not page anyone after 30 s).
STALE_AFTER_MINIMUM = timedelta(minutes=10)


@dataclass(frozen=True)
class SyncAge:
    connection_id: int
    organisation_id: int
    name: str
    kind: str
    status: str
    last_synced_at: datetime | None
    age_seconds: int | None
    stale: bool


def check_database() -> str:
    """``ok`` when a trivial query answers."""
    try:
        with db_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not ok"; the log has the detail
        logger.warning("health: database check failed", exc_info=True)
        return FAIL
    return OK


def check_broker(*, timeout: float = BROKER_TIMEOUT_SECONDS) -> str:
    """``ok`` when the Celery broker answers within ``timeout`` seconds (Redis PING, or the queue folder)."""
    url = settings.CELERY_BROKER_URL
    try:
        if url.startswith(("redis://", "rediss://", "unix://")):
            import redis

            client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
            try:
                client.ping()
            finally:
                client.close()
        elif url.startswith("filesystem://"):
            from pathlib import Path

            folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
            if not folder.is_dir():
                return FAIL
        else:
            from kombu import Connection

            with Connection(url, connect_timeout=timeout) as conn:
                conn.ensure_connection(max_retries=1, timeout=timeout)
    except Exception:  # noqa: BLE001
        logger.warning("health: broker check failed", exc_info=True)
        return FAIL
    return OK


def sync_ages(*, now: datetime | None = None, organisation_ids: list[int] | None = None) -> list[SyncAge]:
    """Active connections with the age of their last successful sync (never synced: age from creation)."""
    from moderation.models import PlatformConnection

    now = now or timezone.now()
    rows = PlatformConnection.objects.filter(status=PlatformConnection.Status.ACTIVE).order_by("pk")
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=organisation_ids)
    ages = []
    for row in rows.only("pk", "organisation_id", "name", "kind", "status", "last_synced_at", "created_at",
                         "sync_interval_seconds"):
        since = row.last_synced_at or row.created_at
        age = max(0, int((now - since).total_seconds()))
        limit = max(STALE_AFTER_MINIMUM, timedelta(seconds=row.sync_interval_seconds * STALE_AFTER_INTERVALS))
        ages.append(
            SyncAge(
                connection_id=row.pk,
                organisation_id=row.organisation_id,
                name=row.name,
                kind=row.kind,
                status=row.status,
                last_synced_at=row.last_synced_at,
                age_seconds=age if row.last_synced_at else None,
                stale=age > limit.total_seconds(),
            )
        )
    return ages


def health_report(*, organisation_ids: list[int] | None = None) -> tuple[int, dict[str, Any]]:
    """The HTTP status and JSON body of /healthz.

    503 when the database or the broker fails (this process cannot do its work); 200 with status
    ``degraded`` when only syncs are stale (the inbox works, new comments are late). With
    ``organisation_ids`` (a member's own organisations), each of their connections is listed.
    """
    started = time.monotonic()
    database = check_database()
    broker = check_broker()
    checks: dict[str, Any] = {"database": database, "broker": broker}
    if database == OK:
        ages = sync_ages()
        stale = [a for a in ages if a.stale]
        synced = [a.age_seconds for a in ages if a.age_seconds is not None]
        checks["sync"] = {
            "status": DEGRADED if stale else OK,
            "connections": len(ages),
            "stale": len(stale),
            "oldest_sync_age_seconds": max(synced) if synced else None,
        }
    else:
        checks["sync"] = {"status": FAIL}
    if FAIL in (database, broker):
        status, http_status = FAIL, 503
    else:
        status, http_status = (DEGRADED if checks["sync"]["status"] == DEGRADED else OK), 200
    body: dict[str, Any] = {"status": status, "checks": checks}
    if organisation_ids and database == OK:
        body["connections"] = [
            {
                "id": a.connection_id,
                "name": a.name,
                "kind": a.kind,
                "status": a.status,
                "last_synced_at": a.last_synced_at.isoformat() if a.last_synced_at else None,
                "age_seconds": a.age_seconds,
                "stale": a.stale,
            }
            for a in sync_ages(organisation_ids=organisation_ids)
        ]
    body["took_ms"] = round((time.monotonic() - started) * 1000, 1)
    return http_status, body
