"""The strike register pages: leads only; staff get 403, other organisations 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from codeofconduct.actions import do_link_authors, do_record_appeal, do_warn_author
from codeofconduct.models import Appeal, AuthorLink, BlockProposal, Strike
from moderation.models import ModerationAction
from tests.codeofconduct.conftest import insult_by
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(connection, offender, other_lead):
    for _ in range(3):
        do_warn_author(insult_by(offender, connection), acting_user=other_lead)
    return BlockProposal.objects.get(state="proposed")


def test_the_register_lists_authors_proposals_and_notes(lead_client, offender, proposal):
    offender.notes = "Belt ook regelmatig naar het onthaal"
    offender.save()
    response = lead_client.get(reverse("codeofconduct:strikes"))
    html = response.content.decode()
    assert response.status_code == 200
    assert [row.main.pk for row in response.context["rows"]] == [offender.pk]
    assert response.context["rows"][0].active_strikes == 3
    assert list(response.context["proposals"]) == [proposal]
    assert "Belt ook regelmatig naar het onthaal" in html


def test_staff_cannot_see_the_register_or_confirm_a_block(staff_client, offender, proposal):
    assert staff_client.get(reverse("codeofconduct:strikes")).status_code == 403
    assert staff_client.get(reverse("codeofconduct:strikes_csv")).status_code == 403
    assert staff_client.get(reverse("codeofconduct:author", args=[offender.pk])).status_code == 403
    response = staff_client.post(
        reverse("codeofconduct:decide_block", args=[proposal.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


def test_a_lead_confirms_a_block_proposed_by_another(lead_client, proposal):
    response = lead_client.post(
        reverse("codeofconduct:decide_block", args=[proposal.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "confirmed"
    assert ModerationAction.objects.filter(kind="block").count() == 1


def test_the_proposer_cannot_confirm_through_the_page(connection, offender, lead, lead_client):
    for _ in range(3):
        do_warn_author(insult_by(offender, connection), acting_user=lead)
    proposal = BlockProposal.objects.get(state="proposed")
    page = lead_client.get(reverse("codeofconduct:strikes")).content.decode()
    assert reverse("codeofconduct:decide_block", args=[proposal.pk]) not in page
    lead_client.post(reverse("codeofconduct:decide_block", args=[proposal.pk]), {"decision": "confirm"})
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


def test_an_outsider_gets_404(outsider_client, offender, proposal):
    strike = Strike.objects.filter(author=offender).first()
    appeal = do_record_appeal(
        strike, acting_user=proposal.proposed_by, grounds="x", received_on=timezone.localdate()
    )
    assert outsider_client.get(reverse("codeofconduct:author", args=[offender.pk])).status_code == 404
    assert (
        outsider_client.post(
            reverse("codeofconduct:decide_block", args=[proposal.pk]), {"decision": "confirm"}
        ).status_code
        == 404
    )
    assert (
        outsider_client.post(reverse("codeofconduct:revoke", args=[strike.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert (
        outsider_client.post(
            reverse("codeofconduct:decide_appeal", args=[appeal.pk]), {"decision": "grant", "note": "x"}
        ).status_code
        == 404
    )
    assert (
        outsider_client.post(
            reverse("codeofconduct:link", args=[offender.pk]), {"other": offender.pk}
        ).status_code
        == 404
    )
    assert Strike.objects.get(pk=strike.pk).revoked_at is None
    assert Appeal.objects.get(pk=appeal.pk).state == "open"


def test_the_csv_export_has_every_strike_and_defuses_formulas(organisation, connection, lead_client, staff):
    author = AuthorFactory(organisation=organisation, name='=HYPERLINK("http://evil")')
    do_warn_author(insult_by(author, connection), acting_user=staff)
    response = lead_client.get(reverse("codeofconduct:strikes_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert (
        rows[0]["author"].startswith("'=")
        and rows[0]["status"] == "active"
        and rows[0]["code_version"] == "1"
    )


def test_a_lead_links_two_authors_from_the_author_page(organisation, lead_client, offender):
    other = AuthorFactory(organisation=organisation, platform="instagram", name="heethoofd_ig")
    found = lead_client.get(reverse("codeofconduct:author", args=[offender.pk]), {"q": "heethoofd"})
    assert list(found.context["candidates"]) == [other]
    partial = lead_client.get(
        reverse("codeofconduct:author", args=[offender.pk]),
        {"q": "heethoofd"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="link-candidates",
    )
    assert partial.content.decode().lstrip().startswith('<div id="link-candidates"')
    lead_client.post(reverse("codeofconduct:link", args=[offender.pk]), {"other": other.pk})
    assert AuthorLink.objects.count() == 2
    lead_client.post(reverse("codeofconduct:unlink", args=[other.pk]))
    assert AuthorLink.objects.count() == 0


def test_an_author_of_another_organisation_cannot_be_linked(lead_client, offender, other_organisation):
    stranger = AuthorFactory(organisation=other_organisation)
    response = lead_client.post(reverse("codeofconduct:link", args=[offender.pk]), {"other": stranger.pk})
    assert response.status_code == 302
    assert not AuthorLink.objects.exists()


def test_staff_cannot_revoke_or_decide_appeals(staff_client, lead, connection, offender, staff):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    appeal = do_record_appeal(strike, acting_user=lead, grounds="x", received_on=timezone.localdate())
    assert (
        staff_client.post(reverse("codeofconduct:revoke", args=[strike.pk]), {"reason": "x"}).status_code
        == 403
    )
    assert (
        staff_client.post(
            reverse("codeofconduct:decide_appeal", args=[appeal.pk]), {"decision": "grant", "note": "x"}
        ).status_code
        == 403
    )
    assert (
        staff_client.post(
            reverse("codeofconduct:link", args=[offender.pk]), {"other": offender.pk}
        ).status_code
        == 403
    )


def test_a_lead_records_and_grants_an_appeal(lead_client, connection, offender, staff):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    lead_client.post(
        reverse("codeofconduct:appeal", args=[strike.pk]),
        {"received_on": timezone.localdate().isoformat(), "grounds": "Het was ironie"},
    )
    appeal = Appeal.objects.get(strike=strike)
    lead_client.post(
        reverse("codeofconduct:decide_appeal", args=[appeal.pk]), {"decision": "grant", "note": "Aanvaard"}
    )
    strike.refresh_from_db()
    assert strike.revoked_at is not None
    page = lead_client.get(reverse("codeofconduct:author", args=[offender.pk])).content.decode()
    assert "Het was ironie" in page and "Aanvaard" in page


def test_linked_authors_show_as_one_row(organisation, lead_client, lead, connection, offender, staff):
    other = AuthorFactory(organisation=organisation, platform="instagram")
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_link_authors(offender, other, acting_user=lead)
    rows = lead_client.get(reverse("codeofconduct:strikes")).context["rows"]
    assert len(rows) == 1 and rows[0].person_id is not None
