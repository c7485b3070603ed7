"""GDPR export and erasure pages: admins only."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from codeofconduct.actions import do_warn_author
from moderation.models import Author
from tests.codeofconduct.conftest import insult_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def warned(connection, offender, staff):
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    return offender


def test_an_admin_downloads_everything_on_an_author(admin_client_, warned):
    response = admin_client_.get(reverse("codeofconduct:author_export", args=[warned.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["author"]["name"] == "Herhaalde Heethoofd" and len(data["strikes"]) == 1
    assert AuditEvent.objects.filter(verb="author.exported", target_id=warned.pk).exists()


@pytest.mark.parametrize("client_name", ["lead_client", "staff_client"])
def test_leads_and_staff_cannot_export_or_erase(request, client_name, warned):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("codeofconduct:author_export", args=[warned.pk])).status_code == 403
    assert (
        client.post(reverse("codeofconduct:author_erase", args=[warned.pk]), {"confirm": "yes"}).status_code
        == 403
    )
    assert Author.objects.get(pk=warned.pk).name == "Herhaalde Heethoofd"


def test_an_outsider_gets_404(outsider_client, warned):
    assert outsider_client.get(reverse("codeofconduct:author_export", args=[warned.pk])).status_code == 404
    assert (
        outsider_client.post(
            reverse("codeofconduct:author_erase", args=[warned.pk]), {"confirm": "yes"}
        ).status_code
        == 404
    )
    assert Author.objects.get(pk=warned.pk).name == "Herhaalde Heethoofd"


def test_erasure_needs_the_confirmation(admin_client_, warned):
    page = admin_client_.get(reverse("codeofconduct:author_erase", args=[warned.pk]))
    assert page.status_code == 200 and "120" in page.content.decode()
    admin_client_.post(reverse("codeofconduct:author_erase", args=[warned.pk]), {})
    assert Author.objects.get(pk=warned.pk).name == "Herhaalde Heethoofd"
    response = admin_client_.post(reverse("codeofconduct:author_erase", args=[warned.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    assert Author.objects.get(pk=warned.pk).name == f"erased-{warned.pk}"
