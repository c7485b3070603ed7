"""GDPR: export and erasure of one author, and the retention period of strikes."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts.models import AuditEvent
from codeofconduct.actions import do_link_authors, do_record_appeal, do_revoke_strike, do_warn_author
from codeofconduct.lifecycle import do_set_review
from codeofconduct.models import Appeal, AuthorLink, BlockProposal, Strike
from codeofconduct.privacy import do_apply_retention, do_erase_author, export_author
from codeofconduct.selectors import active_strikes
from codeofconduct.tasks import apply_retention
from moderation.actions import ActionRefused, do_request_action
from moderation.models import Author, Comment, Evidence, ModerationAction
from tests.codeofconduct.conftest import insult_by
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

SECRET = "Jan Janssens uit de Kerkstraat 12 is een idioot"


@pytest.fixture
def history(organisation, connection, offender, staff, lead):
    """An author with a deleted comment (evidence), a warning reply, strikes and an appeal."""
    offender.profile_url = "https://example.org/heethoofd"
    offender.notes = "Reageert vaak 's nachts"
    offender.save()
    deleted = insult_by(offender, connection)
    Comment.objects.filter(pk=deleted.pk).update(text=SECRET)
    do_request_action(deleted, kind="delete", acting_user=staff, reason=f"Citaat: {SECRET}")
    strike = do_warn_author(
        insult_by(offender, connection),
        acting_user=staff,
        message="Dag Herhaalde, je reactie gaat in tegen onze gedragscode.",
        reason="Scheldwoord",
    )
    do_record_appeal(
        strike, acting_user=lead, grounds="Ik bedoelde het niet zo", received_on=timezone.localdate()
    )
    return {"deleted": deleted, "strike": strike}


def test_the_export_holds_everything_on_the_author(organisation, offender, history):
    data = export_author(offender)
    json.dumps(data, cls=DjangoJSONEncoder)  # a download, so it must serialise
    assert (
        data["author"]["name"] == "Herhaalde Heethoofd"
        and data["author"]["notes"] == "Reageert vaak 's nachts"
    )
    assert SECRET in [c["text"] for c in data["comments"]]
    assert len(data["strikes"]) == 1 and data["strikes"][0]["reason"] == "Scheldwoord"
    assert "Art. 7" in data["strikes"][0]["article_citation"]
    assert data["appeals"][0]["grounds"] == "Ik bedoelde het niet zo"
    kinds = {a["kind"] for a in data["moderation_actions"]}
    assert {"delete", "warn", "private_reply"} <= kinds
    [evidence] = data["evidence"]
    assert evidence["text"] == SECRET and base64.b64decode(evidence["image_png"]).startswith(b"\x89PNG")
    assert {"strike.recorded", "appeal.recorded"} <= {e["verb"] for e in data["audit_events"]}


def test_the_export_includes_linked_accounts_but_not_other_authors(
    organisation, connection, offender, history, lead, staff
):
    alias = AuthorFactory(organisation=organisation, platform="instagram", name="alias_ig")
    stranger = AuthorFactory(organisation=organisation, name="Iemand Anders")
    do_warn_author(insult_by(stranger, connection), acting_user=staff)
    do_link_authors(offender, alias, acting_user=lead)
    data = export_author(offender)
    assert [a["name"] for a in data["linked_authors"]] == ["alias_ig"]
    assert all(s["author_id"] != stranger.pk for s in data["strikes"])
    assert all(c["author_id"] != stranger.pk for c in data["comments"])


def test_erasure_pseudonymises_the_author_and_blanks_what_they_wrote(
    organisation, offender, history, admin_user
):
    remote_id = offender.remote_id
    do_erase_author(offender, acting_user=admin_user)
    author = Author.objects.get(pk=offender.pk)
    assert author.name == f"erased-{offender.pk}" and author.remote_id != remote_id
    assert (author.profile_url, author.notes) == ("", "")
    assert not Comment.objects.filter(author=author).exclude(text="").exists()
    assert not Comment.objects.filter(text__contains="Jan Janssens").exists()
    evidence = Evidence.objects.get(comment=history["deleted"])
    assert (evidence.text, evidence.author_name, evidence.author_remote_id, bytes(evidence.image_png)) == (
        "",
        "",
        "",
        b"",
    )
    assert not ModerationAction.objects.filter(comment__author=author).exclude(text="", reason="").exists()
    strike = Strike.objects.get(pk=history["strike"].pk)
    assert strike.reason == "" and Appeal.objects.get(strike=strike).grounds == ""


def test_erasure_keeps_the_strikes_counting_and_the_audit_log(organisation, offender, history, admin_user):
    events_before = AuditEvent.objects.count()
    summaries = list(AuditEvent.objects.order_by("pk").values_list("summary", flat=True))
    do_erase_author(offender, acting_user=admin_user)
    assert active_strikes(organisation, offender.pk).count() == 1
    assert AuditEvent.objects.count() == events_before + 1
    assert list(AuditEvent.objects.order_by("pk").values_list("summary", flat=True))[:-1] == summaries
    erased = AuditEvent.objects.get(verb="author.erased")
    assert "Herhaalde" not in erased.summary and erased.data["comments"] == 2


def test_erasure_leaves_other_authors_alone(organisation, connection, offender, history, admin_user, staff):
    other = insult_by(AuthorFactory(organisation=organisation, name="Andere Burger"), connection)
    do_erase_author(offender, acting_user=admin_user)
    other.refresh_from_db()
    assert other.text and other.author.name == "Andere Burger"


def test_erasure_unlinks_the_author(organisation, offender, history, admin_user, lead):
    alias = AuthorFactory(organisation=organisation, platform="instagram")
    do_link_authors(offender, alias, acting_user=lead)
    do_erase_author(offender, acting_user=admin_user)
    assert not AuthorLink.objects.exists()


def test_an_author_is_erased_once(offender, history, admin_user):
    do_erase_author(offender, acting_user=admin_user)
    with pytest.raises(ActionRefused):
        do_erase_author(Author.objects.get(pk=offender.pk), acting_user=admin_user)


# --- Retention ----------------------------------------------------------------------------------


def test_strikes_are_deleted_after_the_retention_period(
    organisation, connection, offender, staff, lead, admin_user, v1
):
    do_set_review(organisation, acting_user=admin_user, review_due_on=None, retention_days=90)
    expiring = do_warn_author(insult_by(offender, connection), acting_user=staff)
    revoked = do_warn_author(insult_by(offender, connection), acting_user=staff)
    do_revoke_strike(revoked, acting_user=lead, reason="Beroep")
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert apply_retention() == 1  # the revoked one: 90 days after revoking
        assert list(Strike.objects.values_list("pk", flat=True)) == [expiring.pk]
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days + 89)):
        assert do_apply_retention(now=timezone.now()) == 0
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days + 91)):
        assert do_apply_retention(now=timezone.now()) == 1
    assert not Strike.objects.exists()
    assert AuditEvent.objects.filter(verb="retention.strikes_deleted").count() == 2


def test_a_strike_with_an_open_block_proposal_is_kept(
    organisation, connection, offender, staff, admin_user, v1
):
    do_set_review(organisation, acting_user=admin_user, review_due_on=None, retention_days=30)
    for _ in range(3):
        do_warn_author(insult_by(offender, connection), acting_user=staff)
    with time_machine.travel(timezone.now() + timedelta(days=v1.strike_validity_days + 31)):
        assert do_apply_retention(now=timezone.now()) == 2
    assert BlockProposal.objects.filter(state="proposed").count() == 1
    assert Strike.objects.count() == 1
