"""Building blocks for lexicon rules: compiling word lists and running phrase rules with negation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .anchors import AnchorScanner, RuleGate
from .normalise import Normalised
from .results import Hit

_DOUBLE_LETTER = re.compile(r"([a-z])\1")
MAX_MATCHES_PER_RULE = 5

NEGATION = r"(?:niet|nie|ni|geen|gene|genen|nooit|allesbehalve|geenszins)"
_NEGATED_BEFORE = re.compile(rf"(?:^|\W){NEGATION}\W+(?:[\w']+\W+)?$")
_NEGATION_INSIDE = re.compile(rf"(?<!\w){NEGATION}(?!\w)")


def expand(source: str) -> str:
    """A blank matches a run of non-word characters (" ?" an optional one); a doubled letter also matches
    a single one, since normalisation collapses stretched letters ("mooooi" -> "moi")."""
    return _DOUBLE_LETTER.sub(r"\1\1?", source.replace(" ?", r"\W*").replace(" ", r"\W+"))


def words(*alternatives: str) -> re.Pattern[str]:
    """One word-bounded pattern for regex-source alternatives written in folded (lowercase) Dutch."""
    if any(alternative != alternative.strip() for alternative in alternatives):
        raise ValueError("a lexicon alternative starts or ends with a blank")
    body = "|".join(expand(alternative) for alternative in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def group(*alternatives: str) -> str:
    """Regex source for a non-capturing group, to embed in ``words`` alternatives."""
    return "(?:" + "|".join(alternatives) + ")"


def symbols(*items: str) -> re.Pattern[str]:
    """A pattern for literal symbols (emoji, punctuation) where word boundaries make no sense."""
    return re.compile("|".join(re.escape(item) for item in sorted(items, key=len, reverse=True)))


@dataclass(frozen=True)
class PhraseRule:
    """A lexicon rule: every match of ``pattern`` yields ``code`` with ``weight``.

    ``negation``: None ignores negation; "" drops a match preceded by a negation ("geen idioot");
    another code is emitted instead ("niet slecht" -> "compliment.negated_criticism").
    ``veto_before`` / ``veto_after`` are matched against the text just before / after the match.
    """

    code: str
    weight: float
    pattern: re.Pattern[str]
    negation: str | None = None
    negation_inside: bool = False
    veto_before: re.Pattern[str] | None = None
    veto_after: re.Pattern[str] | None = None


NEGATED_WEIGHT = 0.55


def is_negated(text: str, start: int) -> bool:
    """True when one of the two words before ``start`` is a negation ("niet slecht", "geen echte idioot")."""
    return bool(_NEGATED_BEFORE.search(text[max(0, start - 40):start]))


def has_negation(fragment: str) -> bool:
    return bool(_NEGATION_INSIDE.search(fragment))


def run_rule(rule: PhraseRule, norm: Normalised) -> list[Hit]:
    text = norm.text
    hits: list[Hit] = []
    for match in rule.pattern.finditer(text):
        start, end = match.span()
        if rule.veto_before is not None and rule.veto_before.search(text[max(0, start - 60):start]):
            continue
        if rule.veto_after is not None and rule.veto_after.match(text, end, min(len(text), end + 60)):
            continue
        if rule.negation_inside and has_negation(match.group()):
            continue
        code, weight = rule.code, rule.weight
        if rule.negation is not None and is_negated(text, start):
            if not rule.negation:
                continue
            code, weight = rule.negation, NEGATED_WEIGHT
        hits.append(Hit(code, weight, norm.evidence(start, end), start))
        if len(hits) >= MAX_MATCHES_PER_RULE:
            break
    return hits


def run_rules(rules: tuple[PhraseRule, ...], norm: Normalised) -> list[Hit]:
    """Every rule's hits, in order; rules whose literal anchors do not occur in the text are skipped."""
    opened = _gate(rules).open_rules(norm.text)
    hits: list[Hit] = []
    while opened:   # the set bits, lowest (first rule) first
        lowest = opened & -opened
        hits += run_rule(rules[lowest.bit_length() - 1], norm)
        opened ^= lowest
    return hits


def run_rules_ungated(rules: tuple[PhraseRule, ...], norm: Normalised) -> list[Hit]:
    """``run_rules`` without the gate (the reference the gate is tested against)."""
    hits: list[Hit] = []
    for rule in rules:
        hits += run_rule(rule, norm)
    return hits


def finditer_gated(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, skipped when none of the pattern's literal anchors occurs in ``text``."""
    return pattern.finditer(text) if _gate(pattern).open_rules(text) else iter(())


_SCANNER = AnchorScanner()   # one pass per comment text for all the gates below
_GATES: dict[int, tuple[object, RuleGate]] = {}   # id(owner) -> (owner, its gate)


def _gate(owner: tuple[PhraseRule, ...] | re.Pattern[str]) -> RuleGate:
    """The gate of a rule tuple or a single pattern, built on first use; the lexicons' objects live as long
    as the process, and a caller passing fresh tuples cannot grow the cache past 1,000 gates."""
    cached = _GATES.get(id(owner))
    if cached is None or cached[0] is not owner:
        if len(_GATES) >= 1000:
            _GATES.clear()
            _SCANNER.clear()
        patterns = [owner] if isinstance(owner, re.Pattern) else [rule.pattern for rule in owner]
        cached = _GATES[id(owner)] = (owner, RuleGate(patterns, _SCANNER))
    return cached[1]
