"""Editing the decision tree and the reply templates (admins)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import member_required
from moderation import default_tree
from moderation.actions import ActionRefused
from moderation.models import Category, DecisionStep, ReplyTemplate
from moderation.tree_editing import (
    do_add_step,
    do_move_step,
    do_remove_step,
    do_reset_category,
    do_update_step,
    do_update_template,
)


class StepForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=200)
    guidance = forms.CharField(label=_("Guidance"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    action = forms.ChoiceField(label=_("Action"), choices=[(a, a) for a in default_tree.ACTIONS])
    requirement = forms.ChoiceField(label=_("Requirement"), choices=DecisionStep.Requirement.choices)
    template_key = forms.ChoiceField(label=_("Reply template"), required=False)

    def __init__(self, *args, templates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template_key"].choices = [("", "—"), *[(t.key, t.title) for t in templates]]


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text_je = forms.CharField(label=_("Text (je-form)"), widget=forms.Textarea(attrs={"rows": 5}))
    text_u = forms.CharField(label=_("Text (u-form)"), widget=forms.Textarea(attrs={"rows": 5}))


def _step(request: HttpRequest, step_id: int) -> DecisionStep:
    step = DecisionStep.objects.filter(organisation=request.organisation, pk=step_id).first()
    if step is None:
        raise Http404
    return step


@require_GET
@member_required("manage_tree")
def tree(request: HttpRequest) -> HttpResponse:
    steps = DecisionStep.objects.filter(organisation=request.organisation).order_by("category", "position")
    grouped = [(value, label, [s for s in steps if s.category == value]) for value, label in Category.choices]
    templates = ReplyTemplate.objects.filter(organisation=request.organisation)
    return render(request, "moderation/tree.html", {"grouped": grouped, "templates": templates})


@require_http_methods(["GET", "POST"])
@member_required("manage_tree")
def edit_step(request: HttpRequest, step_id: int) -> HttpResponse:
    step = _step(request, step_id)
    templates = ReplyTemplate.objects.filter(organisation=request.organisation)
    initial = {f: getattr(step, f) for f in ("label", "guidance", "action", "requirement", "template_key")}
    form = StepForm(request.POST or None, initial=initial, templates=templates)
    if form.is_bound and form.is_valid():
        try:
            do_update_step(step, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("Step saved."))
            return redirect(f"{redirect('moderation:tree').url}#cat-{step.category}")
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    return render(request, "moderation/tree_step.html", {"form": form, "step": step})


@require_POST
@member_required("manage_tree")
def change_step(request: HttpRequest, step_id: int, change: str) -> HttpResponse:
    step = _step(request, step_id)
    category = step.category
    if change == "up":
        do_move_step(step, direction=-1, acting_user=request.user)
    elif change == "down":
        do_move_step(step, direction=1, acting_user=request.user)
    elif change == "remove":
        do_remove_step(step, acting_user=request.user)
    else:
        raise Http404
    return redirect(f"{redirect('moderation:tree').url}#cat-{category}")


@require_POST
@member_required("manage_tree")
def change_category(request: HttpRequest, category: str, operation: str) -> HttpResponse:
    try:
        if operation == "add":
            step = do_add_step(request.organisation, category=category, acting_user=request.user)
            return redirect("moderation:tree_step", step_id=step.pk)
        if operation == "reset":
            do_reset_category(request.organisation, category=category, acting_user=request.user)
        else:
            raise Http404
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect(f"{redirect('moderation:tree').url}#cat-{category}")


@require_http_methods(["GET", "POST"])
@member_required("manage_tree")
def edit_template(request: HttpRequest, template_id: int) -> HttpResponse:
    template = ReplyTemplate.objects.filter(organisation=request.organisation, pk=template_id).first()
    if template is None:
        raise Http404
    initial = {"title": template.title, "text_je": template.text_je, "text_u": template.text_u}
    form = TemplateForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            do_update_template(template, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("Template saved."))
            return redirect("moderation:tree")
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    return render(request, "moderation/tree_template.html", {"form": form, "template": template})
