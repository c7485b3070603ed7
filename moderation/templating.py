"""Filling reply templates: pure string work with a fixed set of variables."""

from __future__ import annotations

import string
from collections.abc import Mapping

from moderation.default_tree import TEMPLATE_VARIABLES as VARIABLES


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill_template(text: str, values: Mapping[str, str]) -> str:
    """Replace {variables}; unknown or malformed placeholders are left as written."""
    known = _Blank({key: value for key, value in values.items() if key in VARIABLES})
    try:
        fields = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError:
        return text
    if any(name not in VARIABLES for name in fields):
        return text
    return text.format_map(known)


def first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0][:50] if parts else ""
