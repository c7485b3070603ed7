"""Meta webhooks: verify and store a delivery, then apply its comment changes through sync's upsert.

Flow (platform-apis.md 6c): the view hands the raw body to ``do_receive_delivery``, which finds
the connections by entry id, checks ``X-Hub-Signature-256`` against their app secrets, stores
the body as a ``WebhookDelivery`` and queues ``process_delivery`` after commit. Processing turns
each change into a ``CommentEvent`` and applies it once per connection: a ``WebhookEvent`` row
keyed on the change's content makes retries and duplicates harmless, a ``remove`` leaves a
tombstone so a late ``add`` cannot resurrect the comment, and an ``edited``/``hide``/``unhide``
for a comment we do not know is treated as a hint: the comment is fetched from the platform.
Webhooks are a latency optimisation; polling (``sync.sync_comments``) still reconciles.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from moderation import webhook_events
from moderation.connections import do_mark_needs_reconnect
from moderation.models import Comment, PlatformConnection, Post, WebhookDelivery, WebhookEvent
from moderation.platforms import facebook
from moderation.platforms.base import (
    AuthExpired,
    FetchResult,
    Gone,
    PlatformError,
    RemoteComment,
    RemotePost,
    TransientError,
)
from moderation.platforms.graph import graph_id
from moderation.sync import SyncReport, store_page
from moderation.webhook_events import CommentEvent

logger = logging.getLogger(__name__)

RETENTION_DAYS = 7  # dedupe keys and tombstones must outlive Meta's 36 h of retries (>= 48 h, 6c)
Outcome = Literal["applied", "duplicates", "ignored"]
GONE = object()  # a fetched comment that no longer exists on the platform


class BadSignature(Exception):
    """No connection's app secret signed this body (answered 403; nothing is stored)."""


@dataclass
class ProcessReport:
    applied: int = 0
    duplicates: int = 0
    ignored: int = 0
    stale: int = 0
    failed: int = 0


# --- receiving ----------------------------------------------------------------------------------
def _secret_of(connection: PlatformConnection) -> str:
    try:
        return connection.app_secret
    except ValueError:  # encrypted with a key we no longer have
        logger.warning("the app secret of connection %s cannot be decrypted", connection.pk)
        return ""


def do_receive_delivery(raw: bytes, *, signature: str) -> WebhookDelivery | None:
    """Store a delivery signed by a connection's app secret and queue its processing.

    Returns None when no entry belongs to a connection (or the object is not one we read):
    nothing to verify against and nothing to do. Raises BadDelivery for an unreadable body and
    BadSignature when connections exist but none of their secrets signed ``raw``.
    """
    object_type, entries = webhook_events.read_body(raw)
    kind = webhook_events.OBJECT_KINDS.get(object_type)
    if kind is None:
        return None
    ids = webhook_events.entry_ids(entries)
    candidates = list(PlatformConnection.objects.filter(kind=kind, remote_page_id__in=ids))
    if not candidates:
        return None
    matched = [c for c in candidates if webhook_events.signature_matches(raw, signature, _secret_of(c))]
    if not matched:
        raise BadSignature
    from moderation.tasks_webhooks import process_webhook_delivery_task

    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            object_type=object_type, body=raw, connection_ids=sorted(c.pk for c in matched)
        )
        process_webhook_delivery_task.delay_on_commit(delivery.pk)
    return delivery


# --- processing ---------------------------------------------------------------------------------
def process_delivery(delivery_id: int) -> ProcessReport | None:
    """Apply every comment change of a stored delivery once; safe to run again.

    A transient platform error while fetching a comment is re-raised after the other changes
    are applied; the retry finds those by their dedupe keys and skips them.
    """
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.state == WebhookDelivery.State.PROCESSED:
        return None
    WebhookDelivery.objects.filter(pk=delivery_id).update(attempts=F("attempts") + 1)
    object_type, entries = webhook_events.read_body(bytes(delivery.body))
    connections = list(
        PlatformConnection.objects.filter(pk__in=delivery.connection_ids).select_related("organisation")
    )
    report, retry = ProcessReport(), None
    now = timezone.now()
    for entry in entries:
        targets = [c for c in connections if c.remote_page_id == str(entry.get("id"))]
        if not targets:
            report.ignored += 1
            continue
        when = webhook_events.entry_time(entry, now=now)
        if when is None:  # outside the replay window
            report.stale += 1
            continue
        for event in webhook_events.events_of(object_type, entry, when=when):
            for connection in targets:
                if event is None:
                    report.ignored += 1
                    continue
                try:
                    outcome = apply_event(connection, event)
                except TransientError as exc:
                    retry = exc
                    report.failed += 1
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
    _finish(delivery_id, report, retry)
    if retry is not None:
        raise retry
    prune_old_records(now=now)
    return report


def _finish(delivery_id: int, report: ProcessReport, retry: Exception | None) -> None:
    state = WebhookDelivery.State.FAILED if retry is not None else WebhookDelivery.State.PROCESSED
    WebhookDelivery.objects.filter(pk=delivery_id).update(
        state=state, result=asdict(report), error=str(retry or "")[:2000], processed_at=timezone.now()
    )


def apply_event(connection: PlatformConnection, event: CommentEvent) -> Outcome:
    """Apply one change to one connection, at most once (the dedupe row commits with the change)."""
    if connection.status == PlatformConnection.Status.PAUSED:
        return "ignored"
    if WebhookEvent.objects.filter(connection=connection, dedupe_key=event.dedupe_key).exists():
        return "duplicates"
    local = Comment.objects.filter(connection=connection, remote_id=event.comment_id).first()
    fetched: RemoteComment | object | None = None
    if _needs_fetch(event, local) and not _tombstoned(connection, event.comment_id, local):
        fetched = _fetch(connection, event)
    with transaction.atomic():
        PlatformConnection.objects.select_for_update().filter(pk=connection.pk).first()  # one writer, as sync
        try:
            with transaction.atomic():
                WebhookEvent.objects.create(
                    connection=connection,
                    dedupe_key=event.dedupe_key,
                    remote_id=event.comment_id,
                    verb=event.verb,
                )
        except IntegrityError:  # the same change, applied by a concurrent worker
            return "duplicates"
        return _apply(connection, event, fetched)


def _needs_fetch(event: CommentEvent, local: Comment | None) -> bool:
    """Order independence (6c): an edit or (un)hide we cannot apply from the event alone."""
    if event.verb in {"hide", "unhide"}:
        return local is None
    if event.verb == "edited":
        return local is None or event.message is None
    return False


def _tombstoned(connection: PlatformConnection, remote_id: str, local: Comment | None) -> bool:
    if local is not None:
        return local.platform_state == Comment.PlatformState.DELETED
    return WebhookEvent.objects.filter(connection=connection, remote_id=remote_id, verb="remove").exists()


def _apply(
    connection: PlatformConnection, event: CommentEvent, fetched: RemoteComment | object | None
) -> Outcome:
    local = (
        Comment.objects.filter(connection=connection, remote_id=event.comment_id)
        .select_related("post")
        .first()
    )
    if event.verb == "remove" or fetched is GONE:
        return _remove(connection, event.comment_id, local)
    if _tombstoned(connection, event.comment_id, local):
        return "ignored"  # removed before: a late add, edit or hide must not bring it back
    if event.verb == "add":
        if local is not None:
            return "ignored"  # known already; its text may have been edited since this add
        remote = _remote_from_event(connection, event)
    elif local is not None and (event.verb != "edited" or event.message is not None):
        remote = _remote_from_local(local)
        if event.verb == "edited":
            remote = replace(remote, text=event.message or "")
        else:
            remote = replace(remote, hidden=event.verb == "hide")
    elif isinstance(fetched, RemoteComment):
        remote = fetched
    else:
        return "ignored"  # could not fetch it: the next poll reconciles
    store_page(
        connection,
        FetchResult(posts=_new_posts(connection, event, remote), comments=[remote], cursor={}),
        SyncReport(),
    )
    return "applied"


def _remove(connection: PlatformConnection, remote_id: str, local: Comment | None) -> Outcome:
    """Mark the comment deleted on the platform; for an unknown comment leave a tombstone."""
    if local is not None:
        store_page(
            connection,
            FetchResult(posts=[], comments=[], cursor={}, deleted_remote_ids=[remote_id]),
            SyncReport(),
        )
    else:
        WebhookEvent.objects.get_or_create(
            connection=connection,
            dedupe_key=webhook_events.dedupe_key("tombstone", remote_id, {}),
            defaults={"remote_id": remote_id, "verb": "remove"},
        )
    return "applied"


def _remote_from_event(connection: PlatformConnection, event: CommentEvent) -> RemoteComment:
    return RemoteComment(
        remote_id=event.comment_id,
        post_remote_id=event.post_id,
        author_remote_id=event.author_id,
        author_name=event.author_name,
        text=event.message or "",
        published_at=event.created,
        parent_remote_id=event.parent_id,
        is_own=event.author_id is not None and event.author_id == connection.remote_page_id,
    )


def _remote_from_local(comment: Comment) -> RemoteComment:
    """The stored comment as a RemoteComment, so a change goes through sync's update path."""
    return RemoteComment(
        remote_id=comment.remote_id,
        post_remote_id=comment.post.remote_id if comment.post else "",
        author_remote_id=None,  # leaves the author row alone
        author_name="",
        text=comment.text,
        published_at=comment.published_at,
        parent_remote_id=comment.parent_remote_id or None,
        permalink=comment.permalink,
        hidden=comment.platform_state == Comment.PlatformState.HIDDEN,
        is_own=comment.is_own,
    )


def _new_posts(
    connection: PlatformConnection, event: CommentEvent, remote: RemoteComment
) -> list[RemotePost]:
    """A placeholder for a post we have not synced yet (the next poll fills in its text)."""
    post_id = remote.post_remote_id
    if not post_id or Post.objects.filter(connection=connection, remote_id=post_id).exists():
        return []
    published: datetime = event.created
    return [
        RemotePost(
            remote_id=post_id, title="", message="", published_at=published, permalink=event.post_permalink
        )
    ]


def _fetch(connection: PlatformConnection, event: CommentEvent) -> RemoteComment | object | None:
    """Read the comment's current state from Facebook; None when that is not possible now.

    Instagram announces only new comments, with their text (2.5), so it never needs this. A
    rate-limited or broken connection is not called: polling reconciles later. Transient
    errors propagate so the delivery is retried.
    """
    if connection.kind != "facebook" or connection.status != PlatformConnection.Status.ACTIVE:
        return None
    if connection.rate_limited_until and connection.rate_limited_until > timezone.now():
        return None
    post_id = event.post_id or webhook_events.facebook_post_of(
        event.comment_id, page_id=connection.remote_page_id
    )
    connector = facebook.FacebookConnector(connection)
    try:
        item = connector.graph.get(graph_id(event.comment_id), {"fields": facebook.COMMENT_FIELDS})
        return facebook.comment_from_graph(item, post_id=post_id, page_id=connection.remote_page_id)
    except Gone:
        return GONE
    except AuthExpired as exc:
        do_mark_needs_reconnect(connection, reason=str(exc))
        connection.status = PlatformConnection.Status.NEEDS_RECONNECT  # no more calls in this delivery
        return None
    except TransientError:
        raise
    except PlatformError as exc:
        logger.warning(
            "webhook: could not read comment %s of connection %s: %s", event.comment_id, connection.pk, exc
        )
        return None


def prune_old_records(*, now: datetime) -> None:
    """Forget dedupe rows and processed deliveries older than RETENTION_DAYS."""
    cutoff = now - timedelta(days=RETENTION_DAYS)
    WebhookEvent.objects.filter(created_at__lt=cutoff).delete()
    WebhookDelivery.objects.filter(received_at__lt=cutoff).delete()
