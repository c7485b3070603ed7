"""Journeys of issue 6: keyboard-only triage, seeing a colleague on the same comment, and delete."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from moderation.models import Comment, Evidence, ModerationAction
from tests.factories import CommentFactory
from tests.helpers import log_in, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_keyboard_only_triage_of_ten_comments(new_page, live_server, connection, staff, celery_worker_running):
    now = timezone.now()
    comments = [
        CommentFactory(connection=connection, text=f"Reclame nummer {i} bit.ly/x", category="spam", conduct="unwanted",
                       published_at=now - timedelta(minutes=i))
        for i in range(10)
    ]
    page = new_page()
    log_in(page, live_server, staff.username)
    expect(page.locator(".comment-row")).to_have_count(10)
    for _ in range(10):
        page.keyboard.press("j")
        page.keyboard.press("h")
        expect(page.locator(".comment-row.is-current .badge.pending, .comment-row.is-current .badge.state").first).to_be_visible()
    assert wait_for(lambda: Comment.objects.filter(pk__in=[c.pk for c in comments], platform_state="hidden").count() == 10)
    assert ModerationAction.objects.filter(kind="hide", state="done").count() == 10
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()


def test_a_second_person_sees_who_else_is_on_the_comment(new_page, live_server, connection, staff, lead):
    comment = CommentFactory(connection=connection, text="Wanneer wordt de straat heraangelegd?", category="question")
    first = new_page()
    log_in(first, live_server, staff.username)
    first.goto(f"{live_server.url}/reacties/{comment.pk}/")
    second = new_page()
    log_in(second, live_server, lead.username)
    second.goto(f"{live_server.url}/reacties/{comment.pk}/")
    expect(second.locator("#presence")).to_contain_text(staff.get_full_name(), timeout=15_000)
    reply_box = first.locator("textarea[name=text]").first
    reply_box.fill("")
    reply_box.press_sequentially("Dag, bedankt voor je vraag", delay=10)
    expect(second.locator("#presence")).to_contain_text("bedankt voor je vraag", timeout=15_000)
    expect(first.locator("#presence")).to_contain_text(lead.get_full_name(), timeout=15_000)


def test_delete_shows_the_evidence_card_before_deleting(new_page, live_server, connection, staff, celery_worker_running):
    comment = CommentFactory(connection=connection, hateful=True)
    page = new_page()
    log_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}/reacties/{comment.pk}/")
    expect(page.locator("#confirm-delete")).to_have_count(0)
    page.locator("#capture-evidence").click()
    card = page.locator(".evidence-preview img")
    expect(card).to_be_visible()
    page.wait_for_function(
        "() => { const img = document.querySelector('.evidence-preview img'); return img && img.complete && img.naturalWidth > 0; }"
    )
    assert card.evaluate("img => img.naturalWidth") == 900  # the server-made PNG really loaded
    assert Evidence.objects.filter(comment=comment).count() == 1
    step = page.locator(".step").filter(has=page.locator("#confirm-delete"))
    step.locator("input[name=reason]").fill("haatspraak, aangifte gedaan")
    step.locator("input[name=confirm]").check()
    page.locator("#confirm-delete").click()
    assert wait_for(lambda: Comment.objects.get(pk=comment.pk).platform_state == "deleted")
    page.reload()
    expect(page.locator(".comment-card")).to_contain_text("Verwijderd")


def test_the_inbox_works_without_javascript(new_page, live_server, connection, staff):
    comment = CommentFactory(connection=connection, text="Zonder JavaScript afhandelen", category="question")
    page = new_page(java_script_enabled=False)
    log_in(page, live_server, staff.username)
    row = page.locator(f"#comment-{comment.pk}")
    row.get_by_role("button", name="Afhandelen").click()
    assert Comment.objects.get(pk=comment.pk).status == "handled"
    page.get_by_role("link", name="Afgehandeld").first.click()
    expect(page.locator(f"#comment-{comment.pk}")).to_be_visible()
