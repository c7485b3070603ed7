"""From fired rules to a classification: category scores, priority, sentiment and confidence."""

from __future__ import annotations

from .results import CATEGORIES, PRIORITY_TIERS, Classification, Hit, Reason

THRESHOLD = 0.5          # a category becomes a label from this score on
BONUS_PER_EXTRA_HIT = 0.05
MAX_SCORE = 0.97
MAX_REASONS = 40
_TIER_OF = {category: index for index, tier in enumerate(PRIORITY_TIERS) for category in tier}
_NEGATIVE = frozenset({"hate_speech", "threat", "doxing", "insult", "frustration", "criticism", "misinformation"})
_ALWAYS_NEUTRAL = frozenset({"sympathy", "spam", "commercial"})
_NEGATIVE_SECONDARY = frozenset({"frustration", "criticism", "insult", "threat", "hate_speech"})


def category_scores(hits: list[Hit]) -> dict[str, float]:
    """The strongest rule per category, plus a small bonus for every further distinct rule or match."""
    grouped: dict[str, list[float]] = {}
    for hit in hits:
        if hit.category is not None and hit.weight > 0:
            grouped.setdefault(hit.category, []).append(hit.weight)
    return {
        category: min(MAX_SCORE, max(weights) + BONUS_PER_EXTRA_HIT * min(3, len(weights) - 1))
        for category, weights in grouped.items()
    }


def build_classification(hits: list[Hit], *, language: str, has_text: bool) -> Classification:
    hits = _deduplicated(hits)
    scores = category_scores(hits)
    labelled = [category for category, score in scores.items() if score >= THRESHOLD]
    if len(labelled) > 1 and "off_topic" in labelled:
        labelled.remove("off_topic")   # off-topic only when nothing else applies; never a penalty
    if not labelled:
        hits.append(Hit("other.no_rule_matched", 0.0, ""))
        confidence = 0.4 if language not in ("nl", "unknown") else (0.35 if has_text else 0.2)
        return Classification("neutral", "other", ("other",), confidence, _reasons(hits), language)
    labelled.sort(key=lambda category: (_TIER_OF[category], -scores[category], CATEGORIES.index(category)))
    primary = labelled[0]
    return Classification(
        sentiment=_sentiment(primary, labelled, hits),
        category=primary,
        labels=tuple(labelled),
        confidence=_confidence(primary, labelled, scores),
        reasons=_reasons(hits),
        language=language,
    )


def _sentiment(primary: str, labels: list[str], hits: list[Hit]) -> str:
    if primary in _NEGATIVE:
        return "negative"
    if primary == "compliment":
        return "positive"
    if primary in _ALWAYS_NEUTRAL:
        return "neutral"
    if any(label in _NEGATIVE_SECONDARY for label in labels):
        return "negative"
    # Polite thanks under a question or report ("alvast bedankt") do not make it a positive message.
    praise = [hit for hit in hits if hit.category == "compliment" and hit.code != "compliment.thanks"]
    if "compliment" in labels and praise:
        return "positive"
    return "neutral"


def _confidence(primary: str, labels: list[str], scores: dict[str, float]) -> float:
    score = scores[primary]
    rivals = [label for label in labels[1:] if _TIER_OF[label] == _TIER_OF[primary]]
    if any(scores[label] >= score - 0.1 for label in rivals):
        score *= 0.85   # a close call between categories of the same priority
    return round(min(score, MAX_SCORE), 2)


def _deduplicated(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for hit in hits:
        key = (hit.code, hit.evidence)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


def _reasons(hits: list[Hit]) -> tuple[Reason, ...]:
    ordered = sorted(hits, key=lambda hit: (-hit.weight, hit.start))
    return tuple(Reason(hit.code, hit.evidence) for hit in ordered[:MAX_REASONS])
