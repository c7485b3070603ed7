from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from moderation.priority import CRIMINAL, REST, WAITING_FOR_ANSWER, is_overdue, priority_of

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("conduct", "category", "expected"),
    [
        ("criminal", "hate_speech", CRIMINAL),
        ("criminal", "threat", CRIMINAL),
        ("allowed", "doxing", CRIMINAL),  # doxing first even if an organisation's code differs
        ("allowed", "question", WAITING_FOR_ANSWER),
        ("allowed", "report", WAITING_FOR_ANSWER),
        ("unwanted", "insult", REST),
        ("allowed", "compliment", REST),
        ("unintended", "off_topic", REST),
    ],
)
def test_priority_bands(conduct, category, expected):
    assert priority_of(conduct=conduct, category=category) == expected


@pytest.mark.parametrize(
    ("category", "is_open", "age_hours", "target", "expected"),
    [
        ("question", True, 25, 24, True),
        ("question", True, 23, 24, False),
        ("report", True, 49, 48, True),
        ("question", False, 100, 24, False),  # handled questions are never overdue
        ("insult", True, 100, 24, False),  # only questions and reports wait for an answer
    ],
)
def test_overdue(category, is_open, age_hours, target, expected):
    published = NOW - timedelta(hours=age_hours)
    assert is_overdue(category=category, is_open=is_open, published_at=published, target_hours=target, now=NOW) is expected
