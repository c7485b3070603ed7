"""Literal anchors: cheap gates that skip phrase rules which cannot match a text.

A rule's anchors are literal substrings such that every match of its pattern contains at least one of them,
derived from the parsed pattern. One Aho-Corasick pass per text finds the anchors that occur; a rule none of
whose anchors occurs cannot match, so skipping it changes no result (``test_rule_gates`` proves it on the seed
set). A rule without anchors, or with a single letter or digit among them, is not gated: it always runs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from re import _constants as sre  # the parser behind re.compile: private, but stable since Python 3.11
from re import _parser as sre_parse

import ahocorasick

MIN_ANCHOR_CHARS = 2
MAX_SPELLINGS = 16   # an element (or a run of them) with more exact spellings is not spelled out
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))

Anchors = frozenset[str] | None   # None: no anchors, the pattern can match without any fixed text


def literal_anchors(pattern: re.Pattern[str]) -> Anchors:
    """Literal substrings, one of which every match of ``pattern`` contains; None when there are none."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError):
        return None
    return _sequence_anchors(parsed)


def _sequence_anchors(items: Iterable) -> Anchors:
    """A sequence must match every mandatory element: take the strongest anchors of any one of them, where a
    run of elements with few exact spellings counts as one element (``idioo?t``: "idioot" or "idiot")."""
    candidates: list[frozenset[str]] = []
    run: set[str] | None = None
    for op, argument in items:
        exact = _exact_strings(op, argument)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_SPELLINGS:
            run = {head + tail for head in run for tail in exact}
            continue
        once = _repeated_once(op, argument)
        if once is not None and run is not None and len(run) * len(once) <= MAX_SPELLINGS:
            run = {head + tail for head in run for tail in once}   # "pf+": the run ends with "pf"
        _add_run(candidates, run)
        run = exact if exact is not None else once   # "f+x": a new run starts with "fx"
        if exact is None:
            found = _element_anchors(op, argument)
            if found is not None:
                candidates.append(found)
    _add_run(candidates, run)
    return max(candidates, key=_strength, default=None)


def _add_run(candidates: list[frozenset[str]], run: set[str] | None) -> None:
    if run and "" not in run:
        candidates.append(frozenset(run))


def _repeated_once(op, argument) -> set[str] | None:
    """The spellings of one copy of a mandatory repeat (``f+``): a match starts and ends with such a copy."""
    if op in _REPEATS and argument[0] >= 1:
        return _exact_sequence(argument[2])
    return None


def _exact_strings(op, argument) -> set[str] | None:
    """Every string an element can match, when there are at most ``MAX_SPELLINGS``; zero-width elements match
    "" (leaving out their condition only widens the set, which keeps the anchors safe)."""
    if op is sre.LITERAL:
        return {chr(argument)}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}
    if op is sre.IN:
        if argument and len(argument) <= MAX_SPELLINGS and all(item_op is sre.LITERAL for item_op, _ in argument):
            return {chr(value) for _op, value in argument}
        return None
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = argument
        return None if add_flags & re.IGNORECASE else _exact_sequence(inner)
    if op is sre.BRANCH:
        branches = [_exact_sequence(branch) for branch in argument[1]]
        if any(found is None for found in branches):
            return None
        union = set().union(*branches)
        return union if len(union) <= MAX_SPELLINGS else None
    if op in _REPEATS:
        minimum, maximum, inner = argument
        once = _exact_sequence(inner)
        if once is None or maximum > 2:
            return None
        found = {""} if minimum == 0 else set()
        if maximum >= 1:
            found |= once
        if maximum == 2:
            found |= {head + tail for head in once for tail in once}
        return found if len(found) <= MAX_SPELLINGS else None
    return None


def _exact_sequence(items: Iterable) -> set[str] | None:
    found = {""}
    for op, argument in items:
        exact = _exact_strings(op, argument)
        if exact is None or len(found) * len(exact) > MAX_SPELLINGS:
            return None
        found = {head + tail for head in found for tail in exact}
    return found


def _element_anchors(op, argument) -> Anchors:
    """Anchors of an element with too many spellings to list (a long alternation, a repeat)."""
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = argument
        return None if add_flags & re.IGNORECASE else _sequence_anchors(inner)
    if op is sre.BRANCH:   # every branch needs anchors: the union of theirs
        branches = [_sequence_anchors(branch) for branch in argument[1]]
        if any(found is None for found in branches):
            return None
        return frozenset().union(*branches)
    if op in _REPEATS:
        minimum, _maximum, inner = argument
        return _sequence_anchors(inner) if minimum >= 1 else None
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence_anchors(argument)
    if op is sre.IN and argument and all(item_op is sre.LITERAL for item_op, _value in argument):
        return frozenset(chr(value) for _op, value in argument)   # many single characters (emoji)
    return None   # character classes, any character


def _strength(anchors: frozenset[str]) -> tuple[int, int]:
    """Longer anchors occur in fewer texts; fewer of them is a tie-breaker."""
    return min(map(len, anchors)), -len(anchors)


def _too_common(anchor: str) -> bool:
    """A single letter or digit occurs in nearly every text; punctuation or an emoji is rare enough."""
    return len(anchor) < MIN_ANCHOR_CHARS and (anchor.isalnum() or anchor.isspace())


class RuleGate:
    """Which rules of a fixed sequence can match a text, by the anchors found in an Aho-Corasick pass.

    A gate made with a ``scanner`` shares that scanner's single pass per text with every other gate on it;
    otherwise it runs its own pass."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], scanner: AnchorScanner | None = None) -> None:
        self.always = 0   # bit i set: rule i always runs
        self.masks: dict[str, int] = {}   # anchor -> the rules it opens
        for index, pattern in enumerate(patterns):
            anchors = literal_anchors(pattern)
            if anchors is None or any(_too_common(anchor) for anchor in anchors):
                self.always |= 1 << index
                continue
            for anchor in anchors:
                self.masks[anchor] = self.masks.get(anchor, 0) | 1 << index
        self.everything = (1 << len(patterns)) - 1
        self.scanner = scanner
        if scanner is not None:
            self.slot = scanner.add(self)
        else:
            self.automaton = _automaton((anchor, mask) for anchor, mask in self.masks.items())

    def open_rules(self, text: str) -> int:
        """A bit mask of the rules that may match ``text``."""
        if self.scanner is not None:
            masks = self.scanner.masks(text)
            if self.slot < len(masks) and self.scanner.gates[self.slot] is self:
                return self.always | masks[self.slot]
            return self.everything   # the scanner was cleared under this gate: run every rule (always correct)
        opened = self.always
        if self.automaton is not None:
            for _end, mask in self.automaton.iter(text):
                opened |= mask
                if opened == self.everything:
                    break
        return opened


class AnchorScanner:
    """One Aho-Corasick pass per text for many gates: the anchors of all of them in one automaton.

    The masks of the last text scanned are kept (per thread), so the gates of one comment's rule groups
    share the pass; the automaton is rebuilt when a gate is added (the lexicons add a few dozen, once)."""

    def __init__(self) -> None:
        self.gates: list[RuleGate] = []
        self._state: tuple[object, int] = (None, 0)   # the automaton and how many gates it covers
        self._lock = threading.Lock()
        self._local = threading.local()

    def add(self, gate: RuleGate) -> int:
        with self._lock:
            self.gates.append(gate)
            return len(self.gates) - 1

    def clear(self) -> None:
        with self._lock:
            self.gates = []
            self._state = (None, 0)

    def masks(self, text: str) -> list[int]:
        """Per gate (by slot), the rules opened by the anchors found in ``text``."""
        state = self._state
        if state[1] != len(self.gates):
            state = self._build()
        local = self._local
        if getattr(local, "text", None) is text and local.state is state:
            return local.masks
        automaton, count = state
        masks = [0] * count
        if automaton is not None:
            for _end, opened in automaton.iter(text):
                for slot, mask in opened:
                    masks[slot] |= mask
        local.text, local.state, local.masks = text, state, masks
        return masks

    def _build(self) -> tuple[object, int]:
        with self._lock:
            opened: dict[str, list[tuple[int, int]]] = {}
            for slot, gate in enumerate(self.gates):
                for anchor, mask in gate.masks.items():
                    opened.setdefault(anchor, []).append((slot, mask))
            self._state = (_automaton((anchor, tuple(pairs)) for anchor, pairs in opened.items()), len(self.gates))
            return self._state


def _automaton(entries: Iterable[tuple[str, object]]):
    """An Aho-Corasick automaton over ``entries`` (anchor, value), or None when there are none."""
    automaton = ahocorasick.Automaton()
    for anchor, value in entries:
        automaton.add_word(anchor, value)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton
