"""Inbox, comment page and the one-click steps. Thin: parse, check membership, call, render."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.decorators import member_required
from codeofconduct.actions import do_warn_author
from moderation import inbox, presence
from moderation.actions import ActionRefused, do_request_action
from moderation.comment_page import comment_page_context, wellbeing_context
from moderation.models import Comment, Evidence, ModerationAction, SavedView
from moderation.people import colleagues_of

# Actions a person can ask for with one click (or one small form) from the inbox or comment page.
CLICK_ACTIONS = {
    "hide", "unhide", "like", "delete", "reply", "private_reply", "mark_handled", "reopen", "step_done", "evidence",
}


@require_GET
@member_required("view_inbox")
def inbox_view(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    filters = inbox.parse_filters(request.GET)
    cursor = None
    if request.GET.get("cursor", "").isdigit():
        cursor = inbox.organisation_comments(organisation).filter(pk=int(request.GET["cursor"])).first()
    page = list(inbox.inbox_comments(organisation, filters, user=request.user, cursor=cursor)[: inbox.PAGE_SIZE + 1])
    comments = page[: inbox.PAGE_SIZE]
    context = {
        "filters": filters,
        "post_query": inbox.post_filter_prefix(filters),
        "comments": comments,
        "next_cursor": comments[-1].pk if len(page) > inbox.PAGE_SIZE else None,
        "counts": inbox.filter_counts(organisation, filters, user=request.user),
        "connections": inbox.connections_of(organisation),
        "newest_id": inbox.newest_id(organisation),
        "polled_at": timezone.now().isoformat(),
        "is_first_page": cursor is None,
        "saved_views": SavedView.objects.filter(organisation=organisation, user=request.user),
        "colleagues": colleagues_of(organisation),
        "now": timezone.now(),
    }
    template = "moderation/inbox.html"
    if request.htmx and request.htmx.target == "comment-list":
        template += "#comment-list"
    return render(request, template, context)


@require_GET
@member_required("view_inbox")
def inbox_poll(request: HttpRequest) -> HttpResponse:
    """New comments since ``after`` and changed rows on screen, plus fresh counts (htmx only)."""
    if not request.htmx:
        return redirect("moderation:inbox")
    organisation = request.organisation
    filters = inbox.parse_filters(request.GET)
    after = request.GET.get("after", "")
    after_id = int(after) if after.isdigit() else inbox.newest_id(organisation)
    new_comments = []
    if filters.sort == "time":
        # Oldest new ones first, so a burst larger than a page arrives over the next polls
        # instead of being skipped; shown newest first, as the list is.
        arrived = inbox.inbox_comments(organisation, filters, user=request.user, after_id=after_id).order_by("id")
        new_comments = sorted(arrived[: inbox.PAGE_SIZE], key=lambda c: (c.published_at, c.pk), reverse=True)
    shown = [int(i) for i in request.GET.getlist("shown") if i.isdigit()][:200]
    changed = []
    try:
        since = datetime.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        since = None
    if since is not None and shown:
        changed = list(inbox.changed_since(organisation, since, shown))
    context = {
        "filters": filters,
        "post_query": inbox.post_filter_prefix(filters),
        "new_comments": new_comments,
        "changed_comments": changed,
        "newest_id": max([after_id, *(c.pk for c in new_comments)]),
        "polled_at": timezone.now().isoformat(),
        "counts": inbox.filter_counts(organisation, filters, user=request.user),
        "connections": inbox.connections_of(organisation),
        "now": timezone.now(),
    }
    return render(request, "moderation/inbox_poll.html", context)


@require_GET
@member_required("view_inbox")
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    context = comment_page_context(comment, request=request)
    if not request.htmx:
        context |= wellbeing_context(comment, request=request)
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
    version = request.POST.get("version", "")
    try:
        action = do_request_action(
            comment,
            kind=kind,
            acting_user=request.user,
            reason=request.POST.get("reason", "")[:2000],
            text=request.POST.get("text", ""),
            step=request.POST.get("step", "")[:30],
            seen_version=int(version) if version.isdigit() else None,
        )
        if action.state == ModerationAction.State.AWAITING_APPROVAL:
            messages.info(request, _awaiting_message())
        elif kind in {"reply", "private_reply"}:
            presence.save_draft(comment, request.user, "")
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


def _awaiting_message() -> str:
    from django.utils.translation import gettext

    return gettext("Your reply waits for a team lead's approval before it is sent.")


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
