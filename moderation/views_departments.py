"""Departments, their answers through a signed link, the meldpunt, the FAQ and external signals."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.audit import record_event
from accounts.decorators import member_required
from accounts.models import Department
from moderation import inbox
from moderation.actions import ActionRefused
from moderation.escalation import do_answer_escalation, escalation_from_token
from moderation.external_groups import do_forward_signal, do_record_signal
from moderation.faq import do_promote_to_faq
from moderation.models import ExternalSignal, FaqEntry
from moderation.reports import do_forward_report


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "email", "answer_within_hours", "members"]
        labels = {"members": gettext_lazy("Department contacts with an account")}

    def __init__(self, *args, organisation=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = get_user_model().objects.filter(
            memberships__organisation=organisation
        ).order_by("username")
        self.fields["members"].required = False


@require_http_methods(["GET", "POST"])
def department_answer(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the token shows exactly one escalation and allows exactly one answer."""
    escalation = escalation_from_token(token)
    if escalation is None:
        return render(request, "moderation/department_answer.html", {"invalid": True}, status=404)
    if request.method == "POST":
        try:
            do_answer_escalation(escalation, answer=request.POST.get("answer", ""), name=request.POST.get("name", ""))
            messages.success(request, _("Thank you! The communication team will use your answer."))
            return redirect("moderation:department_answer", token=token)
        except ActionRefused as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "moderation/department_answer.html",
        {"escalation": escalation, "comment": escalation.comment, "thread": inbox.thread_of(escalation.comment)},
    )


@require_http_methods(["GET", "POST"])
@member_required("manage_organisation")
def departments(request: HttpRequest) -> HttpResponse:
    form = DepartmentForm(request.POST or None, organisation=request.organisation)
    if form.is_bound and form.is_valid():
        department = form.save(commit=False)
        department.organisation = request.organisation
        department.save()
        form.save_m2m()
        record_event(request.organisation, actor=request.user, verb="department.created", target=department, summary=department.name)
        return redirect("moderation:departments")
    items = Department.objects.filter(organisation=request.organisation).prefetch_related("members")
    return render(request, "moderation/departments.html", {"form": form, "departments": items})


@require_http_methods(["GET", "POST"])
@member_required("manage_organisation")
def department_edit(request: HttpRequest, department_id: int) -> HttpResponse:
    department = Department.objects.filter(organisation=request.organisation, pk=department_id).first()
    if department is None:
        raise Http404
    form = DepartmentForm(request.POST or None, instance=department, organisation=request.organisation)
    if form.is_bound and form.is_valid():
        form.save()
        record_event(request.organisation, actor=request.user, verb="department.changed", target=department, summary=department.name)
        return redirect("moderation:departments")
    return render(request, "moderation/department_edit.html", {"form": form, "department": department})


@require_POST
@member_required("moderate")
def forward_report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    try:
        reference = do_forward_report(comment, acting_user=request.user)
        messages.success(request, _("Forwarded to the report point with reference %(ref)s.") % {"ref": reference})
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("moderation:comment", comment_id=comment.pk)


@require_POST
@member_required("moderate")
def promote_faq(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = inbox.comment_for(request.organisation, comment_id)
    try:
        do_promote_to_faq(comment, question=request.POST.get("question", ""), answer=request.POST.get("answer", ""), acting_user=request.user)
        messages.success(request, _("Added to the FAQ."))
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("moderation:comment", comment_id=comment.pk)


@require_GET
@member_required("view_inbox")
def faq_list(request: HttpRequest) -> HttpResponse:
    entries = FaqEntry.objects.filter(organisation=request.organisation).select_related("created_by")
    return render(request, "moderation/faq.html", {"entries": entries})


@require_http_methods(["GET", "POST"])
@member_required("moderate")
def external_signals(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        upload = request.FILES.get("screenshot")
        try:
            do_record_signal(
                request.organisation,
                group_name=request.POST.get("group_name", ""),
                link=request.POST.get("link", ""),
                text=request.POST.get("text", ""),
                screenshot=upload.read() if upload else b"",
                acting_user=request.user,
            )
            messages.success(request, _("Signal recorded."))
            return redirect("moderation:signals")
        except ActionRefused as exc:
            messages.error(request, str(exc))
    signals = ExternalSignal.objects.filter(organisation=request.organisation).select_related("department", "recorded_by")
    return render(
        request,
        "moderation/signals.html",
        {"signals": signals[:200], "departments": Department.objects.filter(organisation=request.organisation), "posted": request.POST},
    )


@require_POST
@member_required("moderate")
def forward_signal(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = ExternalSignal.objects.filter(organisation=request.organisation, pk=signal_id).first()
    department = Department.objects.filter(organisation=request.organisation, pk=request.POST.get("department") or 0).first()
    if signal is None:
        raise Http404
    try:
        if department is None:
            raise ActionRefused(_("Choose a department."))
        do_forward_signal(signal, department=department, acting_user=request.user)
        messages.success(request, _("Sent to %(department)s.") % {"department": department.name})
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("moderation:signals")


@require_GET
@member_required("view_inbox")
def signal_screenshot(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = ExternalSignal.objects.filter(organisation=request.organisation, pk=signal_id).first()
    if signal is None or not signal.screenshot:
        raise Http404
    response = HttpResponse(bytes(signal.screenshot), content_type=signal.screenshot_content_type)
    response["Cache-Control"] = "private, no-store"
    return response
