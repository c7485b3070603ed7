"""``classify_text``: run every rule over one comment and score the result; optionally add the text model.

Rules only (no ``model``) is pure: no ORM, clock or network. With a ``TextModel`` the rules' verdict and the
model's probabilities are combined (see ``model.combine_many``); the rules' reasons stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .language import detect_language
from .normalise import MAX_ANALYSED_CHARS, Normalised, normalise_text
from .results import Classification, ClassificationContext, Hit
from .rules import link_hits, personal_data_hits, service_hits, unwanted_hits
from .rules_abuse import hate_and_threat_hits, insult_hits
from .scoring import build_classification

if TYPE_CHECKING:
    from .model import TextModel

_LANGUAGE_INDEPENDENT = frozenset({None, "doxing", "spam"})


def classify_text(
    text: str, *, context: ClassificationContext | None = None, model: TextModel | None = None
) -> Classification:
    """Classify one comment with explainable rules (and the text model, if given); never raises on odd input."""
    if model is None:
        return _classify_by_rules(text, context or ClassificationContext())
    return classify_many([text], context=context, model=model)[0]


def classify_many(
    texts: Sequence[str],
    *,
    context: ClassificationContext | None = None,
    contexts: Sequence[ClassificationContext] | None = None,
    model: TextModel | None = None,
) -> list[Classification]:
    """Classify a batch: the rules per comment, the model for all of them at once.

    ``contexts`` gives each text its own context (e.g. its author's earlier texts); otherwise
    ``context`` applies to all.
    """
    texts = [text if isinstance(text, str) else ("" if text is None else str(text)) for text in texts]
    if contexts is None:
        contexts = [context or ClassificationContext()] * len(texts)
    elif len(contexts) != len(texts):
        raise ValueError("classify_many needs one context per text")
    if model is None:
        return [_classify_by_rules(text, ctx) for text, ctx in zip(texts, contexts, strict=True)]
    from .features import prepared_from
    from .model import combine_many

    norms = [normalise_text(text) for text in texts]
    verdicts = [_classify_by_rules(text, ctx, norm) for text, ctx, norm in zip(texts, contexts, norms, strict=True)]
    prepared = [prepared_from(norm) for norm in norms]
    predictions = model.predict(texts, prepared=prepared)
    return combine_many(verdicts, predictions, model, norms=norms, prepared=prepared)


def _classify_by_rules(text: str, context: ClassificationContext, norm: Normalised | None = None) -> Classification:
    norm = norm or normalise_text(text)
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
