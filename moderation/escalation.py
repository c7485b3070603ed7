"""The loop with departments: a signed single-purpose link, the answer back as a draft, reminders.

A department contact answers without a full login: the e-mailed link carries a signed token
that names one escalation and one purpose, and expires. The answer becomes the asker's draft
reply on the comment; staff stay the voice of the organisation and send it themselves.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from moderation.actions import ActionRefused, bump_version
from moderation.models import Comment, Escalation, ReplyDraft

SALT = "reageerwijzer.escalation-answer.v1"
PURPOSE = "answer"


def answer_token(escalation: Escalation) -> str:
    return signing.dumps({"e": escalation.pk, "p": PURPOSE, "o": escalation.organisation_id}, salt=SALT)


def escalation_from_token(token: str) -> Escalation | None:
    """The escalation this token was made for, or None when forged, for another purpose or expired."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.ESCALATION_LINK_DAYS))
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    if not isinstance(payload, dict) or payload.get("p") != PURPOSE:
        return None
    return (
        Escalation.objects.filter(pk=payload.get("e"), organisation_id=payload.get("o"))
        .select_related("comment__author", "comment__post", "department", "organisation", "asked_by")
        .first()
    )


def answer_url(escalation: Escalation) -> str:
    return settings.SITE_URL + reverse("moderation:department_answer", args=[answer_token(escalation)])


def recipients_of(department: Any) -> list[str]:
    emails = {department.email} if department.email else set()
    emails |= {user.email for user in department.members.all() if user.email}
    return sorted(emails)


def send_escalation_email(escalation: Escalation, *, reminder: bool = False) -> int:
    recipients = recipients_of(escalation.department)
    if not recipients:
        return 0
    subject = (_("Reminder: ") if reminder else "") + _("Question from the communication team about a comment")
    body = _(
        "Dear colleague,\n\nThe communication team of %(organisation)s asks your help with a comment on "
        "social media:\n\n\"%(comment)s\"\n\nTheir question: %(question)s\n\nAnswer through this personal link "
        "(valid for %(days)d days, only for this question):\n%(url)s\n\nThank you!"
    ) % {
        "organisation": escalation.organisation.name,
        "comment": escalation.comment.text[:1000],
        "question": escalation.question,
        "days": settings.ESCALATION_LINK_DAYS,
        "url": answer_url(escalation),
    }
    return send_mail(subject, body, None, recipients)


@transaction.atomic
def do_answer_escalation(escalation: Escalation, *, answer: str, name: str) -> Escalation:
    """Store the department's answer and put it in the asker's draft reply."""
    answer = answer.strip()
    if not answer:
        raise ActionRefused(_("Write an answer first."))
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if escalation.answered_at is not None:
        raise ActionRefused(_("This question was already answered. Thank you!"))
    escalation.answer = answer[:8000]
    escalation.answered_at = timezone.now()
    escalation.answered_by_name = name.strip()[:200]
    escalation.save(update_fields=["answer", "answered_at", "answered_by_name"])
    ReplyDraft.objects.update_or_create(
        comment=escalation.comment, user=escalation.asked_by, defaults={"text": escalation.answer}
    )
    comment = Comment.objects.get(pk=escalation.comment_id)
    bump_version(comment)
    record_event(
        escalation.organisation,
        actor=None,
        verb="escalation.answered",
        target=comment,
        summary=comment.text[:120],
        data={"department": escalation.department.name, "answered_by": escalation.answered_by_name},
    )
    return escalation


def remind_overdue_escalations(*, now: Any = None) -> int:
    """Remind departments past their agreed answer time, at most once a day per question."""
    now = now or timezone.now()
    reminded = 0
    open_escalations = Escalation.objects.filter(answered_at__isnull=True).select_related("department", "comment", "organisation")
    for escalation in open_escalations:
        due = escalation.asked_at + timedelta(hours=escalation.department.answer_within_hours)
        recently = escalation.reminded_at and now - escalation.reminded_at < timedelta(hours=24)
        if now >= due and not recently and send_escalation_email(escalation, reminder=True):
            Escalation.objects.filter(pk=escalation.pk).update(reminded_at=now)
            reminded += 1
    return reminded
