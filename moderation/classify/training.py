"""Training the text model: labelled examples in, a ``TextModel`` out. Deterministic; no ORM, clock or network.

One feature extractor (character n-grams, word n-grams and word classes, all TF-IDF) feeds two linear SVMs,
one for the category and one for the sentiment, each calibrated (Platt scaling on 5-fold cross-validated
decision values) so its scores are probabilities a threshold can be set on.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import class_features, prepare_text
from .results import CATEGORIES, SENTIMENTS

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_TRAIN = DATA_DIR / "seed_train.jsonl"
SEED_TEST = DATA_DIR / "seed_test.jsonl"

# Bump when features, hyper-parameters or the way predictions are combined change: older models are retrained.
FORMAT_VERSION = 1
RANDOM_STATE = 0
SVM_C = 0.3
SVM_TOLERANCE = 1e-3
CLASS_FEATURE_WEIGHT = 0.7
CALIBRATION_FOLDS = 5
LARGE_TRAINING_SET = 5_000      # from this size on, 3 calibration folds (keeps retraining 20,000 comments < 60 s)
MAX_CHAR_FEATURES = 300_000
MAX_TEXT_CHARS = 2_000          # a comment longer than this trains on its beginning only
CORRECTION_WEIGHT = 2.0         # a staff correction counts twice as much as a seed example


class TrainingError(ValueError):
    """The examples cannot train a model (too few, or a class without examples)."""


@dataclass(frozen=True)
class Example:
    text: str
    category: str = ""          # "" when this example does not teach the category (a sentiment-only correction)
    sentiment: str = ""         # "" when it does not teach the sentiment
    labels: tuple[str, ...] = ()
    weight: float = 1.0


def load_examples(path: Path | str) -> list[Example]:
    """Labelled examples from JSONL (the seed files); bad lines raise ``ValueError`` naming the line."""
    examples = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                examples.append(example_from_row(row))
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValueError(f"{path}: line {number}: {exc}") from exc
    return examples


def example_from_row(row: dict) -> Example:
    """One labelled row ({"text", "category", "sentiment", "labels"?}) checked against the known labels."""
    text, category, sentiment = row["text"], row.get("category") or "", row.get("sentiment") or ""
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    if category and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    if sentiment and sentiment not in SENTIMENTS:
        raise ValueError(f"unknown sentiment {sentiment!r}")
    labels = tuple(label for label in row.get("labels") or (category,) if label in CATEGORIES)
    return Example(text=text, category=category, sentiment=sentiment, labels=labels or ((category,) if category else ()))


@lru_cache(maxsize=1)
def seed_fingerprint() -> str:
    """Changes whenever the seed set, the feature or training code, or scikit-learn's version changes."""
    import sklearn

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in (SEED_TRAIN, SEED_TEST, package / "features.py", package / "ngrams.py", package / "training.py"):
        digest.update(path.read_bytes())
    digest.update(f"format={FORMAT_VERSION};sklearn={sklearn.__version__}".encode())
    return digest.hexdigest()[:16]


def build_features():
    from sklearn.pipeline import FeatureUnion

    from .ngrams import FastTfidfVectorizer

    return FeatureUnion(
        [
            ("chars", FastTfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                           max_features=MAX_CHAR_FEATURES, dtype=np.float32)),
            ("words", FastTfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                           token_pattern=r"(?u)\b\w+\b", dtype=np.float32)),
            ("classes", FastTfidfVectorizer(analyzer=class_features, sublinear_tf=True, dtype=np.float32)),
        ],
        transformer_weights={"chars": 1.0, "words": 1.0, "classes": CLASS_FEATURE_WEIGHT},
    )


def build_classifier(example_count: int = 0):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    folds = 3 if example_count >= LARGE_TRAINING_SET else CALIBRATION_FOLDS
    # ensemble=False: one SVM on all data, calibrated on cross-validated scores; one linear model to explain.
    return CalibratedClassifierCV(
        LinearSVC(C=SVM_C, tol=SVM_TOLERANCE, random_state=RANDOM_STATE),
        cv=StratifiedKFold(folds),
        method="sigmoid",
        ensemble=False,
    )


def train_model(examples: Sequence[Example], *, source: str = "seed", trained_on: dict | None = None):
    """Fit features, category and sentiment classifiers on ``examples``; deterministic for the same input."""
    from .model import TextModel

    started = time.perf_counter()
    for_category = [example for example in examples if example.category]
    for_sentiment = [example for example in examples if example.sentiment]
    _check_enough(for_category, "category")
    _check_enough(for_sentiment, "sentiment")
    prepared = {id(example): prepare_text(example.text[:MAX_TEXT_CHARS]) for example in examples}
    features = build_features()
    features.fit([prepared[id(example)] for example in examples])
    category_model = _fit(features, for_category, prepared, "category")
    sentiment_model = _fit(features, for_sentiment, prepared, "sentiment")
    return TextModel(
        features=features,
        category_model=category_model,
        sentiment_model=sentiment_model,
        sentiment_given_category=_sentiment_given_category(for_category, for_sentiment),
        format_version=FORMAT_VERSION,
        source=source,
        trained_on=trained_on or {"examples": len(examples)},
        training_seconds=round(time.perf_counter() - started, 2),
    )


def _fit(features, examples: Sequence[Example], prepared: dict[int, str], field: str):
    matrix = features.transform([prepared[id(example)] for example in examples])
    targets = [getattr(example, field) for example in examples]
    weights = np.array([example.weight for example in examples], dtype=np.float64)
    classifier = build_classifier(len(examples))
    classifier.fit(matrix, targets, sample_weight=weights)
    for calibrated in classifier.calibrated_classifiers_:   # half the memory; predictions unchanged in practice
        calibrated.estimator.coef_ = calibrated.estimator.coef_.astype(np.float32)
    return classifier


def _check_enough(examples: Sequence[Example], field: str) -> None:
    counts: dict[str, int] = {}
    for example in examples:
        value = getattr(example, field)
        counts[value] = counts.get(value, 0) + 1
    too_few = sorted(value for value, count in counts.items() if count < CALIBRATION_FOLDS)
    if len(counts) < 2 or too_few:
        raise TrainingError(f"not enough {field} examples to train ({too_few or 'one class'})")


def _sentiment_given_category(for_category: Iterable[Example], for_sentiment: Iterable[Example]) -> np.ndarray:
    """P(sentiment | category) from examples labelled with both, smoothed: a prior the sentiment leans on."""
    counts = np.full((len(CATEGORIES), len(SENTIMENTS)), 0.5)
    with_sentiment = {id(example) for example in for_sentiment}
    for example in for_category:
        if id(example) in with_sentiment:
            counts[CATEGORIES.index(example.category), SENTIMENTS.index(example.sentiment)] += example.weight
    return counts / counts.sum(axis=1, keepdims=True)
