"""Rules for hate speech, threats and insults, including counter-speech, negation and self-reference."""

from __future__ import annotations

import re

from . import lexicon_abuse as lex
from .normalise import Normalised
from .patterns import MAX_MATCHES_PER_RULE, finditer_gated, has_negation, is_negated, run_rules, words
from .results import Hit

# Condemning hate ("dat is racisme", "#hierniet") makes quoted or paraphrased hate counter-speech.
COUNTER_SPEECH_STRONG = words(
    "(?:is|zijn|dat is|dit is|da's|das|blijft) (?:[\\w']+ ){0,2}(?:racisme|racistisch|haatspraak|haat|discriminatie|"
    "discriminerend|xenofobie|xenofoob|homofobie|homofoob|seksisme|seksistisch|verwerpelijk|strafbaar|"
    "een bedreiging|bedreigend)",
    "geen plaats voor (?:haat|racisme|discriminatie|haatspraak)", "#?hierniet", "ik (?:veroordeel|walg van)",
    "(?:racisme|haatspraak|haat|discriminatie) (?:hoort|horen) hier (?:niet|nie)", "haatspraak", "haatzaaiers?",
    "haatberichten", "haatboodschappen", "unia",
)
COUNTER_SPEECH_WEAK = words(
    "stop (?:er)?mee", "stop met (?:[\\w']+ )?(?:haat|racisme|discriminatie|haatspraak)", "schaam (?:je|u|jullie)",
    "walgelijk", "dat kan (?:echt )?(?:niet|nie)", "niet oke?", "(?:wie|mensen die) (?:zegt|zeggen|schrijft|schrijven)",
)
QUOTED = re.compile(
    r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|„[^”“\n]{1,300}[”“]|«[^»\n]{1,300}»|‘[^’\n]{1,300}’"
    r"|(?:(?<=\s)|^)'[^'\n]{1,300}'(?=[\s.,!?:;]|$)"
)
_SECOND_PERSON = re.compile(r"(?<!\w)(?:jij|gij|ge|je|jullie|u|gulder|ulder|zijde)(?!\w)")
_NOT_A_SWEAR_COMPOUND = frozenset({"patient", "patienten", "onderzoek", "bestrijding", "fonds", "zorg", "vrij",
                                   "behandeling", "centrum", "preventie", "cel", "cellen", "verwekkend"})


def hate_and_threat_hits(norm: Normalised) -> list[Hit]:
    """Hate speech and threats, minus what quotes or condemns them; plus the counter-speech itself."""
    text = norm.text
    raw = run_rules(lex.THREAT_RULES, norm)
    for rules in _gated_threat_rules(text):
        raw += run_rules(rules, norm)
    raw += _compound_slurs(norm) + _helping_hand(norm)
    if lex.HATE_TRIGGER.search(text):
        raw += run_rules(lex.HATE_RULES, norm)
    strong = [match for match in finditer_gated(COUNTER_SPEECH_STRONG, text) if not has_negation(match.group())]
    if not raw:
        return [Hit("criticism.counter_speech", 0.6, norm.evidence(*strong[0].span()), strong[0].start())] if strong else []
    weak = [match for match in COUNTER_SPEECH_WEAK.finditer(text) if not is_negated(text, match.start())]
    quoted = [match.span() for match in QUOTED.finditer(text)]
    hits: list[Hit] = []
    suppressed = False
    for hit in raw:
        in_quotes = any(start <= hit.start < end for start, end in quoted)
        if strong or (weak and in_quotes):
            suppressed = True
            continue
        hits.append(Hit(hit.code, hit.weight - 0.1, hit.evidence, hit.start) if in_quotes else hit)
    cue = strong[0] if strong else (weak[0] if weak and suppressed else None)
    if cue is not None:
        hits.append(Hit("criticism.counter_speech", 0.6, norm.evidence(*cue.span()), cue.start()))
    return hits


def _gated_threat_rules(text: str) -> list[tuple]:
    """The groups of threat rules whose vocabulary occurs in ``text`` (most comments open none)."""
    seen = {_CANONICAL[match.group()] for match in _ANCHORS.finditer(text)}
    if not seen:
        return []
    opened: set[int] = set()
    for word in seen:
        opened |= _GROUPS_OF[word]
    for index, pairs in _PAIRS:
        if index not in opened and any(first in seen and second in seen for first, second in pairs):
            opened.add(index)
    return [lex.GATED_THREAT_RULES[index][1] for index in sorted(opened)]


_DOUBLED = re.compile(r"([a-z])\1")
_WORD_END, _PREFIX_END = "\x00", "\x01"


def _spellings(word: str) -> set[str]:
    """``word`` and its forms with doubled letters made single, as normalisation leaves them ("vermooooord" ->
    "vermoord", "vermord"); not the short ones, which are common words of their own ("been" -> "ben")."""
    variants, position = [""], 0
    for match in _DOUBLED.finditer(word):
        letter = match.group(1)
        variants = [variant + word[position:match.start()] + form for variant in variants for form in (letter * 2, letter)]
        position = match.end()
    return {word} | {spelling for spelling in (variant + word[position:] for variant in variants) if len(spelling) > 3}


def _anchor_index():
    """One regex for every vocabulary word of the gated threat rules, written as a trie (a branch per letter, so a
    position costs a step or two instead of one per word); the word each spelling stands for; and the groups each
    word opens. A word also opens the groups of the word beginnings it starts with ("brandbom" those of "brand")."""
    groups: dict[str, set[int]] = {}
    canonical: dict[str, str] = {}
    prefixes: set[str] = set()
    trie: dict = {}
    for index, (vocabulary, _rules) in enumerate(lex.GATED_THREAT_RULES):
        pair_words = tuple(word for pair in vocabulary.pairs for word in pair)
        for entries, end in ((vocabulary.words, _WORD_END), (vocabulary.prefixes, _PREFIX_END), (pair_words, _WORD_END)):
            for entry in entries:
                opened = groups.setdefault(entry, set())
                if entries is not pair_words:
                    opened.add(index)
                if end == _PREFIX_END:
                    prefixes.add(entry)
                for spelling in _spellings(entry):
                    canonical.setdefault(spelling, entry)
                    node = trie
                    for char in spelling:
                        node = node.setdefault(char, {})
                    node[end] = {}
    for word in groups:
        for prefix in prefixes:
            if word.startswith(prefix):
                groups[word] |= groups[prefix]
    for spelling, word in canonical.items():
        for prefix in prefixes:
            if spelling.startswith(prefix):
                groups[word] |= groups[prefix]
    pairs = tuple((index, vocabulary.pairs) for index, (vocabulary, _rules) in enumerate(lex.GATED_THREAT_RULES)
                  if vocabulary.pairs)
    pattern = re.compile(rf"(?<!\w)(?:{_trie_source(trie)})")
    return pattern, canonical, {word: frozenset(indices) for word, indices in groups.items()}, pairs


def _trie_source(node: dict) -> str:
    """Longer words first, so a match is the longest vocabulary word at that position."""
    branches = [re.escape(char) + _trie_source(child) for char, child in sorted(node.items())
                if char not in (_WORD_END, _PREFIX_END)]
    if _WORD_END in node:
        branches.append(r"(?!\w)")
    if _PREFIX_END in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_ANCHORS, _CANONICAL, _GROUPS_OF, _PAIRS = _anchor_index()


def _helping_hand(norm: Normalised) -> list[Hit]:
    """Offering to help someone "disappear": "wie daarvoor is, moet verdwijnen. Desnoods help ik een handje"."""
    text = norm.text
    if "help" not in text:
        return []
    for match in lex.HELPING_HAND.finditer(text):
        before = text[max(0, match.start() - 160):match.start()]
        wishes = list(lex.PERSON_GONE.finditer(before))
        if wishes and not has_negation(wishes[-1].group()):   # the wish closest to the offer
            start = match.start() - len(before) + wishes[-1].start()
            return [Hit("threat.intimidation", 0.85, norm.evidence(start, match.end()), start)]
    return []


def _compound_slurs(norm: Normalised) -> list[Hit]:
    hits = []
    for match in finditer_gated(lex.SWEAR_PREFIX, norm.text):
        if lex.GROUP_SUFFIXES.match(match.group(2)):
            hits.append(Hit("hate_speech.slur", 0.9, norm.evidence(*match.span()), match.start()))
    return hits[:MAX_MATCHES_PER_RULE]


def insult_hits(norm: Normalised) -> list[Hit]:
    """Insults aimed at people; swearing at a situation counts as frustration instead."""
    hits = run_rules(lex.SWEARING_RULES, norm)
    hits += _noun_insults(norm)
    hits += _adjective_insults(norm)
    hits += _swear_compounds(norm)
    return hits


def _noun_insults(norm: Normalised) -> list[Hit]:
    text = norm.text
    hits: list[Hit] = []
    for pattern, code, weight in (
        (lex.INSULT_NOUN_PATTERN_STRONG, "insult.swear_word", 0.75),
        (lex.INSULT_NOUN_PATTERN_MILD, "insult.name_calling", 0.6),
        (lex.INSULT_NOUN_PATTERN_DIRECTED_ONLY, "insult.name_calling", 0.6),
    ):
        found = 0
        for match in finditer_gated(pattern, text):
            start, end = match.span()
            before = text[max(0, start - 60):start]
            if is_negated(text, start) or lex.SELF_REFERENCE_BEFORE.search(before):
                continue
            directed = lex.DIRECTED_BEFORE.search(before)
            if pattern is lex.INSULT_NOUN_PATTERN_DIRECTED_ONLY:
                directed = lex.DIRECTED_STRICT_BEFORE.search(before)
                if directed is None or lex.NOT_A_PERSON_AFTER.match(text, end):
                    continue
            hits.append(Hit(code, weight, norm.evidence(start, end), start))
            if directed is not None:
                directed_start = _word_start(text, start - len(before) + directed.start())
                hits.append(Hit("insult.directed_at_person", 0.85, norm.evidence(directed_start, end), directed_start))
            found += 1
            if found >= MAX_MATCHES_PER_RULE:
                break
    return hits


def _adjective_insults(norm: Normalised) -> list[Hit]:
    text = norm.text
    hits: list[Hit] = []
    for match in finditer_gated(lex.INSULT_ADJECTIVE_PATTERN, text):
        start, end = match.span()
        if len(hits) >= MAX_MATCHES_PER_RULE:
            break
        if is_negated(text, start) or lex.VAN_OR_INTENSIFIER_AFTER.match(text, end):
            continue
        before = text[max(0, start - 80):start]
        person_after = lex.PERSON_AFTER.match(text, end)
        subject = lex.SUBJECT_COPULA_BEFORE.search(before) or lex.SUBJECT_COPULA_AFTER.match(text, end)
        self_reference = lex.SELF_REFERENCE_BEFORE.search(before)
        if person_after is not None and not self_reference:
            hits.append(Hit("insult.swear_word", 0.75, norm.evidence(start, person_after.end()), start))
        elif subject is not None and not self_reference:
            hits.append(Hit("insult.swear_word", 0.75, norm.evidence(start, end), start))
            if _SECOND_PERSON.search(subject.group()):
                span = (start, subject.end()) if subject.start() >= end else (
                    _word_start(text, start - len(before) + subject.start()), end)
                hits.append(Hit("insult.directed_at_person", 0.85, norm.evidence(*span), span[0]))
        elif match.group() in lex.HARSH_ADJECTIVES:
            hits.append(Hit("frustration.swearing_situation", 0.5, norm.evidence(start, end), start))
    return hits


def _swear_compounds(norm: Normalised) -> list[Hit]:
    hits: list[Hit] = []
    for match in finditer_gated(lex.SWEAR_PREFIX, norm.text):
        prefix, rest = match.group(1), match.group(2)
        evidence = norm.evidence(*match.span())
        if lex.GROUP_SUFFIXES.match(rest):
            continue   # a slur, counted as hate speech
        if lex.PERSON_SUFFIXES.match(rest):
            hits.append(Hit("insult.swear_word", 0.8, evidence, match.start()))
        elif prefix != "kanker" and rest not in _NOT_A_SWEAR_COMPOUND:
            hits.append(Hit("frustration.swearing_situation", 0.55, evidence, match.start()))
        if len(hits) >= MAX_MATCHES_PER_RULE:
            break
    return hits


def _word_start(text: str, position: int) -> int:
    """Move ``position`` forward past blanks and punctuation so evidence starts at a word."""
    while position < len(text) and not text[position].isalnum():
        position += 1
    return position
