"""Cheap language detection: script for Arabic (and other non-Latin scripts), stop words for the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import Normalised

# Stop words that are frequent in one language and rare in the others; words shared with Dutch or
# Flemish ("in", "is", "die", "was", "merci", "den") are left out on purpose.
_STOP_WORDS = {
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "ik", "je", "niet", "dat", "op", "te", "zijn", "met", "voor", "er", "maar", "om", "ook", "als", "dan", "nog", "wel", "naar", "bij", "aan", "uit", "al", "wat", "zo", "hier", "wordt", "worden", "kan", "moet", "mijn", "we", "ons", "onze", "jullie", "deze", "dit", "geen", "heel", "hoe", "waar", "wanneer", "waarom", "heb", "hebben", "wij", "zij", "ze", "hun", "mij", "me", "u", "uw", "gij", "ge", "da", "nie", "wa", "kzen", "ni", "nen", "ne", "zijt", "zijn", "eens", "toch", "straat", "gemeente", "graag", "bedankt", "ook", "weer", "nu", "echt", "wel", "iets", "iemand", "niemand", "altijd", "nooit", "welke", "tijdens", "moeten", "mogen", "kunnen", "heeft", "werd", "zal", "zou", "gaat", "komt", "staat", "ligt", "gewoon"]
    ),
    "fr": frozenset(
        ["le", "la", "les", "des", "est", "et", "une", "un", "vous", "nous", "pas", "pour", "dans", "avec", "sur", "que", "qui", "ce", "cette", "il", "elle", "sont", "du", "au", "aux", "mais", "ou", "tres", "bonjour", "c'est", "n'est", "s'il", "ca", "sera", "seront", "quel", "quelle", "quand", "comment", "pourquoi", "votre", "notre", "leur", "mes", "mon", "ma", "travaux", "rue", "commune", "jour", "d'avance", "comprends", "existe-t-il"]
    ),
    "en": frozenset(
        ["the", "and", "are", "you", "this", "that", "to", "for", "with", "have", "not", "it", "what", "when", "where", "why", "how", "please", "thanks", "thank", "my", "your", "they", "will", "can", "do", "does", "from", "our", "their", "there", "here", "would", "should", "could", "about", "just", "really", "great", "love", "good", "street", "town", "city"]
    ),
    "de": frozenset(
        ["der", "das", "und", "ist", "nicht", "ich", "sie", "wir", "ein", "eine", "mit", "fur", "auf", "zu", "auch", "bitte", "danke", "warum", "wann", "wo", "sehr", "schon", "aber", "oder", "dem", "im", "vom", "zum", "gibt", "haben", "sind", "euch", "strasse", "gemeinde", "wird", "werden"]
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_a-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
MAX_WORDS = 400


@dataclass(frozen=True)
class LanguageGuess:
    language: str     # "nl", "fr", "en", "de", "ar" or "unknown"
    dutch: bool       # whether the Dutch lexicon rules apply
    start: int = 0    # where the deciding evidence sits in the folded text
    end: int = 0


def detect_language(norm: Normalised) -> LanguageGuess:
    text = norm.text
    sample = text[:4000]
    if sample.isascii():
        if not any(char.isalpha() for char in sample):
            return LanguageGuess("unknown", True)
        non_latin = letters = 0
    else:
        letters = len(_LETTER.findall(sample))
        if letters == 0:
            return LanguageGuess("unknown", True)
        non_latin = len(_NON_LATIN_LETTER.findall(sample))
    if letters and non_latin * 2 >= letters:
        arabic = _ARABIC.search(text)
        arabic_letters = sum(len(match) for match in _ARABIC.findall(text[:4000]))
        if arabic is not None and arabic_letters * 2 >= non_latin:
            return LanguageGuess("ar", False, *arabic.span())
        first = _NON_LATIN_LETTER.search(text)
        return LanguageGuess("unknown", False, first.start(), first.end())
    words = _WORD.findall(sample)[:MAX_WORDS]
    counts = {language: sum(map(stop_words.__contains__, words)) for language, stop_words in _STOP_WORDS.items()}
    best = max(("fr", "en", "de"), key=lambda language: counts[language])
    if counts[best] >= 2 and counts[best] > counts["nl"]:
        first = next(match for match in _WORD.finditer(sample) if match.group() in _STOP_WORDS[best])
        return LanguageGuess(best, False, *first.span())
    if counts["nl"] >= 1:
        return LanguageGuess("nl", True)
    return LanguageGuess("unknown", True)

DUTCH_STOP_WORDS = _STOP_WORDS["nl"]
