"""The classifier's value types: what goes in (context) and what comes out (classification, reasons)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SENTIMENTS = ("negative", "neutral", "positive")
CATEGORIES = (
    "hate_speech", "threat", "doxing", "insult", "party_political", "spam", "commercial",
    "misinformation", "off_topic", "criticism", "frustration", "question", "report",
    "political", "sympathy", "compliment", "other",
)
# Highest tier first; the primary category comes from the highest tier that has a label.
PRIORITY_TIERS = (
    ("hate_speech", "threat", "doxing"),                                     # criminal
    ("insult", "spam", "commercial", "party_political", "misinformation"),   # unwanted
    ("question", "report"),                                                  # needs an answer
    ("criticism", "frustration", "political", "sympathy", "compliment"),     # allowed opinions
    ("off_topic",),
    ("other",),
)


@dataclass(frozen=True)
class Reason:
    code: str        # stable machine code, e.g. "doxing.phone_number"
    evidence: str    # the exact words from the text that fired the rule (for highlighting); may be ""


@dataclass(frozen=True)
class ClassificationContext:
    own_phone_numbers: tuple[str, ...] = ()     # the organisation's own service numbers: not doxing
    own_email_domains: tuple[str, ...] = ()     # e.g. ("evergem.be",): not doxing, links there are not spam
    party_names: tuple[str, ...] = ()           # extra parties, candidates and slogans
    false_claims: tuple[str, ...] = ()          # known false claims
    author_previous_texts: tuple[str, ...] = ()  # earlier texts of the same author


@dataclass(frozen=True)
class Classification:
    sentiment: str
    category: str                 # the primary category
    labels: tuple[str, ...]       # all categories that apply, primary first
    confidence: float             # 0..1 for the primary category
    reasons: tuple[Reason, ...]   # every rule that fired, strongest first
    language: str                 # "nl", "fr", "en", "de", "ar" or "unknown"
    # Per label (same order as ``labels``) and for the sentiment; () and 0.0 when only the rules ran.
    label_confidences: tuple[float, ...] = ()
    sentiment_confidence: float = 0.0


@dataclass(frozen=True)
class Hit:
    """One fired rule before scoring. ``start`` orders equal weights by position in the text."""

    code: str
    weight: float
    evidence: str
    start: int = 0

    @property
    def category(self) -> str | None:
        """The category a code counts towards; informational codes ("language.*", ...) count for none."""
        return _category_of(self.code)


@lru_cache(maxsize=1024)   # a few hundred rule codes; looked up several times per hit
def _category_of(code: str) -> str | None:
    prefix = code.split(".", 1)[0]
    return prefix if prefix in CATEGORIES else None
