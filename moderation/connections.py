"""Actions on platform connections: errors, reconnect state, manual sync."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Membership
from accounts.permissions import Role
from moderation.models import PlatformConnection

logger = logging.getLogger(__name__)


SYNC_BACKOFF_MAX = timedelta(minutes=15)


def sync_backoff(connection: PlatformConnection, *, now: datetime) -> timedelta:
    """How long beat waits before the next sync of a failing connection: as long as it has been
    failing (so the waits double), at least its interval and at most 15 minutes. Without this,
    beat starts a new retry chain every interval and an outage multiplies the calls we make."""
    failing_since = connection.last_synced_at or connection.created_at or now
    failing_for = now - failing_since
    return min(max(failing_for, timedelta(seconds=connection.sync_interval_seconds)), SYNC_BACKOFF_MAX)


def do_record_sync_error(connection: PlatformConnection, *, error: str) -> None:
    logger.warning("sync of connection %s failed: %s", connection.pk, error)
    now = timezone.now()
    PlatformConnection.objects.filter(pk=connection.pk).update(
        last_error=error[:2000], last_error_at=now, updated_at=now,
        next_sync_at=now + sync_backoff(connection, now=now),
    )


def do_mark_needs_reconnect(connection: PlatformConnection, *, reason: str) -> None:
    """Stop syncing until an admin reconnects the page; the admins get an e-mail after commit.

    ``reason`` must be safe to show (connector errors never hold a token). Only the change
    into "needs reconnecting" sends mail, so a second failure does not mail again.
    """
    with transaction.atomic():
        changed = (
            PlatformConnection.objects.filter(pk=connection.pk)
            .exclude(status=PlatformConnection.Status.NEEDS_RECONNECT)
            .update(
                status=PlatformConnection.Status.NEEDS_RECONNECT,
                last_error=reason[:2000],
                last_error_at=timezone.now(),
                updated_at=timezone.now(),
            )
        )
        record_event(
            connection.organisation,
            actor=None,
            verb="connection.needs_reconnect",
            target=connection,
            summary=connection.name,
            reason=reason,
        )
        if changed:
            transaction.on_commit(partial(send_needs_reconnect_mail, connection.pk, reason=reason))


def admin_emails(organisation_id: int) -> list[str]:
    """E-mail addresses of the organisation's active admins."""
    rows = Membership.objects.filter(
        organisation_id=organisation_id, role=Role.ADMIN, user__is_active=True
    ).exclude(user__email="")
    return sorted(set(rows.values_list("user__email", flat=True)))


def send_needs_reconnect_mail(connection_id: int, *, reason: str) -> int:
    """Tell the admins a page needs reconnecting; returns how many were mailed. Never raises."""
    connection = PlatformConnection.objects.filter(pk=connection_id).select_related("organisation").first()
    if connection is None:
        return 0
    recipients = admin_emails(connection.organisation_id)
    if not recipients:
        return 0
    subject = _("Reageerwijzer: %(name)s needs reconnecting") % {"name": connection.name}
    body = _(
        "Reageerwijzer can no longer read or moderate %(name)s (%(platform)s) for %(organisation)s.\n\n"
        "Reason: %(reason)s\n\n"
        "Comments on this page do not reach the inbox until an administrator reconnects it: "
        "open Reageerwijzer, go to Connections and choose Reconnect."
    ) % {
        "name": connection.name,
        "platform": connection.get_kind_display(),
        "organisation": connection.organisation.name,
        "reason": reason,
    }
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # mail trouble must not undo the state change or crash a sync task
        logger.exception("could not mail the admins about connection %s", connection_id)
        return 0
