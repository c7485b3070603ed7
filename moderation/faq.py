"""Answers reused: a FAQ built from answered questions, suggested when a similar one arrives."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from accounts.audit import record_event
from accounts.models import Organisation
from moderation.actions import ActionRefused
from moderation.models import Comment, FaqEntry

# Words that say nothing about the subject of a Dutch question.
STOP_WORDS = frozenset(
    ["de", "het", "een", "en", "of", "van", "in", "op", "te", "voor", "met", "aan", "bij", "om", "is", "zijn", "was", "wordt", "worden", "er", "dat", "die", "dit", "deze", "wat", "wanneer", "waar", "hoe", "wie", "waarom", "welke", "kan", "kunnen", "mag", "mogen", "ik", "je", "jij", "u", "uw", "we", "wij", "jullie", "ze", "zij", "mijn", "me", "ons", "onze", "nog", "al", "ook", "dan", "als", "maar", "niet", "geen", "wel", "zo", "heel", "nu", "even", "toch", "weet", "iemand", "graag", "dank", "bedankt"]
)
SIMILARITY_THRESHOLD = 62


@dataclass(frozen=True)
class Suggestion:
    entry: FaqEntry
    score: float


def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for w in words if w not in STOP_WORDS and len(w) > 1)


def similarity(question: str, candidate: str) -> float:
    """0-100: how much two questions are about the same thing (word sets, order-free)."""
    left, right = _normalised(question), _normalised(candidate)
    if not left or not right:
        return 0.0
    return fuzz.token_set_ratio(left, right) * 0.5 + fuzz.token_sort_ratio(left, right) * 0.5


def similar_entries(organisation: Organisation, text: str, *, limit: int = 3) -> list[Suggestion]:
    entries = FaqEntry.objects.filter(organisation=organisation).order_by("-updated_at")[:500]
    scored = [Suggestion(entry=e, score=similarity(text, e.question)) for e in entries]
    return sorted((s for s in scored if s.score >= SIMILARITY_THRESHOLD), key=lambda s: -s.score)[:limit]


@transaction.atomic
def do_promote_to_faq(comment: Comment, *, question: str, answer: str, acting_user: Any) -> FaqEntry:
    if not question.strip() or not answer.strip():
        raise ActionRefused(_("A FAQ entry needs a question and an answer."))
    entry = FaqEntry.objects.create(
        organisation=comment.organisation,
        question=question.strip()[:2000],
        answer=answer.strip()[:8000],
        source_comment=comment,
        created_by=acting_user,
    )
    record_event(comment.organisation, actor=acting_user, verb="faq.promoted", target=comment, summary=entry.question[:120])
    return entry
