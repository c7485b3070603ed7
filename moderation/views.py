"""Inbox, comment page and the one-click steps. Thin: parse, check membership, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.decorators import member_required
from codeofconduct.actions import do_warn_author
from moderation import inbox
from moderation.actions import ActionRefused, do_request_action
from moderation.comment_page import comment_page_context
from moderation.models import Comment, Evidence, ModerationAction

# Actions a person can ask for with one click (or one small form) from the inbox or comment page.
CLICK_ACTIONS = {
    "hide", "unhide", "like", "delete", "reply", "private_reply", "mark_handled", "reopen", "step_done", "evidence",
}


@require_GET
@member_required("view_inbox")
def inbox_view(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    filters = inbox.parse_filters(request.GET)
    before = None
    if request.GET.get("before", "").isdigit():
        before = inbox.organisation_comments(organisation).filter(pk=int(request.GET["before"])).first()
    comments = list(inbox.inbox_comments(organisation, filters, before=before)[: inbox.PAGE_SIZE + 1])
    context = {
        "filters": filters,
        "comments": comments[: inbox.PAGE_SIZE],
        "next_before": comments[inbox.PAGE_SIZE - 1].pk if len(comments) > inbox.PAGE_SIZE else None,
        "counts": inbox.filter_counts(organisation, filters),
        "connections": inbox.connections_of(organisation),
        "newest_id": inbox.newest_id(organisation),
        "is_first_page": before is None,
    }
    template = "moderation/inbox.html"
    if request.htmx and request.htmx.target == "comment-list":
        template += "#comment-list"
    return render(request, template, context)


@require_GET
@member_required("view_inbox")
def inbox_poll(request: HttpRequest) -> HttpResponse:
    """New comments since ``after`` for the live inbox, plus fresh counts (htmx only)."""
    if not request.htmx:
        return redirect("moderation:inbox")
    organisation = request.organisation
    filters = inbox.parse_filters(request.GET)
    after = request.GET.get("after", "")
    after_id = int(after) if after.isdigit() else inbox.newest_id(organisation)
    new_comments = list(inbox.inbox_comments(organisation, filters, after_id=after_id)[: inbox.PAGE_SIZE])
    context = {
        "filters": filters,
        "new_comments": new_comments,
        "newest_id": max([after_id, *(c.pk for c in new_comments)]),
        "counts": inbox.filter_counts(organisation, filters),
        "connections": inbox.connections_of(organisation),
    }
    return render(request, "moderation/inbox_poll.html", context)


@require_GET
@member_required("view_inbox")
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    context = comment_page_context(comment, request=request)
    template = "moderation/comment_detail.html"
    if request.htmx and request.htmx.target == "comment-panel":
        template += "#comment-panel"
        context["partial"] = True
    return render(request, template, context)


@require_GET
@member_required("view_inbox")
def comment_row(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    comment.pending_actions = inbox.has_pending_actions(comment)
    return render(request, "moderation/inbox.html#comment-row", {"comment": comment})


@require_POST
@member_required("moderate")
def comment_act(request: HttpRequest, comment_id: int, kind: str) -> HttpResponse:
    if kind not in CLICK_ACTIONS:
        raise Http404
    comment = inbox.comment_for(request.organisation, comment_id)
    if kind == "delete" and request.POST.get("confirm") != "yes":
        messages.error(request, _confirm_message())
        return _after_action(request, comment)
    try:
        do_request_action(
            comment,
            kind=kind,
            acting_user=request.user,
            reason=request.POST.get("reason", "")[:2000],
            text=request.POST.get("text", ""),
            step=request.POST.get("step", "")[:30],
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _after_action(request, comment)


@require_POST
@member_required("moderate")
def comment_warn(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    try:
        do_warn_author(
            comment,
            acting_user=request.user,
            message=request.POST.get("text", ""),
            reason=request.POST.get("reason", "")[:2000],
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return _after_action(request, comment)


def _confirm_message() -> str:
    from django.utils.translation import gettext

    return gettext("Tick the box to confirm: deleting cannot be undone.")


def _after_action(request: HttpRequest, comment: Comment) -> HttpResponse:
    """htmx gets the updated piece of the page it came from; others a redirect back."""
    comment.refresh_from_db()
    if request.htmx:
        if request.htmx.target == f"comment-{comment.pk}":
            comment.pending_actions = inbox.has_pending_actions(comment)
            return render(request, "moderation/inbox.html#comment-row", {"comment": comment})
        if request.htmx.target == "comment-panel":
            context = comment_page_context(comment, request=request) | {"partial": True}
            return render(request, "moderation/comment_detail.html#comment-panel", context)
        return HttpResponseClientRefresh()
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("moderation:comment", comment_id=comment.pk)


@require_GET
@member_required("view_inbox")
def evidence_image(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = Evidence.objects.filter(organisation=request.organisation, pk=evidence_id).first()
    if evidence is None:
        raise Http404
    response = HttpResponse(bytes(evidence.image_png), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="bewijs-{evidence.pk}.png"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@member_required("view_inbox")
def action_status(request: HttpRequest, action_id: int) -> HttpResponse:
    action = ModerationAction.objects.filter(organisation=request.organisation, pk=action_id).first()
    if action is None:
        raise Http404
    return render(request, "moderation/comment_detail.html#action-item", {"action": action})
