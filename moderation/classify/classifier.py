"""``classify_text``: run every rule over one comment and score the result. Pure: no ORM, clock or network."""

from __future__ import annotations

from .language import detect_language
from .normalise import MAX_ANALYSED_CHARS, normalise_text
from .results import Classification, ClassificationContext, Hit
from .rules import link_hits, personal_data_hits, service_hits, unwanted_hits
from .rules_abuse import hate_and_threat_hits, insult_hits
from .scoring import build_classification

_LANGUAGE_INDEPENDENT = frozenset({None, "doxing", "spam"})


def classify_text(text: str, *, context: ClassificationContext | None = None) -> Classification:
    """Classify one comment with explainable rules; never raises on odd input."""
    context = context or ClassificationContext()
    norm = normalise_text(text)
    guess = detect_language(norm)
    hits: list[Hit] = []
    if norm.truncated:
        hits.append(Hit("text.truncated", 0.0, "", MAX_ANALYSED_CHARS))
    if guess.dutch:
        hits += hate_and_threat_hits(norm)
        hits += insult_hits(norm)
        hits += unwanted_hits(norm, context)
        hits += service_hits(norm)
    hits += link_hits(norm, context, hits)
    hits += personal_data_hits(norm, context, hits)
    if not guess.dutch:
        hits = [hit for hit in hits if hit.category in _LANGUAGE_INDEPENDENT]
        hits.append(Hit("language.not_dutch", 0.4, norm.evidence(guess.start, guess.end), guess.start))
    has_text = any(char.isalnum() for char in norm.text)
    return build_classification(hits, language=guess.language, has_text=has_text)
