"""Meta webhook deliveries from the fake Graph server (platform-apis.md 1.8, 2.5, 6b).

Changes are built from the fake's own state, serialised as Meta does (JSON with non-ASCII
escaped as ``\\uXXXX``), signed over the exact bytes sent with the app secret
(``X-Hub-Signature-256``, plus the legacy ``X-Hub-Signature``) and POSTed to a callback URL.
``handshake`` performs the GET verification and checks the echoed challenge. Nothing here
retries on the fake clock; a test sends the same payload again to play a redelivery.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from tests.fakeplatform.state import GraphState

APP_SECRET = "fake-app-secret-3f9c2a7d1e"
VERIFY_TOKEN = "fake-verify-token-velderbeek"


def encode(payload: Any) -> bytes:
    """The bytes Meta would send: compact JSON, non-ASCII escaped (``ensure_ascii=True``)."""
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def sign_sha1(body: bytes, secret: str) -> str:
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def feed_change(state: GraphState, comment_id: str, verb: str = "add") -> dict[str, Any]:
    """A page ``feed`` change for a Facebook comment (1.8); hide/remove carry ids only."""
    comment = state.comments[comment_id]
    post = state.posts[comment.parent_object]
    value: dict[str, Any] = {
        "item": "comment",
        "verb": verb,
        "comment_id": comment.id,
        "post_id": post.id,
        "parent_id": comment.parent_id or post.id,
        "created_time": comment.created if verb == "add" else state.now(),
        "post": {
            "id": post.id,
            "status_type": "mobile_status_update",
            "is_published": True,
            "permalink_url": post.permalink,
        },
    }
    if verb in {"add", "edited"}:
        value["message"] = comment.text
        if comment.author is not None:
            value["from"] = {"id": comment.author.id, "name": comment.author.name}
    return {"field": "feed", "value": value}


def reaction_change(state: GraphState, post_id: str) -> dict[str, Any]:
    """A reaction on a post: noise the app must ignore."""
    return {
        "field": "feed",
        "value": {
            "item": "reaction",
            "verb": "add",
            "post_id": post_id,
            "reaction_type": "like",
            "created_time": state.now(),
        },
    }


def instagram_change(state: GraphState, comment_id: str) -> dict[str, Any]:
    """An Instagram ``comments`` change (2.5): creation only."""
    comment = state.comments[comment_id]
    value: dict[str, Any] = {
        "id": comment.id,
        "text": comment.text,
        "media": {"id": comment.parent_object, "media_product_type": "FEED"},
    }
    if comment.author is not None:
        value["from"] = {"id": comment.author.id, "username": comment.author.name}
    if comment.parent_id:
        value["parent_id"] = comment.parent_id
    return {"field": "comments", "value": value}


def owner_of(state: GraphState, comment_id: str) -> tuple[str, str]:
    """(delivery ``object``, entry id) for a comment: the page, or the Instagram account."""
    comment = state.comments[comment_id]
    owner = state.posts[comment.parent_object].owner_id
    return ("instagram", owner) if comment.platform == "instagram" else ("page", owner)


def delivery(
    object_type: str, entries: list[tuple[str, list[dict[str, Any]]]], *, time: int
) -> dict[str, Any]:
    """One delivery with several entries, each with its changes (batching, 1.8)."""
    return {
        "object": object_type,
        "entry": [{"id": entry_id, "time": time, "changes": changes} for entry_id, changes in entries],
    }


def comment_delivery(
    state: GraphState, comment_id: str, verb: str = "add", *, time: int | None = None
) -> dict[str, Any]:
    """A delivery with one change about ``comment_id``; ``time`` (unix) defaults to the fake clock."""
    object_type, owner = owner_of(state, comment_id)
    change = (
        instagram_change(state, comment_id)
        if object_type == "instagram"
        else feed_change(state, comment_id, verb)
    )
    return delivery(object_type, [(owner, [change])], time=state.now() if time is None else time)


def post(url: str, body: bytes, *, secret: str | None, signature: str | None = None) -> tuple[int, str]:
    """POST ``body`` signed with ``secret`` (or with an explicit ``signature``); (status, body)."""
    headers = {"Content-Type": "application/json", "User-Agent": "facebookexternalua"}
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature
    elif secret is not None:
        headers["X-Hub-Signature-256"] = sign(body, secret)
        headers["X-Hub-Signature"] = sign_sha1(body, secret)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    return _open(request)


def handshake(url: str, *, verify_token: str, challenge: str = "1158201444") -> tuple[int, str, bool]:
    """The GET verification (1.8): (status, body, whether the challenge came back exactly)."""
    query = urllib.parse.urlencode(
        {"hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": verify_token}
    )
    status, body = _open(urllib.request.Request(f"{url}?{query}", method="GET"))
    return status, body, status == 200 and body == challenge


def _open(request: urllib.request.Request) -> tuple[int, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never a proxy
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
