"""Learning from the team: corrections, retraining per organisation, model versions and rollback.

Every time a person changes a comment's category (or sentiment), ``record_correction`` keeps it. Retraining
fits a new model on the seed set plus the organisation's corrections, scores it on the held-aside test set
(``seed_test.jsonl``) and switches to it only when it is not worse than the model in use (``is_not_worse``):
macro-F1 for category and sentiment within a small tolerance, recall of every criminal label not lower, and
no more false criminal labels on allowed comments. Every version is kept with its scores; an admin can switch
back to any of them (or to the shipped model).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

from accounts.audit import record_event
from accounts.models import Organisation
from moderation.models import ClassifierCorrection, ClassifierModel, Comment

from .active import forget_cached_model, load_record, model_for
from .evaluation import evaluate, is_not_worse
from .shipped import shipped_model
from .storage import dump_model, sign_model_bytes
from .training import (
    CORRECTION_WEIGHT,
    SEED_TEST,
    SEED_TRAIN,
    Example,
    load_examples,
    seed_fingerprint,
    train_model,
)

logger = logging.getLogger(__name__)
KEEP_MODEL_BYTES = 10          # versions per organisation whose bytes are kept (older ones keep their scores)
LOCK_SECONDS = 15 * 60


class RetrainBusy(Exception):
    """Another retraining of this organisation's model is running."""


def record_correction(comment: Comment, *, field: str, old: str, new: str, acting_user: Any) -> ClassifierCorrection | None:
    """Keep a person's correction of the classifier (nothing when the value did not change)."""
    if old == new or field not in ClassifierCorrection.Field.values:
        return None
    return ClassifierCorrection.objects.create(
        organisation_id=comment.organisation_id,
        comment=comment,
        text=comment.text,
        field=field,
        old=old or "",
        new=new,
        user=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


def corrections_as_examples(organisation: Organisation) -> list[Example]:
    """One training example per corrected comment and field: the latest correction wins."""
    latest: dict[tuple[Any, str], ClassifierCorrection] = {}
    for correction in ClassifierCorrection.objects.filter(organisation=organisation).order_by("created_at", "id"):
        key = (correction.comment_id or f"text:{correction.text}", correction.field)
        latest[key] = correction
    examples = []
    for correction in latest.values():
        if correction.field == ClassifierCorrection.Field.CATEGORY:
            examples.append(Example(text=correction.text, category=correction.new, labels=(correction.new,), weight=CORRECTION_WEIGHT))
        else:
            examples.append(Example(text=correction.text, sentiment=correction.new, weight=CORRECTION_WEIGHT))
    return examples


def shipped_record() -> ClassifierModel:
    """The row that shows the shipped model (and its scores) beside an organisation's own versions."""
    fingerprint = seed_fingerprint()
    record = ClassifierModel.objects.filter(organisation__isnull=True, fingerprint=fingerprint).first()
    if record is not None:
        return record
    model = shipped_model()
    scores = evaluate(load_examples(SEED_TEST), model=model).summary()
    version = (ClassifierModel.objects.filter(organisation__isnull=True).aggregate(top=Max("version"))["top"] or 0) + 1
    record, _created = ClassifierModel.objects.get_or_create(
        organisation=None,
        fingerprint=fingerprint,
        defaults={
            "version": version, "trained_on": model.trained_on, "scores": scores, "is_active": False,
            "decision": ClassifierModel.Decision.SHIPPED, "training_seconds": model.training_seconds,
        },
    )
    return record


def retrain_organisation(organisation: Organisation, *, requested_by: Any = None) -> ClassifierModel:
    """Train, evaluate and (when not worse) switch to a new model version; raises ``RetrainBusy`` if running."""
    lock = f"classifier-retrain:{organisation.pk}"
    if not cache.add(lock, 1, timeout=LOCK_SECONDS):
        raise RetrainBusy(organisation.pk)
    try:
        seed = load_examples(SEED_TRAIN)
        corrections = corrections_as_examples(organisation)
        trained_on = {
            "seed": len(seed),
            "corrections": len(corrections),
            "category_corrections": sum(1 for example in corrections if example.category),
            "sentiment_corrections": sum(1 for example in corrections if example.sentiment),
        }
        model = train_model(seed + corrections, source=f"organisation:{organisation.pk}", trained_on=trained_on)
        test = load_examples(SEED_TEST)
        scores = evaluate(test, model=model).summary()
        current_scores = evaluate(test, model=model_for(organisation, fresh=True)).summary()
        better, problems = is_not_worse(scores, current_scores)
        scores["compared_with"] = {key: current_scores[key] for key in ("category_macro_f1", "sentiment_macro_f1", "criminal_recall", "false_criminal_rate")}
        record = _store_version(organisation, model, scores=scores, switch=better, problems=problems, requested_by=requested_by)
    finally:
        cache.delete(lock)
    logger.info("retrained classifier of organisation %s: v%s %s", organisation.pk, record.version, record.decision)
    return record


@transaction.atomic
def _store_version(organisation, model, *, scores, switch: bool, problems: list[str], requested_by) -> ClassifierModel:
    data = dump_model(model)
    versions = ClassifierModel.objects.select_for_update().filter(organisation=organisation)
    version = (versions.aggregate(top=Max("version"))["top"] or 0) + 1
    if switch:
        versions.filter(is_active=True).update(is_active=False)
    record = ClassifierModel.objects.create(
        organisation=organisation,
        version=version,
        trained_on=model.trained_on,
        scores=scores,
        is_active=switch,
        decision=ClassifierModel.Decision.SWITCHED if switch else ClassifierModel.Decision.KEPT_PREVIOUS,
        decision_note="; ".join(problems),
        model_bytes=data,
        digest=sign_model_bytes(data),
        fingerprint=seed_fingerprint(),
        training_seconds=model.training_seconds,
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
    )
    old = versions.exclude(pk=record.pk).exclude(is_active=True).order_by("-version")[KEEP_MODEL_BYTES - 1:]
    ClassifierModel.objects.filter(pk__in=[row.pk for row in old]).exclude(digest="").update(model_bytes=b"", digest="")
    record_event(
        organisation,
        actor=requested_by,
        verb="classifier.retrained",
        summary=f"v{version}: {record.get_decision_display()}",
        data={"version": version, "switched": switch, "problems": problems, "trained_on": model.trained_on},
    )
    forget_cached_model(organisation.pk)   # now for this process, after commit again (a reload is harmless)
    transaction.on_commit(lambda: forget_cached_model(organisation.pk))
    return record


class CannotActivate(Exception):
    """The chosen version can no longer be loaded (its bytes were pruned or do not verify)."""


@transaction.atomic
def do_activate_model(record: ClassifierModel, *, organisation: Organisation, acting_user: Any) -> None:
    """Use this version from now on (a rollback); the shipped row means: use the shipped model again."""
    versions = ClassifierModel.objects.select_for_update().filter(organisation=organisation)
    if record.organisation_id is not None:
        if record.organisation_id != organisation.pk:
            raise CannotActivate("not a version of this organisation")
        if load_record(record) is None:
            raise CannotActivate("this version can no longer be loaded")
    versions.filter(is_active=True).exclude(pk=record.pk).update(is_active=False)
    if record.organisation_id is not None:
        ClassifierModel.objects.filter(pk=record.pk).update(is_active=True)
    record_event(
        organisation,
        actor=acting_user,
        verb="classifier.activated",
        summary=f"v{record.version}" if record.organisation_id else "shipped model",
        data={"model_id": record.pk, "version": record.version, "shipped": record.organisation_id is None},
    )
    forget_cached_model(organisation.pk)   # now for this process, after commit again (a reload is harmless)
    transaction.on_commit(lambda: forget_cached_model(organisation.pk))


def organisations_to_retrain() -> list[int]:
    """Organisations with corrections newer than their latest model version (the nightly retraining)."""
    ids = []
    for organisation_id in ClassifierCorrection.objects.values_list("organisation_id", flat=True).distinct():
        newest = ClassifierModel.objects.filter(organisation_id=organisation_id).order_by("-created_at").first()
        newer = ClassifierCorrection.objects.filter(organisation_id=organisation_id)
        if newest is None or newer.filter(created_at__gt=newest.created_at).exists():
            ids.append(organisation_id)
    return ids
