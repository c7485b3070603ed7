"""Journeys: an admin publishes a new version of the code; a team lead confirms a proposed block."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from codeofconduct.actions import do_warn_author
from codeofconduct.models import BlockProposal, CodeOfConduct
from moderation.actions import execute_action
from moderation.models import DemoRemoteState, ModerationAction
from tests.factories import AuthorFactory, CommentFactory
from tests.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_TEXT = "Scheldwoorden, beledigingen en agressieve taal horen hier niet thuis, ook niet als je boos bent."


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_admin_edits_approves_and_publishes_a_new_version(
    new_page, live_server, organisation, admin_user, javascript
):
    page = new_page(java_script_enabled=javascript)
    log_in(page, live_server, admin_user.username)
    page.locator("#nav-manage-code").click()
    page.locator("#new-draft-1").click()
    expect(page.locator("#code-status")).to_have_attribute("data-status", "draft")

    page.locator("#edit-article-7").click()
    page.locator("#id_text").fill(NEW_TEXT)
    page.locator("#save-article").click()
    expect(page.locator("#article-7")).to_be_visible()

    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.locator("#id_college_approved_on").fill(yesterday)
    page.locator("#id_mat_approved_on").fill(yesterday)
    page.locator("#id_reference").fill("CBS 2025/042")
    page.locator("#approve-button").click()
    expect(page.locator("#code-status")).to_have_attribute("data-status", "approved")

    page.locator("#publish-button").click()  # in force from today, the default
    expect(page.locator("#code-status")).to_have_attribute("data-status", "published")
    assert CodeOfConduct.objects.get(organisation=organisation, version=2).status == "published"

    page.goto(f"{live_server.url}/gedragscode/{organisation.slug}/")
    expect(page.locator("#code-v2")).to_be_visible()
    expect(page.locator("#art-7")).to_contain_text(NEW_TEXT)

    page.locator("#diff-link").click()
    expect(page.locator("#diff-art-7 ins").first).to_be_visible()
    expect(page.locator("#diff-art-7")).to_contain_text("Scheldwoorden")

    page.goto(f"{live_server.url}/gedragscode/{organisation.slug}/v1/")
    expect(page.locator("#art-7")).not_to_contain_text(NEW_TEXT)


@pytest.fixture
def queued_actions(monkeypatch):
    """Action ids the web process queues for the worker, kept here instead of on the broker.

    The shared Celery producer keeps the broker settings of its first use; a message sent from
    here would end up where later worker-based tests do not look.
    """
    from moderation.tasks import execute_action_task

    queued: list[int] = []
    monkeypatch.setattr(execute_action_task, "delay", lambda action_id: queued.append(action_id))
    return queued


def test_lead_confirms_a_block_proposed_by_another_lead(
    new_page, live_server, organisation, connection, lead, other_lead, queued_actions
):
    offender = AuthorFactory(organisation=organisation, name="Herhaalde Heethoofd")
    for _ in range(3):
        do_warn_author(
            CommentFactory(connection=connection, author=offender, insult=True), acting_user=other_lead
        )
    proposal = BlockProposal.objects.get(state="proposed")

    page = new_page()
    log_in(page, live_server, lead.username)
    page.goto(f"{live_server.url}/strikes/")
    row = page.locator(f"#proposal-{proposal.pk}")
    expect(row).to_contain_text("Herhaalde Heethoofd")
    row.locator("input[name=note]").fill("Derde belediging deze maand")
    row.locator("button[name=decision][value=confirm]").click()
    expect(page.locator(f"#proposal-{proposal.pk}")).to_have_count(0)

    proposal.refresh_from_db()
    assert proposal.state == "confirmed" and proposal.decided_by == lead
    block = ModerationAction.objects.get(kind="block")
    assert block.acting_user == lead and block.comment.author == offender
    assert queued_actions == [block.pk]  # queued for the worker once the decision was committed
    execute_action(block.pk)  # what the worker then does (tests call the service directly)
    assert ModerationAction.objects.get(pk=block.pk).state == "done"
    assert DemoRemoteState.objects.get(remote_id=f"author:{offender.remote_id}").blocked_author
