"""Triage order, as pure functions: criminal first, then what waits for an answer, then the rest."""

from __future__ import annotations

from datetime import datetime, timedelta

CRIMINAL = 0
WAITING_FOR_ANSWER = 1
REST = 2
ANSWER_CATEGORIES = frozenset({"question", "report"})


def priority_of(*, conduct: str, category: str) -> int:
    """0 for criminal comments (doxing included), 1 for questions and reports, 2 for the rest."""
    if conduct == "criminal" or category in {"doxing", "hate_speech", "threat"}:
        return CRIMINAL
    if category in ANSWER_CATEGORIES:
        return WAITING_FOR_ANSWER
    return REST


def answer_due_at(*, published_at: datetime, target_hours: int) -> datetime:
    return published_at + timedelta(hours=target_hours)


def is_overdue(*, category: str, is_open: bool, published_at: datetime, target_hours: int, now: datetime) -> bool:
    """An open question or report past the organisation's response-time target."""
    if not is_open or category not in ANSWER_CATEGORIES:
        return False
    return now > answer_due_at(published_at=published_at, target_hours=target_hours)
