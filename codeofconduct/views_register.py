"""The three-strike register for team leads, and an author's page (links, appeals, privacy)."""

from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.audit import record_event
from accounts.decorators import member_required
from codeofconduct import privacy
from codeofconduct.actions import (
    do_decide_appeal,
    do_decide_block,
    do_link_authors,
    do_record_appeal,
    do_revoke_strike,
    do_set_author_notes,
    do_unlink_author,
)
from codeofconduct.csvsafe import csv_cell
from codeofconduct.forms import AppealDecisionForm, AppealForm, NotesForm, RevokeForm
from codeofconduct.models import BlockProposal
from codeofconduct.selectors import (
    active_strikes,
    all_strikes,
    appeal_for,
    author_for,
    linked_authors,
    open_appeals,
    open_block_proposals,
    recent_expiries,
    register_rows,
    search_authors,
    strike_for,
    strikes_of,
)
from moderation.actions import ActionRefused


def _author_or_404(request: HttpRequest, author_id: int):
    author = author_for(request.organisation, author_id)
    if author is None:
        raise Http404
    return author


@require_GET
@member_required("view_strikes")
def strike_register(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    return render(
        request,
        "codeofconduct/strikes.html",
        {
            "rows": register_rows(organisation),
            "proposals": open_block_proposals(organisation),
            "appeals": open_appeals(organisation),
            "expiries": recent_expiries(organisation)[:50],
        },
    )


@require_GET
@member_required("view_strikes")
def strikes_csv(request: HttpRequest) -> HttpResponse:
    """Every strike of the organisation, one row each (cells safe against spreadsheet formulas)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strikes-{request.organisation.slug}.csv"'
    response.write("\ufeff")  # spreadsheet programs then read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "strike",
            "created_at",
            "author_id",
            "person_id",
            "author",
            "platform",
            "article",
            "code_version",
            "consequence",
            "issued_by",
            "expires_at",
            "status",
            "revoked_at",
            "revoke_reason",
        ]
    )
    now = timezone.now()
    for strike in all_strikes(request.organisation).iterator(chunk_size=500):
        link = getattr(strike.author, "conduct_link", None)
        status = "revoked" if strike.revoked_at else ("active" if strike.expires_at > now else "expired")
        writer.writerow(
            csv_cell(value)
            for value in (
                strike.pk,
                strike.created_at.isoformat(),
                strike.author_id,
                link.person_id if link else "",
                strike.author.name,
                strike.author.platform,
                strike.article.citation,
                strike.code_version,
                strike.consequence,
                strike.issued_by.get_username(),
                strike.expires_at.isoformat(),
                status,
                strike.revoked_at.isoformat() if strike.revoked_at else "",
                strike.revoke_reason,
            )
        )
    return response


@require_POST
@member_required("confirm_block")
def decide_block(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = BlockProposal.objects.filter(organisation=request.organisation, pk=proposal_id).first()
    if proposal is None:
        raise Http404
    try:
        do_decide_block(
            proposal,
            acting_user=request.user,
            confirm=request.POST.get("decision") == "confirm",
            note=request.POST.get("note", "")[:2000],
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("codeofconduct:strikes")


@require_GET
@member_required("view_strikes")
def author_detail(request: HttpRequest, author_id: int) -> HttpResponse:
    author = _author_or_404(request, author_id)
    query = request.GET.get("q", "")[:100]
    candidates = search_authors(request.organisation, query, exclude_id=author.pk)
    context = {
        "author": author,
        "linked": linked_authors(author),
        "strikes": strikes_of(request.organisation, author),
        "active_count": active_strikes(request.organisation, author.pk).count(),
        "proposals": BlockProposal.objects.filter(author=author).select_related("proposed_by", "decided_by"),
        "query": query,
        "candidates": candidates,
        "notes_form": NotesForm(initial={"notes": author.notes}),
        "revoke_form": RevokeForm(),
        "appeal_form": AppealForm(initial={"received_on": timezone.localdate()}),
        "decision_form": AppealDecisionForm(),
        "now": timezone.now(),
    }
    template = "codeofconduct/author.html"
    if request.htmx and request.htmx.target == "link-candidates":
        template += "#link-candidates"
    return render(request, template, context)


@require_POST
@member_required("view_strikes")
def author_link(request: HttpRequest, author_id: int) -> HttpResponse:
    author = _author_or_404(request, author_id)
    other_id = request.POST.get("other", "")
    other = author_for(request.organisation, int(other_id)) if other_id.isdigit() else None
    if other is None:
        messages.error(request, _("Choose the author to link."))
    else:
        try:
            do_link_authors(author, other, acting_user=request.user)
        except ActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The authors are linked: they now share their strikes."))
    return redirect("codeofconduct:author", author_id=author.pk)


@require_POST
@member_required("view_strikes")
def author_unlink(request: HttpRequest, author_id: int) -> HttpResponse:
    author = _author_or_404(request, author_id)
    try:
        do_unlink_author(author, acting_user=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The link was removed: each author keeps only their own strikes."))
    return redirect("codeofconduct:author", author_id=author.pk)


@require_POST
@member_required("view_strikes")
def author_notes(request: HttpRequest, author_id: int) -> HttpResponse:
    author = _author_or_404(request, author_id)
    form = NotesForm(request.POST)
    if form.is_valid():
        do_set_author_notes(author, acting_user=request.user, notes=form.cleaned_data["notes"])
        messages.success(request, _("The notes were saved."))
    else:
        messages.error(request, _("The notes are too long."))
    return redirect("codeofconduct:author", author_id=author.pk)


@require_POST
@member_required("confirm_block")
def strike_revoke(request: HttpRequest, strike_id: int) -> HttpResponse:
    strike = strike_for(request.organisation, strike_id)
    if strike is None:
        raise Http404
    form = RevokeForm(request.POST)
    try:
        do_revoke_strike(strike, acting_user=request.user, reason=form.data.get("reason", "")[:2000])
    except ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The strike was revoked."))
    return redirect("codeofconduct:author", author_id=strike.author_id)


@require_POST
@member_required("view_strikes")
def appeal_record(request: HttpRequest, strike_id: int) -> HttpResponse:
    strike = strike_for(request.organisation, strike_id)
    if strike is None:
        raise Http404
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the appeal was received and what the author objects to."))
        return redirect("codeofconduct:author", author_id=strike.author_id)
    try:
        do_record_appeal(strike, acting_user=request.user, **form.cleaned_data)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The appeal was recorded."))
    return redirect("codeofconduct:author", author_id=strike.author_id)


@require_POST
@member_required("confirm_block")
def appeal_decide(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = appeal_for(request.organisation, appeal_id)
    if appeal is None:
        raise Http404
    form = AppealDecisionForm(request.POST)
    try:
        do_decide_appeal(
            appeal,
            acting_user=request.user,
            grant=form.data.get("decision") == "grant",
            note=form.data.get("note", "")[:4000],
        )
    except ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The appeal was decided."))
    return redirect("codeofconduct:author", author_id=appeal.strike.author_id)


@require_GET
@member_required("manage_code")
def author_export(request: HttpRequest, author_id: int) -> HttpResponse:
    """GDPR access request: everything on one author as a JSON download; the export is logged."""
    author = _author_or_404(request, author_id)
    with transaction.atomic():
        data = privacy.export_author(author)
        record_event(
            request.organisation,
            actor=request.user,
            verb="author.exported",
            target=author,
            summary=author.name,
        )
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="author-{author.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
@member_required("manage_code")
def author_erase(request: HttpRequest, author_id: int) -> HttpResponse:
    """GDPR erasure request: a confirmation page, then pseudonymise and blank (see privacy.py)."""
    author = _author_or_404(request, author_id)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm: erasing cannot be undone."))
        else:
            try:
                privacy.do_erase_author(author, acting_user=request.user)
            except ActionRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The author's personal data was erased."))
                return redirect("codeofconduct:author", author_id=author.pk)
    return render(
        request, "codeofconduct/author_erase.html", {"author": author, "linked": linked_authors(author)}
    )
