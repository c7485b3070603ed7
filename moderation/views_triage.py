"""Triage views: bulk, assignment, follow-ups, saved views, authors, presence, drafts, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import member_required
from accounts.models import Department
from moderation import inbox, presence
from moderation.actions import ActionRefused
from moderation.approvals import do_decide_reply, replies_awaiting_approval
from moderation.dossier import build_dossier, do_attach_screenshot
from moderation.models import Author, Comment, FollowUp, ModerationAction
from moderation.people import colleagues_of
from moderation.tone import tone_hints
from moderation.triage import (
    do_assign,
    do_bulk,
    do_complete_follow_up,
    do_escalate,
    do_label,
    do_save_view,
    do_schedule_follow_up,
)


def _back(request: HttpRequest, fallback: str, **kwargs) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback, **kwargs)


@require_POST
@member_required("moderate")
def bulk_action(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    comments = list(inbox.comments_for(request.organisation, ids))
    assignee = colleagues_of(request.organisation).filter(pk=request.POST.get("assignee") or 0).first()
    try:
        if not comments:
            raise ActionRefused(_("Select one or more comments first."))
        result = do_bulk(
            comments,
            operation=request.POST.get("operation", ""),
            acting_user=request.user,
            assignee=assignee,
            category=request.POST.get("category", ""),
        )
        messages.success(
            request, _("Done for %(done)d comments; %(refused)d were skipped.") % result
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _back(request, "moderation:inbox")


@require_POST
@member_required("moderate")
def assign(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    assignee_id = request.POST.get("assignee", "")
    assignee = get_user_model().objects.filter(pk=assignee_id).first() if assignee_id.isdigit() else None
    try:
        do_assign(comment, assignee=assignee, acting_user=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _back(request, "moderation:comment", comment_id=comment.pk)


@require_POST
@member_required("moderate")
def label(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    try:
        do_label(comment, category=request.POST.get("category", ""), acting_user=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _back(request, "moderation:comment", comment_id=comment.pk)


@require_POST
@member_required("moderate")
def schedule_follow_up(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    hours = request.POST.get("hours", "")
    try:
        do_schedule_follow_up(
            comment,
            kind=request.POST.get("kind", ""),
            hours=int(hours) if hours.isdigit() else None,
            note=request.POST.get("note", ""),
            acting_user=request.user,
        )
        messages.success(request, _("Follow-up scheduled."))
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _back(request, "moderation:comment", comment_id=comment.pk)


@require_POST
@member_required("moderate")
def complete_follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = FollowUp.objects.filter(organisation=request.organisation, pk=follow_up_id).select_related("comment").first()
    if follow_up is None:
        raise Http404
    do_complete_follow_up(follow_up, acting_user=request.user)
    return _back(request, "moderation:comment", comment_id=follow_up.comment_id)


@require_POST
@member_required("moderate")
def escalate(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    department = Department.objects.filter(organisation=request.organisation, pk=request.POST.get("department") or 0).first()
    try:
        if department is None:
            raise ActionRefused(_("Choose a department."))
        do_escalate(comment, department=department, question=request.POST.get("question", ""), acting_user=request.user)
        messages.success(request, _("Sent to %(department)s.") % {"department": department.name})
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _back(request, "moderation:comment", comment_id=comment.pk)


@require_POST
@member_required("view_inbox")
def save_view(request: HttpRequest) -> HttpResponse:
    try:
        view = do_save_view(
            organisation=request.organisation,
            user=request.user,
            name=request.POST.get("name", ""),
            query=request.POST.get("query", ""),
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("moderation:inbox")
    return redirect(f"{redirect('moderation:inbox').url}?{view.query}")


@require_GET
@member_required("view_inbox")
def author_detail(request: HttpRequest, author_id: int) -> HttpResponse:
    author = Author.objects.filter(organisation=request.organisation, pk=author_id).first()
    if author is None:
        raise Http404
    from codeofconduct.selectors import active_strikes

    comments = (
        Comment.objects.filter(organisation=request.organisation, author=author)
        .select_related("post", "handled_by")
        .prefetch_related("actions")
        .order_by("-published_at")[:200]
    )
    return render(
        request,
        "moderation/author.html",
        {"author": author, "comments": comments, "strikes": active_strikes(request.organisation, author.pk)},
    )


@require_GET
@member_required("view_inbox")
def presence_panel(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Polled by the comment page: who else has it open and what they are writing."""
    comment = inbox.comment_for(request.organisation, comment_id)
    viewers = presence.touch(comment, request.user)
    return render(request, "moderation/comment_detail.html#presence", {"comment": comment, "viewers": viewers})


@require_POST
@member_required("moderate")
def save_draft(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    text = request.POST.get("text", "")
    presence.save_draft(comment, request.user, text)
    return render(request, "moderation/comment_detail.html#tone", {"hints": tone_hints(text, citizen_text=comment.text)})


@require_GET
@member_required("approve_replies")
def approvals(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/approvals.html", {"actions": replies_awaiting_approval(request.organisation)})


@require_POST
@member_required("approve_replies")
def decide_reply(request: HttpRequest, action_id: int) -> HttpResponse:
    action = ModerationAction.objects.filter(organisation=request.organisation, pk=action_id).first()
    if action is None:
        raise Http404
    try:
        do_decide_reply(
            action, acting_user=request.user, approve=request.POST.get("decision") == "approve", text=request.POST.get("text")
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("moderation:approvals")


@require_POST
@member_required("moderate")
def attach_screenshot(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    upload = request.FILES.get("screenshot")
    try:
        do_attach_screenshot(comment, data=upload.read() if upload else b"", acting_user=request.user)
        messages.success(request, _("Screenshot added to the evidence."))
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("moderation:comment", comment_id=comment.pk)


@require_GET
@member_required("moderate")
def dossier(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    if not comment.evidence.exists():
        raise Http404
    response = HttpResponse(build_dossier(comment), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="dossier-reactie-{comment.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@member_required("view_inbox")
def screenshot(request: HttpRequest, evidence_id: int) -> HttpResponse:
    from moderation.models import Evidence

    evidence = Evidence.objects.filter(organisation=request.organisation, pk=evidence_id).exclude(screenshot=None).first()
    if evidence is None or not evidence.screenshot:
        raise Http404
    response = HttpResponse(bytes(evidence.screenshot), content_type=evidence.screenshot_content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="screenshot-{evidence.pk}"'
    return response
