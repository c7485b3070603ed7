"""The three-strike register: linking, revoking, appeals, expiry, blocks across platforms."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.models import AuditEvent
from codeofconduct.actions import (
    do_decide_appeal,
    do_decide_block,
    do_expire_strikes,
    do_link_authors,
    do_record_appeal,
    do_revoke_strike,
    do_unlink_author,
    do_warn_author,
)
from codeofconduct.models import AuthorLink, BlockProposal, Person, Strike
from codeofconduct.selectors import active_strikes, authors_with_strikes, recent_expiries, register_rows
from codeofconduct.tasks import expire_strikes
from moderation.actions import ActionRefused
from moderation.models import ModerationAction
from tests.codeofconduct.conftest import insult_by
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def same_person_on_instagram(organisation):
    return AuthorFactory(organisation=organisation, platform="instagram", name="heethoofd_ig")


# --- Linking ---------------------------------------------------------------------------------


def test_linking_authors_merges_their_strike_counts_and_unlinking_splits_them(
    organisation, connection, instagram_connection, offender, same_person_on_instagram, staff, lead
):
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_warn_author(insult_by(same_person_on_instagram, instagram_connection), acting_user=staff)
    assert active_strikes(organisation, offender.pk).count() == 1

    do_link_authors(offender, same_person_on_instagram, acting_user=lead)
    assert active_strikes(organisation, offender.pk).count() == 2
    assert active_strikes(organisation, same_person_on_instagram.pk).count() == 2
    counts = {a.pk: a.active_strikes for a in authors_with_strikes(organisation)}
    assert counts == {offender.pk: 2, same_person_on_instagram.pk: 2}
    [row] = register_rows(organisation)
    assert {a.pk for a in row.authors} == {
        offender.pk,
        same_person_on_instagram.pk,
    } and row.active_strikes == 2

    do_unlink_author(same_person_on_instagram, acting_user=lead)
    assert active_strikes(organisation, offender.pk).count() == 1
    assert active_strikes(organisation, same_person_on_instagram.pk).count() == 1
    assert len(register_rows(organisation)) == 2
    assert not Person.objects.exists()  # a person of one is just the author
    verbs = list(AuditEvent.objects.filter(verb__startswith="author.").values_list("verb", flat=True))
    assert sorted(verbs) == ["author.linked", "author.unlinked"]


def test_the_next_warning_counts_the_strikes_of_linked_accounts(
    connection, instagram_connection, offender, same_person_on_instagram, staff, lead
):
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_warn_author(insult_by(same_person_on_instagram, instagram_connection), acting_user=staff)
    do_link_authors(offender, same_person_on_instagram, acting_user=lead)
    third = do_warn_author(insult_by(offender, connection), acting_user=staff)
    assert third.consequence == Strike.Consequence.BLOCK
    assert BlockProposal.objects.filter(author=offender, state="proposed").exists()


def test_linking_two_persons_merges_them(organisation, offender, staff, lead):
    a, b = AuthorFactory(organisation=organisation), AuthorFactory(organisation=organisation)
    do_link_authors(offender, a, acting_user=lead)
    do_link_authors(b, AuthorFactory(organisation=organisation), acting_user=lead)
    do_link_authors(a, b, acting_user=lead)
    assert Person.objects.count() == 1
    assert AuthorLink.objects.count() == 4


def test_authors_of_another_organisation_cannot_be_linked(offender, other_organisation, lead):
    stranger = AuthorFactory(organisation=other_organisation)
    with pytest.raises(ActionRefused):
        do_link_authors(offender, stranger, acting_user=lead)
    assert not AuthorLink.objects.exists()


def test_a_confirmed_block_is_carried_out_where_the_platform_allows_and_logged_elsewhere(
    connection, instagram_connection, offender, same_person_on_instagram, staff, lead, other_lead
):
    do_warn_author(insult_by(same_person_on_instagram, instagram_connection), acting_user=staff)
    do_link_authors(offender, same_person_on_instagram, acting_user=lead)
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    third = insult_by(offender, connection)
    do_warn_author(third, acting_user=lead)
    proposal = BlockProposal.objects.get(state="proposed")
    do_decide_block(proposal, acting_user=other_lead, confirm=True)
    assert ModerationAction.objects.filter(kind="block", comment=third).count() == 1
    assert not ModerationAction.objects.filter(
        kind="block", comment__author=same_person_on_instagram
    ).exists()
    missed = AuditEvent.objects.get(verb="block.not_on_platform")
    assert missed.target_id == same_person_on_instagram.pk and missed.data["platform"] == "instagram"


# --- Four eyes ---------------------------------------------------------------------------------


def three_strikes(offender, connection, *, by):
    for _ in range(3):
        do_warn_author(insult_by(offender, connection), acting_user=by)
    return BlockProposal.objects.get(author=offender, state="proposed")


def test_a_lead_cannot_confirm_their_own_proposal(connection, offender, lead):
    proposal = three_strikes(offender, connection, by=lead)
    with pytest.raises(ActionRefused):
        do_decide_block(proposal, acting_user=lead, confirm=True)
    proposal.refresh_from_db()
    assert proposal.state == "proposed"
    assert not ModerationAction.objects.filter(kind="block").exists()


def test_a_decided_proposal_cannot_be_decided_again(connection, offender, staff, lead, other_lead):
    proposal = three_strikes(offender, connection, by=staff)
    do_decide_block(proposal, acting_user=lead, confirm=True)
    with pytest.raises(ActionRefused):
        do_decide_block(proposal, acting_user=other_lead, confirm=True)
    assert ModerationAction.objects.filter(kind="block").count() == 1


# --- Revoking and appeals -----------------------------------------------------------------------


def test_a_revoked_strike_stops_counting_and_keeps_its_reason(
    organisation, connection, offender, staff, lead
):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_revoke_strike(strike, acting_user=lead, reason="Verkeerde persoon")
    strike.refresh_from_db()
    assert (
        strike.revoked_at is not None
        and strike.revoked_by == lead
        and strike.revoke_reason == "Verkeerde persoon"
    )
    assert active_strikes(organisation, offender.pk).count() == 0
    event = AuditEvent.objects.get(verb="strike.revoked")
    assert event.reason == "Verkeerde persoon" and event.article == strike.article.citation


def test_revoking_needs_a_reason_and_happens_once(connection, offender, staff, lead):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    with pytest.raises(ActionRefused):
        do_revoke_strike(strike, acting_user=lead, reason="  ")
    do_revoke_strike(strike, acting_user=lead, reason="Beroep")
    with pytest.raises(ActionRefused):
        do_revoke_strike(strike, acting_user=lead, reason="Nog eens")


def test_revoking_a_strike_withdraws_the_block_it_led_to(connection, offender, staff, lead):
    proposal = three_strikes(offender, connection, by=staff)
    do_revoke_strike(proposal.strike, acting_user=lead, reason="Was geen belediging")
    proposal.refresh_from_db()
    assert proposal.state == BlockProposal.State.WITHDRAWN
    assert AuditEvent.objects.filter(verb="block.withdrawn").exists()


def test_a_granted_appeal_revokes_the_strike(organisation, connection, offender, staff, lead):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    appeal = do_record_appeal(
        strike, acting_user=lead, grounds="Ik citeerde iemand anders.", received_on=timezone.localdate()
    )
    with pytest.raises(ActionRefused):  # one open appeal per strike
        do_record_appeal(strike, acting_user=lead, grounds="Nog eens", received_on=timezone.localdate())
    do_decide_appeal(appeal, acting_user=lead, grant=True, note="Het was een citaat.")
    strike.refresh_from_db()
    appeal.refresh_from_db()
    assert appeal.state == "granted" and appeal.decided_by == lead
    assert strike.revoked_at is not None and "Het was een citaat." in strike.revoke_reason
    assert active_strikes(organisation, offender.pk).count() == 0


def test_a_rejected_appeal_keeps_the_strike(organisation, connection, offender, staff, lead):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    appeal = do_record_appeal(strike, acting_user=lead, grounds="Oneens", received_on=timezone.localdate())
    with pytest.raises(ActionRefused):  # a decision says why
        do_decide_appeal(appeal, acting_user=lead, grant=False, note="")
    do_decide_appeal(appeal, acting_user=lead, grant=False, note="Duidelijke belediging.")
    assert active_strikes(organisation, offender.pk).count() == 1
    with pytest.raises(ActionRefused):
        do_decide_appeal(appeal, acting_user=lead, grant=True, note="toch")


# --- Expiry ----------------------------------------------------------------------------------


def test_a_strike_stops_counting_after_the_policy_period_and_the_task_logs_it_once(
    organisation, connection, offender, staff, v1
):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    assert strike.expires_at - strike.created_at == pytest.approx(
        timedelta(days=v1.strike_validity_days), abs=timedelta(seconds=5)
    )
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days - 1)):
        assert active_strikes(organisation, offender.pk).count() == 1
        assert expire_strikes() == 0
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days + 1)):
        assert active_strikes(organisation, offender.pk).count() == 0
        assert list(recent_expiries(organisation)) == [strike]
        assert expire_strikes() == 1
        assert expire_strikes() == 0
    strike.refresh_from_db()
    assert strike.expired_at is not None
    assert AuditEvent.objects.filter(verb="strike.expired").count() == 1


def test_after_expiry_the_ladder_starts_again(connection, offender, staff, v1):
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_warn_author(insult_by(offender, connection), acting_user=staff)
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days + 1)):
        do_expire_strikes(now=timezone.now())
        strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    assert strike.consequence == Strike.Consequence.FIRST_WARNING
    assert not BlockProposal.objects.exists()


def test_revoked_strikes_are_not_logged_as_expired(connection, offender, staff, lead, v1):
    strike = do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_revoke_strike(strike, acting_user=lead, reason="Beroep")
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days + 1)):
        assert expire_strikes() == 0
