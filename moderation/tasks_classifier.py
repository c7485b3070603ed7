"""Celery tasks for the text model (registered from ``moderation.apps``: autodiscovery reads ``tasks`` only)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)  # safe: a rerun only adds another version, scored and switched the same way
def retrain_classifier_task(organisation_id: int, requested_by_id: int | None = None) -> dict | None:
    """Retrain one organisation's model from the seed set plus its corrections; a busy or missing one is skipped."""
    from django.contrib.auth import get_user_model

    from accounts.models import Organisation
    from moderation.classify.retrain import RetrainBusy, retrain_organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return None
    requested_by = get_user_model().objects.filter(pk=requested_by_id).first() if requested_by_id else None
    try:
        record = retrain_organisation(organisation, requested_by=requested_by)
    except RetrainBusy:
        return {"busy": True}
    return {"version": record.version, "switched": record.is_active, "note": record.decision_note}


@shared_task
def retrain_classifiers_nightly_task() -> int:
    """Fan out one retraining per organisation with corrections newer than its latest model version."""
    from moderation.classify.retrain import organisations_to_retrain

    organisation_ids = organisations_to_retrain()
    for organisation_id in organisation_ids:
        retrain_classifier_task.delay(organisation_id)
    return len(organisation_ids)
