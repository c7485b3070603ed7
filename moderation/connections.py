"""Actions on platform connections: errors, reconnect state, manual sync."""

from __future__ import annotations

import logging

from django.utils import timezone

from accounts.audit import record_event
from moderation.models import PlatformConnection

logger = logging.getLogger(__name__)


def do_record_sync_error(connection: PlatformConnection, *, error: str) -> None:
    logger.warning("sync of connection %s failed: %s", connection.pk, error)
    PlatformConnection.objects.filter(pk=connection.pk).update(
        last_error=error[:2000], last_error_at=timezone.now(), updated_at=timezone.now()
    )


def do_mark_needs_reconnect(connection: PlatformConnection, *, reason: str) -> None:
    """Stop syncing until an admin reconnects the page."""
    PlatformConnection.objects.filter(pk=connection.pk).update(
        status=PlatformConnection.Status.NEEDS_RECONNECT,
        last_error=reason[:2000],
        last_error_at=timezone.now(),
        updated_at=timezone.now(),
    )
    record_event(
        connection.organisation,
        actor=None,
        verb="connection.needs_reconnect",
        target=connection,
        summary=connection.name,
        reason=reason,
    )
