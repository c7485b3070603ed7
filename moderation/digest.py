"""The weekly digest: one e-mail for the board (team leads and admins), one per department.

Sent on Monday for the week before (Monday to Sunday, Brussels time). The board reads volumes,
what needs attention now, recurring signals and response times; a department reads its own
escalations (open ones with their answer link) and the topics that keep coming back, because
the seed (part 3) asks to pass recurring signals, questions and complaints on to the services.
Plain text and simple HTML from templates; everything is autoescaped in the HTML part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Department, Membership, Organisation
from accounts.permissions import Role
from codeofconduct.models import BlockProposal
from moderation import insights, insights_signals
from moderation.escalation import answer_url
from moderation.insights import Period, percentile
from moderation.models import Category, Comment, Conduct, Escalation, PlatformConnection
from moderation.stats import day_bounds, local_today, local_zone
from moderation.topics import recurring_topics

LISTED = 5  # items named per list; the counts always cover everything


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str
    html: str
    recipients: list[str]


def digest_week(today: date) -> tuple[date, date]:
    """The last complete week before ``today``: Monday to Sunday."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def board_recipients(organisation: Organisation) -> list[str]:
    emails = Membership.objects.filter(
        organisation=organisation, role__in=[Role.LEAD, Role.ADMIN], user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted({email for email in emails if email})


def department_recipients(department: Department) -> list[str]:
    emails = {department.email} if department.email else set()
    emails |= {user.email for user in department.members.filter(is_active=True) if user.email}
    return sorted(emails)


def _link(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def needs_attention(organisation: Organisation, *, now: datetime) -> list[dict[str, Any]]:
    """What waits for someone right now; only lines with something in them."""
    open_comments = Comment.objects.filter(
        organisation=organisation, is_own=False, status=Comment.Status.OPEN
    )
    late = open_comments.filter(
        category=Category.QUESTION,
        published_at__lte=now - timedelta(hours=organisation.question_target_hours),
    )
    overdue = [
        escalation
        for escalation in Escalation.objects.filter(
            organisation=organisation, answered_at__isnull=True
        ).select_related("department")
        if escalation.asked_at + timedelta(hours=escalation.department.answer_within_hours) <= now
    ]
    broken = PlatformConnection.objects.filter(
        organisation=organisation, status=PlatformConnection.Status.NEEDS_RECONNECT
    )
    lines = [
        {
            "label": _("Questions waiting longer than %(hours)d hours")
            % {"hours": organisation.question_target_hours},
            "count": late.count(),
            "links": [
                _link("moderation:comment", pk)
                for pk in late.order_by("published_at").values_list("pk", flat=True)[:LISTED]
            ],
        },
        {
            "label": _("Criminal comments still open"),
            "count": open_comments.filter(conduct=Conduct.CRIMINAL).count(),
            "links": [],
        },
        {
            "label": _("Block proposals waiting for a team lead"),
            "count": BlockProposal.objects.filter(
                organisation=organisation, state=BlockProposal.State.PROPOSED
            ).count(),
            "links": [],
        },
        {"label": _("Escalations past the department's answer time"), "count": len(overdue), "links": []},
        {"label": _("Pages that need reconnecting"), "count": broken.count(), "links": []},
    ]
    return [line for line in lines if line["count"]]


def board_context(organisation: Organisation, *, first: date, last: date, now: datetime) -> dict[str, Any]:
    week = Period(first, last, None, "custom")
    before = Period(first - timedelta(days=7), last - timedelta(days=7), None, "custom")
    sentiment = insights.volume_by_sentiment(organisation, week)
    category = insights.volume_by_category(organisation, week)
    totals = [sum(row[index] for row in sentiment.rows) for index in range(1, len(sentiment.columns))]
    category_totals = [
        (name, sum(row[index] for row in category.rows))
        for index, name in enumerate(category.columns[1:-1], 1)
    ]
    return {
        "organisation": organisation,
        "first": first,
        "last": last,
        "total": totals[-1],
        "total_before": sum(row[-1] for row in insights.volume_by_sentiment(organisation, before).rows),
        "sentiments": list(zip(sentiment.columns[1:-1], totals[:-1], strict=True)),
        "categories": category_totals[:LISTED],
        "attention": needs_attention(organisation, now=now),
        "topics": insights_signals.recurring_topics(organisation, week, today=last).rows[:LISTED],
        "response": insights_signals.response_times(organisation, week).summary,
        "participation": insights_signals.participation(organisation, week).summary,
        "escalations": insights_signals.escalations(organisation, week).rows,
        "insights_url": _link("moderation:insights"),
    }


def department_context(department: Department, *, first: date, last: date, now: datetime) -> dict[str, Any]:
    organisation = department.organisation
    start, end = day_bounds(first, last, local_zone(organisation))
    mine = Escalation.objects.filter(organisation=organisation, department=department).select_related(
        "comment"
    )
    answered = list(mine.filter(answered_at__gte=start, answered_at__lt=end))
    hours = [(e.answered_at - e.asked_at).total_seconds() / 3600 for e in answered]
    still_open = list(mine.filter(answered_at__isnull=True).order_by("asked_at"))
    recent = mine.filter(asked_at__gte=end - timedelta(days=28), asked_at__lt=end)
    signals = recurring_topics(
        ((e.comment.text, e.comment.author_id, e.comment.category) for e in recent),
        limit=LISTED,
        min_comments=2,
    )
    week = Period(first, last, None, "custom")
    return {
        "organisation": organisation,
        "department": department,
        "first": first,
        "last": last,
        "asked": mine.filter(asked_at__gte=start, asked_at__lt=end).count(),
        "answered": len(answered),
        "median": None if not hours else round(percentile(hours, 0.5), 1),
        "p90": None if not hours else round(percentile(hours, 0.9), 1),
        "target": department.answer_within_hours,
        "open": [
            {
                "question": e.question[:300],
                "asked_at": e.asked_at,
                "overdue": e.asked_at + timedelta(hours=department.answer_within_hours) <= now,
                "url": answer_url(e),
            }
            for e in still_open[:LISTED]
        ],
        "open_count": len(still_open),
        "signals": signals,
        "topics": insights_signals.recurring_topics(organisation, week, today=last).rows[:LISTED],
        "comments": sum(row[-1] for row in insights.volume_by_sentiment(organisation, week).rows),
    }


def _render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    return (
        render_to_string(f"moderation/digest/{name}.txt", context),
        render_to_string(f"moderation/digest/{name}.html", context),
    )


def build_board_digest(organisation: Organisation, *, first: date, last: date, now: datetime) -> Digest:
    text, html = _render("board", board_context(organisation, first=first, last=last, now=now))
    subject = _("Weekly digest %(organisation)s, %(first)s to %(last)s") % {
        "organisation": organisation.name,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }
    return Digest(subject, text, html, board_recipients(organisation))


def build_department_digest(department: Department, *, first: date, last: date, now: datetime) -> Digest:
    text, html = _render("department", department_context(department, first=first, last=last, now=now))
    subject = _("Weekly digest for %(department)s, %(first)s to %(last)s") % {
        "department": department.name,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }
    return Digest(subject, text, html, department_recipients(department))


def send_digest(digest: Digest) -> int:
    if not digest.recipients:
        return 0
    message = EmailMultiAlternatives(digest.subject, digest.text, None, digest.recipients)
    message.attach_alternative(digest.html, "text/html")
    return message.send()


def send_weekly_digests(organisation: Organisation, *, now: datetime | None = None) -> int:
    """The board's digest and one per department, for last week; returns how many e-mails went out."""
    now = now or timezone.now()
    first, last = digest_week(local_today(organisation, now=now))
    with translation.override(settings.LANGUAGE_CODE):
        digests = [build_board_digest(organisation, first=first, last=last, now=now)]
        digests += [
            build_department_digest(department, first=first, last=last, now=now)
            for department in Department.objects.filter(organisation=organisation).prefetch_related("members")
        ]
    return sum(send_digest(digest) for digest in digests)
