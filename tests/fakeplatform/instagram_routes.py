"""Instagram endpoints of the fake Graph server, Facebook Login flavour (platform-apis.md 2.2-2.3)."""

from __future__ import annotations

from typing import Any

from tests.fakeplatform.facebook_routes import SUCCESS, need, unix_param
from tests.fakeplatform.render import (
    Call,
    Reply,
    fields_string,
    gone,
    invalid,
    next_link,
    paged,
    parse_fields,
    project,
)
from tests.fakeplatform.state import Comment, IgAccount, Person, Post, graph_time

NESTED_REPLIES_LIMIT = 25  # nested ``replies`` come one page at a time, with their own paging
COMMENT_DEFAULT = ("timestamp", "text", "id")


def handle(call: Call) -> Reply | None:
    """Answer an Instagram object's call, or None when the id is not an Instagram object."""
    state = call.state
    object_id, edge = call.segments[0], (call.segments[1] if len(call.segments) > 1 else None)
    account = state.ig_accounts.get(object_id)
    if account is not None:
        if account.page_id != call.token.page_id:
            raise gone(object_id, "instagram")
        return account_route(call, account, edge)
    media = state.posts.get(object_id)
    if media is not None and media.platform == "instagram":
        if media.deleted or state.ig_accounts[media.owner_id].page_id != call.token.page_id:
            raise gone(object_id, "instagram")
        return media_route(call, media, edge)
    comment = state.comments.get(object_id)
    if comment is not None and comment.platform == "instagram":
        owner = state.ig_accounts[state.posts[comment.parent_object].owner_id]
        if state.live_comment(object_id) is None or owner.page_id != call.token.page_id:
            raise gone(object_id, "instagram")
        return comment_route(call, comment, edge)
    return None


def render_media(call: Call, media: Post) -> dict[str, Any]:
    full = {
        "id": media.id,
        "caption": media.text,
        "media_type": media.media_type,
        "media_product_type": "FEED",
        "permalink": media.permalink,
        "timestamp": graph_time(media.created),
        "comments_count": len(media.live_comments()),  # 2.2: the change detector
        "like_count": 0,
        "is_comment_enabled": media.comment_enabled,
    }
    return project(full, parse_fields(call.params.get("fields")), ("id",))


def render_comment(call: Call, comment: Comment, fields: dict[str, Any] | None) -> dict[str, Any]:
    full: dict[str, Any] = {
        "id": comment.id,
        "text": comment.text,
        "timestamp": graph_time(comment.created),
        "username": comment.author.name if comment.author else None,
        "from": {"id": comment.author.id, "username": comment.author.name} if comment.author else None,
        "hidden": comment.hidden,
        "like_count": 0,
        "media": {"id": comment.parent_object},
        "parent_id": comment.parent_id,
    }
    wanted = fields if fields is not None else dict.fromkeys(COMMENT_DEFAULT)
    if "replies" in wanted and comment.parent_id is None:
        replies = replies_of(call, comment)
        if replies:
            sub = wanted["replies"] or {"id": None, "timestamp": None, "text": None}
            link = next_link(
                call.base_url, f"{comment.id}/replies", {"fields": fields_string(sub)}, call.token.value
            )
            full["replies"] = paged(
                replies,
                key=lambda c: c.key,
                render=lambda c: render_comment(call, c, sub),
                params={},
                next_url=link,
                limit=NESTED_REPLIES_LIMIT,
            )
    return project(full, wanted, COMMENT_DEFAULT)


def replies_of(call: Call, comment: Comment) -> list[Comment]:
    post = call.state.posts[comment.parent_object]
    return [c for c in post.live_comments() if c.parent_id == comment.id]


def account_route(call: Call, account: IgAccount, edge: str | None) -> Reply:
    state = call.state
    if edge is None and call.method == "GET":
        full = {"id": account.id, "username": account.username, "name": state.pages[account.page_id].name}
        return Reply(body=project(full, parse_fields(call.params.get("fields")), ("id",)))
    if edge == "media" and call.method == "GET":
        need(call, "instagram_basic", read=True)
        since, until = unix_param(call, "since"), unix_param(call, "until")
        media = sorted(
            (
                m
                for m in state.posts.values()
                if m.owner_id == account.id
                and not m.deleted
                and (since is None or m.created >= since)
                and (until is None or m.created <= until)
            ),
            key=lambda m: m.key,
            reverse=True,
        )
        body = paged(
            media,
            key=lambda m: m.key,
            render=lambda m: render_media(call, m),
            params=call.params,
            next_url=call.next_url(),
            descending=True,
        )
        return Reply(body=body)
    raise invalid(f"Unsupported {call.method} on /{account.id}/{edge or ''}")


def media_route(call: Call, media: Post, edge: str | None) -> Reply:
    state = call.state
    if edge is None and call.method == "GET":
        return Reply(body=render_media(call, media))
    if edge is None and call.method == "POST":
        need(call, "instagram_manage_comments")
        if "comment_enabled" not in call.params:
            raise invalid("Param comment_enabled is required")
        media.comment_enabled = call.params["comment_enabled"].lower() == "true"
        state.record_action("comment_enabled", media.id, enabled=media.comment_enabled)
        return Reply(body=SUCCESS)
    if edge == "comments" and call.method == "GET":
        need(call, "instagram_basic", read=True)
        rows = [c for c in media.live_comments() if c.parent_id is None]  # 2.2: top-level only
        fields = parse_fields(call.params.get("fields"))
        body = paged(
            rows,
            key=lambda c: c.key,
            render=lambda c: render_comment(call, c, fields),
            params=call.params,
            next_url=call.next_url(),
        )
        return Reply(body=body)
    if edge == "comments" and call.method == "POST":
        return new_comment(call, media, parent=None)
    raise invalid(f"Unsupported {call.method} on a media")


def new_comment(call: Call, media: Post, *, parent: Comment | None) -> Reply:
    state = call.state
    need(call, "instagram_manage_comments")
    text = call.params.get("message", "")
    if not text.strip():
        raise invalid("Param message must be non-empty")
    account = state.ig_accounts[media.owner_id]
    comment = state.add_comment(
        media.id, text, author=Person(account.id, account.username), parent_id=parent.id if parent else None
    )
    state.record_action(
        "reply", parent.id if parent else media.id, text=text, new_id=comment.id, parent_id=comment.parent_id
    )
    return Reply(body={"id": comment.id})


def comment_route(call: Call, comment: Comment, edge: str | None) -> Reply:
    state = call.state
    if edge is None and call.method == "GET":
        return Reply(body=render_comment(call, comment, parse_fields(call.params.get("fields"))))
    if edge is None and call.method == "POST":
        need(call, "instagram_manage_comments")
        if "hide" not in call.params:
            raise invalid("Param hide is required")
        comment.hidden = call.params["hide"].lower() == "true"
        state.record_action("hide" if comment.hidden else "unhide", comment.id)
        return Reply(body=SUCCESS)
    if edge is None and call.method == "DELETE":
        need(call, "instagram_manage_comments")
        state.delete_object(comment.id)
        state.record_action("delete", comment.id)
        return Reply(body=SUCCESS)
    if edge == "replies" and call.method == "GET":
        need(call, "instagram_basic", read=True)
        fields = parse_fields(call.params.get("fields"))
        body = paged(
            replies_of(call, comment),
            key=lambda c: c.key,
            render=lambda c: render_comment(call, c, fields),
            params=call.params,
            next_url=call.next_url(),
        )
        return Reply(body=body)
    if edge == "replies" and call.method == "POST":
        # 2.3: a reply to a reply is attached to the top-level comment (state.add_comment does it).
        return new_comment(call, state.posts[comment.parent_object], parent=comment)
    raise invalid(f"Unsupported {call.method} on a comment")
