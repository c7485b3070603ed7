"""Facebook Pages endpoints of the fake Graph server (platform-apis.md 1.4-1.7, 6b)."""

from __future__ import annotations

import json
from typing import Any

from tests.fakeplatform.render import (
    Call,
    Reply,
    fail,
    gone,
    invalid,
    paged,
    parse_fields,
    project,
)
from tests.fakeplatform.state import Comment, Page, Person, Post, graph_time

PRIVATE_REPLY_WINDOW = 7 * 86400  # 1.7: within 7 days of the comment
SUCCESS = {"success": True}


def need(call: Call, permission: str, *, read: bool = False) -> None:
    """Refuse like Graph does when the token lacks ``permission`` (1.9: codes 10 and 200)."""
    if permission in call.token.permissions:
        return
    if read:
        raise fail(
            "error_permission", message=f"(#10) This endpoint requires the '{permission}' permission", code=10
        )
    raise fail("error_permission", message=f"(#200) Requires {permission} permission to manage the object")


def handle(call: Call) -> Reply | None:
    """Answer a Facebook object's call, or None when the id is not a Facebook object."""
    state = call.state
    object_id = call.token.page_id if call.segments[0] == "me" else call.segments[0]
    edge = call.segments[1] if len(call.segments) > 1 else None
    if object_id in state.pages:
        if object_id != call.token.page_id:
            raise gone(object_id)
        return page_route(call, state.pages[object_id], edge)
    post = state.posts.get(object_id)
    if post is not None and post.platform == "facebook":
        if post.deleted or post.owner_id != call.token.page_id:
            raise gone(object_id)
        return post_route(call, post, edge)
    comment = state.comments.get(object_id)
    if comment is not None and comment.platform == "facebook":
        if (
            state.live_comment(object_id) is None
            or state.posts[comment.parent_object].owner_id != call.token.page_id
        ):
            raise gone(object_id)
        return comment_route(call, comment, edge)
    return None


def render_post(call: Call, post: Post) -> dict[str, Any]:
    live = post.live_comments()
    full = {
        "id": post.id,
        "message": post.text,
        "created_time": graph_time(post.created),
        "updated_time": graph_time(post.updated),
        "permalink_url": post.permalink,
        "comments": {
            "data": [],
            "summary": {"order": "ranked", "total_count": len(live), "can_comment": True},
        },
    }
    return project(full, parse_fields(call.params.get("fields")), ("created_time", "message", "id"))


def render_comment(call: Call, comment: Comment, fields: dict[str, Any] | None) -> dict[str, Any]:
    post = call.state.posts[comment.parent_object]
    by_page = comment.author is not None and comment.author.id == post.owner_id
    full = {
        "id": comment.id,
        "message": comment.text,
        "created_time": graph_time(comment.created),
        "from": {"id": comment.author.id, "name": comment.author.name} if comment.author else None,
        "parent": {"id": comment.parent_id} if comment.parent_id else None,  # only on replies (1.5)
        "is_hidden": comment.hidden,
        "can_hide": not by_page,
        "can_remove": True,
        "can_reply_privately": not by_page and not comment.private_replied,
        "like_count": int(comment.liked),
        "comment_count": sum(1 for c in post.live_comments() if c.parent_id == comment.id),
        "permalink_url": f"https://www.facebook.com/{post.owner_id}/posts/{post.id.split('_')[1]}"
        f"?comment_id={comment.id.split('_')[1]}",
    }
    return project(full, fields, ("created_time", "from", "message", "id"))


def unix_param(call: Call, name: str) -> int | None:
    value = call.params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise invalid(f"Param {name} must be a unix timestamp") from exc


def page_route(call: Call, page: Page, edge: str | None) -> Reply:
    state = call.state
    if edge is None and call.method == "GET":
        full = {"id": page.id, "name": page.name}
        if page.ig_account_id:
            full["instagram_business_account"] = {"id": page.ig_account_id}
        return Reply(body=project(full, parse_fields(call.params.get("fields")), ("name", "id")))
    if edge == "permissions" and call.method == "GET":
        rows = [{"permission": p, "status": "granted"} for p in sorted(call.token.permissions)]
        return Reply(body={"data": rows})
    if edge == "accounts":
        raise invalid("Tried accessing nonexisting field (accounts) on node type (Page)")
    if edge in {"published_posts", "feed"} and call.method == "GET":
        need(call, "pages_read_engagement", read=True)
        since, until = unix_param(call, "since"), unix_param(call, "until")
        posts = sorted(
            (
                p
                for p in state.posts.values()
                if p.owner_id == page.id
                and not p.deleted
                and (since is None or p.created >= since)
                and (until is None or p.created <= until)
            ),
            key=lambda p: p.key,
            reverse=True,
        )
        body = paged(
            posts,
            key=lambda p: p.key,
            render=lambda p: render_post(call, p),
            params=call.params,
            next_url=call.next_url(),
            descending=True,
        )
        return Reply(body=body)
    if edge == "messages" and call.method == "POST":
        return private_reply(call, page)
    if edge == "blocked":
        return blocked(call, page)
    if edge == "subscribed_apps":
        if call.method == "POST":
            need(call, "pages_manage_metadata")
            page.subscribed_fields = call.params.get("subscribed_fields", "feed").split(",")
            return Reply(body=SUCCESS)
        return Reply(body={"data": [{"name": "Reageerwijzer", "subscribed_fields": page.subscribed_fields}]})
    raise invalid(f"Unsupported {call.method} on /{page.id}/{edge or ''}")


def private_reply(call: Call, page: Page) -> Reply:
    """Send API referencing a comment: once per comment, within 7 days (1.7, 2.3)."""
    state = call.state
    payload = (
        call.json
        if isinstance(call.json, dict)
        else {key: json.loads(call.params[key]) for key in ("recipient", "message") if key in call.params}
    )
    comment_id = str((payload.get("recipient") or {}).get("comment_id") or "")
    text = str((payload.get("message") or {}).get("text") or "")
    comment = state.live_comment(comment_id)
    if comment is None:
        raise gone(comment_id or "recipient")
    post = state.posts[comment.parent_object]
    owner_page = post.owner_id if post.platform == "facebook" else state.ig_accounts[post.owner_id].page_id
    if owner_page != page.id:
        raise gone(comment_id)
    need(call, "pages_messaging" if post.platform == "facebook" else "instagram_manage_messages")
    if not text.strip():
        raise invalid("Message cannot be empty")
    if comment.private_replied:
        raise fail("error_already_replied")
    if state.now() - comment.created > PRIVATE_REPLY_WINDOW:
        raise fail("error_outside_window")
    comment.private_replied = True
    state.record_action("private_reply", comment.id, text=text, messaging_type=payload.get("messaging_type"))
    recipient = comment.author.id if comment.author else state.new_id(16)
    return Reply(body={"recipient_id": recipient, "message_id": state.message_id()})


def blocked(call: Call, page: Page) -> Reply:
    state = call.state
    if call.method == "GET":
        return Reply(body={"data": [{"id": pid, "name": name} for pid, name in page.blocked.items()]})
    need(call, "pages_manage_engagement")
    users = [u for key in ("user", "uid", "psid", "asid") for u in call.params.get(key, "").split(",") if u]
    if not users:
        raise invalid("Param user is required")
    if call.method == "DELETE":
        for user in users:
            page.blocked.pop(user, None)
            state.record_action("unblock", user)
        return Reply(body=SUCCESS)
    answer = {}
    for user in users:
        person = state.people.get(user)
        answer[user] = person is not None  # 1.7: map of id -> bool (shape unverified)
        if person is not None:
            page.blocked[user] = person.name
            state.record_action("block", user)
    return Reply(body=answer)


def post_route(call: Call, post: Post, edge: str | None) -> Reply:
    if edge is None and call.method == "GET":
        return Reply(body=render_post(call, post))
    if edge == "comments":
        return comments_edge(call, post, parent=None)
    raise invalid(f"Unsupported {call.method} on a post")


def comments_edge(call: Call, post: Post, *, parent: Comment | None) -> Reply:
    """``GET``: list (1.5, filter/order/since/until/limit/fields); ``POST``: comment as the page."""
    state = call.state
    if call.method == "POST":
        need(call, "pages_manage_engagement")
        text = call.params.get("message", "")
        if not text.strip():
            raise invalid("Missing message or attachment")
        page = state.pages[post.owner_id]
        reply = state.add_comment(
            post.id, text, author=Person(page.id, page.name), parent_id=parent.id if parent else None
        )
        state.record_action("reply", parent.id if parent else post.id, text=text, new_id=reply.id)
        return Reply(body={"id": reply.id})
    if call.method != "GET":
        raise invalid(f"Unsupported {call.method} on comments")
    need(call, "pages_read_engagement", read=True)
    since, until = unix_param(call, "since"), unix_param(call, "until")
    stream = call.params.get("filter") == "stream" and parent is None
    rows = [
        c
        for c in post.live_comments()
        if (stream or c.parent_id == (parent.id if parent else None))
        and (since is None or c.created >= since)
        and (until is None or c.created <= until)
    ]
    descending = call.params.get("order") == "reverse_chronological"
    rows.sort(key=lambda c: c.key, reverse=descending)
    fields = parse_fields(call.params.get("fields"))
    body = paged(
        rows,
        key=lambda c: c.key,
        render=lambda c: render_comment(call, c, fields),
        params=call.params,
        next_url=call.next_url(),
        descending=descending,
    )
    return Reply(body=body)


def comment_route(call: Call, comment: Comment, edge: str | None) -> Reply:
    state = call.state
    post = state.posts[comment.parent_object]
    if edge is None and call.method == "GET":
        return Reply(body=render_comment(call, comment, parse_fields(call.params.get("fields"))))
    if edge is None and call.method == "POST":
        need(call, "pages_manage_engagement")
        if "is_hidden" not in call.params:
            raise invalid("Param is_hidden is required")
        comment.hidden = call.params["is_hidden"].lower() == "true"  # 1.7: idempotent
        state.record_action("hide" if comment.hidden else "unhide", comment.id)
        return Reply(body=SUCCESS)
    if edge is None and call.method == "DELETE":
        need(call, "pages_manage_engagement")
        state.delete_object(comment.id)
        state.record_action("delete", comment.id)
        return Reply(body=SUCCESS)
    if edge == "comments":
        return comments_edge(call, post, parent=comment)
    if edge == "likes" and call.method in {"POST", "DELETE"}:
        need(call, "pages_manage_engagement")
        comment.liked = call.method == "POST"
        state.record_action("like" if comment.liked else "unlike", comment.id)
        return Reply(body=SUCCESS)
    raise invalid(f"Unsupported {call.method} on a comment")
