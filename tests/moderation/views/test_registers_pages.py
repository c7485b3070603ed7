"""The page "Politieke termen en valse beweringen" (admins) and the correction on the comment page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from moderation import registers
from moderation.classification import context_for
from moderation.classify import classify_text
from moderation.models import KnownFalseClaim, PoliticalTerm
from tests.factories import CommentFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> het containerpark gaat dicht"
CLAIM_FORM = {
    "claim-claim": "Het containerpark gaat dicht",
    "claim-correction": "Het containerpark blijft open; nieuwe openingsuren vanaf 1 januari.",
    "claim-source_url": "https://www.velderbeek.example/containerpark",
    "claim-department": "",
    "claim-active": "on",
}


@pytest.fixture
def claim(organisation, admin_user):
    values = {key.removeprefix("claim-"): value for key, value in CLAIM_FORM.items() if key != "claim-department"}
    values["active"] = True
    return registers.do_save_false_claim(KnownFalseClaim(organisation=organisation, **values), acting_user=admin_user)


@pytest.fixture
def term(organisation, admin_user):
    return registers.do_save_political_term(
        PoliticalTerm(organisation=organisation, term="Velderbeek Vooruit", kind="party"), acting_user=admin_user
    )


def _classified_comment(connection, text):
    result = classify_text(text, context=context_for(connection.organisation))
    return CommentFactory(
        connection=connection, text=text, category=result.category, conduct="unwanted",
        reasons=[{"code": reason.code, "evidence": reason.evidence} for reason in result.reasons],
    )


def test_the_classifier_page_leads_to_the_registers(admin_client_, claim, term):
    html = admin_client_.get(reverse("moderation:classifier")).content.decode()
    assert reverse("moderation:registers") in html
    assert "Politieke termen en valse beweringen" in html
    assert "1 actieve gekende valse bewering met haar rechtzetting." in html


def test_admins_see_both_registers_in_dutch(admin_client_, claim, term):
    response = admin_client_.get(reverse("moderation:registers"))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Politieke termen en valse beweringen", "Partijen, kandidaten en slogans", "Gekende valse beweringen",
                 "Velderbeek Vooruit", "partij of lijst", "Het containerpark gaat dicht", "Op non-actief zetten"):
        assert text in html
    assert '<a href="https://www.velderbeek.example/containerpark" rel="noopener noreferrer"' in html


def test_an_admin_adds_a_claim(admin_client_, organisation, admin_user):
    response = admin_client_.post(reverse("moderation:register_claim_add"), CLAIM_FORM)
    assert response.status_code == 302
    claim = KnownFalseClaim.objects.get(organisation=organisation)
    assert (claim.claim, claim.active, claim.created_by, claim.updated_by) == (
        "Het containerpark gaat dicht", True, admin_user, admin_user
    )
    assert AuditEvent.objects.filter(verb="register.claim_added", target_id=claim.pk).exists()


def test_an_admin_adds_a_term(admin_client_, organisation):
    response = admin_client_.post(
        reverse("moderation:register_term_add"), {"term-term": "Een Velderbeek dat luistert", "term-kind": "slogan"}
    )
    assert response.status_code == 302
    assert PoliticalTerm.objects.get(organisation=organisation).get_kind_display() == "slogan"


@pytest.mark.parametrize(("change", "error"), [
    ({"claim-source_url": "javascript:alert(1)"}, "Geef een webadres dat begint met https://"),
    ({"claim-claim": "5G"}, "Beschrijf de bewering in minstens twee betekenisvolle woorden"),
    ({"claim-correction": ""}, "Dit veld is verplicht."),
])
def test_invalid_input_comes_back_with_a_dutch_error(admin_client_, change, error):
    response = admin_client_.post(reverse("moderation:register_claim_add"), {**CLAIM_FORM, **change})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not KnownFalseClaim.objects.exists()


def test_a_duplicate_term_comes_back_with_a_dutch_error(admin_client_, term):
    response = admin_client_.post(reverse("moderation:register_term_add"), {"term-term": "velderbeek VOORUIT", "term-kind": "party"})
    assert response.status_code == 200
    assert "Deze term staat al in de lijst." in response.content.decode()


def test_an_admin_edits_a_claim(admin_client_, claim):
    response = admin_client_.get(reverse("moderation:register_claim_edit", args=[claim.pk]))
    assert "Gekende valse bewering bewerken" in response.content.decode()
    admin_client_.post(
        reverse("moderation:register_claim_edit", args=[claim.pk]),
        {**CLAIM_FORM, "claim-correction": "Het containerpark blijft gewoon open."},
    )
    claim.refresh_from_db()
    assert claim.correction == "Het containerpark blijft gewoon open."
    assert AuditEvent.objects.filter(verb="register.claim_updated", target_id=claim.pk).exists()


def test_deactivating_and_activating_a_claim(admin_client_, claim):
    url = reverse("moderation:register_claim_toggle", args=[claim.pk])
    admin_client_.post(url)
    claim.refresh_from_db()
    assert not claim.active
    admin_client_.post(url)
    claim.refresh_from_db()
    assert claim.active


def test_removing_needs_a_confirmation(admin_client_, claim, term):
    admin_client_.post(reverse("moderation:register_claim_remove", args=[claim.pk]))
    admin_client_.post(reverse("moderation:register_term_remove", args=[term.pk]))
    assert KnownFalseClaim.objects.filter(pk=claim.pk).exists() and PoliticalTerm.objects.filter(pk=term.pk).exists()
    admin_client_.post(reverse("moderation:register_claim_remove", args=[claim.pk]), {"confirm": "yes"})
    admin_client_.post(reverse("moderation:register_term_remove", args=[term.pk]), {"confirm": "yes"})
    assert not KnownFalseClaim.objects.exists() and not PoliticalTerm.objects.exists()


@pytest.mark.parametrize("client_name", ["staff_client", "lead_client"])
def test_staff_and_leads_are_refused(request, client_name, claim, term):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("moderation:registers")).status_code == 403
    assert client.post(reverse("moderation:register_claim_add"), CLAIM_FORM).status_code == 403
    assert client.post(reverse("moderation:register_claim_edit", args=[claim.pk]), CLAIM_FORM).status_code == 403
    assert client.post(reverse("moderation:register_claim_toggle", args=[claim.pk])).status_code == 403
    assert client.post(reverse("moderation:register_term_remove", args=[term.pk]), {"confirm": "yes"}).status_code == 403
    assert KnownFalseClaim.objects.get(pk=claim.pk).active and PoliticalTerm.objects.filter(pk=term.pk).exists()


def test_an_outsider_gets_404_and_changes_nothing(outsider_client, claim, term):
    for name, pk in (("register_claim_edit", claim.pk), ("register_term_edit", term.pk)):
        assert outsider_client.get(reverse(f"moderation:{name}", args=[pk])).status_code == 404
    assert outsider_client.post(reverse("moderation:register_claim_toggle", args=[claim.pk])).status_code == 404
    response = outsider_client.post(reverse("moderation:register_claim_remove", args=[claim.pk]), {"confirm": "yes"})
    assert response.status_code == 404
    assert KnownFalseClaim.objects.get(pk=claim.pk).active
    assert "Velderbeek Vooruit" not in outsider_client.get(reverse("moderation:registers")).content.decode()


def test_the_comment_page_shows_the_correction_and_its_link(staff_client, connection, claim):
    comment = _classified_comment(connection, "Opgelet mensen, het containerpark gaat volgend jaar dicht!")
    html = staff_client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert "Gekende valse bewering" in html
    assert "Het containerpark gaat dicht" in html
    assert "Het containerpark blijft open; nieuwe openingsuren vanaf 1 januari." in html
    assert '<a href="https://www.velderbeek.example/containerpark" rel="noopener noreferrer" target="_blank">' in html
    assert "Rechtzetting om in je antwoord over te nemen" in html
    assert (
        "Het containerpark blijft open; nieuwe openingsuren vanaf 1 januari. "
        "Meer informatie: https://www.velderbeek.example/containerpark</textarea>"
    ) in html


def test_the_comment_page_shows_no_correction_for_other_comments(staff_client, connection, claim):
    comment = _classified_comment(connection, "Is het containerpark zaterdag open?")
    response = staff_client.get(reverse("moderation:comment", args=[comment.pk]))
    assert response.context["known_claims"] == []
    assert "Gekende valse bewering" not in response.content.decode()


def test_a_debunking_comment_shows_no_correction(staff_client, connection, claim):
    comment = _classified_comment(connection, "Het klopt niet dat het containerpark dicht gaat, het blijft open.")
    assert "correction.claim_contradicted" in {reason["code"] for reason in comment.reasons}
    assert staff_client.get(reverse("moderation:comment", args=[comment.pk])).context["known_claims"] == []


def test_script_in_a_register_is_escaped_on_every_page(admin_user, organisation, connection, lead):
    client = client_for(admin_user)
    client.post(reverse("moderation:register_claim_add"), {
        **CLAIM_FORM, "claim-claim": HOSTILE, "claim-correction": "<img src=x onerror=alert(1)> Het blijft open.",
    })
    client.post(reverse("moderation:register_term_add"), {"term-term": "<script>alert(2)</script>", "term-kind": "party"})
    claim = KnownFalseClaim.objects.get(organisation=organisation)
    term = PoliticalTerm.objects.get(organisation=organisation)
    comment = _classified_comment(connection, HOSTILE + ", zegt men")
    pages = [
        client.get(reverse("moderation:registers")),
        client.get(reverse("moderation:register_claim_edit", args=[claim.pk])),
        client.get(reverse("moderation:register_term_edit", args=[term.pk])),
        client.get(reverse("moderation:comment", args=[comment.pk])),
        client.get(reverse("moderation:audit")),
    ]
    assert "Het blijft open." in pages[3].content.decode()   # the correction is shown, escaped
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html


def test_the_correction_reply_template_is_filled_with_the_registered_correction(staff_client, connection, claim):
    comment = _classified_comment(connection, "Opgelet mensen, het containerpark gaat volgend jaar dicht!")
    templates = staff_client.get(reverse("moderation:comment", args=[comment.pk])).context["templates"]
    reply = templates["misinformation_correction"]
    assert "Het containerpark blijft open; nieuwe openingsuren vanaf 1 januari." in reply
    assert "https://www.velderbeek.example/containerpark" in reply
    assert "[juiste informatie]" not in reply and "{correction" not in reply


def test_without_a_registered_claim_the_correction_template_keeps_gaps_to_fill_in(staff_client, connection, claim):
    comment = _classified_comment(connection, "Is het containerpark zaterdag open?")
    reply = staff_client.get(reverse("moderation:comment", args=[comment.pk])).context["templates"]["misinformation_correction"]
    assert "[juiste informatie]." in reply and "[link]" in reply
