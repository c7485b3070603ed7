"""Admins manage the code of conduct: drafts, articles, approval, publication, review date."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import member_required
from codeofconduct import lifecycle
from codeofconduct.diff import diff_versions
from codeofconduct.forms import ApprovalForm, ArticleForm, DraftForm, PublishForm, ReviewForm
from codeofconduct.models import Article, CodeOfConduct
from codeofconduct.selectors import (
    code_for,
    code_in_force,
    open_draft,
    review_is_due,
    settings_of,
    snapshot_of,
    versions_of,
)
from codeofconduct.views import render_code
from moderation.actions import ActionRefused


def _code_or_404(request: HttpRequest, code_id: int) -> CodeOfConduct:
    code = code_for(request.organisation, code_id)
    if code is None:
        raise Http404
    return code


def _article_or_404(code: CodeOfConduct, article_id: int) -> Article:
    article = code.articles.filter(pk=article_id).first()
    if article is None:
        raise Http404
    return article


@require_GET
@member_required("manage_code")
def manage(request: HttpRequest) -> HttpResponse:
    return _render_manage(request, ReviewForm(instance=settings_of(request.organisation)))


def _render_manage(request: HttpRequest, review_form: ReviewForm) -> HttpResponse:
    organisation = request.organisation
    conduct_settings = settings_of(organisation)
    return render(
        request,
        "codeofconduct/manage.html",
        {
            "versions": versions_of(organisation),
            "in_force": code_in_force(organisation),
            "draft": open_draft(organisation),
            "review_form": review_form,
            "conduct_settings": conduct_settings,
            "review_due": review_is_due(conduct_settings, today=timezone.localdate()),
            "short_url": request.build_absolute_uri(reverse("codeofconduct:short", args=[organisation.slug])),
        },
    )


@require_POST
@member_required("manage_code")
def review_settings(request: HttpRequest) -> HttpResponse:
    form = ReviewForm(request.POST, instance=settings_of(request.organisation))
    if not form.is_valid():
        return _render_manage(request, form)
    lifecycle.do_set_review(
        request.organisation,
        acting_user=request.user,
        review_due_on=form.cleaned_data["review_due_on"],
        review_note=form.cleaned_data["review_note"],
        retention_days=form.cleaned_data["retention_days"],
    )
    messages.success(request, _("The review date was saved."))
    return redirect("codeofconduct:manage")


@require_http_methods(["GET", "POST"])
@member_required("manage_code")
def code_detail(request: HttpRequest, code_id: int) -> HttpResponse:
    """A version: edit it while it is a draft, record its approval, publish it."""
    code = _code_or_404(request, code_id)
    form = DraftForm(request.POST or None, instance=code) if code.is_draft else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Only a draft can be changed."))
            return redirect("codeofconduct:code", code_id=code.pk)
        if form.is_valid():
            try:
                lifecycle.do_update_draft(code, acting_user=request.user, **form.cleaned_data)
            except ActionRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The draft was saved."))
            return redirect("codeofconduct:code", code_id=code.pk)
    return _render_detail(request, code, draft_form=form)


def _render_detail(request: HttpRequest, code: CodeOfConduct, **forms: Any) -> HttpResponse:
    code.refresh_from_db()
    previous = (
        code.based_on or code.organisation.codes.filter(version__lt=code.version).order_by("-version").first()
    )
    context = {
        "code": code,
        "articles": code.articles.all(),
        "previous": previous,
        "diff": diff_versions(snapshot_of(previous), snapshot_of(code)) if previous else None,
        "draft_form": forms.get("draft_form") or (DraftForm(instance=code) if code.is_draft else None),
        "approval_form": forms.get("approval_form") or ApprovalForm(),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "in_force": code_in_force(code.organisation),
    }
    return render(request, "codeofconduct/code_detail.html", context)


@require_GET
@member_required("manage_code")
def code_preview(request: HttpRequest, code_id: int) -> HttpResponse:
    code = _code_or_404(request, code_id)
    return render_code(request, code.organisation, code, preview=True)


@require_POST
@member_required("manage_code")
def new_draft(request: HttpRequest, code_id: int) -> HttpResponse:
    source = _code_or_404(request, code_id)
    try:
        draft = lifecycle.do_create_draft(source, acting_user=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("codeofconduct:manage")
    messages.success(request, _("Draft version %(version)d was created.") % {"version": draft.version})
    return redirect("codeofconduct:code", code_id=draft.pk)


@require_http_methods(["GET", "POST"])
@member_required("manage_code")
def article_edit(request: HttpRequest, code_id: int, article_id: int | None = None) -> HttpResponse:
    """Add an article to a draft, or change one; invalid input comes back with status 200."""
    code = _code_or_404(request, code_id)
    article = _article_or_404(code, article_id) if article_id is not None else None
    if not code.is_draft:
        messages.error(request, _("Only a draft can be changed."))
        return redirect("codeofconduct:code", code_id=code.pk)
    initial = {
        "number": (code.articles.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    }
    form = ArticleForm(request.POST or None, instance=article, initial=None if article else initial)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.do_save_article(code, acting_user=request.user, article=article, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The article was saved."))
            return redirect("codeofconduct:code", code_id=code.pk)
    return render(
        request, "codeofconduct/article_edit.html", {"code": code, "article": article, "form": form}
    )


@require_POST
@member_required("manage_code")
def article_delete(request: HttpRequest, code_id: int, article_id: int) -> HttpResponse:
    code = _code_or_404(request, code_id)
    article = _article_or_404(code, article_id)
    try:
        lifecycle.do_delete_article(article, acting_user=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("codeofconduct:code", code_id=code.pk)


@require_POST
@member_required("manage_code")
def code_approve(request: HttpRequest, code_id: int) -> HttpResponse:
    code = _code_or_404(request, code_id)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, code, approval_form=form)
    try:
        lifecycle.do_approve_code(
            code,
            acting_user=request.user,
            college_approved_on=form.cleaned_data["college_approved_on"],
            mat_approved_on=form.cleaned_data["mat_approved_on"],
            reference=form.cleaned_data["reference"],
        )
    except ActionRefused as exc:
        form.add_error(None, str(exc))
        return _render_detail(request, code, approval_form=form)
    messages.success(request, _("The approval was recorded. The text can no longer change."))
    return redirect("codeofconduct:code", code_id=code.pk)


@require_POST
@member_required("manage_code")
def code_publish(request: HttpRequest, code_id: int) -> HttpResponse:
    code = _code_or_404(request, code_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, code, publish_form=form)
    try:
        lifecycle.do_publish_code(
            code, acting_user=request.user, effective_on=form.cleaned_data["effective_on"]
        )
    except ActionRefused as exc:
        form.add_error(None, str(exc))
        return _render_detail(request, code, publish_form=form)
    messages.success(request, _("Version %(version)d was published.") % {"version": code.version})
    return redirect("codeofconduct:code", code_id=code.pk)


@require_POST
@member_required("manage_code")
def code_delete(request: HttpRequest, code_id: int) -> HttpResponse:
    code = _code_or_404(request, code_id)
    try:
        lifecycle.do_delete_draft(code, acting_user=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("codeofconduct:code", code_id=code.pk)
    messages.success(request, _("The draft was deleted."))
    return redirect("codeofconduct:manage")
