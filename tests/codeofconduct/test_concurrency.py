"""Two team leads confirm the same block at the same moment: one block, one refusal (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection as default_connection
from django.db import connections, transaction

from accounts.models import AuditEvent
from codeofconduct.actions import do_decide_block, do_warn_author
from codeofconduct.models import BlockProposal
from moderation.actions import ActionRefused
from moderation.models import ModerationAction
from tests.codeofconduct.conftest import insult_by

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(default_connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    """Committed transactions queue platform work; keep it off the shared broker in this test."""
    from moderation.tasks import execute_action_task

    monkeypatch.setattr(execute_action_task, "delay", lambda *args, **kwargs: None)


def test_two_leads_confirming_at_once_produce_one_block(connection, offender, staff, lead, other_lead):
    for _ in range(3):
        do_warn_author(insult_by(offender, connection), acting_user=staff)
    proposal = BlockProposal.objects.get(state="proposed")
    outcomes: list[str] = []
    started = threading.Barrier(3)

    def confirm(user):
        try:
            started.wait()
            do_decide_block(proposal, acting_user=user, confirm=True, note=user.username)
            outcomes.append("confirmed")
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(user,)) for user in (lead, other_lead)]
    # Hold the row so that both leads are waiting for it before either can read it.
    with transaction.atomic():
        BlockProposal.objects.select_for_update().get(pk=proposal.pk)
        for thread in threads:
            thread.start()
        started.wait()
        _wait_until_both_wait_for_the_lock()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["confirmed", "refused"]
    assert ModerationAction.objects.filter(kind="block").count() == 1
    assert AuditEvent.objects.filter(verb="block.confirmed").count() == 1
    assert BlockProposal.objects.get(pk=proposal.pk).state == "confirmed"


def _wait_until_both_wait_for_the_lock(timeout: float = 10.0) -> None:
    """Poll pg_stat_activity from a separate connection until two backends wait on a lock."""
    import time

    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    deadline = time.monotonic() + timeout
    with psycopg.connect(
        **{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True
    ) as probe:
        while time.monotonic() < deadline:
            waiting = probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            ).fetchone()[0]
            if waiting >= 2:
                return
            time.sleep(0.05)
    pytest.fail("the two leads never waited for the lock")
