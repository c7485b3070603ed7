"""Taming text and links written by strangers before they are stored."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_TEXT_LENGTH = 200_000
# C0 and C1 control characters except tab and newline (\r\n becomes \n first).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str | bytes | None) -> str:
    """Valid Unicode without NUL or other control characters (newlines and tabs stay).

    Nothing visible is removed: escaping happens at output time. Invalid UTF-8 is replaced,
    lone surrogates too (PostgreSQL refuses both), and overly long text is cut with a marker.
    """
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    value = value.replace("\r\n", "\n").encode("utf-8", "replace").decode("utf-8")
    value = _CONTROL_CHARACTERS.sub("", value)
    if len(value) > MAX_TEXT_LENGTH:
        value = value[:MAX_TEXT_LENGTH] + " […]"
    return value


def safe_url(value: str | None) -> str:
    """The URL if it is http(s), else "": a javascript: link survives HTML escaping."""
    if not value:
        return ""
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme in {"http", "https"} and parts.netloc else ""
