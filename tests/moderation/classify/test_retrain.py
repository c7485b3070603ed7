"""Learning from the team: corrections are kept, retraining switches only to a model that is not worse,
versions are kept with their scores and can be rolled back."""

from __future__ import annotations

import dataclasses
from unittest import mock

import pytest
from django.core.cache import cache

from accounts.models import AuditEvent
from moderation.classification import classification_fields
from moderation.classify import CATEGORIES, SENTIMENTS
from moderation.classify import retrain as service
from moderation.classify.active import forget_cached_model, model_for
from moderation.classify.retrain import (
    CannotActivate,
    RetrainBusy,
    corrections_as_examples,
    do_activate_model,
    organisations_to_retrain,
    record_correction,
    retrain_organisation,
    shipped_record,
)
from moderation.classify.shipped import shipped_model
from moderation.classify.storage import dump_model, sign_model_bytes
from moderation.classify.training import SEED_TRAIN, load_examples
from moderation.models import ClassifierCorrection, ClassifierModel
from moderation.tasks_classifier import retrain_classifier_task, retrain_classifiers_nightly_task
from moderation.triage import do_label
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_model_cache():
    forget_cached_model()
    yield
    forget_cached_model()


@pytest.fixture(scope="module")
def organisation_model():
    """The shipped model dressed up as an organisation's version (no training needed)."""
    return dataclasses.replace(shipped_model(), source="organisation:test", _explainer=None)


def _version(organisation, model, *, version: int, active: bool = False, scores=None) -> ClassifierModel:
    data = dump_model(model)
    return ClassifierModel.objects.create(
        organisation=organisation, version=version, is_active=active, scores=scores or {"category_macro_f1": 0.8},
        model_bytes=data, digest=sign_model_bytes(data),
    )


def test_a_category_change_by_staff_is_kept_as_a_correction(connection, staff):
    comment = CommentFactory(connection=connection, category="question", text="Wanneer komt de vuilniswagen?")
    do_label(comment, category="report", acting_user=staff)
    correction = ClassifierCorrection.objects.get()
    assert (correction.field, correction.old, correction.new, correction.user) == ("category", "question", "report", staff)
    assert (correction.comment, correction.text, correction.organisation) == (comment, comment.text, comment.organisation)
    do_label(comment, category="report", acting_user=staff)     # no change, nothing to learn
    assert ClassifierCorrection.objects.count() == 1


def test_the_latest_correction_per_comment_and_field_wins(connection, staff):
    comment = CommentFactory(connection=connection, text="De lamp in de Dorpsstraat is stuk")
    record_correction(comment, field="category", old="other", new="question", acting_user=staff)
    record_correction(comment, field="category", old="question", new="report", acting_user=staff)
    record_correction(comment, field="sentiment", old="negative", new="neutral", acting_user=staff)
    assert record_correction(comment, field="colour", old="a", new="b", acting_user=staff) is None
    examples = corrections_as_examples(comment.organisation)
    assert sorted((e.category, e.sentiment) for e in examples) == [("", "neutral"), ("report", "")]
    assert all(example.weight > 1 for example in examples)


def test_retraining_switches_to_a_model_that_is_not_worse(connection, staff, admin_user):
    organisation = connection.organisation
    for text, category in [
        ("Het fietspad aan de vaart ligt vol glasscherven", "report"),
        ("Wanneer gaat de nieuwe speeltuin open?", "question"),
        ("Wat een schitterend vuurwerk gisteren, dank aan de vrijwilligers!", "compliment"),
    ]:
        comment = CommentFactory(connection=connection, text=text, category="other")
        do_label(comment, category=category, acting_user=staff)
    record = retrain_organisation(organisation, requested_by=admin_user)
    assert (record.version, record.is_active, record.decision) == (1, True, "switched")
    assert record.trained_on["corrections"] == 3 and record.trained_on["seed"] > 1500
    assert {"category_macro_f1", "sentiment_macro_f1", "criminal_recall", "false_criminal_rate", "compared_with"} <= set(record.scores)
    assert record.requested_by == admin_user and record.digest
    used = model_for(organisation)
    assert used.source == f"organisation:{organisation.pk}"
    fields = classification_fields("Wanneer gaat het zwembad open?", organisation=organisation, article_kinds={})
    assert fields["category"] == "question" and any(r["code"] == "question.model" for r in fields["reasons"])
    assert AuditEvent.objects.filter(verb="classifier.retrained", organisation=organisation).exists()


def test_a_worse_model_is_not_switched_to(connection, organisation_model):
    """Corrections that turn every seed label into another one make the model worse: it is kept aside."""
    organisation = connection.organisation
    previous = _version(organisation, organisation_model, version=1, active=True)
    rotated_category = {name: CATEGORIES[(i + 1) % len(CATEGORIES)] for i, name in enumerate(CATEGORIES)}
    rotated_sentiment = {name: SENTIMENTS[(i + 1) % len(SENTIMENTS)] for i, name in enumerate(SENTIMENTS)}
    corrections = []
    for example in load_examples(SEED_TRAIN):
        corrections.append(ClassifierCorrection(organisation=organisation, text=example.text, field="category",
                                                old=example.category, new=rotated_category[example.category]))
        corrections.append(ClassifierCorrection(organisation=organisation, text=example.text, field="sentiment",
                                                old=example.sentiment, new=rotated_sentiment[example.sentiment]))
    ClassifierCorrection.objects.bulk_create(corrections)
    record = retrain_organisation(organisation)
    assert (record.version, record.is_active, record.decision) == (2, False, "kept_previous")
    assert "category_macro_f1" in record.decision_note
    assert record.scores["category_macro_f1"] < record.scores["compared_with"]["category_macro_f1"]
    previous.refresh_from_db()
    assert previous.is_active
    assert model_for(organisation).source == "organisation:test"


def test_versions_can_be_rolled_back_and_the_shipped_model_used_again(connection, admin_user, organisation_model):
    organisation = connection.organisation
    first = _version(organisation, organisation_model, version=1)
    second = _version(organisation, organisation_model, version=2, active=True)
    do_activate_model(first, organisation=organisation, acting_user=admin_user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_active, second.is_active) == (True, False)
    assert model_for(organisation).source == "organisation:test"
    do_activate_model(shipped_record(), organisation=organisation, acting_user=admin_user)
    assert not ClassifierModel.objects.filter(organisation=organisation, is_active=True).exists()
    forget_cached_model()
    assert model_for(organisation).source == "seed"
    assert AuditEvent.objects.filter(verb="classifier.activated").count() == 2


def test_a_version_of_another_organisation_or_with_bad_bytes_is_refused(connection, other_organisation, admin_user, organisation_model):
    organisation = connection.organisation
    foreign = _version(other_organisation, organisation_model, version=1)
    with pytest.raises(CannotActivate):
        do_activate_model(foreign, organisation=organisation, acting_user=admin_user)
    tampered = _version(organisation, organisation_model, version=1)
    ClassifierModel.objects.filter(pk=tampered.pk).update(model_bytes=bytes(tampered.model_bytes)[:-20] + bytes(20))
    tampered.refresh_from_db()
    with pytest.raises(CannotActivate):
        do_activate_model(tampered, organisation=organisation, acting_user=admin_user)
    ClassifierModel.objects.filter(pk=tampered.pk).update(is_active=True)   # even if it were active ...
    assert model_for(organisation).source == "seed"                         # ... the shipped model is used


def test_old_versions_keep_their_scores_but_not_their_bytes(connection, organisation_model, monkeypatch):
    monkeypatch.setattr(service, "KEEP_MODEL_BYTES", 2)
    organisation = connection.organisation
    for _ in range(4):
        service._store_version(organisation, organisation_model, scores={"category_macro_f1": 0.8}, switch=True,
                               problems=[], requested_by=None)
    rows = {row.version: row for row in ClassifierModel.objects.filter(organisation=organisation)}
    assert [version for version, row in sorted(rows.items()) if row.digest] == [3, 4]
    assert rows[1].scores == {"category_macro_f1": 0.8} and rows[4].is_active


def test_only_one_retraining_per_organisation_at_a_time(connection):
    cache.add(f"classifier-retrain:{connection.organisation.pk}", 1, timeout=60)
    with pytest.raises(RetrainBusy):
        retrain_organisation(connection.organisation)
    assert retrain_classifier_task(connection.organisation.pk) == {"busy": True}
    assert retrain_classifier_task(999_999) is None


def test_nightly_retraining_fans_out_organisations_with_new_corrections(connection, staff, other_organisation, organisation_model):
    comment = CommentFactory(connection=connection, text="Mag mijn hond mee in het park?", category="other")
    do_label(comment, category="question", acting_user=staff)
    assert organisations_to_retrain() == [connection.organisation.pk]
    with mock.patch.object(retrain_classifier_task, "delay") as delay:
        assert retrain_classifiers_nightly_task() == 1
    delay.assert_called_once_with(connection.organisation.pk)
    _version(connection.organisation, organisation_model, version=1, active=True)
    assert organisations_to_retrain() == []


def test_the_shipped_model_has_a_row_with_its_scores():
    record = shipped_record()
    assert record.organisation is None and record.decision == "shipped"
    assert record.scores["category_macro_f1"] > 0.7 and set(record.scores["criminal_recall"]) == {"hate_speech", "threat", "doxing"}
    assert shipped_record() == record
