"""Journey: staff logs in, sees a demo comment arrive live, opens an insult, hides it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from moderation.models import Comment
from moderation.platforms import demo_content
from moderation.platforms.demo import publish_now
from moderation.sync import sync_comments
from tests.factories import ConnectionFactory
from tests.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_hides_an_insult_and_sees_it_logged(new_page, live_server, organisation, staff, lead, celery_worker_running):
    connection = ConnectionFactory(
        organisation=organisation,
        name="Velderbeek (demopagina)",
        options={"seed": 42, "initial": 40, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    sync_comments(connection=connection)

    page = new_page()
    log_in(page, live_server, staff.username)
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()

    # A new comment is published on the demo page and synced: it appears without a reload.
    publish_now(connection, 1)
    sync_comments(connection=connection)
    newest = Comment.objects.filter(connection=connection).order_by("-id").first()
    page.evaluate("window.__marker = 'no-reload'")
    expect(page.locator(f"#comment-{newest.pk}")).to_be_visible(timeout=20_000)
    assert page.evaluate("window.__marker") == "no-reload"

    insult = Comment.objects.filter(connection=connection, category="insult", platform_state="visible").first()
    assert insult is not None, "the demo page should have produced an insult"
    page.goto(f"{live_server.url}/reacties/{insult.pk}/")
    expect(page.get_by_role("heading", name="Voorgestelde stappen")).to_be_visible()
    expect(page.locator(".steps .step").first).to_be_visible()

    hide_step = page.locator(".step").filter(has=page.locator("input[name=step][value=hide]"))
    hide_step.get_by_role("button").click()
    # The panel polls while the worker carries the hide out on the platform.
    expect(page.locator(".actions-list .action-item.action-done")).to_contain_text("verbergen", timeout=20_000)
    page.reload()
    expect(page.locator(".comment-card")).to_contain_text("Verborgen")

    # The next sync keeps it hidden: the platform applied the action.
    sync_comments(connection=connection)
    assert Comment.objects.get(pk=insult.pk).platform_state == "hidden"

    lead_page = new_page()
    log_in(lead_page, live_server, lead.username)
    lead_page.goto(f"{live_server.url}/logboek/")
    expect(lead_page.locator("table.audit")).to_contain_text("hide.done")
    expect(lead_page.locator("table.audit")).to_contain_text(staff.username)
    assert demo_content.POSTS  # the demo page's posts are the ones shown
