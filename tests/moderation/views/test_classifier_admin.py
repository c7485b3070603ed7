"""The classifier page: admins see versions with scores, retrain on demand and roll back; nobody else can."""

from __future__ import annotations

import dataclasses
import logging
import re
from unittest import mock

import pytest
from django.urls import reverse

from moderation.classify.active import forget_cached_model, model_for
from moderation.classify.retrain import shipped_record
from moderation.classify.shipped import shipped_model
from moderation.classify.storage import dump_model, sign_model_bytes
from moderation.models import ClassifierModel
from moderation.tasks_classifier import retrain_classifier_task
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("moderation:classifier")
RETRAIN = reverse("moderation:classifier_retrain")


@pytest.fixture(autouse=True)
def english(admin_client_):
    """These assertions read the English source strings; the interface is Dutch by default."""
    admin_client_.cookies["django_language"] = "en"


@pytest.fixture(autouse=True)
def quiet_refusals(caplog):
    caplog.set_level(logging.ERROR, logger="django.request")
    forget_cached_model()
    yield
    forget_cached_model()


@pytest.fixture
def versions(organisation):
    model = dataclasses.replace(shipped_model(), source="organisation:test", _explainer=None)
    data = dump_model(model)
    scores = {"category_macro_f1": 0.8123, "sentiment_macro_f1": 0.8612, "false_criminal_rate": 0.021,
              "criminal_recall": {"hate_speech": 0.95, "threat": 0.81, "doxing": 1.0}}
    first = ClassifierModel.objects.create(organisation=organisation, version=1, scores=scores, model_bytes=data,
                                           digest=sign_model_bytes(data), trained_on={"seed": 1777, "corrections": 4})
    second = ClassifierModel.objects.create(organisation=organisation, version=2, scores=scores, is_active=True,
                                            model_bytes=data, digest=sign_model_bytes(data), decision="switched")
    return first, second


def test_admins_see_versions_with_their_scores(admin_client_, versions):
    response = admin_client_.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "classifier-versions" in html and f"classifier-{versions[0].pk}" in html
    assert re.search(r"0[.,]812", html) and re.search(r"0[.,]861", html) and re.search(r"2[.,]1 %", html)
    assert f"classifier-{shipped_record().pk}" in html
    assert reverse("moderation:classifier_activate", args=[versions[0].pk]) in html
    assert "1777 seed comments, 4 corrections" in html


def test_staff_and_leads_are_refused(staff_client, lead_client, versions):
    for client in (staff_client, lead_client):
        assert client.get(PAGE).status_code == 403
        assert client.post(RETRAIN).status_code == 403
        assert client.post(reverse("moderation:classifier_activate", args=[versions[0].pk])).status_code == 403
    assert ClassifierModel.objects.get(pk=versions[1].pk).is_active


def test_an_outsider_gets_404_for_this_organisations_versions(outsider_client, versions):
    response = outsider_client.post(reverse("moderation:classifier_activate", args=[versions[0].pk]))
    assert response.status_code == 404
    assert ClassifierModel.objects.get(pk=versions[1].pk).is_active


def test_retrain_now_starts_the_task_for_this_organisation(admin_client_, admin_user, organisation):
    with mock.patch.object(retrain_classifier_task, "delay_on_commit") as delay:
        response = admin_client_.post(RETRAIN)
    assert response.status_code == 302 and response["Location"] == PAGE
    delay.assert_called_once_with(organisation.pk, admin_user.pk)


def test_roll_back_to_a_version_and_to_the_shipped_model(admin_client_, organisation, versions):
    first, second = versions
    response = admin_client_.post(reverse("moderation:classifier_activate", args=[first.pk]), follow=True)
    assert "Version 1 is used from now on." in response.content.decode()
    assert list(ClassifierModel.objects.filter(is_active=True).values_list("pk", flat=True)) == [first.pk]
    assert model_for(organisation).source == "organisation:test"
    admin_client_.post(reverse("moderation:classifier_activate", args=[shipped_record().pk]))
    assert not ClassifierModel.objects.filter(organisation=organisation, is_active=True).exists()
    assert model_for(organisation).source == "seed"


def test_a_version_that_cannot_be_loaded_is_not_switched_to(admin_client_, organisation):
    broken = ClassifierModel.objects.create(organisation=organisation, version=1)
    response = admin_client_.post(reverse("moderation:classifier_activate", args=[broken.pk]), follow=True)
    assert "can no longer be loaded" in response.content.decode()
    assert not ClassifierModel.objects.filter(is_active=True).exists()


def test_corrections_are_listed(admin_client_, connection, staff):
    from moderation.triage import do_label

    do_label(CommentFactory(connection=connection, text="Wanneer is de markt?", category="other"), category="question",
             acting_user=staff)
    html = admin_client_.get(PAGE).content.decode()
    assert "Wanneer is de markt?" in html and "question" in html
