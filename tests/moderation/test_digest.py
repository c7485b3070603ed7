"""The weekly digest by e-mail: what the board and a department read on Monday morning."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from accounts.models import Department
from moderation import stats
from moderation.digest import build_board_digest, build_department_digest, digest_week, send_weekly_digests
from moderation.models import DailyCommentStat, Escalation
from moderation.tasks_insights import refresh_organisation_insights_task, send_organisation_digests_task
from tests.factories import CommentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY, SUNDAY = date(2025, 3, 10), date(2025, 3, 16)
NOW = datetime(2025, 3, 17, 7, 0, tzinfo=BRUSSELS)


def local(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (date(2025, 3, 17), (MONDAY, SUNDAY)),  # Monday: the week that just ended
        (date(2025, 3, 19), (MONDAY, SUNDAY)),
        (date(2025, 3, 16), (date(2025, 3, 3), date(2025, 3, 9))),  # Sunday: that week is not over yet
    ],
)
def test_digest_week_is_the_last_complete_week(today, week):
    assert digest_week(today) == week


@pytest.fixture
def week(organisation, connection, staff, lead, admin_user):
    for user, email in ((staff, "medewerker@velderbeek.example"), (lead, "lead@velderbeek.example"), (admin_user, "admin@velderbeek.example")):
        user.email = email
        user.save()
    post = PostFactory(connection=connection, title="Fietspad Kerkstraat")
    for hour in (8, 9, 10):
        CommentFactory(connection=connection, post=post, text="Het fietspad aan de Kerkstraat is gevaarlijk",
                       sentiment="negative", category="criticism", published_at=local(MONDAY, hour))
    waiting = CommentFactory(connection=connection, post=post, text="Wanneer wordt het fietspad hersteld?",
                             published_at=local(MONDAY, 11))
    CommentFactory(connection=connection, post=post, hateful=True, published_at=local(date(2025, 3, 12)))
    for hour in (9, 10):  # the week before
        CommentFactory(connection=connection, post=post, published_at=local(date(2025, 3, 3), hour))
    green = Department.objects.create(organisation=organisation, name="Groen <Natuur>", email="groen@velderbeek.example")
    green.members.add(UserFactory(email="antenne@velderbeek.example"))
    for asked_at, answer_after, question in (
        (local(MONDAY, 9), 5, "Worden de bomen in het park gekapt?"),
        (local(date(2025, 3, 12), 9), None, "Klopt het dat <b>de bomenkap</b> start?"),
    ):
        escalation = Escalation.objects.create(
            organisation=organisation, department=green, question=question, asked_by=staff,
            comment=CommentFactory(connection=connection, post=post, text="Waarom de bomenkap in het park?",
                                   published_at=asked_at - timedelta(hours=1)),
        )
        answered_at = asked_at + timedelta(hours=answer_after) if answer_after else None
        Escalation.objects.filter(pk=escalation.pk).update(asked_at=asked_at, answered_at=answered_at)
    stats.refresh_days(organisation, days=[date(2025, 3, 3) + timedelta(days=n) for n in range(14)])
    return {"waiting": waiting, "department": green}


def test_the_board_digest_has_volumes_attention_signals_and_response_times(organisation, week):
    digest = build_board_digest(organisation, first=MONDAY, last=SUNDAY, now=NOW)
    assert digest.subject == "Weekly digest Gemeente Velderbeek, 2025-03-10 to 2025-03-16"
    assert digest.recipients == ["admin@velderbeek.example", "lead@velderbeek.example"]  # not the staff member
    text = digest.text
    assert "7 comments (the week before: 2)." in text  # the two escalated comments were written this week too
    assert "- negative: 4" in text and "- criticism: 3" in text
    assert "- Questions waiting longer than 24 hours: 5" in text  # last week's two are still open too
    assert f"/reacties/{week['waiting'].pk}/" in text
    assert "- Criminal comments still open: 1" in text
    assert "- Escalations past the department's answer time: 1" in text
    assert "- fietspad: 4 comments by 4 people, mostly criticism" in text
    assert "- Median: –" in text and "- Not answered yet: 3" in text
    assert "- Groen <Natuur>: 2 asked, 1 answered, 1 open, median 5.0 h (target 48 h)" in text
    assert "/inzichten/" in text


def test_the_board_digest_html_escapes_what_people_wrote(organisation, week):
    html = build_board_digest(organisation, first=MONDAY, last=SUNDAY, now=NOW).html
    assert "Groen &lt;Natuur&gt;" in html and "<Natuur>" not in html


def test_a_department_digest_lists_its_open_questions_with_their_answer_link(organisation, week):
    digest = build_department_digest(week["department"], first=MONDAY, last=SUNDAY, now=NOW)
    assert digest.recipients == ["antenne@velderbeek.example", "groen@velderbeek.example"]
    text = digest.text
    assert "2 asked last week, 1 answered last week, 1 still open." in text
    assert "Answer time: median 5.0 h, p90 5.0 h (agreed: 48 h)." in text
    assert "- [overdue] 2025-03-12 09:00: Klopt het dat <b>de bomenkap</b> start?" in text
    assert "/dienst/" in text
    assert "- bomenkap: 2 comments by 2 people" in text  # a recurring signal in what was passed to them
    assert "- fietspad: 4 comments by 4 people, mostly criticism" in text
    assert "&lt;b&gt;de bomenkap&lt;/b&gt;" in digest.html and "<b>de bomenkap</b>" not in digest.html


def test_monday_morning_sends_the_board_and_each_department_one_mail(organisation, week, mailoutbox):
    Department.objects.create(organisation=organisation, name="Zonder adres")  # nobody to write to
    assert send_weekly_digests(organisation, now=NOW) == 2
    assert sorted(mail.to[0] for mail in mailoutbox) == ["admin@velderbeek.example", "antenne@velderbeek.example"]
    assert all(mail.alternatives[0][1] == "text/html" for mail in mailoutbox)


def test_the_tasks_refresh_the_aggregates_and_send_the_digests(organisation, week, mailoutbox):
    DailyCommentStat.objects.all().delete()
    with time_machine.travel(NOW):
        assert refresh_organisation_insights_task(organisation.pk) > 0
        assert DailyCommentStat.objects.filter(day=MONDAY).exists()
        assert send_organisation_digests_task(organisation.pk) == 2
    assert refresh_organisation_insights_task(999_999) == 0
