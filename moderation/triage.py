"""Triage actions beyond one comment's steps: assign, bulk, follow-ups, saved views, escalation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Department
from codeofconduct.selectors import article_kinds, code_in_force
from moderation.actions import ActionRefused, bump_version, request_action
from moderation.classify.retrain import record_correction
from moderation.conduct import conduct_of
from moderation.models import Category, Comment, Escalation, FollowUp, SavedView
from moderation.people import colleagues_of, display_name

BULK_OPERATIONS = ("hide", "mark_handled", "assign", "label")
MAX_BULK = 200
FOLLOW_UP_HOURS = {FollowUp.Kind.CHECK_AGAIN: 24, FollowUp.Kind.DELETE_IF_UNCHANGED: 24, FollowUp.Kind.REMIND: 4}


@transaction.atomic
def do_assign(comment: Comment, *, assignee: Any | None, acting_user: Any) -> None:
    if assignee is not None and not colleagues_of(comment.organisation).filter(pk=assignee.pk).exists():
        raise ActionRefused(_("This person cannot moderate for this organisation."))
    comment = Comment.objects.select_for_update(no_key=True).get(pk=comment.pk)
    comment.assigned_to = assignee
    comment.save(update_fields=["assigned_to", "updated_at"])
    bump_version(comment)
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="comment.assigned",
        target=comment,
        summary=comment.text[:120],
        data={"assignee": display_name(assignee) if assignee else ""},
    )


@transaction.atomic
def do_label(comment: Comment, *, category: str, acting_user: Any) -> None:
    """A person sets the category: conduct and priority follow, and the correction is kept."""
    if category not in Category.values:
        raise ActionRefused(_("Unknown category."))
    comment = Comment.objects.select_for_update(no_key=True).select_related("organisation").get(pk=comment.pk)
    previous = comment.category
    comment.category = category
    comment.conduct = conduct_of(category, article_kinds(code_in_force(comment.organisation)))
    comment.needs_review = False
    comment.labels = [category, *[label for label in comment.labels if label != category]]
    comment.save(update_fields=["category", "conduct", "needs_review", "labels", "updated_at"])
    bump_version(comment)
    record_correction(comment, field="category", old=previous, new=category, acting_user=acting_user)
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="comment.labelled",
        target=comment,
        summary=comment.text[:120],
        data={"from": previous, "to": category},
    )


def do_bulk(comments: list[Comment], *, operation: str, acting_user: Any, assignee: Any = None, category: str = "") -> dict[str, int]:
    """Apply one operation to many comments; each is its own transaction, refusals are counted."""
    if operation not in BULK_OPERATIONS:
        raise ActionRefused(_("Unknown bulk action."))
    if len(comments) > MAX_BULK:
        raise ActionRefused(_("Select at most %(max)d comments at once.") % {"max": MAX_BULK})
    done = refused = 0
    for comment in comments:
        try:
            with transaction.atomic():
                if operation in {"hide", "mark_handled"}:
                    request_action(comment, kind=operation, acting_user=acting_user, reason=_("bulk action"))
                elif operation == "assign":
                    do_assign(comment, assignee=assignee, acting_user=acting_user)
                else:
                    do_label(comment, category=category, acting_user=acting_user)
            done += 1
        except ActionRefused:
            refused += 1
    return {"done": done, "refused": refused}


@transaction.atomic
def do_schedule_follow_up(comment: Comment, *, kind: str, acting_user: Any, hours: int | None = None, note: str = "") -> FollowUp:
    if kind not in FollowUp.Kind.values:
        raise ActionRefused(_("Unknown follow-up."))
    hours = hours if hours is not None else FOLLOW_UP_HOURS[kind]
    if not 0 < hours <= 24 * 30:
        raise ActionRefused(_("Choose a moment within the next 30 days."))
    follow_up = FollowUp.objects.create(
        organisation=comment.organisation,
        comment=comment,
        kind=kind,
        due_at=timezone.now() + timedelta(hours=hours),
        note=note[:300],
        baseline_hash=comment.content_hash,
        created_by=acting_user,
    )
    bump_version(comment)
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="follow_up.scheduled",
        target=comment,
        summary=comment.text[:120],
        data={"kind": kind, "due_at": follow_up.due_at.isoformat()},
    )
    return follow_up


def check_follow_up_condition(follow_up: FollowUp) -> str:
    """What the platform now says about the condition (after the syncs since scheduling)."""
    comment = follow_up.comment
    if comment.platform_state == Comment.PlatformState.DELETED:
        return _("The comment was removed from the platform.")
    if follow_up.kind == FollowUp.Kind.DELETE_IF_UNCHANGED:
        if comment.content_hash != follow_up.baseline_hash:
            return _("The author edited the comment: read it again before deleting.")
        return _("Not edited: delete it as announced.")
    if follow_up.kind == FollowUp.Kind.CHECK_AGAIN:
        replies = comment.replies.filter(published_at__gt=follow_up.created_at).count()
        return _("%(count)d new replies since you scheduled this.") % {"count": replies}
    return follow_up.note or _("Reminder.")


def fire_due_follow_ups(*, now: Any = None) -> int:
    """Mark due follow-ups as fired with their checked condition; they show in "opvolgen"."""
    now = now or timezone.now()
    fired = 0
    for follow_up in FollowUp.objects.filter(due_at__lte=now, fired_at__isnull=True, done_at__isnull=True).select_related("comment"):
        follow_up.outcome = check_follow_up_condition(follow_up)[:300]
        follow_up.fired_at = now
        follow_up.save(update_fields=["outcome", "fired_at"])
        Comment.objects.filter(pk=follow_up.comment_id).update(updated_at=now)
        fired += 1
    return fired


@transaction.atomic
def do_complete_follow_up(follow_up: FollowUp, *, acting_user: Any) -> None:
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])
    record_event(
        follow_up.organisation,
        actor=acting_user,
        verb="follow_up.done",
        target=follow_up.comment,
        summary=follow_up.comment.text[:120],
        data={"kind": follow_up.kind},
    )


def do_save_view(*, organisation: Any, user: Any, name: str, query: str) -> SavedView:
    name = name.strip()[:80]
    if not name:
        raise ActionRefused(_("Give the view a name."))
    view, _created = SavedView.objects.update_or_create(
        organisation=organisation, user=user, name=name, defaults={"query": query[:500]}
    )
    return view


@transaction.atomic
def do_escalate(comment: Comment, *, department: Department, question: str, acting_user: Any) -> Escalation:
    """Ask a department ("communicatie-antenne"); the comment waits in "wacht op dienst"."""
    if department.organisation_id != comment.organisation_id:
        raise ActionRefused(_("Unknown department."))
    if not question.strip():
        raise ActionRefused(_("Write the question for the department."))
    escalation = Escalation.objects.create(
        organisation=comment.organisation,
        comment=comment,
        department=department,
        question=question[:4000],
        asked_by=acting_user,
    )
    bump_version(comment)
    from moderation.tasks import send_escalation_email_task

    send_escalation_email_task.delay_on_commit(escalation.pk)
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="comment.escalated",
        target=comment,
        summary=comment.text[:120],
        reason=question[:500],
        data={"department": department.name, "escalation_id": escalation.pk},
    )
    return escalation
