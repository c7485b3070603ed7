"""Transactions PostgreSQL may abort to break a deadlock: recognise them, and run them again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, transaction

T = TypeVar("T")
ATTEMPTS = 3


def is_deadlock(exc: OperationalError) -> bool:
    """A deadlock or serialization failure: the transaction was the victim and may simply run again."""
    sqlstate = getattr(getattr(exc, "__cause__", None), "sqlstate", None)
    return sqlstate in {"40P01", "40001"} or "deadlock detected" in str(exc)


def atomic_with_retry(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """``work()`` in its own (durable) transaction, run again when PostgreSQL picks it as a deadlock's victim.

    ``work`` must be safe to repeat: everything it wrote was rolled back with the failed attempt.
    """
    for attempt in range(attempts):
        try:
            with transaction.atomic(durable=True):
                return work()
        except OperationalError as exc:
            if attempt == attempts - 1 or not is_deadlock(exc):
                raise
    raise AssertionError("unreachable")
