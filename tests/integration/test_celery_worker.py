"""A real Celery worker on the configured broker (Redis in CI, files on the embedded default)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from moderation.actions import do_request_action
from moderation.models import Comment, DemoRemoteState
from moderation.tasks import sync_connection_task
from tests.factories import ConnectionFactory
from tests.helpers import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_worker_syncs_a_page_and_carries_out_a_hide(celery_worker_running, organisation, staff):
    connection = ConnectionFactory(
        organisation=organisation,
        options={"seed": 11, "initial": 15, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    sync_connection_task.delay(connection.pk)
    assert wait_for(lambda: Comment.objects.filter(connection=connection).count() == 15)

    comment = Comment.objects.filter(connection=connection, platform_state="visible").first()
    do_request_action(comment, kind="hide", acting_user=staff, reason="integratietest")
    assert wait_for(lambda: Comment.objects.get(pk=comment.pk).platform_state == "hidden")
    assert DemoRemoteState.objects.get(connection=connection, remote_id=comment.remote_id).hidden
