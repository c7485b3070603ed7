"""The trained text model, and how its probabilities are combined with the rules. Pure: no ORM or network.

The rules stay the explainable part and the safety net: a criminal rule (hate speech, threat, doxing) always
keeps its label, and every rule that fired stays among the reasons. The model adds coverage: calibrated
probabilities per category and sentiment, raised where a rule agrees. Its own reason, ``<category>.model``,
carries as evidence the words of the comment that pushed the model most towards that category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from .explain import Explainer, Request
from .features import prepare_text
from .normalise import Normalised
from .results import CATEGORIES, SENTIMENTS, Classification, Reason

CRIMINAL = ("hate_speech", "threat", "doxing")
# Tuned on cross-validated predictions of the training set, never on the held-aside test set.
RULE_BOOST = 0.3              # a category's probability rises by this when a rule gives the same label
CRIMINAL_THRESHOLD = 0.4      # a criminal category becomes a label (and the primary one) from this score
SECONDARY_THRESHOLD = 0.4     # any other category becomes a secondary label from this score
SENTIMENT_MODEL_SHARE = 0.5   # the rest of the sentiment comes from what the category implies
RULE_SENTIMENT_VOTE = 0.1     # the rules' sentiment, when a rule matched
MAX_CONFIDENCE = 0.97
EVIDENCE_WORDS = 3

_CRIMINAL_INDEX = [CATEGORIES.index(category) for category in CRIMINAL]
_OTHER = CATEGORIES.index("other")
_OFF_TOPIC = CATEGORIES.index("off_topic")
_CATEGORY_INDEX = {name: index for index, name in enumerate(CATEGORIES)}
_SENTIMENT_INDEX = {name: index for index, name in enumerate(SENTIMENTS)}


@dataclass(frozen=True)
class Prediction:
    """The model's view of one comment (probabilities in ``CATEGORIES`` / ``SENTIMENTS`` order)."""

    category: list[float]
    sentiment: list[float]
    matrix: Any   # the batch's feature matrix (CSR, shared by the batch) and the comment's row, for explanations
    row: int


@dataclass
class TextModel:
    features: Any
    category_model: Any
    sentiment_model: Any
    sentiment_given_category: np.ndarray
    format_version: int
    source: str = "seed"
    trained_on: dict = field(default_factory=dict)
    training_seconds: float = 0.0
    _explainer: Explainer | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_explainer"] = None   # derived; rebuilt on first use
        return state

    @property
    def explainer(self) -> Explainer:
        if self._explainer is None:
            self._explainer = Explainer(self.features, self.category_model)
        return self._explainer

    def predict(self, texts: Sequence[str], *, prepared: Sequence[str] | None = None) -> list[Prediction]:
        """Probabilities for many comments at once (one sparse matrix, two matrix products).

        ``prepared``: the texts already through ``prepare_text`` (saves folding them twice).
        """
        if not texts:
            return []
        prepared = prepared if prepared is not None else [prepare_text(text) for text in texts]
        matrix = self.transform(prepared)
        categories = _reordered(self.category_model, matrix, CATEGORIES)
        sentiments = _reordered(self.sentiment_model, matrix, SENTIMENTS)
        categories, sentiments = categories.tolist(), sentiments.tolist()
        return [Prediction(categories[i], sentiments[i], matrix, i) for i in range(len(texts))]


    def transform(self, prepared: Sequence[str]):
        """The feature matrix: ``self.features.transform`` without its per-call overhead (same result)."""
        weights = self.features.transformer_weights or {}
        blocks = []
        for name, vectorizer in self.features.transformer_list:
            block = vectorizer.transform(prepared)
            weight = weights.get(name)
            blocks.append(block * weight if weight not in (None, 1) else block)
        matrix = sp.hstack(blocks, format="csr")
        matrix.sort_indices()
        return matrix


def calibrated_proba(classifier, matrix) -> np.ndarray:
    """``CalibratedClassifierCV.predict_proba`` for one linear SVM with sigmoid calibrators, computed directly
    (scikit-learn's checks cost more than the arithmetic for a single comment); anything else goes the long way."""
    members = getattr(classifier, "calibrated_classifiers_", ())
    if len(members) != 1 or members[0].method != "sigmoid" or len(classifier.classes_) < 3:
        return classifier.predict_proba(matrix)
    member = members[0]
    svm = member.estimator
    if list(svm.classes_) != list(member.classes):
        return classifier.predict_proba(matrix)
    slopes = np.array([calibrator.a_ for calibrator in member.calibrators])
    offsets = np.array([calibrator.b_ for calibrator in member.calibrators])
    scores = np.asarray(matrix @ svm.coef_.T) + svm.intercept_
    probabilities = expit(-(scores * slopes + offsets))
    totals = probabilities.sum(axis=1, keepdims=True)
    uniform = np.full_like(probabilities, 1 / probabilities.shape[1])
    return np.divide(probabilities, totals, out=uniform, where=totals != 0)


def _reordered(classifier, matrix, order: Sequence[str]) -> np.ndarray:
    probabilities = calibrated_proba(classifier, matrix)
    columns = list(classifier.classes_)
    result = np.zeros((matrix.shape[0], len(order)))
    for index, name in enumerate(order):
        if name in columns:
            result[:, index] = probabilities[:, columns.index(name)]
    return result


def model_applies(rules: Classification) -> bool:
    """The model reads Dutch: other languages and texts without letters keep the rules' verdict."""
    if any(reason.code == "language.not_dutch" for reason in rules.reasons):
        return False
    return rules.language in ("nl", "unknown") and not (
        rules.category == "other" and rules.confidence <= 0.2   # empty or no text at all
    )


def combine_many(
    verdicts: Sequence[Classification],
    predictions: Sequence[Prediction],
    model: TextModel,
    *,
    norms: Sequence[Normalised],
    prepared: Sequence[str],
) -> list[Classification]:
    """One verdict per comment from the rules' classification and the model's prediction for the same text
    (``norms`` and ``prepared`` are its normalised and folded forms, as ``predict`` read them): the scores and sentiments of all comments as arrays, the labels per comment,
    then the model's evidence words for all comments at once (see ``Explainer.top_words_many``).

    The arrays are summed category by category, in the order plain Python would: a comment gets the same
    numbers alone as in a batch.
    """
    applies = [index for index, rules in enumerate(verdicts) if model_applies(rules)]
    if not applies:
        return list(verdicts)
    probabilities = np.array([predictions[index].category for index in applies])
    boost = np.zeros_like(probabilities)
    for row, index in enumerate(applies):
        for label in verdicts[index].labels:
            if label != "other":
                boost[row, _CATEGORY_INDEX[label]] = RULE_BOOST
    scores = np.minimum(probabilities + boost, MAX_CONFIDENCE)
    sentiments = _sentiments(scores, [predictions[index] for index in applies], [verdicts[index] for index in applies], model)
    decided: dict[int, tuple] = {}
    requests: list[Request] = []
    for index, row_scores, sentiment in zip(applies, scores.tolist(), sentiments, strict=True):
        labels = _labels_of(verdicts[index], row_scores)
        decided[index] = (row_scores, labels, sentiment)
        if labels[0] != "other":
            prediction = predictions[index]
            requests += [
                Request(prediction.matrix, prediction.row, norms[index], prepared[index], label)
                for label in _explained(labels)
            ]
    words = iter(model.explainer.top_words_many(requests, limit=EVIDENCE_WORDS))
    results = []
    for index, rules in enumerate(verdicts):
        if index not in decided:
            results.append(rules)
            continue
        row_scores, labels, (sentiment, sentiment_confidence) = decided[index]
        confidences = tuple(round(row_scores[_CATEGORY_INDEX[label]], 3) for label in labels)
        model_reasons: list[Reason] = []
        if labels[0] != "other":
            for label in _explained(labels):
                model_reasons += [Reason(f"{label}.model", word) for word in next(words)] or [Reason(f"{label}.model", "")]
        results.append(Classification(
            sentiment=sentiment,
            category=labels[0],
            labels=labels,
            confidence=confidences[0],
            reasons=_reasons(labels[0], rules, model_reasons),
            language=rules.language,
            label_confidences=confidences,
            sentiment_confidence=sentiment_confidence,
        ))
    return results


def _labels_of(rules: Classification, scores: list[float]) -> tuple[str, ...]:
    """The labels from the scores: a criminal rule always keeps its label; some rules veto a criminal label."""
    decisive = list(scores)
    ruled = set(rules.labels)
    vetoed = _vetoed(rules)
    for index in _CRIMINAL_INDEX:
        if CATEGORIES[index] in ruled:
            decisive[index] += 1.0
        elif CATEGORIES[index] in vetoed:
            decisive[index] = 0.0
    return _labels(decisive)


def _explained(labels: tuple[str, ...]) -> list[str]:
    """The labels whose model evidence is given: the primary one and every criminal one."""
    return [labels[0]] + [label for label in labels[1:] if label in CRIMINAL]


def _vetoed(rules: Classification) -> set[str]:
    """Criminal labels the model may not add where a rule knows better: quoting hate in order to condemn it
    (counter-speech), and the organisation's own phone numbers or e-mail domain (the model cannot know them)."""
    codes = {reason.code for reason in rules.reasons}
    vetoed = set()
    if "criticism.counter_speech" in codes:
        vetoed |= {"hate_speech", "threat"}
    if "personal_data.organisation_contact" in codes:
        vetoed.add("doxing")
    return vetoed


def _labels(decisive: list[float]) -> tuple[str, ...]:
    criminal = [index for index in _CRIMINAL_INDEX if decisive[index] >= CRIMINAL_THRESHOLD]
    primary = max(criminal or range(len(decisive)), key=decisive.__getitem__)
    if primary == _OTHER:
        return ("other",)
    secondary = sorted(
        (
            index for index, score in enumerate(decisive)
            if index not in (primary, _OTHER) and (index in criminal or score >= SECONDARY_THRESHOLD)
        ),
        key=lambda index: -decisive[index],
    )
    if primary != _OFF_TOPIC and _OFF_TOPIC in secondary:
        secondary.remove(_OFF_TOPIC)   # off-topic only when nothing else applies; never a penalty
    return tuple(CATEGORIES[index] for index in [primary, *secondary])


def _sentiments(scores: np.ndarray, predictions, verdicts, model: TextModel) -> list[tuple[str, float]]:
    """The model's sentiment, half of it weighed with what the categories imply (P(sentiment | category)).

    Column by column, so each comment's sums are added in the same order as for a comment on its own."""
    total = np.zeros(len(scores))
    for column in range(scores.shape[1]):
        total = total + scores[:, column]
    share = (1 - SENTIMENT_MODEL_SHARE) / np.maximum(total, 1e-9)
    votes = SENTIMENT_MODEL_SHARE * np.array([prediction.sentiment for prediction in predictions])
    for column, implied in enumerate(np.asarray(model.sentiment_given_category, dtype=np.float64)):
        weight = np.where(scores[:, column] > 0.01, share * scores[:, column], 0.0)
        votes = votes + weight[:, None] * implied[None, :]
    for row, rules in enumerate(verdicts):
        if rules.category != "other":
            votes[row, _SENTIMENT_INDEX[rules.sentiment]] += RULE_SENTIMENT_VOTE
    best = votes.argmax(axis=1)   # the first of equal votes, as max() would
    summed = votes[:, 0]
    for column in range(1, votes.shape[1]):
        summed = summed + votes[:, column]
    shares = np.minimum(MAX_CONFIDENCE, votes[np.arange(len(votes)), best] / summed).tolist()
    return [(SENTIMENTS[choice], round(value, 3)) for choice, value in zip(best.tolist(), shares, strict=True)]


def _reasons(primary: str, rules: Classification, model_reasons: list[Reason]) -> tuple[Reason, ...]:
    """Rule reasons for the primary category first, then the model's words, then every other rule that fired."""
    first = [reason for reason in rules.reasons if reason.code.split(".", 1)[0] == primary]
    rest = [reason for reason in rules.reasons if reason.code.split(".", 1)[0] != primary]
    return tuple(first + model_reasons + rest)
