"""Connecting pages: check a token against the platform, then connect, reconnect, pause, resume.

``check_*`` functions talk to the platform and raise ``ConnectRefused`` with messages an admin
can act on; ``do_*`` functions trust their input, change the connection, write the audit line
(page name only: a token or app secret never reaches the audit trail, a log line or a page)
and queue a sync after commit.

Missing permissions refuse the connection rather than saving it as "not ready": a connection
without them would fail later in a moderator's hands (a hide that cannot be carried out), and
refusing means a token that cannot do the job is never stored. The admin sees each missing
permission with what it is needed for, in Dutch, and can generate a better token.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Organisation
from moderation.models import PlatformConnection
from moderation.platforms.base import AuthExpired, PermanentError, PlatformError, TransientError
from moderation.platforms.facebook import REQUIRED_PERMISSIONS, FacebookConnector
from moderation.platforms.graph import graph_id
from moderation.platforms.registry import KIND_CHOICES

logger = logging.getLogger(__name__)

CONNECTABLE_KINDS = ("facebook", "instagram")
# Instagram API with Facebook Login (platform-apis.md 2.1), plus the page webhook subscription.
INSTAGRAM_REQUIRED_PERMISSIONS: dict[str, str] = {
    "instagram_basic": "het Instagram-account en zijn berichten lezen",
    "instagram_manage_comments": "reacties op Instagram lezen, verbergen, verwijderen en beantwoorden",
    "pages_show_list": "de pagina's tonen die je kan koppelen",
    "pages_read_engagement": "de gekoppelde Facebookpagina lezen",
    "pages_manage_metadata": "meldingen van nieuwe reacties (webhooks) aanzetten",
}


class ConnectRefused(Exception):
    """The platform or the form's values do not allow this connection; ``messages`` say why."""

    def __init__(self, *messages: str) -> None:
        super().__init__(messages[0] if messages else "")
        self.messages = list(messages)


@dataclass(frozen=True)
class TokenCheck:
    """What the platform says about a token that passed every check."""

    kind: str
    remote_page_id: str  # Facebook page id or Instagram account id
    page_id: str  # the Facebook page the token belongs to
    name: str  # the page's name (Facebook) or the account's username (Instagram)


def connectable_kinds() -> list[tuple[str, str]]:
    """The kinds an admin may connect here: Facebook and Instagram, when enabled in settings."""
    enabled = set(getattr(settings, "PLATFORMS_ENABLED", []))
    return [(kind, label) for kind, label in KIND_CHOICES if kind in CONNECTABLE_KINDS and kind in enabled]


def required_permissions(kind: str) -> dict[str, str]:
    return INSTAGRAM_REQUIRED_PERMISSIONS if kind == "instagram" else REQUIRED_PERMISSIONS


def check_not_connected(organisation: Organisation, *, kind: str, remote_page_id: str) -> None:
    if PlatformConnection.objects.filter(
        organisation=organisation, kind=kind, remote_page_id=remote_page_id
    ).exists():
        raise ConnectRefused(
            _("This page is already connected. Use Reconnect on the connections page to give it a new token.")
        )


def check_token(*, kind: str, remote_page_id: str, token: str, page_id: str = "") -> TokenCheck:
    """Ask the platform whose token this is and whether it may do everything we need (1.2, 2.1).

    For Instagram the token is the linked Facebook page's token and ``page_id`` that page.
    """
    try:
        remote_page_id = graph_id(remote_page_id)
        page_id = graph_id(page_id if kind == "instagram" else remote_page_id)
    except PermanentError:
        raise ConnectRefused(_("A page or account id consists of digits only.")) from None
    probe = PlatformConnection(kind="facebook", remote_page_id=page_id, options={})
    probe.token = token
    connector = FacebookConnector(probe)
    with _platform_errors():
        info = connector.check_token()
    if info["page_id"] != page_id:
        raise ConnectRefused(
            _("This token belongs to the page %(name)s (%(id)s), not to page %(expected)s.")
            % {"name": info["name"], "id": info["page_id"], "expected": page_id}
        )
    with _platform_errors():
        missing = _missing(connector, kind, info)
    if missing:
        explanations = required_permissions(kind)
        raise ConnectRefused(
            _("This token lacks permissions Reageerwijzer needs. Create a token that includes them:"),
            *[f"{permission}: {explanations[permission]}" for permission in missing],
        )
    with _platform_errors():
        name = _instagram_name(connector, page_id, remote_page_id) if kind == "instagram" else info["name"]
    return TokenCheck(kind=kind, remote_page_id=remote_page_id, page_id=page_id, name=name or remote_page_id)


@contextmanager
def _platform_errors() -> Iterator[None]:
    """Platform errors as messages for the admin (``str(exc)`` never holds a token)."""
    try:
        yield
    except AuthExpired:
        raise ConnectRefused(
            _("Facebook does not accept this token. Copy a new page access token and try again.")
        ) from None
    except TransientError:
        raise ConnectRefused(
            _("Facebook could not be reached just now. Try again in a few minutes.")
        ) from None
    except PlatformError as exc:
        raise ConnectRefused(_("Facebook refused the check: %(error)s") % {"error": exc}) from None


def _missing(connector: FacebookConnector, kind: str, info: dict[str, Any]) -> list[str]:
    if kind != "instagram":
        return list(info["missing_permissions"])
    rows = connector.graph.get("me/permissions").get("data", [])
    granted = {
        str(row.get("permission")) for row in rows if isinstance(row, dict) and row.get("status") == "granted"
    }
    return [name for name in INSTAGRAM_REQUIRED_PERMISSIONS if name not in granted]


def _instagram_name(connector: FacebookConnector, page_id: str, account_id: str) -> str:
    """The account's username, after checking it is the one linked to the page (2.1)."""
    page = connector.graph.get(page_id, {"fields": "instagram_business_account"})
    linked = (
        page.get("instagram_business_account")
        if isinstance(page.get("instagram_business_account"), dict)
        else {}
    )
    if str(linked.get("id") or "") != account_id:
        raise ConnectRefused(
            _("The Instagram account %(account)s is not linked to the Facebook page %(page)s.")
            % {"account": account_id, "page": page_id}
        )
    account = connector.graph.get(account_id, {"fields": "id,username"})
    return str(account.get("username") or "")


def subscribe_webhooks(connection: PlatformConnection) -> str:
    """Ask Facebook to send the page's ``feed`` changes to our app (1.8); "" or a safe error text.

    Best effort: without it, polling still brings every comment in, only later.
    """
    page_id = str(connection.options.get("page_id") or connection.remote_page_id)
    try:
        FacebookConnector(connection).graph.post(
            f"{graph_id(page_id)}/subscribed_apps", data={"subscribed_fields": "feed"}
        )
    except PlatformError as exc:
        logger.info("webhook subscription for connection %s failed: %s", connection.pk, exc)
        return str(exc)
    return ""


@transaction.atomic(durable=True)
def do_connect(
    organisation: Organisation,
    *,
    acting_user: Any,
    check: TokenCheck,
    token: str,
    app_secret: str,
    name: str = "",
) -> PlatformConnection:
    """Store a checked connection (token and secret encrypted) and start its first sync."""
    connection = PlatformConnection(
        organisation=organisation,
        kind=check.kind,
        name=(name or check.name)[:200],
        remote_page_id=check.remote_page_id,
        options={"page_id": check.page_id} if check.kind == "instagram" else {},
        status=PlatformConnection.Status.ACTIVE,
        sync_interval_seconds=getattr(settings, "SYNC_INTERVAL_SECONDS", 60),
    )
    connection.token = token
    connection.app_secret = app_secret
    connection.save()
    record_event(
        organisation, actor=acting_user, verb="connection.created", target=connection, summary=connection.name
    )
    _sync_after_commit(connection)
    return connection


@transaction.atomic(durable=True)
def do_update_connection(
    connection: PlatformConnection, *, acting_user: Any, name: str, token: str = "", app_secret: str = ""
) -> PlatformConnection:
    """Rename; store a new (checked) token and/or app secret. Empty means "keep the stored one".

    A new token is a reconnect: a connection that needed reconnecting becomes active again and
    syncs at once; a paused one stays paused.
    """
    connection = PlatformConnection.objects.select_for_update().get(pk=connection.pk)
    connection.name = name[:200] or connection.name
    fields = ["name", "updated_at"]
    if app_secret:
        connection.app_secret = app_secret
        fields.append("app_secret_encrypted")
    if token:
        connection.token = token
        connection.last_error = ""
        connection.rate_limited_until = None
        connection.next_sync_at = None
        fields += ["token_encrypted", "last_error", "rate_limited_until", "next_sync_at"]
        if connection.status == PlatformConnection.Status.NEEDS_RECONNECT:
            connection.status = PlatformConnection.Status.ACTIVE
            fields.append("status")
    connection.save(update_fields=fields)
    verb = "connection.reconnected" if token else "connection.updated"
    record_event(
        connection.organisation, actor=acting_user, verb=verb, target=connection, summary=connection.name
    )
    if token and connection.status == PlatformConnection.Status.ACTIVE:
        _sync_after_commit(connection)
    return connection


@transaction.atomic(durable=True)
def do_pause_connection(connection: PlatformConnection, *, acting_user: Any) -> None:
    """Stop syncing and ignore webhooks for this page until it is resumed."""
    PlatformConnection.objects.filter(pk=connection.pk).update(status=PlatformConnection.Status.PAUSED)
    record_event(
        connection.organisation,
        actor=acting_user,
        verb="connection.paused",
        target=connection,
        summary=connection.name,
    )


@transaction.atomic(durable=True)
def do_resume_connection(connection: PlatformConnection, *, acting_user: Any) -> None:
    """Sync again, at once; if the token died meanwhile the sync marks it "needs reconnecting"."""
    PlatformConnection.objects.filter(pk=connection.pk).update(
        status=PlatformConnection.Status.ACTIVE, next_sync_at=None, rate_limited_until=None
    )
    record_event(
        connection.organisation,
        actor=acting_user,
        verb="connection.resumed",
        target=connection,
        summary=connection.name,
    )
    _sync_after_commit(connection)


def _sync_after_commit(connection: PlatformConnection) -> None:
    from moderation.tasks import sync_connection_task

    sync_connection_task.delay_on_commit(connection.pk)
