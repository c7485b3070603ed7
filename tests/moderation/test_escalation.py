from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import Department
from moderation.actions import ActionRefused
from moderation.escalation import SALT, answer_token, escalation_from_token, remind_overdue_escalations
from moderation.external_groups import do_forward_signal, do_record_signal
from moderation.faq import do_promote_to_faq, similar_entries
from moderation.models import Comment, Escalation, ReplyDraft
from moderation.reports import do_forward_report
from moderation.tasks import send_escalation_email_task
from moderation.triage import do_escalate
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def department(organisation, department_user):
    department_user.email = "dienst@velderbeek.example"
    department_user.save()
    department = Department.objects.create(
        organisation=organisation, name="Wegen", email="wegen@velderbeek.example", answer_within_hours=24
    )
    department.members.add(department_user)
    return department


@pytest.fixture
def escalation(connection, department, staff):
    comment = CommentFactory(connection=connection, text="Wanneer is de Stationsstraat terug open?")
    return do_escalate(comment, department=department, question="Wat is de planning?", acting_user=staff)


def test_the_department_gets_an_email_with_a_personal_link(client, escalation):
    send_escalation_email_task(escalation.pk)
    message = mail.outbox[-1]
    assert sorted(message.to) == ["dienst@velderbeek.example", "wegen@velderbeek.example"]
    link = next(line for line in message.body.splitlines() if "/dienst/" in line).strip()
    html = client.get(link.split("8000", 1)[-1]).content.decode()
    assert "Wanneer is de Stationsstraat terug open?" in html and "Wat is de planning?" in html


def test_the_answer_comes_back_as_the_askers_draft(client, escalation, staff):
    url = reverse("moderation:department_answer", args=[answer_token(escalation)])
    client.post(url, {"answer": "Vanaf 1 december is de straat open.", "name": "Karim"})
    escalation.refresh_from_db()
    assert escalation.answered_at is not None and escalation.answered_by_name == "Karim"
    assert ReplyDraft.objects.get(comment=escalation.comment, user=staff).text == "Vanaf 1 december is de straat open."
    again = client.post(url, {"answer": "Nog een antwoord"}, follow=True)
    assert "already answered" in again.content.decode() or "al beantwoord" in again.content.decode()
    assert Escalation.objects.get(pk=escalation.pk).answer == "Vanaf 1 december is de straat open."


def test_a_link_expires(escalation, settings):
    token = answer_token(escalation)
    with time_machine.travel(timezone.now() + timedelta(days=settings.ESCALATION_LINK_DAYS + 1)):
        assert escalation_from_token(token) is None


@pytest.mark.parametrize(
    "forge",
    [
        lambda e: answer_token(e)[:-3] + "abc",  # tampered
        lambda e: signing.dumps({"e": e.pk, "p": "answer", "o": e.organisation_id}, salt="another-purpose"),
        lambda e: signing.dumps({"e": e.pk, "p": "admin", "o": e.organisation_id}, salt=SALT),
        lambda e: signing.dumps({"e": e.pk, "p": "answer", "o": e.organisation_id + 1}, salt=SALT),
    ],
)
def test_a_link_is_single_purpose_and_cannot_be_forged(client, escalation, forge):
    token = forge(escalation)
    assert escalation_from_token(token) is None
    assert client.get(reverse("moderation:department_answer", args=[token])).status_code == 404


def test_a_link_shows_only_its_own_comment(client, escalation, connection, department, staff):
    other = CommentFactory(connection=connection, text="Geheime andere reactie")
    do_escalate(other, department=department, question="Andere vraag", acting_user=staff)
    html = client.get(reverse("moderation:department_answer", args=[answer_token(escalation)])).content.decode()
    assert "Geheime andere reactie" not in html and "Andere vraag" not in html


def test_reminders_fire_once_a_day_after_the_agreed_time(escalation):
    assert remind_overdue_escalations() == 0
    later = timezone.now() + timedelta(hours=25)
    assert remind_overdue_escalations(now=later) == 1
    assert remind_overdue_escalations(now=later + timedelta(hours=1)) == 0
    assert remind_overdue_escalations(now=later + timedelta(hours=25)) == 1
    assert "Reminder" in mail.outbox[-1].subject or "Herinnering" in mail.outbox[-1].subject


def test_the_waiting_queue_holds_it_until_answered(escalation, organisation, staff):
    from moderation.inbox import InboxFilters, inbox_comments

    waiting = lambda: [c.pk for c in inbox_comments(organisation, InboxFilters(queue="waiting"), user=staff)]  # noqa: E731
    assert waiting() == [escalation.comment_id]
    from moderation.escalation import do_answer_escalation

    do_answer_escalation(escalation, answer="Antwoord", name="")
    assert waiting() == []


class _Meldpunt(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Meldpunt.received.append(json.loads(body))
        payload = json.dumps({"reference": "MP-2026-0042"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def meldpunt():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Meldpunt)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/meldingen"
    server.shutdown()


def test_a_report_is_forwarded_to_the_meldpunt_webhook_with_its_reference(connection, staff, meldpunt):
    organisation = connection.organisation
    organisation.meldpunt_webhook_url = meldpunt
    organisation.meldpunt_email = "meldpunt@velderbeek.example"
    organisation.save()
    comment = CommentFactory(connection=connection, text="De straatlamp in de Kerkstraat is kapot", category="report")
    reference = do_forward_report(comment, acting_user=staff)
    assert reference == "MP-2026-0042"
    assert Comment.objects.get(pk=comment.pk).report_reference == "MP-2026-0042"
    assert _Meldpunt.received[-1]["text"] == comment.text
    assert "MP-2026-0042" in mail.outbox[-1].subject
    with pytest.raises(ActionRefused):
        do_forward_report(Comment.objects.get(pk=comment.pk), acting_user=staff)


def test_without_a_meldpunt_forwarding_explains_what_to_set(connection, staff):
    comment = CommentFactory(connection=connection, category="report")
    with pytest.raises(ActionRefused):
        do_forward_report(comment, acting_user=staff)


def test_the_faq_suggests_the_similar_question_and_not_an_unrelated_one(connection, staff, organisation):
    source = CommentFactory(connection=connection, text="Wanneer is het containerpark open op zaterdag?")
    do_promote_to_faq(source, question="Wanneer is het containerpark open op zaterdag?", answer="Van 9 tot 16 uur.", acting_user=staff)
    do_promote_to_faq(source, question="Hoe vraag ik een parkeerkaart aan?", answer="Via het e-loket.", acting_user=staff)
    found = [s.entry.answer for s in similar_entries(organisation, "Is het containerpark zaterdag open?")]
    assert found == ["Van 9 tot 16 uur."]
    assert similar_entries(organisation, "Mooi vuurwerk gisteren!") == []


def test_an_external_signal_is_recorded_and_forwarded_never_replied(organisation, department, staff):
    with pytest.raises(ActionRefused):
        do_record_signal(organisation, group_name="Ge zijt van Velderbeek", link="javascript:alert(1)", text="x", screenshot=b"", acting_user=staff)
    signal = do_record_signal(
        organisation, group_name="Ge zijt van Velderbeek als...", link="https://www.facebook.com/groups/1",
        text="Iemand deelt het adres van een medewerker", screenshot=b"", acting_user=staff,
    )
    do_forward_signal(signal, department=department, acting_user=staff)
    assert "Ge zijt van Velderbeek" in mail.outbox[-1].subject
    assert not hasattr(signal, "reply")
