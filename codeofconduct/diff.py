"""What changed between two versions of a code of conduct: pure, over plain values (difflib).

Articles are paired by number, as the public cites them ("art. 7"). Texts are compared word by
word; the result is a list of segments (equal, insert, delete) that a template renders with
``<ins>`` and ``<del>`` and normal escaping, never as ready-made HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class ArticleSnapshot:
    number: int
    title: str
    text: str
    kind: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class VersionSnapshot:
    version: int
    title: str
    intro: str
    procedure: str
    warnings_before_block: int
    strike_validity_days: int
    appeal_contact: str
    articles: tuple[ArticleSnapshot, ...]


@dataclass(frozen=True)
class Segment:
    op: str  # EQUAL, INSERT or DELETE
    text: str


@dataclass(frozen=True)
class TextChange:
    name: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(segment.op != EQUAL for segment in self.segments)


@dataclass(frozen=True)
class ArticleChange:
    number: int
    status: str  # ADDED, REMOVED, CHANGED or UNCHANGED
    title: TextChange
    text: TextChange
    old_kind: str | None
    new_kind: str | None

    @property
    def kind_changed(self) -> bool:
        return self.old_kind is not None and self.new_kind is not None and self.old_kind != self.new_kind


@dataclass(frozen=True)
class VersionDiff:
    old_version: int
    new_version: int
    fields: tuple[TextChange, ...]  # title, intro, procedure, appeal contact, policy values
    articles: tuple[ArticleChange, ...]

    @property
    def changed_articles(self) -> tuple[ArticleChange, ...]:
        return tuple(a for a in self.articles if a.status != UNCHANGED)

    @property
    def changed_fields(self) -> tuple[TextChange, ...]:
        return tuple(f for f in self.fields if f.changed)

    @property
    def has_changes(self) -> bool:
        return bool(self.changed_articles or self.changed_fields)


def diff_text(old: str, new: str, *, name: str = "") -> TextChange:
    """Word-level differences; adjacent segments with the same operation are merged."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[Segment] = []
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, EQUAL, "".join(old_tokens[a1:a2]))
            continue
        if op in ("delete", "replace"):
            _append(segments, DELETE, "".join(old_tokens[a1:a2]))
        if op in ("insert", "replace"):
            _append(segments, INSERT, "".join(new_tokens[b1:b2]))
    return TextChange(name=name, segments=tuple(segments))


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def diff_versions(old: VersionSnapshot, new: VersionSnapshot) -> VersionDiff:
    """Everything a reader needs to see what a new version changes."""
    fields = (
        diff_text(old.title, new.title, name="title"),
        diff_text(old.intro, new.intro, name="intro"),
        diff_text(old.procedure, new.procedure, name="procedure"),
        diff_text(old.appeal_contact, new.appeal_contact, name="appeal_contact"),
        diff_text(
            str(old.warnings_before_block), str(new.warnings_before_block), name="warnings_before_block"
        ),
        diff_text(str(old.strike_validity_days), str(new.strike_validity_days), name="strike_validity_days"),
    )
    old_by_number = {a.number: a for a in old.articles}
    new_by_number = {a.number: a for a in new.articles}
    articles = tuple(
        _diff_article(number, old_by_number.get(number), new_by_number.get(number))
        for number in sorted(old_by_number.keys() | new_by_number.keys())
    )
    return VersionDiff(old_version=old.version, new_version=new.version, fields=fields, articles=articles)


def _diff_article(number: int, old: ArticleSnapshot | None, new: ArticleSnapshot | None) -> ArticleChange:
    title = diff_text(old.title if old else "", new.title if new else "", name="title")
    text = diff_text(old.text if old else "", new.text if new else "", name="text")
    if old is None:
        status = ADDED
    elif new is None:
        status = REMOVED
    elif title.changed or text.changed or old.kind != new.kind or old.categories != new.categories:
        status = CHANGED
    else:
        status = UNCHANGED
    return ArticleChange(
        number=number,
        status=status,
        title=title,
        text=text,
        old_kind=old.kind if old else None,
        new_kind=new.kind if new else None,
    )
