"""Explainable, rule-based classification of Dutch (Flemish) comments: category, sentiment and reasons.

Pure Python (no ORM, network or clock). ``classify_text`` is the entry point; every reason code it can emit
is explained in ``REASON_LABELS``. Given a trained ``TextModel`` (``model.py``, ``shipped.py``) it combines the
rules with the model's calibrated probabilities.
"""

from .classifier import classify_many, classify_text
from .labels import REASON_LABELS
from .results import CATEGORIES, SENTIMENTS, Classification, ClassificationContext, Reason

__all__ = [
    "CATEGORIES", "REASON_LABELS", "SENTIMENTS", "Classification", "ClassificationContext", "Reason", "classify_many",
    "classify_text",
]
