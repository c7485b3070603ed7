"""The classifier page (admins): model versions with their scores, "retrain now" and "switch to this version"."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import member_required
from moderation.classify.model import CRIMINAL
from moderation.classify.retrain import CannotActivate, do_activate_model, shipped_record
from moderation.models import ClassifierCorrection, ClassifierModel
from moderation.registers import false_claims, political_terms

SHOWN_VERSIONS = 50


@require_GET
@member_required("manage_tree")
def classifier(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    shipped = shipped_record()
    versions = list(ClassifierModel.objects.filter(organisation=organisation).order_by("-version")[:SHOWN_VERSIONS])
    active = next((version for version in versions if version.is_active), None)
    newest = versions[0].created_at if versions else None
    corrections = ClassifierCorrection.objects.filter(organisation=organisation)
    context = {
        "shipped": shipped,
        "versions": versions,
        "active": active,
        "rows": [_row(version) for version in [*versions, shipped]],
        "criminal_labels": CRIMINAL,
        "correction_count": corrections.count(),
        "new_corrections": corrections.filter(created_at__gt=newest).count() if newest else corrections.count(),
        "recent_corrections": corrections.select_related("user")[:20],
        "term_count": political_terms(organisation).count(),
        "claim_count": false_claims(organisation).filter(active=True).count(),
    }
    return render(request, "moderation/classifier.html", context)


def _row(record: ClassifierModel) -> dict:
    scores = record.scores or {}
    return {
        "record": record,
        "category_f1": scores.get("category_macro_f1"),
        "sentiment_f1": scores.get("sentiment_macro_f1"),
        "recall": [(label, (scores.get("criminal_recall") or {}).get(label)) for label in CRIMINAL],
        "false_criminal_percent": None if scores.get("false_criminal_rate") is None else 100 * scores["false_criminal_rate"],
        "loadable": record.organisation_id is None or bool(record.digest),
    }


@require_POST
@member_required("manage_tree")
def retrain(request: HttpRequest) -> HttpResponse:
    from moderation.tasks_classifier import retrain_classifier_task

    retrain_classifier_task.delay_on_commit(request.organisation.pk, request.user.pk)
    messages.success(
        request,
        _("Retraining has started. The new version appears here in a minute; it is only used when it is not worse."),
    )
    return redirect("moderation:classifier")


@require_POST
@member_required("manage_tree")
def activate(request: HttpRequest, model_id: int) -> HttpResponse:
    record = ClassifierModel.objects.filter(
        Q(organisation=request.organisation) | Q(organisation__isnull=True), pk=model_id
    ).first()
    if record is None:
        raise Http404
    try:
        do_activate_model(record, organisation=request.organisation, acting_user=request.user)
        if record.organisation_id is None:
            messages.success(request, _("The shipped model is used again."))
        else:
            messages.success(request, _("Version %(version)d is used from now on.") % {"version": record.version})
    except CannotActivate:
        messages.error(request, _("This version can no longer be loaded; retrain instead."))
    return redirect("moderation:classifier")
