"""Fixtures for the hostile-input tests."""

from __future__ import annotations

import pytest

from moderation.models import Comment
from tests.hostile.feed import push_through_sync


@pytest.fixture
def hostile(connection) -> dict[str, Comment]:
    return push_through_sync(connection)
