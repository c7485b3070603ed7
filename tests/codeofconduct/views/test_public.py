"""Public pages: the code in force, every published version, a short link and the diff (no login)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from codeofconduct import lifecycle
from tests.codeofconduct.conftest import publish_new_version

pytestmark = pytest.mark.django_db


def test_the_code_in_force_is_public(client, organisation, v1):
    response = client.get(reverse("codeofconduct:public", args=[organisation.slug]))
    assert response.status_code == 200
    assert response.context["code"] == v1
    assert 'id="art-7"' in response.content.decode()


def test_after_a_new_version_the_old_one_stays_readable(client, organisation, v1, admin_user):
    v2 = publish_new_version(v1, admin=admin_user, new_text="Scheldwoorden zijn hier niet welkom.")
    current = client.get(reverse("codeofconduct:public", args=[organisation.slug]))
    assert (
        current.context["code"] == v2 and "Scheldwoorden zijn hier niet welkom." in current.content.decode()
    )
    old = client.get(reverse("codeofconduct:public_version", args=[organisation.slug, 1]))
    assert old.status_code == 200 and old.context["code"] == v1
    assert "Scheldwoorden zijn hier niet welkom." not in old.content.decode()
    assert old.context["is_current"] is False


def test_a_draft_or_approved_version_is_not_public(client, organisation, v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    assert (
        client.get(
            reverse("codeofconduct:public_version", args=[organisation.slug, draft.version])
        ).status_code
        == 404
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    lifecycle.do_approve_code(
        draft,
        acting_user=admin_user,
        college_approved_on=yesterday,
        mat_approved_on=yesterday,
        reference="CBS 1",
    )
    assert (
        client.get(
            reverse("codeofconduct:public_version", args=[organisation.slug, draft.version])
        ).status_code
        == 404
    )


def test_an_unknown_organisation_gets_404(client, db):
    assert client.get(reverse("codeofconduct:public", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("codeofconduct:short", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("codeofconduct:public_diff", args=["bestaat-niet"])).status_code == 404


def test_another_organisations_version_is_not_reachable_through_this_slug(
    client, organisation, other_organisation, v1, admin_user
):
    publish_new_version(v1, admin=admin_user)
    assert (
        client.get(reverse("codeofconduct:public_version", args=[other_organisation.slug, 2])).status_code
        == 404
    )


def test_the_short_link_leads_to_the_code_in_force(client, organisation, v1):
    response = client.get(reverse("codeofconduct:short", args=[organisation.slug]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "codeofconduct:public", args=[organisation.slug]
    )


def test_the_diff_shows_what_changed(client, organisation, v1, admin_user):
    publish_new_version(
        v1, admin=admin_user, new_text="Scheldwoorden en <b>vette</b> beledigingen zijn niet welkom."
    )
    response = client.get(reverse("codeofconduct:public_diff", args=[organisation.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert (response.context["old"].version, response.context["new"].version) == (1, 2)
    assert [a.number for a in response.context["diff"].changed_articles] == [7]
    assert "<ins>" in html and "<del>" in html
    assert "&lt;b&gt;vette&lt;/b&gt;" in html and "<b>vette</b>" not in html  # escaped like any text


def test_the_diff_accepts_chosen_versions_in_either_order(client, organisation, v1, admin_user):
    publish_new_version(v1, admin=admin_user)
    response = client.get(
        reverse("codeofconduct:public_diff", args=[organisation.slug]), {"van": "2", "naar": "1"}
    )
    assert (response.context["old"].version, response.context["new"].version) == (1, 2)


def test_with_one_version_the_diff_says_so(client, organisation, v1):
    response = client.get(reverse("codeofconduct:public_diff", args=[organisation.slug]))
    assert response.status_code == 200 and response.context["diff"] is None
