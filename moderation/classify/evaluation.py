"""Scoring a classifier on labelled comments: per-label precision/recall/F1, confusion matrices, safety figures.

The safety figures follow the code of conduct (the seed's part 1): recall per criminal label (hate speech,
threats, doxing) counts a comment as found when the label is among the predicted labels; the false-criminal
rate is the share of comments whose labels are all allowed or unintended (caps lock, off-topic, ...) that got
a criminal label anyway. Pure apart from the classifier it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from moderation.conduct import SEED_KINDS

from .classifier import classify_many
from .model import CRIMINAL
from .results import CATEGORIES, SENTIMENTS, ClassificationContext
from .training import Example

F1_TOLERANCE = 0.01          # a retrained model may lose this much macro-F1 and still count as "not worse"
FALSE_CRIMINAL_TOLERANCE = 0.01


@dataclass
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class EvaluationReport:
    count: int
    category_macro_f1: float
    sentiment_macro_f1: float
    criminal_recall: dict[str, float]
    false_criminal_rate: float
    allowed_count: int
    category_scores: dict[str, LabelScores] = field(default_factory=dict)
    sentiment_scores: dict[str, LabelScores] = field(default_factory=dict)
    category_confusion: tuple[tuple[str, ...], list[list[int]]] = ((), [])
    sentiment_confusion: tuple[tuple[str, ...], list[list[int]]] = ((), [])

    def summary(self) -> dict:
        """The figures kept with a model version (JSON)."""
        return {
            "count": self.count,
            "category_macro_f1": round(self.category_macro_f1, 4),
            "sentiment_macro_f1": round(self.sentiment_macro_f1, 4),
            "criminal_recall": {label: round(value, 4) for label, value in self.criminal_recall.items()},
            "false_criminal_rate": round(self.false_criminal_rate, 4),
            "allowed_count": self.allowed_count,
            "category_f1": {label: round(scores.f1, 4) for label, scores in self.category_scores.items()},
        }


def evaluate(examples: Sequence[Example], *, model=None, context: ClassificationContext | None = None) -> EvaluationReport:
    """Classify ``examples`` (rules plus ``model``; rules only when None) and score against their labels."""
    verdicts = classify_many([example.text for example in examples], context=context, model=model)
    with_category = [(example, verdict) for example, verdict in zip(examples, verdicts, strict=True) if example.category]
    with_sentiment = [(example, verdict) for example, verdict in zip(examples, verdicts, strict=True) if example.sentiment]
    category_scores, category_f1 = _per_label(
        [example.category for example, _ in with_category], [verdict.category for _, verdict in with_category], CATEGORIES
    )
    sentiment_scores, sentiment_f1 = _per_label(
        [example.sentiment for example, _ in with_sentiment], [verdict.sentiment for _, verdict in with_sentiment], SENTIMENTS
    )
    recall = {}
    for label in CRIMINAL:
        relevant = [verdict for example, verdict in with_category if label in example.labels]
        if relevant:
            recall[label] = sum(label in verdict.labels for verdict in relevant) / len(relevant)
    allowed = [verdict for example, verdict in with_category if _is_allowed(example.labels)]
    false_criminal = sum(bool(set(verdict.labels) & set(CRIMINAL)) for verdict in allowed)
    return EvaluationReport(
        count=len(examples),
        category_macro_f1=category_f1,
        sentiment_macro_f1=sentiment_f1,
        criminal_recall=recall,
        false_criminal_rate=false_criminal / len(allowed) if allowed else 0.0,
        allowed_count=len(allowed),
        category_scores=category_scores,
        sentiment_scores=sentiment_scores,
        category_confusion=_confusion([e.category for e, _ in with_category], [v.category for _, v in with_category], CATEGORIES),
        sentiment_confusion=_confusion([e.sentiment for e, _ in with_sentiment], [v.sentiment for _, v in with_sentiment], SENTIMENTS),
    )


def _is_allowed(labels: Sequence[str]) -> bool:
    return all(SEED_KINDS.get(label, "allowed") in ("allowed", "unintended") for label in labels)


def _per_label(truth: list[str], predicted: list[str], order: Sequence[str]) -> tuple[dict[str, LabelScores], float]:
    """Precision, recall and F1 per label that occurs in truth or prediction; macro-F1 over those labels."""
    present = [label for label in order if label in set(truth) | set(predicted)]
    scores = {}
    for label in present:
        true_positive = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        predicted_count = sum(p == label for p in predicted)
        support = sum(t == label for t in truth)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = LabelScores(precision, recall, f1, support)
    macro = sum(score.f1 for score in scores.values()) / len(scores) if scores else 0.0
    return scores, macro


def _confusion(truth: list[str], predicted: list[str], order: Sequence[str]):
    present = tuple(label for label in order if label in set(truth) | set(predicted))
    index = {label: position for position, label in enumerate(present)}
    matrix = [[0] * len(present) for _ in present]
    for t, p in zip(truth, predicted, strict=True):
        matrix[index[t]][index[p]] += 1
    return present, matrix


def is_not_worse(candidate: dict, current: dict) -> tuple[bool, list[str]]:
    """Compare two ``summary()`` dicts; the reasons say what got worse (empty when the candidate may be used)."""
    problems = []
    for key in ("category_macro_f1", "sentiment_macro_f1"):
        if candidate[key] < current[key] - F1_TOLERANCE:
            problems.append(f"{key} {candidate[key]:.3f} < {current[key]:.3f}")
    for label, value in current.get("criminal_recall", {}).items():
        new = candidate.get("criminal_recall", {}).get(label, 0.0)
        if new < value:
            problems.append(f"recall {label} {new:.3f} < {value:.3f}")
    if candidate["false_criminal_rate"] > current["false_criminal_rate"] + FALSE_CRIMINAL_TOLERANCE:
        problems.append(f"false_criminal_rate {candidate['false_criminal_rate']:.3f} > {current['false_criminal_rate']:.3f}")
    return not problems, problems


def format_report(report: EvaluationReport) -> str:
    """A plain-text report: headline figures, per-label table and confusion matrix for category and sentiment."""
    lines = [
        f"comments: {report.count}",
        f"category macro-F1:  {report.category_macro_f1:.3f}",
        f"sentiment macro-F1: {report.sentiment_macro_f1:.3f}",
    ]
    for label, value in report.criminal_recall.items():
        lines.append(f"recall {label}: {value:.3f}")
    lines.append(f"false criminal on allowed comments: {report.false_criminal_rate:.1%} of {report.allowed_count}")
    for title, scores, confusion in (
        ("category", report.category_scores, report.category_confusion),
        ("sentiment", report.sentiment_scores, report.sentiment_confusion),
    ):
        lines += ["", f"{title:<16} precision  recall      F1  support"]
        for label, score in scores.items():
            lines.append(f"{label:<16} {score.precision:9.3f} {score.recall:7.3f} {score.f1:7.3f} {score.support:8d}")
        lines += ["", f"{title} confusion (rows: true, columns: predicted)", *_matrix_lines(*confusion)]
    return "\n".join(lines)


def _matrix_lines(labels: tuple[str, ...], matrix: list[list[int]]) -> list[str]:
    short = [label[:5] for label in labels]
    lines = [" " * 16 + " ".join(f"{name:>5}" for name in short)]
    for label, row in zip(labels, matrix, strict=True):
        lines.append(f"{label:<16}" + " ".join(f"{count:>5}" for count in row))
    return lines
