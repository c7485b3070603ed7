from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Organisation
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_an_admin_changes_the_response_target_and_approval_rule(admin_user, organisation):
    data = {
        "name": organisation.name, "website_url": "", "meldpunt_url": "https://www.example.org/melding",
        "support_url": "", "own_phone_numbers": "09 123 45 67", "own_email_domains": "",
        "question_target_hours": 8, "replies_need_approval": "on", "evidence_retention_days": 180,
        "exposure_break_threshold": 10,
    }
    response = client_for(admin_user).post(reverse("accounts:settings"), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.question_target_hours, organisation.replies_need_approval) == (8, True)
    assert AuditEvent.objects.filter(verb="organisation.settings_changed").exists()


def test_a_bad_value_comes_back_with_an_error_and_nothing_saved(admin_user, organisation):
    response = client_for(admin_user).post(reverse("accounts:settings"), {"name": "", "question_target_hours": 9999})
    assert response.status_code == 200 and response.context["form"].errors
    assert Organisation.objects.get(pk=organisation.pk).name == "Gemeente Velderbeek"


def test_staff_and_leads_cannot_change_settings(staff_client, lead_client):
    assert staff_client.get(reverse("accounts:settings")).status_code == 403
    assert lead_client.get(reverse("accounts:settings")).status_code == 403
