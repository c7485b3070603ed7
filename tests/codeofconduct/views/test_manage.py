"""Admins manage the code: drafts, articles, approval and publication. Others may not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from codeofconduct import lifecycle
from codeofconduct.models import CodeOfConduct
from codeofconduct.selectors import code_in_force
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
YESTERDAY = (timezone.localdate() - timedelta(days=1)).isoformat()


@pytest.fixture
def draft(v1, admin_user):
    return lifecycle.do_create_draft(v1, acting_user=admin_user)


def article_data(article, **changes):
    data = {
        "number": article.number,
        "title": article.title,
        "text": article.text,
        "kind": article.kind,
        "categories": article.categories,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("client_name", ["staff_client", "lead_client"])
def test_staff_and_leads_cannot_edit_the_code(request, client_name, draft):
    client = request.getfixturevalue(client_name)
    article = draft.articles.get(number=7)
    assert client.get(reverse("codeofconduct:manage")).status_code == 403
    response = client.post(
        reverse("codeofconduct:article", args=[draft.pk, article.pk]),
        article_data(article, text="Alles mag."),
    )
    assert response.status_code == 403
    assert client.post(reverse("codeofconduct:approve", args=[draft.pk]), {}).status_code == 403
    assert draft.articles.get(number=7).text != "Alles mag."


def test_an_outsider_gets_404_for_another_organisations_version(outsider_client, draft):
    article = draft.articles.first()
    assert outsider_client.get(reverse("codeofconduct:code", args=[draft.pk])).status_code == 404
    assert (
        outsider_client.get(reverse("codeofconduct:article", args=[draft.pk, article.pk])).status_code == 404
    )
    assert outsider_client.post(reverse("codeofconduct:delete_draft", args=[draft.pk])).status_code == 404
    assert CodeOfConduct.objects.filter(pk=draft.pk).exists()


def test_an_article_of_another_version_gets_404(admin_client_, draft, other_organisation):
    foreign = code_in_force(other_organisation).articles.first()
    assert admin_client_.get(reverse("codeofconduct:article", args=[draft.pk, foreign.pk])).status_code == 404


def test_the_admin_page_lists_versions_and_the_short_link(admin_client_, organisation, v1):
    response = admin_client_.get(reverse("codeofconduct:manage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/gc/{organisation.slug}/" in html
    assert reverse("codeofconduct:new_draft", args=[v1.pk]) in html


def test_an_admin_edits_an_article_of_a_draft(admin_client_, draft):
    article = draft.articles.get(number=7)
    response = admin_client_.post(
        reverse("codeofconduct:article", args=[draft.pk, article.pk]),
        article_data(article, text="Nieuwe tekst."),
    )
    assert response.status_code == 302
    assert draft.articles.get(number=7).text == "Nieuwe tekst."


def test_a_clash_comes_back_with_the_form_and_status_200(admin_client_, draft):
    article = draft.articles.get(number=7)
    response = admin_client_.post(
        reverse("codeofconduct:article", args=[draft.pk, article.pk]), article_data(article, number=8)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert draft.articles.get(pk=article.pk).number == 7


def test_an_article_of_a_published_version_cannot_be_edited(admin_client_, v1):
    article = v1.articles.get(number=7)
    response = admin_client_.post(
        reverse("codeofconduct:article", args=[v1.pk, article.pk]), article_data(article, text="x")
    )
    assert response.status_code == 302
    assert v1.articles.get(number=7).text == article.text
    assert admin_client_.post(reverse("codeofconduct:code", args=[v1.pk]), {"title": "x"}).status_code == 302
    assert CodeOfConduct.objects.get(pk=v1.pk).title == v1.title


def test_approve_then_publish_through_the_pages(admin_client_, organisation, draft):
    response = admin_client_.post(
        reverse("codeofconduct:approve", args=[draft.pk]), {"college_approved_on": YESTERDAY}
    )
    assert response.status_code == 200 and response.context["approval_form"].errors
    response = admin_client_.post(
        reverse("codeofconduct:approve", args=[draft.pk]),
        {"college_approved_on": YESTERDAY, "mat_approved_on": YESTERDAY, "reference": "CBS 2025/7"},
    )
    assert response.status_code == 302
    response = admin_client_.post(
        reverse("codeofconduct:publish", args=[draft.pk]), {"effective_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    assert code_in_force(organisation).pk == draft.pk


def test_the_preview_shows_a_draft_to_the_admin_only(admin_client_, client, draft):
    response = admin_client_.get(reverse("codeofconduct:code_preview", args=[draft.pk]))
    assert response.status_code == 200 and response.context["preview"] is True
    assert client.get(reverse("codeofconduct:code_preview", args=[draft.pk])).status_code == 302  # to login


def test_the_draft_page_shows_its_changes(admin_client_, admin_user, draft):
    article = draft.articles.get(number=7)
    lifecycle.do_save_article(
        draft, acting_user=admin_user, article=article, **article_data(article, text="Anders.")
    )
    response = admin_client_.get(reverse("codeofconduct:code", args=[draft.pk]))
    assert [a.number for a in response.context["diff"].changed_articles] == [7]


def test_the_review_reminder_shows_on_the_admin_page(admin_client_, organisation, admin_user):
    response = admin_client_.post(
        reverse("codeofconduct:review_settings"),
        {
            "review_due_on": timezone.localdate().isoformat(),
            "review_note": "Na de verkiezingen",
            "retention_days": 730,
        },
    )
    assert response.status_code == 302
    html = admin_client_.get(reverse("codeofconduct:manage")).content.decode()
    assert 'id="review-due"' in html and "Na de verkiezingen" in html


def test_a_department_contact_cannot_manage(organisation, department_user, v1):
    assert client_for(department_user).get(reverse("codeofconduct:code", args=[v1.pk])).status_code == 403
