from __future__ import annotations

import pytest

from codeofconduct.actions import do_decide_block, do_warn_author
from codeofconduct.models import BlockProposal, Strike
from moderation.actions import ActionRefused, execute_action
from moderation.models import DemoRemoteState, ModerationAction
from tests.factories import AuthorFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offender(organisation):
    return AuthorFactory(organisation=organisation, name="Herhaalde Heethoofd")


def insult_by(author, connection):
    return CommentFactory(connection=connection, author=author, insult=True)


def test_a_warning_records_a_strike_citing_the_article_in_force(connection, offender, staff):
    comment = insult_by(offender, connection)
    strike = do_warn_author(
        comment, acting_user=staff, message="Dag, je reactie gaat in tegen onze gedragscode."
    )
    assert strike.consequence == Strike.Consequence.FIRST_WARNING
    assert "insult" in strike.article.categories
    assert strike.code_version == 1
    private = ModerationAction.objects.get(comment=comment, kind="private_reply")
    assert private.article == strike.article


def test_the_third_strike_proposes_a_block_and_four_eyes_confirm_it(
    connection, offender, staff, lead, other_lead
):
    for _ in range(2):
        do_warn_author(insult_by(offender, connection), acting_user=staff)
    third = insult_by(offender, connection)
    strike = do_warn_author(third, acting_user=lead)
    assert strike.consequence == Strike.Consequence.BLOCK
    proposal = BlockProposal.objects.get(author=offender, state="proposed")
    with pytest.raises(ActionRefused):
        do_decide_block(proposal, acting_user=lead, confirm=True)  # the proposer cannot confirm
    do_decide_block(proposal, acting_user=other_lead, confirm=True)
    block = ModerationAction.objects.get(kind="block", comment=third)
    execute_action(block.pk)
    assert DemoRemoteState.objects.get(remote_id=f"author:{offender.remote_id}").blocked_author


def test_the_same_comment_cannot_give_two_strikes(connection, offender, staff):
    comment = insult_by(offender, connection)
    do_warn_author(comment, acting_user=staff)
    with pytest.raises(ActionRefused):
        do_warn_author(comment, acting_user=staff)
    assert Strike.objects.filter(author=offender).count() == 1


def test_an_unknown_author_gets_no_strike(connection, staff):
    comment = CommentFactory(connection=connection, author=None, insult=True)
    with pytest.raises(ActionRefused):
        do_warn_author(comment, acting_user=staff)
