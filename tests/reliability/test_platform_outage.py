"""The platform answers 500 for an hour: syncs back off, then recover without a flood or a lost comment.

An hour cannot pass in a test, so this one simulates it: a virtual clock (time-machine) drives
beat's ``enqueue_due_syncs`` every 5 s and runs each queued ``sync_connection_task`` at its due
time, with retries scheduled exactly as Celery's autoretry would (the task's own
``retry_backoff``, ``retry_backoff_max``, ``retry_jitter`` and ``max_retries``). The syncs are the
real code against the fake Graph server, which counts every request it receives.
"""

from __future__ import annotations

import heapq
import itertools
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings as django_settings

from moderation.connections import SYNC_BACKOFF_MAX
from moderation.models import Comment
from moderation.platforms.base import TransientError
from moderation.sync import sync_comments
from moderation.tasks import enqueue_due_syncs, sync_connection_task
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.testing import graph_connection

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

OUTAGE = 3600  # seconds of 500 answers
AFTER = 1800  # seconds simulated after the platform is back
HEALTHY_SYNCS_PER_HOUR = 3600 / 60  # a connection's default interval is 60 s


@dataclass
class Simulation:
    """Beat and one worker on a virtual clock; ``calls`` are the platform requests per phase."""

    clock: time_machine.Coordinates
    start: datetime
    queue: list = field(default_factory=list)
    seq: itertools.count = field(default_factory=itertools.count)
    now: float = 0.0

    def at(self, when: float, kind: str, *args) -> None:
        heapq.heappush(self.queue, (when, next(self.seq), kind, args))

    def run(self, until: float, handlers: dict) -> None:
        while self.queue and self.queue[0][0] <= until:
            when, _seq, kind, args = heapq.heappop(self.queue)
            self.now = when
            self.clock.move_to(self.start + timedelta(seconds=when))
            handlers[kind](*args)


def test_an_hour_of_platform_errors_backs_off_then_recovers_without_a_flood(organisation, settings, monkeypatch):
    monkeypatch.setattr("celery.utils.time.random", random.Random(9))  # Celery's jitter, reproducible
    beat_every = float(django_settings.CELERY_BEAT_SCHEDULE["enqueue-due-syncs"]["schedule"])
    start = datetime.now(UTC).replace(microsecond=0)
    task = sync_connection_task
    with time_machine.travel(start, tick=False) as clock, FakeGraph() as fake:
        settings.GRAPH_API_URL = fake.url
        connection = graph_connection(organisation, fake, "facebook")
        sync_comments(connection=connection, max_pages=1_000)
        before = Comment.objects.filter(connection=connection).count()
        fake.inject("server_error", "*", times=10**6)
        sim = Simulation(clock=clock, start=start)
        attempts = {"outage": 0, "recovery": 0}
        recovered_after: list[float] = []

        def beat() -> None:
            monkeypatch.setattr(task, "delay", lambda pk: sim.at(sim.now, "sync", pk, 0))
            enqueue_due_syncs()
            sim.at(sim.now + beat_every, "beat")

        def sync(pk: int, retries: int) -> None:
            attempts["outage" if sim.now < OUTAGE else "recovery"] += 1
            try:
                task(pk)
                if sim.now >= OUTAGE and not recovered_after:
                    recovered_after.append(sim.now - OUTAGE)
            except TransientError:
                if retries < task.max_retries:
                    countdown = get_exponential_backoff_interval(
                        factor=int(task.retry_backoff), retries=retries, maximum=task.retry_backoff_max,
                        full_jitter=task.retry_jitter,
                    )
                    sim.at(sim.now + countdown, "sync", pk, retries + 1)

        def platform_recovers() -> None:
            fake.clear_faults()

        def citizen_comments() -> None:
            fake.add_comment(fake.posts()[0], "Is het zwembad morgen open?", author={"id": "9001", "name": "Lien"})

        sim.at(60, "beat")
        sim.at(OUTAGE / 2, "citizen_comments")
        sim.at(OUTAGE, "platform_recovers")
        handlers = {"beat": beat, "sync": sync, "platform_recovers": platform_recovers,
                    "citizen_comments": citizen_comments}
        sim.run(OUTAGE, handlers)
        calls_during_outage = len(fake.requests())
        sim.run(OUTAGE + AFTER, handlers)
        calls_after = len(fake.requests()) - calls_during_outage

    connection.refresh_from_db()
    print(
        f"\nplatform outage of {OUTAGE} s: {attempts['outage']} sync attempts, {calls_during_outage} platform calls "
        f"(healthy: {HEALTHY_SYNCS_PER_HOUR:.0f} syncs/h); next {AFTER} s: {attempts['recovery']} syncs, "
        f"{calls_after} calls; first good sync {recovered_after[0]:.0f} s after recovery; stored {Comment.objects.filter(connection=connection).count() - before} new comment(s)"
    )
    # Backoff: an outage costs the platform fewer calls than an hour of healthy polling.
    assert calls_during_outage <= HEALTHY_SYNCS_PER_HOUR
    # Recovery: the comment written during the outage arrives, once; the error is cleared.
    assert Comment.objects.filter(connection=connection, text="Is het zwembad morgen open?").count() == 1
    assert connection.last_error == ""
    assert recovered_after and recovered_after[0] <= SYNC_BACKOFF_MAX.total_seconds() + 60
    # No flood: after recovery the connection is polled at its healthy pace, not in a burst.
    assert attempts["recovery"] <= AFTER / 60 + 5
