"""The one small interface every platform connector implements, and the errors it raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class Capability(StrEnum):
    REPLY = "reply"
    PRIVATE_REPLY = "private_reply"
    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"
    LIKE = "like"
    BLOCK = "block"


@dataclass(frozen=True)
class RemotePost:
    remote_id: str
    title: str
    message: str
    published_at: datetime
    permalink: str = ""


@dataclass(frozen=True)
class RemoteComment:
    remote_id: str
    post_remote_id: str
    author_remote_id: str | None  # None when the platform does not say who wrote it
    author_name: str
    text: str
    published_at: datetime
    parent_remote_id: str | None = None
    permalink: str = ""
    hidden: bool = False
    deleted: bool = False
    is_own: bool = False  # written by the page itself


@dataclass(frozen=True)
class FetchResult:
    """One bounded page of a sync. ``cursor`` is stored only after the page is committed."""

    posts: list[RemotePost]
    comments: list[RemoteComment]
    cursor: Mapping[str, Any]
    more: bool = False
    deleted_remote_ids: list[str] = field(default_factory=list)


class Connector(Protocol):
    capabilities: frozenset[Capability]

    def fetch(self, *, cursor: Mapping[str, Any]) -> FetchResult: ...
    def reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str: ...
    def private_reply(self, comment_remote_id: str, *, text: str, idempotency_key: str) -> str: ...
    def hide(self, comment_remote_id: str, *, hidden: bool = True) -> None: ...
    def delete(self, comment_remote_id: str) -> None: ...
    def like(self, comment_remote_id: str) -> None: ...
    def block_author(self, author_remote_id: str) -> None: ...


class PlatformError(Exception):
    """Base class; ``str(exc)`` is safe to show to staff (it never holds a token)."""


class TransientError(PlatformError):
    """Timeout, connection reset, 5xx: retry with backoff."""


class RateLimited(TransientError):
    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(PlatformError):
    """Bad request, refused by the platform's rules: never retried."""


class Gone(PermanentError):
    """The object no longer exists on the platform."""


class PermissionMissing(PermanentError):
    """The connection lacks a permission; an admin has to grant it."""


class AuthExpired(PermanentError):
    """Token revoked or expired: a person must reconnect the page."""


class NotSupported(PermanentError):
    """The platform cannot do this at all (see the capability table)."""
