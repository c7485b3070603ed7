"""Reading Meta webhook deliveries: signatures, the handshake, and comment events (pure, no ORM).

Section numbers refer to /work/shared/platform-apis.md (1.8 Facebook ``feed``, 2.5 Instagram
``comments``, 6c dedupe). Everything here is a plain function over bytes and dicts, so the
view and the Celery task share one reading of a delivery, and tests can use tables.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from moderation.platforms.base import PermanentError
from moderation.platforms.graph import graph_id

MAX_BODY_BYTES = 1024 * 1024  # Meta batches up to 1000 updates (1.8); far below this
MAX_ENTRY_AGE = timedelta(hours=38)  # Meta retries for 36 h (1.8); older entries are replays
MAX_CLOCK_SKEW = timedelta(minutes=15)  # an entry from further in the future is not trusted either
OBJECT_KINDS = {"page": "facebook", "instagram": "instagram"}  # delivery ``object`` -> connection kind
# Facebook ``feed`` verbs for comments (1.8); "edit"/"delete" are read as their comment forms.
FEED_VERBS = {
    "add": "add",
    "edited": "edited",
    "edit": "edited",
    "remove": "remove",
    "delete": "remove",
    "hide": "hide",
    "unhide": "unhide",
}
INSTAGRAM_FIELDS = {"comments", "live_comments"}  # 2.5: creation only


class BadDelivery(Exception):
    """The body is not a webhook delivery we can read (answered 400)."""


@dataclass(frozen=True)
class CommentEvent:
    """One comment change from a delivery, in our terms.

    ``message`` is None when the change did not carry the text (hide/remove values may lack
    it, 1.8); ``created`` is the comment's creation time, or the entry's time when absent.
    """

    verb: str  # add, edited, remove, hide, unhide
    comment_id: str
    post_id: str
    parent_id: str | None
    author_id: str | None
    author_name: str
    message: str | None
    created: datetime
    post_permalink: str
    dedupe_key: str


def handshake_answer(params: Mapping[str, str], *, verify_token: str) -> str | None:
    """The challenge to echo for a valid subscription handshake (1.8), else None.

    An empty ``verify_token`` (not configured) refuses every handshake.
    """
    challenge = params.get("hub.challenge") or ""
    given = params.get("hub.verify_token") or ""
    if not verify_token or params.get("hub.mode") != "subscribe" or not challenge or len(challenge) > 200:
        return None
    if not hmac.compare_digest(given.encode(), verify_token.encode()):
        return None
    return challenge


def signature_matches(raw: bytes, header: str, secret: str) -> bool:
    """``X-Hub-Signature-256: sha256=<hex>`` is HMAC-SHA256 of the raw body keyed with ``secret``."""
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def read_body(raw: bytes) -> tuple[str, list[dict[str, Any]]]:
    """The delivery's ``object`` and its entries; BadDelivery when it is not one."""
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadDelivery("the body is not JSON") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("object"), str):
        raise BadDelivery("the body has no 'object'")
    entries = payload.get("entry")
    if not isinstance(entries, list):
        raise BadDelivery("the body has no 'entry' list")
    return payload["object"], [entry for entry in entries if isinstance(entry, dict)]


def entry_ids(entries: list[dict[str, Any]]) -> set[str]:
    return {str(entry["id"]) for entry in entries if isinstance(entry.get("id"), str | int)}


def entry_time(entry: Mapping[str, Any], *, now: datetime) -> datetime | None:
    """The entry's ``time`` if it lies inside the replay window, else None (too old, future, absent)."""
    value = entry.get("time")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = value / 1000 if value > 10**11 else value  # some Meta products send milliseconds
    when = datetime.fromtimestamp(seconds, tz=UTC)
    if when < now - MAX_ENTRY_AGE or when > now + MAX_CLOCK_SKEW:
        return None
    return when


def dedupe_key(object_type: str, entry_id: str, change: Mapping[str, Any]) -> str:
    """A hash of the change's content (6c): a retried or duplicated change has the same key."""
    canonical = json.dumps(
        [object_type, entry_id, change.get("field"), change.get("value")],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=str,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def changes_of(entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """``changes``, or the ``field``/``value`` pair some Instagram deliveries put in the entry (2.5)."""
    changes = entry.get("changes")
    if isinstance(changes, list):
        return [change for change in changes if isinstance(change, dict)]
    if "field" in entry and "value" in entry:
        return [{"field": entry["field"], "value": entry["value"]}]
    return []


def events_of(object_type: str, entry: Mapping[str, Any], *, when: datetime) -> Iterator[CommentEvent | None]:
    """One CommentEvent per comment change of ``entry``; None for each change we do not handle."""
    entry_id = str(entry.get("id"))
    for change in changes_of(entry):
        value = change.get("value")
        if not isinstance(value, dict):
            yield None
            continue
        key = dedupe_key(object_type, entry_id, change)
        try:
            if object_type == "page" and change.get("field") == "feed":
                yield _feed_event(value, key=key, when=when)
            elif object_type == "instagram" and change.get("field") in INSTAGRAM_FIELDS:
                yield _instagram_event(value, key=key, when=when)
            else:
                yield None
        except PermanentError:  # an id that is not a Graph id: never let it reach a URL
            yield None


def _feed_event(value: Mapping[str, Any], *, key: str, when: datetime) -> CommentEvent | None:
    """A Facebook ``feed`` change about a comment (1.8); reactions, posts and the rest are None."""
    verb = FEED_VERBS.get(str(value.get("verb")))
    if value.get("item") != "comment" or verb is None or not value.get("comment_id"):
        return None
    comment_id = graph_id(str(value["comment_id"]))
    post_id = graph_id(str(value["post_id"])) if value.get("post_id") else ""
    parent = str(value.get("parent_id") or "")
    author = value.get("from") if isinstance(value.get("from"), dict) else {}
    post = value.get("post") if isinstance(value.get("post"), dict) else {}
    message = value.get("message")
    return CommentEvent(
        verb=verb,
        comment_id=comment_id,
        post_id=post_id,
        parent_id=graph_id(parent) if parent and parent != post_id else None,
        author_id=str(author["id"]) if author.get("id") else None,
        author_name=str(author.get("name") or ""),
        message=str(message) if isinstance(message, str) else None,
        created=_unix(value.get("created_time")) or when,
        post_permalink=str(post.get("permalink_url") or ""),
        dedupe_key=key,
    )


def _instagram_event(value: Mapping[str, Any], *, key: str, when: datetime) -> CommentEvent | None:
    """An Instagram ``comments`` change (2.5): always a new comment, with its text."""
    if not value.get("id"):
        return None
    author = value.get("from") if isinstance(value.get("from"), dict) else {}
    media = value.get("media") if isinstance(value.get("media"), dict) else {}
    parent = str(value.get("parent_id") or "")
    text = value.get("text")
    return CommentEvent(
        verb="add",
        comment_id=graph_id(str(value["id"])),
        post_id=graph_id(str(media["id"])) if media.get("id") else "",
        parent_id=graph_id(parent) if parent else None,
        author_id=str(author["id"]) if author.get("id") else None,
        author_name=str(author.get("username") or ""),
        message=str(text) if isinstance(text, str) else "",
        created=when,
        post_permalink="",
        dedupe_key=key,
    )


def _unix(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def facebook_post_of(comment_id: str, *, page_id: str) -> str:
    """The post id of a Facebook comment id ``{post-part}_{comment-part}`` (1.3)."""
    return f"{page_id}_{comment_id.split('_')[0]}"
