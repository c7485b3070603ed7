"""Shapes of Graph answers: ``fields`` selection, cursor paging, error bodies from fixtures."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

if TYPE_CHECKING:
    from tests.fakeplatform.state import GraphState, Token

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
T = TypeVar("T")


@dataclass
class Reply:
    """What the handler writes: a JSON body (or ``raw`` bytes), a status and extra headers."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    content_type: str = "application/json; charset=UTF-8"


@dataclass
class Call:
    """One authenticated Graph request as the routes see it (query and form merged, 1.1)."""

    method: str
    path: str  # after the version: "104123456789012/published_posts"
    segments: list[str]
    params: dict[str, str]
    json: Any
    token: Token
    base_url: str  # "http://127.0.0.1:PORT/v25.0"
    state: GraphState

    def next_url(self) -> Callable[[str], str]:
        return next_link(self.base_url, self.path, self.params, self.token.value)


class GraphFailure(Exception):
    """Raised inside a route to answer with a Graph error body."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.body)
        self.reply = reply


def parse_graph_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def fixture(platform: str, name: str) -> Any:
    return json.loads((FIXTURES / platform / f"{name}.json").read_text(encoding="utf-8"))


def error_reply(name: str, *, platform: str = "facebook", status: int = 400, **overrides: Any) -> Reply:
    """A Graph error body built from ``tests/fixtures/<platform>/<name>.json`` (1.9)."""
    body = fixture(platform, name)
    body["error"].update({key: value for key, value in overrides.items() if value is not None})
    body["error"]["fbtrace_id"] = "A" + secrets.token_urlsafe(16)[:22]
    return Reply(status=status, body=body)


def fail(name: str, **kwargs: Any) -> GraphFailure:
    return GraphFailure(error_reply(name, **kwargs))


def gone(object_id: str, platform: str = "facebook") -> GraphFailure:
    message = (
        f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded due to "
        "missing permissions, or does not support this operation."
    )
    return fail("error_gone", platform=platform, message=message)


def invalid(message: str) -> GraphFailure:
    return fail("error_invalid_parameter", message=f"(#100) {message}")


# --- fields=id,message,from{id,name},comments.limit(0).summary(true) -------------------------
def parse_fields(spec: str | None) -> dict[str, Any] | None:
    """``{"id": None, "from": {"id": None, "name": None}, "comments": None}``; None when absent."""
    if not spec:
        return None
    result: dict[str, Any] = {}
    depth, start = 0, 0
    for index, char in enumerate(spec + ","):
        if char in "{(":
            depth += 1
        elif char in "})":
            depth -= 1
        elif char == "," and depth == 0:
            part = spec[start:index].strip()
            start = index + 1
            if not part:
                continue
            name = part.split("{", 1)[0].split(".", 1)[0].strip()
            sub = part[part.index("{") + 1 : part.rindex("}")] if "{" in part else None
            result[name] = parse_fields(sub) if sub else None
    return result


def project(
    obj: Mapping[str, Any], fields: Mapping[str, Any] | None, default: Sequence[str]
) -> dict[str, Any]:
    """Keep the selected keys (nested selections recurse); missing values are simply left out."""
    wanted: Mapping[str, Any] = fields if fields is not None else dict.fromkeys(default)
    out: dict[str, Any] = {}
    for key, sub in wanted.items():
        if key not in obj or obj[key] is None:
            continue
        value = obj[key]
        if sub and isinstance(value, Mapping) and "data" not in value:
            value = project(value, sub, ())
        out[key] = value
    return out


def fields_string(fields: Mapping[str, Any]) -> str:
    """The inverse of ``parse_fields`` (for nested ``next`` links)."""
    return ",".join(key if sub is None else f"{key}{{{fields_string(sub)}}}" for key, sub in fields.items())


# --- cursor paging (1.6) ------------------------------------------------------------------------
def encode_cursor(key: tuple[int, int]) -> str:
    return base64.urlsafe_b64encode(f"{key[0]}:{key[1]}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        first, second = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        return int(first), int(second)
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid("The after cursor is invalid or expired") from exc


def limit_of(params: Mapping[str, str]) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(params.get("limit", DEFAULT_LIMIT))))
    except ValueError as exc:
        raise invalid("Param limit must be a number") from exc


def paged(
    items: Sequence[T],
    *,
    key: Callable[[T], tuple[int, int]],
    render: Callable[[T], dict[str, Any]],
    params: Mapping[str, str],
    next_url: Callable[[str], str],
    descending: bool = False,
    limit: int | None = None,
) -> dict[str, Any]:
    """``{"data": [...], "paging": {"cursors": {...}, "next": ...}}``; ``next`` only when more remain."""
    limit = limit or limit_of(params)
    rows = list(items)
    if params.get("after"):
        mark = decode_cursor(params["after"])
        rows = [row for row in rows if (key(row) < mark if descending else key(row) > mark)]
    page, rest = rows[:limit], rows[limit:]
    body: dict[str, Any] = {"data": [render(row) for row in page]}
    if page:
        body["paging"] = {
            "cursors": {"before": encode_cursor(key(page[0])), "after": encode_cursor(key(page[-1]))}
        }
        if rest:
            body["paging"]["next"] = next_url(body["paging"]["cursors"]["after"])
    return body


def next_link(base_url: str, path: str, params: Mapping[str, str], token: str) -> Callable[[str], str]:
    """Like Graph's ``paging.next``: the same query with ``after``, and the token embedded (1.6)."""

    def build(after: str) -> str:
        query = {k: v for k, v in params.items() if k not in {"after", "before", "access_token"}}
        return f"{base_url}/{path}?" + urlencode({**query, "after": after, "access_token": token})

    return build
