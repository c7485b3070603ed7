"""The one HTTP funnel for platform connectors: a shared session, a User-Agent and timeouts.

Contract: ``request`` returns the ``requests.Response`` whatever its status, so each platform's
parser can read meaning from the body (the Graph API reports an expired token in a 400 body).
Only network failures are mapped here, to ``TransientError``. The token travels in the
``Authorization`` header, never in a URL; any ``access_token`` that reaches a URL or message we
raise is blanked out first, so ``str(exc)`` is always safe to log and to show to staff.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from django.conf import settings

from moderation.platforms.base import AuthExpired, PermanentError, RateLimited, TransientError

TIMEOUT: tuple[float, float] = (3.05, 20)  # seconds: connect, read (STYLE.md section 2)
USER_AGENT = "Reageerwijzer/0.1"
MAX_RETRY_AFTER = 3600.0  # never park a connection longer than an hour on one hint
_TOKEN_IN_TEXT = re.compile(r"(access_token=)[^&\s\"'<>]+", re.IGNORECASE)
_local = threading.local()


def timeout() -> tuple[float, float]:
    """The ``(connect, read)`` timeout; tests shorten it with ``settings.PLATFORM_HTTP_TIMEOUT``."""
    configured = getattr(settings, "PLATFORM_HTTP_TIMEOUT", None)
    return tuple(configured) if configured else TIMEOUT  # type: ignore[return-value]


def session() -> requests.Session:
    """One session per thread: ``requests.Session`` is not documented as thread-safe."""
    current = getattr(_local, "session", None)
    if current is None:
        current = requests.Session()
        current.headers["User-Agent"] = USER_AGENT
        current.trust_env = False  # no proxy or .netrc credentials from the environment
        _local.session = current
    return current


def redact(text: str) -> str:
    """Blank out every ``access_token=...`` in a URL or message."""
    return _TOKEN_IN_TEXT.sub(r"\1***", text)


def strip_token(url: str) -> str:
    """Remove ``access_token`` from a URL's query (Graph ``paging.next`` links embed it, 1.6)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "access_token"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def request(
    method: str,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    json: Any = None,
    token: str | None = None,
) -> requests.Response:
    """Send one request with the token as a Bearer header; network failures become TransientError."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    safe_url = redact(strip_token(url))
    try:
        return session().request(
            method,
            strip_token(url),
            params=params,
            data=data,
            json=json,
            headers=headers,
            timeout=timeout(),
            allow_redirects=False,  # a redirect could carry the Authorization header elsewhere
        )
    except requests.Timeout:
        # "from None": the original exception's text may hold the URL; never chain it.
        raise TransientError(f"{method} {safe_url} timed out") from None
    except requests.ConnectionError:
        raise TransientError(f"could not reach {urlsplit(safe_url).netloc}") from None
    except requests.RequestException as exc:
        raise TransientError(f"{method} {safe_url} failed: {exc.__class__.__name__}") from None


def parse_retry_after(headers: Mapping[str, str], *, cap: float = MAX_RETRY_AFTER) -> float | None:
    """``Retry-After`` as seconds from now (delta-seconds or an HTTP date), capped; None if absent."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - datetime.now(UTC)).total_seconds()), cap)


def raise_for_status(response: requests.Response, *, platform: str = "the platform") -> None:
    """The default mapping by HTTP status, for bodies that carry no platform error."""
    status = response.status_code
    if status == 429:
        raise RateLimited(f"{platform} is rate limiting us", retry_after=parse_retry_after(response.headers))
    if status == 401:
        raise AuthExpired(f"{platform} rejected the token; reconnect the page")
    if status >= 500:
        raise TransientError(f"{platform} answered {status}")
    if status >= 400:
        raise PermanentError(f"{platform} refused the request ({status})")
