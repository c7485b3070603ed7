"""Rules for hate speech, threats and insults, including counter-speech, negation and self-reference."""

from __future__ import annotations

import re

from . import lexicon_abuse as lex
from .normalise import Normalised
from .patterns import MAX_MATCHES_PER_RULE, has_negation, is_negated, run_rules, words
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
    raw = run_rules(lex.THREAT_RULES, norm) + _compound_slurs(norm)
    if lex.HATE_TRIGGER.search(text):
        raw += run_rules(lex.HATE_RULES, norm)
    strong = [match for match in COUNTER_SPEECH_STRONG.finditer(text) if not has_negation(match.group())]
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


def _compound_slurs(norm: Normalised) -> list[Hit]:
    hits = []
    for match in lex.SWEAR_PREFIX.finditer(norm.text):
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
        for match in pattern.finditer(text):
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
    for match in lex.INSULT_ADJECTIVE_PATTERN.finditer(text):
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
    for match in lex.SWEAR_PREFIX.finditer(norm.text):
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
