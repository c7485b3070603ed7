"""The public code of conduct, and the strike register for team leads."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import member_required
from accounts.models import Organisation
from codeofconduct.actions import do_decide_block
from codeofconduct.models import BlockProposal
from codeofconduct.selectors import authors_with_strikes, code_in_force, open_block_proposals
from moderation.actions import ActionRefused


@require_GET
def public_code(request: HttpRequest, slug: str) -> HttpResponse:
    """No login: the code in force, to link from the page's "about" section."""
    organisation = get_object_or_404(Organisation, slug=slug)
    code = code_in_force(organisation)
    if code is None:
        raise Http404
    return render(
        request,
        "codeofconduct/public.html",
        {"organisation": organisation, "code": code, "articles": code.articles.all()},
    )


@require_GET
@member_required("view_strikes")
def strike_register(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    return render(
        request,
        "codeofconduct/strikes.html",
        {"authors": authors_with_strikes(organisation)[:200], "proposals": open_block_proposals(organisation)},
    )


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
