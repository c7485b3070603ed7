"""The organisation's political terms and known false claims: validation, audit rows and what the classifier reads."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.models import AuditEvent, Department
from moderation import registers
from moderation.classification import context_for
from moderation.classify import classify_text
from moderation.models import KnownFalseClaim, PoliticalTerm

pytestmark = pytest.mark.django_db

CONTAINERPARK = {
    "claim": "Het containerpark gaat dicht",
    "correction": "Het containerpark blijft open; nieuwe openingsuren vanaf 1 januari.",
    "source_url": "https://www.velderbeek.example/containerpark",
}


def _claim(organisation, user, **values) -> KnownFalseClaim:
    claim = KnownFalseClaim(organisation=organisation, **{**CONTAINERPARK, **values})
    return registers.do_save_false_claim(claim, acting_user=user)


def _term(organisation, user, term="Velderbeek Vooruit", kind=PoliticalTerm.Kind.PARTY) -> PoliticalTerm:
    return registers.do_save_political_term(
        PoliticalTerm(organisation=organisation, term=term, kind=kind), acting_user=user
    )


def _category(organisation, text: str) -> str:
    return classify_text(text, context=context_for(organisation)).category


# --- validation ---------------------------------------------------------------------------------------------------

def test_a_term_is_stored_on_one_line_without_control_characters(organisation, admin_user):
    term = _term(organisation, admin_user, term="  Velderbeek\x00\n   Vooruit ")
    assert (term.term, term.folded) == ("Velderbeek Vooruit", "velderbeek vooruit")


def test_the_same_term_in_other_capitals_or_accents_is_refused(organisation, admin_user):
    _term(organisation, admin_user, term="Beekvallei Één")
    with pytest.raises(ValidationError) as error:
        _term(organisation, admin_user, term="BEEKVALLEI   een")
    assert "Deze term staat al in de lijst." in error.value.messages
    assert PoliticalTerm.objects.filter(organisation=organisation).count() == 1


def test_another_organisation_may_list_the_same_term(organisation, other_organisation, admin_user, outsider):
    _term(organisation, admin_user)
    _term(other_organisation, outsider)
    assert PoliticalTerm.objects.count() == 2


@pytest.mark.parametrize("term", ["", "   ", "!", "a" * 121, "\u200b\u200b"])
def test_an_empty_or_overlong_term_is_refused(organisation, admin_user, term):
    with pytest.raises(ValidationError):
        _term(organisation, admin_user, term=term)
    assert not PoliticalTerm.objects.exists()


@pytest.mark.parametrize("url", [
    "javascript:alert(document.cookie)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://www.velderbeek.example/bestand",
    "https://",
    "//www.velderbeek.example/pagina",
    "https://www.velderbeek.example/" + "a" * 500,
])
def test_a_link_that_is_not_a_plain_web_address_is_refused(organisation, admin_user, url):
    with pytest.raises(ValidationError) as error:
        _claim(organisation, admin_user, source_url=url)
    assert "source_url" in error.value.message_dict
    assert not KnownFalseClaim.objects.exists()


@pytest.mark.parametrize(("values", "field"), [
    ({"claim": "5G"}, "claim"),                         # one word would flag every comment that mentions it
    ({"claim": "het is de"}, "claim"),
    ({"claim": "x" * 301}, "claim"),
    ({"correction": "   "}, "correction"),
    ({"correction": "Klopt niet. " * 100}, "correction"),
])
def test_a_vague_or_overlong_claim_is_refused(organisation, admin_user, values, field):
    with pytest.raises(ValidationError) as error:
        _claim(organisation, admin_user, **values)
    assert field in error.value.message_dict


def test_a_claim_cannot_name_another_organisations_department(organisation, other_organisation, admin_user):
    foreign = Department.objects.create(organisation=other_organisation, name="Wegen")
    with pytest.raises(ValidationError) as error:
        _claim(organisation, admin_user, department=foreign)
    assert "department" in error.value.message_dict


def test_a_reworded_duplicate_claim_is_refused(organisation, admin_user):
    _claim(organisation, admin_user)
    with pytest.raises(ValidationError):
        _claim(organisation, admin_user, claim="het   CONTAINERPARK gaat dicht")


# --- audit --------------------------------------------------------------------------------------------------------

def test_every_change_writes_an_audit_row(organisation, admin_user):
    claim = _claim(organisation, admin_user)
    registers.do_set_claim_active(claim, active=False, acting_user=admin_user)
    registers.do_remove_false_claim(claim, acting_user=admin_user)
    term = _term(organisation, admin_user)
    registers.do_remove_political_term(term, acting_user=admin_user)
    events = AuditEvent.objects.filter(organisation=organisation).order_by("id")
    assert [event.verb for event in events] == [
        "register.claim_added", "register.claim_deactivated", "register.claim_removed",
        "register.term_added", "register.term_removed",
    ]
    assert {event.actor_id for event in events} == {admin_user.pk}
    assert events[0].summary == "Het containerpark gaat dicht"


def test_a_refused_change_writes_no_audit_row(organisation, admin_user):
    with pytest.raises(ValidationError):
        _claim(organisation, admin_user, source_url="javascript:alert(1)")
    assert not AuditEvent.objects.filter(verb__startswith="register.").exists()


# --- what the classifier reads ------------------------------------------------------------------------------------

def test_a_new_claim_changes_the_next_classification(organisation, admin_user):
    text = "Opgelet, het containerpark gaat volgend jaar dicht!"
    assert _category(organisation, text) != "misinformation"      # and the empty lists are cached now
    _claim(organisation, admin_user)
    assert _category(organisation, text) == "misinformation"


def test_a_deactivated_claim_is_no_longer_recognised(organisation, admin_user):
    claim = _claim(organisation, admin_user)
    assert _category(organisation, "Het containerpark gaat dicht") == "misinformation"
    registers.do_set_claim_active(claim, active=False, acting_user=admin_user)
    assert _category(organisation, "Het containerpark gaat dicht") != "misinformation"


def test_an_edited_claim_is_recognised_in_its_new_wording(organisation, admin_user):
    claim = _claim(organisation, admin_user)
    claim.claim = "Het zwembad gaat dicht"
    registers.do_save_false_claim(claim, acting_user=admin_user)
    assert _category(organisation, "Het zwembad gaat dicht, echt waar") == "misinformation"
    assert _category(organisation, "Het containerpark gaat dicht") != "misinformation"


def test_a_term_makes_a_comment_party_political_until_it_is_removed(organisation, admin_user):
    text = "Beekvallei Beweegt heeft dit al lang voorgesteld."
    assert _category(organisation, text) != "party_political"
    term = _term(organisation, admin_user, term="Beekvallei Beweegt")
    assert _category(organisation, text) == "party_political"
    registers.do_remove_political_term(term, acting_user=admin_user)
    assert _category(organisation, text) != "party_political"


def test_another_organisations_register_is_not_used(organisation, other_organisation, outsider):
    _claim(other_organisation, outsider)
    _term(other_organisation, outsider)
    assert registers.classification_lists(organisation) == ((), ())


def test_the_lists_are_read_once_and_then_cached(organisation, admin_user, django_assert_num_queries):
    _claim(organisation, admin_user)
    _claim(organisation, admin_user, claim="Het Zomerfeest is afgelast")
    _claim(organisation, admin_user, claim="Het zwembad gaat dicht", active=False)
    _term(organisation, admin_user)
    with django_assert_num_queries(2):
        lists = registers.classification_lists(organisation)
    with django_assert_num_queries(0):
        assert registers.classification_lists(organisation) == lists
    assert lists == (("Velderbeek Vooruit",), ("Het containerpark gaat dicht", "Het Zomerfeest is afgelast"))


def test_a_lost_cache_version_never_brings_back_an_old_list(organisation, admin_user):
    from django.core.cache import cache

    registers.classification_lists(organisation)        # empty lists cached under the current version
    _claim(organisation, admin_user)
    cache.delete(registers._version_key(organisation.pk))  # evicted
    assert registers.classification_lists(organisation)[1] == ("Het containerpark gaat dicht",)


def test_corrections_are_found_for_a_comment_that_repeats_a_claim(organisation, admin_user, connection):
    from tests.factories import CommentFactory

    claim = _claim(organisation, admin_user)
    _claim(organisation, admin_user, claim="Het Zomerfeest is afgelast")
    text = "Het containerpark gaat volgend jaar dicht"
    reasons = [{"code": r.code, "evidence": r.evidence} for r in classify_text(text, context=context_for(organisation)).reasons]
    comment = CommentFactory(connection=connection, text=text, reasons=reasons)
    assert registers.corrections_for(comment) == [claim]
    comment.reasons = [{"code": "question.question_mark", "evidence": "?"}]
    assert registers.corrections_for(comment) == []
