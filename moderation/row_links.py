"""Links of an inbox row, without a ``reverse()`` per link per row.

An inbox page shows fifty rows with five links each; reversing every one of them was a third of
the page's render time. Each route is reversed once (per script prefix) with a marker id, and the
row's id is put in its place.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse

_MARKER = 987654321


@lru_cache(maxsize=64)
def _split_route(name: str, prefix: str, *extra: str) -> tuple[str, str]:
    head, _, tail = reverse(name, args=[_MARKER, *extra]).partition(str(_MARKER))
    return head, tail


def url_with_id(name: str, object_id: int, *extra: str) -> str:
    """``reverse(name, args=[object_id, *extra])`` for routes whose first argument is an integer id."""
    head, tail = _split_route(name, get_script_prefix(), *extra)
    return f"{head}{int(object_id)}{tail}"


class RowLinks:
    """The URLs one inbox row links to."""

    __slots__ = ("_comment_id", "_author_id")

    def __init__(self, comment_id: int, author_id: int | None) -> None:
        self._comment_id = comment_id
        self._author_id = author_id or 0

    @property
    def open(self) -> str:
        return url_with_id("moderation:comment", self._comment_id)

    @property
    def row(self) -> str:
        return url_with_id("moderation:comment_row", self._comment_id)

    @property
    def author(self) -> str:
        return url_with_id("moderation:author", self._author_id)

    @property
    def hide(self) -> str:
        return url_with_id("moderation:act", self._comment_id, "hide")

    @property
    def mark_handled(self) -> str:
        return url_with_id("moderation:act", self._comment_id, "mark_handled")
