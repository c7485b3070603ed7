from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from moderation import default_tree
from moderation.actions import ActionRefused
from moderation.decision import suggest_steps
from moderation.models import DecisionStep, ReplyTemplate
from moderation.setup import tree_of
from moderation.tree_editing import check_template_text, do_move_step, do_reset_category
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("category", list(default_tree.DEFAULT_TREE))
def test_every_branch_of_the_seed_is_installed(organisation, category):
    steps = suggest_steps(tree=tree_of(organisation), category=category, prior_strikes=0)
    assert [s.action for s in steps] == [s.action for s in default_tree.DEFAULT_TREE[category]]
    actions = [s.action for s in steps]
    if "delete" in actions:
        assert "evidence" in actions[: actions.index("delete")], "evidence always comes before deleting"


def test_the_third_strike_adds_a_block_proposal(organisation):
    steps = suggest_steps(tree=tree_of(organisation), category="insult", prior_strikes=2)
    assert steps[-1].action == "propose_block" or any(s.action == "propose_block" for s in steps)


def test_an_admin_edits_a_step_and_staff_see_it(admin_user, organisation):
    step = DecisionStep.objects.filter(organisation=organisation, category="question").first()
    client = client_for(admin_user)
    response = client.post(
        reverse("moderation:tree_step", args=[step.pk]),
        {"label": "Antwoord binnen de dag", "guidance": "Snel is fijn.", "action": "reply", "requirement": "required", "template_key": ""},
    )
    assert response.status_code == 302
    assert tree_of(organisation)["question"][0].label == "Antwoord binnen de dag"
    assert AuditEvent.objects.filter(verb="tree.step_updated").exists()


def test_staff_cannot_edit_the_tree(staff_client, organisation):
    step = DecisionStep.objects.filter(organisation=organisation).first()
    assert staff_client.get(reverse("moderation:tree_step", args=[step.pk])).status_code == 403


def test_moving_and_resetting_keep_positions_consistent(organisation, admin_user):
    steps = list(DecisionStep.objects.filter(organisation=organisation, category="insult"))
    do_move_step(steps[1], direction=-1, acting_user=admin_user)
    moved = list(DecisionStep.objects.filter(organisation=organisation, category="insult"))
    assert moved[0].pk == steps[1].pk and [s.position for s in moved] == list(range(1, len(steps) + 1))
    do_reset_category(organisation, category="insult", acting_user=admin_user)
    assert [s.action for s in tree_of(organisation)["insult"]] == [s.action for s in default_tree.DEFAULT_TREE["insult"]]


@pytest.mark.parametrize("text", ["Dag {naam}", "Dag {author_first_name", "{0}", "{author_first_name.__class__}"])
def test_a_template_may_only_use_known_variables(text):
    with pytest.raises(ActionRefused):
        check_template_text(text)


def test_a_template_with_a_typo_is_refused_in_the_form(admin_user, organisation):
    template = ReplyTemplate.objects.filter(organisation=organisation).first()
    response = client_for(admin_user).post(
        reverse("moderation:tree_template", args=[template.pk]),
        {"title": "x", "text_je": "Dag {voornaam}", "text_u": "Dag {author_first_name}"},
    )
    assert response.status_code == 200 and "voornaam" in response.content.decode()
    template.refresh_from_db()
    assert "{voornaam}" not in template.text_je
