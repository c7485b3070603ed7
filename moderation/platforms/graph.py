"""What the Facebook and Instagram connectors share: Graph errors, usage headers, times, paging.

Section numbers refer to /work/shared/platform-apis.md. Every failure is raised as one of the
classes in ``base`` (classified by Graph ``code``/``error_subcode``, not by HTTP status, 1.9);
messages never hold a token.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings

from moderation.platforms import http
from moderation.platforms.base import (
    AuthExpired,
    Gone,
    PermanentError,
    PermissionMissing,
    RateLimited,
    RemoteComment,
    TransientError,
)

logger = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 60.0  # seconds, when a throttling error carries no hint (1.10)
POLICY_BLOCK_RETRY_AFTER = 3600.0  # code 368: "backoff (long, >= 1 h)" (1.9)
AUTH_CODES = {190, 102, 104}  # 104 = "an access token is required": nothing a retry can fix
THROTTLE_CODES = {4, 17, 32, 80001, 80002, 613, 341}
TRANSIENT_CODES = {1, 2}
OUTSIDE_WINDOW_SUBCODE = 2018278  # Send API: "(#10) This message is sent outside of allowed window"
USAGE_HEADERS = ("X-App-Usage", "X-Business-Use-Case-Usage", "X-Page-Usage")
USAGE_KEYS = ("call_count", "total_cputime", "total_time")
_PERMISSION_NAME = re.compile(r"\b((?:pages|instagram|business|read|publish|ads)_[a-z_]+)\b")
_GRAPH_ID = re.compile(r"^[0-9]+(?:_[0-9]+)*$")
_AUTH_HINTS = {
    459: "the account behind the token must log in on Facebook first",
    492: "the person who connected the page no longer has a role on it",
}


def parse_graph_time(value: str) -> datetime:
    """``2026-11-24T09:15:02+0000`` (offset without colon) as an aware datetime."""
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except (TypeError, ValueError):
        raise PermanentError(f"unexpected Graph timestamp {value!r}") from None


def graph_id(value: str) -> str:
    """A Graph object id (digits and underscores, 1.3); refuses anything that could alter the path."""
    if not _GRAPH_ID.match(value or ""):
        raise PermanentError(f"not a Graph object id: {str(value)[:60]!r}")
    return value


def require(item: Mapping[str, Any], key: str, what: str, *, platform: str) -> Any:
    """A required field, or a PermanentError naming it (parse at the edge, STYLE.md 2)."""
    value = item.get(key)
    if value in (None, ""):
        raise PermanentError(f"{platform} {what} without {key!r}")
    return value


def title_of(message: str) -> str:
    """The first line of a post's text, at most 80 characters."""
    lines = (message or "").strip().splitlines()
    first = lines[0].strip() if lines else ""
    return first if len(first) <= 80 else first[:79] + "…"


def dedupe(comments: list[RemoteComment]) -> list[RemoteComment]:
    """One entry per remote id (the last read wins), in first-seen order."""
    return list({comment.remote_id: comment for comment in comments}.values())


def resume_or_restart(read: Callable[[], None], state: dict[str, Any], *, platform: str) -> None:
    """Run ``read``; if a stored ``after`` cursor is refused (stale cursors, 1.6), restart once without it.

    Only a plain PermanentError counts (code 100 is assumed for a stale cursor, unverified);
    Gone, missing permissions and expired tokens propagate.
    """
    try:
        read()
    except PermanentError as exc:
        if type(exc) is not PermanentError or not state.get("after"):
            raise
        logger.info("%s refused a stored paging cursor; restarting the listing: %s", platform, exc)
        state["after"] = None
        read()


def _json_header(headers: Mapping[str, str], name: str) -> Any:
    try:
        return json.loads(headers.get(name) or "null")
    except ValueError:
        return None


def _usage_entries(headers: Mapping[str, str]) -> Iterator[Mapping[str, Any]]:
    """Every usage object: X-App-Usage/X-Page-Usage are one dict, BUC is ``{id: [dict, ...]}`` (1.10)."""
    for name in USAGE_HEADERS:
        value = _json_header(headers, name)
        if not isinstance(value, dict):
            continue
        if name == "X-Business-Use-Case-Usage":
            for entries in value.values():
                if isinstance(entries, list):
                    yield from (entry for entry in entries if isinstance(entry, dict))
        else:
            yield value


def usage_percent(headers: Mapping[str, str]) -> float:
    """The highest of call_count, total_cputime, total_time over all usage headers (0-100)."""
    values = [
        float(entry[key])
        for entry in _usage_entries(headers)
        for key in USAGE_KEYS
        if isinstance(entry.get(key), int | float)
    ]
    return max(values, default=0.0)


def regain_seconds(headers: Mapping[str, str]) -> float | None:
    """``estimated_time_to_regain_access`` (minutes, 1.10) as seconds; None when absent or zero."""
    minutes = [
        float(entry["estimated_time_to_regain_access"])
        for entry in _usage_entries(headers)
        if isinstance(entry.get("estimated_time_to_regain_access"), int | float)
    ]
    longest = max(minutes, default=0.0)
    return longest * 60 if longest > 0 else None


def _body(response: requests.Response) -> Any:
    """The JSON body, or None when it is empty, truncated or an HTML error page."""
    try:
        return response.json()
    except ValueError:
        return None


def raise_for_graph_error(response: requests.Response, *, platform: str = "Facebook") -> None:
    """Raise the error class a Graph response means (1.9); return quietly on success."""
    _check(response, _body(response), platform)


def _check(response: requests.Response, body: Any, platform: str) -> None:
    status = response.status_code
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        raise _graph_error(error, response, platform)
    if body is None or (status < 400 and not isinstance(body, dict | bool)):
        # Empty body, malformed JSON or an HTML page from a proxy: no Graph error to read.
        if status == 429:
            raise RateLimited(f"{platform} is rate limiting us", retry_after=_retry_after(response))
        if status >= 500:
            raise TransientError(f"{platform} answered {status} without a readable body")
        raise PermanentError(f"{platform} answered {status} with an unreadable body")
    http.raise_for_status(response, platform=platform)


def _retry_after(response: requests.Response) -> float:
    hint = regain_seconds(response.headers) or http.parse_retry_after(response.headers)
    return hint or DEFAULT_RETRY_AFTER


def _graph_error(error: Mapping[str, Any], response: requests.Response, platform: str) -> Exception:
    code = error.get("code")
    subcode = error.get("error_subcode")
    message = http.redact(str(error.get("message") or "no message"))[:500]
    detail = f"{platform}: {message} (code {code}" + (f"/{subcode})" if subcode else ")")
    if code in AUTH_CODES:
        hint = _AUTH_HINTS.get(subcode, "the token expired or was revoked")
        return AuthExpired(
            f"{platform} no longer accepts this connection's token: {hint}. Reconnect the page."
        )
    if code == 10 and subcode == OUTSIDE_WINDOW_SUBCODE:
        # Private replies are only allowed within 7 days of the comment (1.7); not a permission.
        return PermanentError(f"{platform}: the period for a private reply to this comment has passed")
    if code in {3, 10} or (isinstance(code, int) and 200 <= code <= 299):
        found = _PERMISSION_NAME.search(message)
        if found:
            exc = PermissionMissing(f"{platform}: the connection lacks the permission {found.group(1)}")
            exc.permission = found.group(1)  # type: ignore[attr-defined]
            return exc
        return PermissionMissing(f"{platform} refused for lack of a permission: {detail}")
    if code == 368:
        wait = max(POLICY_BLOCK_RETRY_AFTER, regain_seconds(response.headers) or 0.0)
        return RateLimited(
            f"{platform} temporarily blocks this page for policy reasons: {detail}", retry_after=wait
        )
    if code in THROTTLE_CODES:
        return RateLimited(f"{platform} is rate limiting us: {detail}", retry_after=_retry_after(response))
    if code in TRANSIENT_CODES or error.get("is_transient") is True:
        return TransientError(f"{platform} is temporarily unavailable: {detail}")
    if code == 100 and subcode == 33:
        return Gone(f"{platform}: the object no longer exists ({message})")
    if response.status_code >= 500:
        return TransientError(f"{platform} answered {response.status_code}: {detail}")
    return PermanentError(f"{platform} refused the request: {detail}")


@dataclass(frozen=True)
class GraphPage:
    """One page of a cursor-paged Graph list; ``after`` resumes right after it (1.6)."""

    data: list[dict[str, Any]]
    after: str | None
    has_next: bool


def page_of(body: Mapping[str, Any], *, platform: str = "Facebook") -> GraphPage:
    """Read ``data`` and ``paging``; "no ``next`` = last page" (1.6)."""
    data = body.get("data")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PermanentError(f"{platform} answered a list without a 'data' array")
    paging = body.get("paging") if isinstance(body.get("paging"), dict) else {}
    cursors = paging.get("cursors") if isinstance(paging.get("cursors"), dict) else {}
    after = cursors.get("after") if isinstance(cursors.get("after"), str) else None
    return GraphPage(data=data, after=after, has_next=bool(paging.get("next")))


class GraphClient:
    """Graph calls for one connection: base URL from settings, token as a Bearer header."""

    def __init__(self, *, token: str, platform: str = "Facebook", base_url: str | None = None) -> None:
        self.token = token
        self.platform = platform
        self.base_url = (base_url or settings.GRAPH_API_URL).rstrip("/")
        self.last_usage = 0.0

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def call(self, method: str, path_or_url: str, **kwargs: Any) -> Any:
        """One Graph request; returns the decoded success body or raises a classified error."""
        url = path_or_url if "://" in path_or_url else self.url(path_or_url)
        response = http.request(method, url, token=self.token, **kwargs)
        self.last_usage = usage_percent(response.headers)
        if self.last_usage >= 90:
            logger.info("%s usage at %.0f%% for %s", self.platform, self.last_usage, urlsplit(url).path)
        body = _body(response)
        _check(response, body, self.platform)
        return {"success": body} if isinstance(body, bool) else body  # old endpoints answer a bare true

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return self.call("GET", path, params=params)

    def post(self, path: str, *, data: Mapping[str, Any] | None = None, json: Any = None) -> dict[str, Any]:
        return self.call("POST", path, data=data, json=json)

    def delete(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return self.call("DELETE", path, params=params)

    def pages(self, path: str, params: Mapping[str, Any], *, after: str | None = None) -> Iterator[GraphPage]:
        """Follow ``paging.next`` (token stripped, same host only) or re-send with ``after`` (1.6)."""
        url: str = self.url(path)
        query: dict[str, Any] | None = {**params, **({"after": after} if after else {})}
        while True:
            body = self.get(url, query)
            page = page_of(body, platform=self.platform)
            yield page
            if not page.has_next:
                return
            next_url = str(body["paging"]["next"])
            if urlsplit(next_url).netloc == urlsplit(self.base_url).netloc:
                url, query = http.strip_token(next_url), None
            elif page.after:  # never send our token to another host: re-ask ours
                url, query = self.url(path), {**params, "after": page.after}
            else:
                raise PermanentError(f"{self.platform} gave a next page on another host without a cursor")
