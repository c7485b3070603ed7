"""Text normalisation for matching, keeping a map back to the original so evidence is exact.

Matching happens on a folded copy: NFKC, lowercase, accents stripped, zero-width and format characters
removed, control characters turned into spaces, HTML tags blanked out and runs of three or more identical
letters collapsed to one ("zooooot" -> "zot"). Lexicon patterns accept a single letter where they spell a
double one ("mooooi" -> "moi" still matches "mooi"), see ``patterns.words``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Longer texts are cut: Facebook allows 8,000 characters per comment, and every rule stays linear in this.
MAX_ANALYSED_CHARS = 10_000

_DROPPED = frozenset(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFE0E, 0xFE0F, 0xFEFF, 0xFFA0]
    + list(range(0x200B, 0x2010))      # zero-width space/joiners, LRM, RLM
    + list(range(0x202A, 0x202F))      # bidi embeddings and overrides
    + list(range(0x2060, 0x2070))      # word joiner, invisible operators, bidi isolates
    + list(range(0x1F3FB, 0x1F400))    # emoji skin tone modifiers
    + list(range(0xE0000, 0xE0080))    # tag characters
)
_TAG = re.compile(r"<\s*/?\s*[a-z!][^<>]{0,300}>")
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Normalised:
    original: str                      # the (possibly truncated) original text
    text: str                          # the folded text rules match against
    starts: tuple[int, ...] | None     # text[i] comes from original[starts[i]:ends[i]]; None = identity
    ends: tuple[int, ...] | None
    truncated: bool = False

    def evidence(self, start: int, end: int) -> str:
        """The original words behind ``text[start:end]``, stripped of surrounding blanks."""
        if end <= start:
            return ""
        if self.starts is None:
            return self.original[start:end].strip()
        return self.original[self.starts[start]:self.ends[end - 1]].strip()

    def original_index(self, position: int) -> int:
        """Where ``text[position]`` starts in the original."""
        if self.starts is None or not self.starts:
            return position
        return self.starts[min(position, len(self.starts) - 1)]


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    code = ord(char)
    if code in _DROPPED:
        return ""
    category = unicodedata.category(char)
    if char in "\n\r\u2028\u2029":
        return "\n"
    if category in ("Cc", "Cs", "Co"):
        return " "
    if category == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", char).lower()
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


def normalise_text(text: str) -> Normalised:
    """Fold ``text`` for matching; safe for any string, however odd."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    truncated = len(text) > MAX_ANALYSED_CHARS
    original = text[:MAX_ANALYSED_CHARS]
    if original.isascii():
        folded = _ASCII_CONTROL.sub(" ", original).replace("\r", "\n").lower()
        starts = ends = None
    else:
        pieces: list[str] = []
        start_list: list[int] = []
        end_list: list[int] = []
        for index, char in enumerate(original):
            out = _fold_char(char)
            for piece in out:
                pieces.append(piece)
                start_list.append(index)
                end_list.append(index + 1)
            if not out and end_list:   # a dropped mark still belongs to the evidence of what precedes it
                end_list[-1] = index + 1
        folded = "".join(pieces)
        starts, ends = start_list, end_list
    if _LETTER_RUN.search(folded):
        folded, starts, ends = _collapse_runs(folded, starts, ends)
    folded = _TAG.sub(lambda match: " " * len(match.group()), folded)
    return Normalised(
        original=original,
        text=folded,
        starts=tuple(starts) if starts is not None else None,
        ends=tuple(ends) if ends is not None else None,
        truncated=truncated,
    )


def _collapse_runs(folded: str, starts: list[int] | None, ends: list[int] | None):
    if starts is None:
        starts = list(range(len(folded)))
        ends = [index + 1 for index in range(len(folded))]
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    position = 0
    for match in _LETTER_RUN.finditer(folded):
        run_start, run_end = match.span()
        pieces.append(folded[position:run_start + 1])
        new_starts.extend(starts[position:run_start + 1])
        new_ends.extend(ends[position:run_start])
        new_ends.append(ends[run_end - 1])   # the kept letter stands for the whole run
        position = run_end
    pieces.append(folded[position:])
    new_starts.extend(starts[position:])
    new_ends.extend(ends[position:])
    return "".join(pieces), new_starts, new_ends


def fold_phrase(text: str) -> str:
    """The folded form of a short phrase (a party name, a claim) with blanks collapsed."""
    if isinstance(text, str) and len(text) <= _CACHED_PHRASE_CHARS:
        return _fold_phrase_cached(text)
    return _fold_phrase(text)


# An author's earlier texts are folded again for every new comment of theirs; short ones are cached.
_CACHED_PHRASE_CHARS = 2_000


def _fold_phrase(text: str) -> str:
    return " ".join(normalise_text(text).text.split())


@lru_cache(maxsize=4_096)
def _fold_phrase_cached(text: str) -> str:
    return _fold_phrase(text)
