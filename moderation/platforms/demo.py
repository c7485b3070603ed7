"""The demo page: a simulated municipal Facebook-like page that keeps producing comments.

Its comments come from ``demo_content`` (deterministic per seed and index); how many exist
grows with time since the page "started" (one per ``interval`` seconds after ``initial``). Now
and then an author edits or deletes their own comment, as on a real page. What staff do to it
(hide, delete, like, reply, block) is kept in ``DemoRemoteState`` rows, so a hidden comment
stays hidden on the next sync, exactly as on a real platform.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils import timezone

from moderation.platforms import demo_content
from moderation.platforms.base import (
    Capability,
    FetchResult,
    Gone,
    NotSupported,
    PermanentError,
    RemoteComment,
    RemotePost,
)

PAGE_SIZE = 200
MAX_COMMENTS = 1_000_000
PAGE_AUTHOR_ID = "demo_page"
EDIT_SUFFIX = " (aangepast)"
_AUTHORS = {author.key: author for author in demo_content.AUTHORS}
_POSTS = {post.key: post for post in demo_content.POSTS}


def post_remote_id(post_key: str) -> str:
    return f"demo_p_{post_key}"


def is_deleted_by_author(index: int, published: int) -> bool:
    """Every 37th comment is removed by its own author once six newer ones exist."""
    return index % 37 == 5 and published > index + 6


def is_edited_by_author(index: int, published: int) -> bool:
    """Every 29th comment is edited by its author once four newer ones exist."""
    return index % 29 == 3 and published > index + 4


def author_change_point(index: int) -> int | None:
    """The published count at which this comment changes on the page, if it ever does."""
    if index % 37 == 5:
        return index + 7
    if index % 29 == 3:
        return index + 5
    return None


class DemoConnector:
    capabilities = frozenset(
        {
            Capability.REPLY,
            Capability.PRIVATE_REPLY,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE,
            Capability.LIKE,
            Capability.BLOCK,
        }
    )

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        options = connection.options or {}
        self.seed = int(options.get("seed", 42))
        self.initial = int(options.get("initial", 40))
        self.interval = float(options.get("interval", 20.0))
        started = options.get("started_at")
        self.started_at = datetime.fromisoformat(started) if started else connection.created_at

    # --- the simulated page ---------------------------------------------------------------------
    def published_count(self, *, now: datetime | None = None) -> int:
        now = now or timezone.now()
        elapsed = max(0.0, (now - self.started_at).total_seconds())
        produced = math.floor(elapsed / self.interval) if self.interval > 0 else 0
        return min(MAX_COMMENTS, self.initial + produced)

    def published_at(self, index: int) -> datetime:
        if index < self.initial:  # the backlog: spread over the day before the page started
            return self.started_at - timedelta(minutes=(self.initial - index) * 17)
        return self.started_at + timedelta(seconds=(index - self.initial + 1) * self.interval)

    def _remote_comment(self, index: int, published: int, states: Mapping[str, Any]) -> RemoteComment:
        spec = demo_content.demo_comment(self.seed, index)
        author = _AUTHORS.get(spec.author_key)
        state = states.get(spec.remote_id)
        text = spec.text + (EDIT_SUFFIX if is_edited_by_author(index, published) else "")
        parent = demo_content.demo_comment(self.seed, spec.parent_index).remote_id if spec.parent_index is not None else None
        return RemoteComment(
            remote_id=spec.remote_id,
            post_remote_id=post_remote_id(spec.post_key),
            author_remote_id=f"demo_a_{spec.author_key}",
            author_name=author.name if author else spec.author_key,
            text=text,
            published_at=self.published_at(index),
            parent_remote_id=parent,
            hidden=bool(state and state.hidden),
            deleted=bool(state and state.deleted) or is_deleted_by_author(index, published),
        )

    def _page_reply(self, state: Any) -> RemoteComment:
        return RemoteComment(
            remote_id=state.remote_id,
            post_remote_id=state.post_remote_id,
            author_remote_id=PAGE_AUTHOR_ID,
            author_name=self.connection.name,
            text=state.page_reply_text,
            published_at=state.created_at,
            parent_remote_id=state.parent_remote_id or None,
            hidden=state.hidden,
            deleted=state.deleted,
            is_own=True,
        )

    def posts(self) -> list[RemotePost]:
        return [
            RemotePost(
                remote_id=post_remote_id(post.key),
                title=post.title,
                message=post.message,
                published_at=self.started_at - timedelta(hours=post.hours_before_start),
            )
            for post in demo_content.POSTS
        ]

    # --- Connector interface --------------------------------------------------------------------
    def fetch(self, *, cursor: Mapping[str, Any]) -> FetchResult:
        from moderation.models import DemoRemoteState

        published = self.published_count()
        next_index = int(cursor.get("next_index", 0))
        seen_published = int(cursor.get("seen_published", next_index))
        state_seen = cursor.get("state_seen_at")
        stop = min(published, next_index + PAGE_SIZE)

        states = {s.remote_id: s for s in DemoRemoteState.objects.filter(connection=self.connection)}
        indices = set(range(next_index, stop))
        # Comments the author changed since the last fetch, and comments whose state changed.
        indices |= {
            index
            for index in range(max(0, seen_published - 8), min(stop, published))
            if (point := author_change_point(index)) is not None and seen_published < point <= published
        }
        # Re-read a few seconds back: a state saved just before our read may commit just after it.
        since = datetime.fromisoformat(state_seen) - timedelta(seconds=5) if state_seen else None
        changed_states = [s for s in states.values() if since is None or s.changed_at > since]
        comments = [self._remote_comment(index, published, states) for index in sorted(indices)]
        known = {c.remote_id for c in comments}
        for state in changed_states:
            if state.page_reply_text:
                comments.append(self._page_reply(state))
            elif state.remote_id.startswith("demo_c") and state.remote_id not in known:
                index = int(state.remote_id.removeprefix("demo_c"))
                if index < stop:
                    comments.append(self._remote_comment(index, published, states))
        newest_state = max((s.changed_at for s in states.values()), default=None)
        new_cursor = {
            "next_index": stop,
            "seen_published": stop,
            "state_seen_at": newest_state.isoformat() if newest_state else state_seen,
        }
        return FetchResult(posts=self.posts(), comments=comments, cursor=new_cursor, more=stop < published)

    def _state(self, remote_id: str, **defaults: Any) -> Any:
        from moderation.models import DemoRemoteState

        state, _created = DemoRemoteState.objects.get_or_create(
            connection=self.connection, remote_id=remote_id, defaults=defaults
        )
        return state

    def _existing_comment_state(self, remote_id: str) -> Any:
        if remote_id.startswith("demo_c"):
            index = int(remote_id.removeprefix("demo_c"))
            if index >= self.published_count():
                raise Gone("this comment does not exist on the demo page")
            if is_deleted_by_author(index, self.published_count()):
                raise Gone("the author removed this comment from the demo page")
        state = self._state(remote_id)
        if state.deleted:
            raise Gone("this comment was removed from the demo page")
        return state

    def reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str:
        if not text.strip():
            raise PermanentError("the demo page refuses an empty reply")
        parent = self._existing_comment_state(comment_remote_id)
        remote_id = f"demo_r_{idempotency_key}"
        post_id = parent.post_remote_id
        if not post_id and comment_remote_id.startswith("demo_c"):
            spec = demo_content.demo_comment(self.seed, int(comment_remote_id.removeprefix("demo_c")))
            post_id = post_remote_id(spec.post_key)
        self._state(remote_id, page_reply_text=text, parent_remote_id=comment_remote_id, post_remote_id=post_id)
        return remote_id

    def private_reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str:
        state = self._existing_comment_state(comment_remote_id)
        if state.private_replied:
            raise PermanentError("the demo page allows one private reply per comment")
        state.private_replied = True
        state.save()
        return f"demo_m_{idempotency_key}"

    def hide(self, comment_remote_id: str, *, hidden: bool = True) -> None:
        state = self._existing_comment_state(comment_remote_id)
        state.hidden = hidden
        state.save()

    def delete(self, comment_remote_id: str) -> None:
        try:
            state = self._existing_comment_state(comment_remote_id)
        except Gone:
            return  # already gone counts as done, as on Facebook
        state.deleted = True
        state.save()

    def like(self, comment_remote_id: str) -> None:
        state = self._existing_comment_state(comment_remote_id)
        state.liked = True
        state.save()

    def block_author(self, author_remote_id: str) -> None:
        if not author_remote_id.startswith("demo_a_"):
            raise NotSupported("unknown author on the demo page")
        state = self._state(f"author:{author_remote_id}")
        state.blocked_author = True
        state.save()


def publish_now(connection: Any, count: int = 1, *, now: datetime | None = None) -> int:
    """Make the demo page publish ``count`` more comments at once; returns the new total."""
    connector = DemoConnector(connection)
    started = connector.started_at - timedelta(seconds=connector.interval * count)
    connection.options = {**(connection.options or {}), "started_at": started.astimezone(UTC).isoformat()}
    connection.save(update_fields=["options", "updated_at"])
    return DemoConnector(connection).published_count(now=now)
