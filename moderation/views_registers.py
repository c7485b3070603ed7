"""The registers the classifier reads (admins): political terms and known false claims with their corrections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import member_required
from moderation import registers
from moderation.forms_registers import FalseClaimForm, PoliticalTermForm
from moderation.models import KnownFalseClaim, PoliticalTerm


@dataclass(frozen=True)
class _Register:
    """What differs between the two registers' pages; the views below are shared."""

    model: type[models.Model]
    form: type[forms.ModelForm]
    prefix: str
    save: Callable[..., Any]
    remove: Callable[..., None]
    add_title: str
    edit_title: str
    added: str
    saved: str
    removed: str


TERMS = _Register(
    PoliticalTerm, PoliticalTermForm, "term", registers.do_save_political_term, registers.do_remove_political_term,
    _("Add a political term"), _("Edit a political term"), _("Term added."), _("Term saved."), _("Term removed."),
)
CLAIMS = _Register(
    KnownFalseClaim, FalseClaimForm, "claim", registers.do_save_false_claim, registers.do_remove_false_claim,
    _("Add a known false claim"), _("Edit a known false claim"),
    _("Claim added. New comments are checked against it."), _("Claim saved."), _("Claim removed."),
)


def _entry(request: HttpRequest, register: _Register, entry_id: int | None) -> Any:
    """A new entry of the organisation, or its existing one (404 for another organisation's)."""
    if entry_id is None:
        return register.model(organisation=request.organisation)
    entry = register.model.objects.filter(organisation=request.organisation, pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry


def _edit(request: HttpRequest, register: _Register, entry_id: int | None = None) -> HttpResponse:
    """Add or edit one entry; invalid input comes back with its errors (status 200)."""
    form = register.form(request.POST or None, instance=_entry(request, register, entry_id), prefix=register.prefix)
    if form.is_bound and form.is_valid():
        try:
            register.save(form.instance, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, register.saved if entry_id else register.added)
            return redirect("moderation:registers")
    title = register.edit_title if entry_id else register.add_title
    return render(request, "moderation/register_form.html", {"form": form, "title": title})


def _remove(request: HttpRequest, register: _Register, entry_id: int) -> HttpResponse:
    entry = _entry(request, register, entry_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Nothing was removed: confirm first."))
    else:
        register.remove(entry, acting_user=request.user)
        messages.success(request, register.removed)
    return redirect("moderation:registers")


@require_GET
@member_required("manage_tree")
def register_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    context = {
        "terms": registers.political_terms(organisation).select_related("created_by"),
        "claims": registers.false_claims(organisation).select_related("updated_by"),
        "term_form": PoliticalTermForm(instance=PoliticalTerm(organisation=organisation), prefix="term"),
        "claim_form": FalseClaimForm(instance=KnownFalseClaim(organisation=organisation), prefix="claim"),
    }
    return render(request, "moderation/registers.html", context)


@require_http_methods(["GET", "POST"])
@member_required("manage_tree")
def term_add(request: HttpRequest) -> HttpResponse:
    return _edit(request, TERMS)


@require_http_methods(["GET", "POST"])
@member_required("manage_tree")
def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    return _edit(request, TERMS, term_id)


@require_POST
@member_required("manage_tree")
def term_remove(request: HttpRequest, term_id: int) -> HttpResponse:
    return _remove(request, TERMS, term_id)


@require_http_methods(["GET", "POST"])
@member_required("manage_tree")
def claim_add(request: HttpRequest) -> HttpResponse:
    return _edit(request, CLAIMS)


@require_http_methods(["GET", "POST"])
@member_required("manage_tree")
def claim_edit(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _edit(request, CLAIMS, claim_id)


@require_POST
@member_required("manage_tree")
def claim_remove(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _remove(request, CLAIMS, claim_id)


@require_POST
@member_required("manage_tree")
def claim_toggle(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _entry(request, CLAIMS, claim_id)
    try:
        registers.do_set_claim_active(claim, active=not claim.active, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Claim activated.") if claim.active else _("Claim deactivated."))
    return redirect("moderation:registers")
