"""Classifying a stored comment: the classifier's verdict plus the organisation's code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from accounts.models import Organisation
from moderation.classify import Classification, ClassificationContext, classify_many
from moderation.classify.active import model_for
from moderation.conduct import conduct_of
from moderation.priority import priority_of

# Below this confidence a comment goes to "nakijken" (a person looks) instead of being trusted.
REVIEW_THRESHOLD = 0.5


def context_for(organisation: Organisation, *, previous_texts: Sequence[str] = ()) -> ClassificationContext:
    from moderation.registers import classification_lists  # cached per organisation, see registers.py

    party_names, false_claims = classification_lists(organisation)
    return ClassificationContext(
        own_phone_numbers=organisation.phone_number_list(),
        own_email_domains=organisation.email_domain_list(),
        party_names=party_names,
        false_claims=false_claims,
        author_previous_texts=tuple(previous_texts),
    )


def classification_fields(
    text: str,
    *,
    organisation: Organisation,
    article_kinds: Mapping[str, str],
    previous_texts: Sequence[str] = (),
) -> dict[str, Any]:
    """The Comment fields that classification sets: rules plus the organisation's active text model."""
    return classification_fields_many(
        [(text, previous_texts)], organisation=organisation, article_kinds=article_kinds
    )[0]


def classification_fields_many(
    items: Sequence[tuple[str, Sequence[str]]],
    *,
    organisation: Organisation,
    article_kinds: Mapping[str, str],
) -> list[dict[str, Any]]:
    """``classification_fields`` for many (text, author's previous texts) at once: the model runs once per batch."""
    if not items:
        return []
    base = context_for(organisation)
    contexts = [replace(base, author_previous_texts=tuple(previous)) for _text, previous in items]
    verdicts = classify_many([text for text, _previous in items], contexts=contexts, model=model_for(organisation))
    return [_fields_of(verdict, article_kinds) for verdict in verdicts]


def _fields_of(verdict: Classification, article_kinds: Mapping[str, str]) -> dict[str, Any]:
    conduct = conduct_of(verdict.category, article_kinds)
    return {
        "sentiment": verdict.sentiment,
        "category": verdict.category,
        "labels": list(verdict.labels),
        "conduct": conduct,
        "priority": priority_of(conduct=conduct, category=verdict.category),
        "confidence": round(verdict.confidence, 3),
        "reasons": [{"code": reason.code, "evidence": reason.evidence[:200]} for reason in verdict.reasons],
        "language": verdict.language,
        "needs_review": needs_review(verdict),
    }


def needs_review(verdict: Classification) -> bool:
    """"Nakijken": the category's or the sentiment's confidence is below the threshold (rules alone: category)."""
    if verdict.confidence < REVIEW_THRESHOLD:
        return True
    return bool(verdict.sentiment_confidence) and verdict.sentiment_confidence < REVIEW_THRESHOLD
