"""Facebook Pages connector (platform-apis.md section 1), Page access token as Bearer.

Sync is incremental and bounded. One *pass* lists the page's posts created in the look-back
window (``/{page-id}/published_posts``, 1.4) and queues every post whose ``updated_time`` moved
since it was last read completely; then each queued post's comments are read flat and in
order (``filter=stream``, 1.5), from a little before the newest comment seen on it. The cursor
keeps the queue with each post's ``after`` paging cursor, so an interrupted first sync resumes
where it stopped. One ``fetch`` returns at most ``MAX_COMMENTS_PER_FETCH`` comments and
``more=True`` while work remains. Cursor shape (JSON)::

    {"listing": {"since": 1795000000, "after": "..."} | None,
     "queue": [{"id": post_id, "u": updated_time, "since": unix | None, "after": str | None}],
     "seen": {post_id: {"u": updated_time, "c": newest comment (unix), "t": created (unix)}}}
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.utils import timezone

from moderation.platforms.base import (
    AuthExpired,
    Capability,
    FetchResult,
    Gone,
    PermanentError,
    RemoteComment,
    RemotePost,
)
from moderation.platforms.graph import (
    GraphClient,
    dedupe,
    graph_id,
    parse_graph_time,
    require,
    resume_or_restart,
    title_of,
)

logger = logging.getLogger(__name__)

PLATFORM = "Facebook"
POST_FIELDS = "id,message,created_time,updated_time,permalink_url"
COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},is_hidden,permalink_url"
POST_PAGE_SIZE = 100
COMMENT_PAGE_SIZE = 100  # 1.5: keep <= 100
MAX_COMMENTS_PER_FETCH = 500
MAX_POST_PAGES_PER_FETCH = 10
LOOKBACK_DAYS = 28  # posts older than this are left to webhooks; option "lookback_days"
OVERLAP_SECONDS = 300  # re-read a few minutes before the newest comment seen (6c)
REQUIRED_PERMISSIONS: dict[str, str] = {
    "pages_show_list": "de pagina's tonen die je kan koppelen",
    "pages_read_engagement": "berichten en reacties van de pagina lezen",
    "pages_read_user_content": "reacties van bezoekers op de pagina lezen",
    "pages_manage_engagement": "reacties verbergen, verwijderen en beantwoorden",
    "pages_manage_metadata": "meldingen van nieuwe reacties (webhooks) aanzetten",
    "pages_messaging": "een privébericht sturen als antwoord op een reactie",
}


def post_from_graph(item: Mapping[str, Any]) -> RemotePost:
    """A ``published_posts`` item (1.4) as a RemotePost."""
    message = str(item.get("message") or "")
    return RemotePost(
        remote_id=str(require(item, "id", "post", platform=PLATFORM)),
        title=title_of(message),
        message=message,
        published_at=parse_graph_time(require(item, "created_time", "post", platform=PLATFORM)),
        permalink=str(item.get("permalink_url") or ""),
    )


def comment_from_graph(item: Mapping[str, Any], *, post_id: str, page_id: str) -> RemoteComment:
    """A ``comments`` item (1.5). ``from`` may be missing (1.2): then the author is unknown."""
    author = item.get("from") if isinstance(item.get("from"), dict) else None
    parent = item.get("parent") if isinstance(item.get("parent"), dict) else None
    parent_id = str(parent["id"]) if parent and parent.get("id") and parent["id"] != post_id else None
    author_id = str(author["id"]) if author and author.get("id") else None
    return RemoteComment(
        remote_id=str(require(item, "id", "comment", platform=PLATFORM)),
        post_remote_id=post_id,
        author_remote_id=author_id,
        author_name=str(author.get("name") or "") if author else "",
        text=str(item.get("message") or ""),
        published_at=parse_graph_time(require(item, "created_time", "comment", platform=PLATFORM)),
        parent_remote_id=parent_id,
        permalink=str(item.get("permalink_url") or ""),
        hidden=bool(item.get("is_hidden")),
        is_own=author_id is not None and author_id == page_id,
    )


class FacebookConnector:
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
        self.page_id = str(connection.remote_page_id)
        self.options: Mapping[str, Any] = connection.options or {}
        self._graph: GraphClient | None = None

    @property
    def graph(self) -> GraphClient:
        if self._graph is None:
            token = self.connection.token
            if not token:
                raise AuthExpired(f"no {PLATFORM} token is stored for this connection; connect the page")
            self._graph = GraphClient(token=token, platform=PLATFORM)
        return self._graph

    # --- sync -----------------------------------------------------------------------------------
    def fetch(self, *, cursor: Mapping[str, Any]) -> FetchResult:
        """One bounded step of the current pass; starts a new pass when the last one finished."""
        state: dict[str, Any] = {
            "listing": dict(cursor["listing"]) if cursor.get("listing") else None,
            "queue": [dict(entry) for entry in cursor.get("queue", [])],
            "seen": {key: dict(value) for key, value in cursor.get("seen", {}).items()},
        }
        if not state["queue"] and state["listing"] is None:
            days = int(self.options.get("lookback_days", LOOKBACK_DAYS))
            state["listing"] = {
                "since": int((timezone.now() - timedelta(days=days)).timestamp()),
                "after": None,
            }
            self._forget_old_posts(state)
        posts: list[RemotePost] = []
        if state["listing"] is not None:
            listing = state["listing"]
            resume_or_restart(lambda: self._list_posts(state, posts), listing, platform=PLATFORM)
        comments: list[RemoteComment] = []
        while state["queue"] and len(comments) + COMMENT_PAGE_SIZE <= MAX_COMMENTS_PER_FETCH:
            entry = state["queue"][0]
            try:
                resume_or_restart(
                    lambda entry=entry: self._read_comments(entry, comments), entry, platform=PLATFORM
                )
            except Gone:  # the post was deleted after we listed it
                state["queue"].pop(0)
                state["seen"].pop(entry["id"], None)
                continue
            if entry.get("done"):
                state["queue"].pop(0)
                self._mark_read(state, entry)
        more = bool(state["queue"]) or state["listing"] is not None
        return FetchResult(posts=posts, comments=dedupe(comments), cursor=state, more=more)

    def _forget_old_posts(self, state: dict[str, Any]) -> None:
        since = state["listing"]["since"]
        state["seen"] = {key: value for key, value in state["seen"].items() if value.get("t", since) >= since}

    def _list_posts(self, state: dict[str, Any], posts: list[RemotePost]) -> None:
        listing = state["listing"]
        params = {"fields": POST_FIELDS, "since": listing["since"], "limit": POST_PAGE_SIZE}
        queued = {entry["id"] for entry in state["queue"]}
        pages = self.graph.pages(
            f"{graph_id(self.page_id)}/published_posts", params, after=listing.get("after")
        )
        for number, page in enumerate(pages, start=1):
            for item in page.data:
                post = post_from_graph(item)
                posts.append(post)
                updated = str(item.get("updated_time") or item.get("created_time"))
                seen = state["seen"].get(post.remote_id)
                if post.remote_id in queued or (seen and seen.get("u") == updated):
                    continue
                since = int(seen["c"]) - OVERLAP_SECONDS if seen and seen.get("c") else None
                state["queue"].append(
                    {
                        "id": post.remote_id,
                        "u": updated,
                        "since": since,
                        "after": None,
                        "t": int(post.published_at.timestamp()),
                    }
                )
                queued.add(post.remote_id)
            listing["after"] = page.after
            if not page.has_next:
                state["listing"] = None
                return
            if number >= MAX_POST_PAGES_PER_FETCH:
                return

    def _read_comments(self, entry: dict[str, Any], comments: list[RemoteComment]) -> None:
        params: dict[str, Any] = {
            "filter": "stream",
            "order": "chronological",
            "limit": COMMENT_PAGE_SIZE,
            "fields": COMMENT_FIELDS,
        }
        if entry.get("since"):
            params["since"] = entry["since"]
        post_id = graph_id(entry["id"])
        for page in self.graph.pages(f"{post_id}/comments", params, after=entry.get("after")):
            for item in page.data:
                comment = comment_from_graph(item, post_id=post_id, page_id=self.page_id)
                comments.append(comment)
                entry["newest"] = max(entry.get("newest", 0), int(comment.published_at.timestamp()))
            entry["after"] = page.after
            if not page.has_next:
                entry["done"] = True
                return
            if len(comments) + COMMENT_PAGE_SIZE > MAX_COMMENTS_PER_FETCH:
                return

    @staticmethod
    def _mark_read(state: dict[str, Any], entry: Mapping[str, Any]) -> None:
        previous = state["seen"].get(entry["id"], {})
        newest = max(int(entry.get("newest", 0)), int(previous.get("c", 0)))
        state["seen"][entry["id"]] = {"u": entry["u"], "c": newest, "t": entry.get("t", previous.get("t", 0))}

    # --- actions (1.7) --------------------------------------------------------------------------
    def hide(self, comment_remote_id: str, *, hidden: bool = True) -> None:
        """Hiding is idempotent on Facebook; a vanished comment raises Gone."""
        body = self.graph.post(graph_id(comment_remote_id), data={"is_hidden": "true" if hidden else "false"})
        self._require_success(body, "hide" if hidden else "unhide")

    def delete(self, comment_remote_id: str) -> None:
        """Delete; a comment that is already gone (100/33) counts as deleted (1.7)."""
        try:
            body = self.graph.delete(graph_id(comment_remote_id))
        except Gone:
            return
        self._require_success(body, "delete")

    def reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str:
        """A public reply by the page; returns the new comment's id. Graph has no idempotency key."""
        if not text.strip():
            raise PermanentError("an empty reply cannot be posted")
        body = self.graph.post(f"{graph_id(comment_remote_id)}/comments", data={"message": text})
        return str(require(body, "id", "reply answer", platform=PLATFORM))

    def private_reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str:
        """Send API referencing the comment: once per comment, within 7 days (1.7); returns message_id."""
        if not text.strip():
            raise PermanentError("an empty private reply cannot be sent")
        body = self.graph.post(
            f"{graph_id(self.page_id)}/messages",
            json={
                "recipient": {"comment_id": graph_id(comment_remote_id)},
                "message": {"text": text},
                "messaging_type": "RESPONSE",
            },
        )
        return str(require(body, "message_id", "private reply answer", platform=PLATFORM))

    def like(self, comment_remote_id: str) -> None:
        self._require_success(self.graph.post(f"{graph_id(comment_remote_id)}/likes"), "like")

    def block_author(self, author_remote_id: str) -> None:
        """Block a person from the page; the answer maps each id to a bool (1.7, shape unverified)."""
        author = graph_id(author_remote_id)
        body = self.graph.post(f"{graph_id(self.page_id)}/blocked", data={"user": author})
        if body.get(author) is False or body.get("success") is False:
            raise PermanentError(f"{PLATFORM} did not block this person")

    @staticmethod
    def _require_success(body: Mapping[str, Any], what: str) -> None:
        if body.get("success") is False:
            raise PermanentError(f"{PLATFORM} did not {what} the comment")

    # --- connect flow ---------------------------------------------------------------------------
    def check_token(self) -> dict[str, Any]:
        """Which page the token belongs to and which of REQUIRED_PERMISSIONS it lacks (1.2).

        ``tasks`` come from ``options["tasks"]`` (stored from ``/me/accounts`` when connecting):
        a Page token cannot read its own tasks.
        """
        me = self.graph.get("me", {"fields": "id,name"})
        permissions = self.graph.get("me/permissions")
        granted = {
            str(row.get("permission"))
            for row in permissions.get("data", [])
            if isinstance(row, dict) and row.get("status") == "granted"
        }
        return {
            "page_id": str(require(me, "id", "token owner", platform=PLATFORM)),
            "name": str(me.get("name") or ""),
            "tasks": list(self.options.get("tasks", [])),
            "missing_permissions": [name for name in REQUIRED_PERMISSIONS if name not in granted],
        }
