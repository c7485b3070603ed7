"""Journey of issue 8: staff escalate, the department answers through the e-mailed link, staff send it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Department
from moderation.models import Comment, Escalation, ModerationAction
from moderation.tasks import send_escalation_email_task
from tests.factories import CommentFactory
from tests.helpers import log_in, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_escalate_the_department_answers_and_staff_send_the_reply(
    new_page, live_server, connection, staff, settings, celery_worker_running
):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Department.objects.create(organisation=connection.organisation, name="Wegen", email="wegen@velderbeek.example")
    comment = CommentFactory(connection=connection, text="Wanneer gaat de Stationsstraat terug open?", category="question")

    page = new_page()
    log_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}/reacties/{comment.pk}/")
    page.locator("#escalate-form select[name=department]").select_option(label="Wegen")
    page.locator("#escalate-form textarea[name=question]").fill("Wat is de planning van de werken?")
    page.locator("#escalate-form button[type=submit]").click()
    assert wait_for(lambda: Escalation.objects.filter(comment=comment).exists())

    escalation = Escalation.objects.get(comment=comment)
    if not mail.outbox:  # the worker thread may not share locmem's outbox: send it here
        send_escalation_email_task(escalation.pk)
    link = re.search(r"https?://\S+/dienst/\S+/", mail.outbox[-1].body).group(0)

    department = new_page()  # no login: the link is the key
    department.goto(link)
    expect(department.get_by_text("Wat is de planning van de werken?")).to_be_visible()
    expect(department.get_by_text("Wanneer gaat de Stationsstraat terug open?")).to_be_visible()
    department.locator("#answer").fill("Vanaf maandag 1 december is de straat weer open.")
    department.locator("#send-answer").click()
    expect(department.locator("#answer-form")).to_have_count(0)

    page.reload()
    reply_box = page.locator("textarea[name=text]").first
    expect(reply_box).to_have_value(re.compile("1 december"))
    reply_box.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    assert wait_for(lambda: ModerationAction.objects.filter(comment=comment, kind="reply", state="done").exists())
    own = Comment.objects.get(connection=connection, is_own=True, parent=comment)
    assert "1 december" in own.text
