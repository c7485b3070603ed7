"""Instagram connector, "Instagram API with Facebook Login" flavour (platform-apis.md section 2).

``connection.remote_page_id`` is the Instagram professional account id; the linked Facebook
page id (needed for private replies) is ``connection.options["page_id"]``. The token is the
page token. Sync mirrors the Facebook connector: a pass lists the account's media in the
look-back window (2.2) and queues every media whose ``comments_count`` changed (there is no
``updated_time`` on media); each queued media's top-level comments are read with their
``replies`` nested, following nested reply paging through ``/{comment-id}/replies``. Instagram
has no ``since`` on comments, so a changed media is re-read whole (upserts make that harmless).
Cursor shape (JSON)::

    {"listing": {"since": unix, "after": str | None} | None,
     "queue": [{"id": media_id, "n": comments_count, "after": str | None, "t": created (unix)}],
     "seen": {media_id: {"n": comments_count, "t": created (unix)}}}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.utils import timezone

from moderation.platforms.base import (
    AuthExpired,
    Capability,
    FetchResult,
    Gone,
    NotSupported,
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

PLATFORM = "Instagram"
MEDIA_FIELDS = "id,caption,media_type,media_product_type,permalink,timestamp,comments_count"
REPLY_FIELDS = "id,text,timestamp,username,from{id,username},hidden,like_count,parent_id"
COMMENT_FIELDS = f"id,text,timestamp,username,from{{id,username}},hidden,like_count,replies{{{REPLY_FIELDS}}}"
MEDIA_PAGE_SIZE = 100
COMMENT_PAGE_SIZE = 50
MAX_COMMENTS_PER_FETCH = 500
MAX_MEDIA_PAGES_PER_FETCH = 10
LOOKBACK_DAYS = 28  # option "lookback_days", as for Facebook


def media_from_graph(item: Mapping[str, Any]) -> RemotePost:
    """A ``/{ig-user-id}/media`` item (2.2) as a RemotePost."""
    caption = str(item.get("caption") or "")
    return RemotePost(
        remote_id=str(require(item, "id", "media", platform=PLATFORM)),
        title=title_of(caption),
        message=caption,
        published_at=parse_graph_time(require(item, "timestamp", "media", platform=PLATFORM)),
        permalink=str(item.get("permalink") or ""),
    )


def comment_from_graph(
    item: Mapping[str, Any], *, media_id: str, account_id: str, parent_id: str | None = None
) -> RemoteComment:
    """An ``IGComment`` (2.2); ``from`` may be missing, ``username`` then still names the author."""
    author = item.get("from") if isinstance(item.get("from"), dict) else None
    author_id = str(author["id"]) if author and author.get("id") else None
    name = (author or {}).get("username") or item.get("username") or ""
    return RemoteComment(
        remote_id=str(require(item, "id", "comment", platform=PLATFORM)),
        post_remote_id=media_id,
        author_remote_id=author_id,
        author_name=str(name),
        text=str(item.get("text") or ""),
        published_at=parse_graph_time(require(item, "timestamp", "comment", platform=PLATFORM)),
        parent_remote_id=str(item.get("parent_id") or parent_id or "") or None,
        hidden=bool(item.get("hidden")),
        is_own=author_id is not None and author_id == account_id,
    )


class InstagramConnector:
    # 2.4: blocking and liking are impossible through the API.
    capabilities = frozenset(
        {Capability.REPLY, Capability.PRIVATE_REPLY, Capability.HIDE, Capability.UNHIDE, Capability.DELETE}
    )

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.account_id = str(connection.remote_page_id)
        self.options: Mapping[str, Any] = connection.options or {}
        self._graph: GraphClient | None = None

    @property
    def graph(self) -> GraphClient:
        if self._graph is None:
            token = self.connection.token
            if not token:
                raise AuthExpired(f"no {PLATFORM} token is stored for this connection; connect the account")
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
            since = int((timezone.now() - timedelta(days=days)).timestamp())
            state["listing"] = {"since": since, "after": None}
            state["seen"] = {
                key: value for key, value in state["seen"].items() if value.get("t", since) >= since
            }
        posts: list[RemotePost] = []
        if state["listing"] is not None:
            resume_or_restart(lambda: self._list_media(state, posts), state["listing"], platform=PLATFORM)
        comments: list[RemoteComment] = []
        while state["queue"] and len(comments) + COMMENT_PAGE_SIZE <= MAX_COMMENTS_PER_FETCH:
            entry = state["queue"][0]
            try:
                resume_or_restart(
                    lambda entry=entry: self._read_comments(entry, comments), entry, platform=PLATFORM
                )
            except Gone:  # the media was deleted after we listed it
                state["queue"].pop(0)
                state["seen"].pop(entry["id"], None)
                continue
            if entry.get("done"):
                state["queue"].pop(0)
                state["seen"][entry["id"]] = {"n": entry["n"], "t": entry["t"]}
        more = bool(state["queue"]) or state["listing"] is not None
        return FetchResult(posts=posts, comments=dedupe(comments), cursor=state, more=more)

    def _list_media(self, state: dict[str, Any], posts: list[RemotePost]) -> None:
        listing = state["listing"]
        params = {"fields": MEDIA_FIELDS, "since": listing["since"], "limit": MEDIA_PAGE_SIZE}
        queued = {entry["id"] for entry in state["queue"]}
        pages = self.graph.pages(f"{graph_id(self.account_id)}/media", params, after=listing.get("after"))
        for number, page in enumerate(pages, start=1):
            for item in page.data:
                post = media_from_graph(item)
                posts.append(post)
                count = item.get("comments_count")
                seen = state["seen"].get(post.remote_id)
                # 2.2: comments_count is the change detector; without it, re-read every pass.
                if post.remote_id in queued or (seen and count is not None and seen.get("n") == count):
                    continue
                created = int(post.published_at.timestamp())
                state["queue"].append({"id": post.remote_id, "n": count, "after": None, "t": created})
                queued.add(post.remote_id)
            listing["after"] = page.after
            if not page.has_next:
                state["listing"] = None
                return
            if number >= MAX_MEDIA_PAGES_PER_FETCH:
                return

    def _read_comments(self, entry: dict[str, Any], comments: list[RemoteComment]) -> None:
        media_id = graph_id(entry["id"])
        params = {"fields": COMMENT_FIELDS, "limit": COMMENT_PAGE_SIZE}
        for page in self.graph.pages(f"{media_id}/comments", params, after=entry.get("after")):
            for item in page.data:
                top = comment_from_graph(item, media_id=media_id, account_id=self.account_id)
                comments.append(top)
                self._read_replies(item.get("replies"), top.remote_id, media_id, comments)
            entry["after"] = page.after
            if not page.has_next:
                entry["done"] = True
                return
            if len(comments) + COMMENT_PAGE_SIZE > MAX_COMMENTS_PER_FETCH:
                return

    def _read_replies(
        self, nested: Any, parent_id: str, media_id: str, comments: list[RemoteComment]
    ) -> None:
        """Nested ``replies`` (2.2); when they are paged, read the rest from ``/{comment-id}/replies``."""
        if not isinstance(nested, dict):
            return
        data = nested.get("data") if isinstance(nested.get("data"), list) else []
        for reply in data:
            comments.append(
                comment_from_graph(reply, media_id=media_id, account_id=self.account_id, parent_id=parent_id)
            )
        paging = nested.get("paging") if isinstance(nested.get("paging"), dict) else {}
        after = (paging.get("cursors") or {}).get("after")
        if not paging.get("next") or not after:
            return
        params = {"fields": REPLY_FIELDS, "limit": COMMENT_PAGE_SIZE}
        for page in self.graph.pages(f"{graph_id(parent_id)}/replies", params, after=after):
            for reply in page.data:
                comments.append(
                    comment_from_graph(
                        reply, media_id=media_id, account_id=self.account_id, parent_id=parent_id
                    )
                )

    # --- actions (2.3) --------------------------------------------------------------------------
    def hide(self, comment_remote_id: str, *, hidden: bool = True) -> None:
        body = self.graph.post(graph_id(comment_remote_id), data={"hide": "true" if hidden else "false"})
        if body.get("success") is False:
            raise PermanentError(f"{PLATFORM} did not change the comment's visibility")

    def delete(self, comment_remote_id: str) -> None:
        """Delete; a comment that is already gone (100/33) counts as deleted."""
        try:
            body = self.graph.delete(graph_id(comment_remote_id))
        except Gone:
            return
        if body.get("success") is False:
            raise PermanentError(f"{PLATFORM} did not delete the comment")

    def reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str:
        """Public reply; replying to a reply lands under its top-level comment (2.3). Returns the id."""
        if not text.strip():
            raise PermanentError("an empty reply cannot be posted")
        body = self.graph.post(f"{graph_id(comment_remote_id)}/replies", data={"message": text})
        return str(require(body, "id", "reply answer", platform=PLATFORM))

    def private_reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str:
        """Via the linked Facebook page's ``/messages`` (2.3, Facebook Login); once, within 7 days."""
        page_id = str(self.options.get("page_id") or "")
        if not page_id:
            raise PermanentError("private replies need the linked Facebook page; reconnect the account")
        if not text.strip():
            raise PermanentError("an empty private reply cannot be sent")
        body = self.graph.post(
            f"{graph_id(page_id)}/messages",
            json={"recipient": {"comment_id": graph_id(comment_remote_id)}, "message": {"text": text}},
        )
        return str(require(body, "message_id", "private reply answer", platform=PLATFORM))

    def like(self, comment_remote_id: str) -> None:
        raise NotSupported("Instagram does not let apps like comments")

    def block_author(self, author_remote_id: str) -> None:
        raise NotSupported("Instagram does not let apps block people")
