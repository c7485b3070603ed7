"""Walk every URL of the project for each role and for an outsider, generated from the URL conf.

A new view must either carry @member_required (its capability decides who may see it) or be
listed in PUBLIC below; otherwise this test fails.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Department
from accounts.permissions import can
from codeofconduct.models import BlockProposal
from moderation.models import (
    ClassifierModel,
    DecisionStep,
    Evidence,
    ExternalSignal,
    FollowUp,
    ModerationAction,
    ReplyTemplate,
)
from tests.factories import CommentFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

PUBLIC = {
    "home",
    "accounts:login",
    "accounts:logout",
    "accounts:switch_organisation",
    "accounts:no_access",
    "codeofconduct:public",
    "codeofconduct:public_version",
    "codeofconduct:public_diff",
    "codeofconduct:short",
    "set_language",
    "meta_webhook",  # Meta calls it; a delivery is trusted only by its signature
    "moderation:department_answer",  # token-authenticated, see tests/moderation/test_escalation.py
    "accounts:two_factor",  # the code step comes before a full login (tests/accounts/test_login_hardening.py)
    "accounts:two_factor_setup",  # any logged-in user, whatever the role; a lead may be sent here before anything else
    "healthz",  # probes; status and checks only, see tests/reliability/test_healthz.py
}
PROJECT_NAMESPACES = {"moderation", "codeofconduct", "accounts", ""}


def project_patterns():
    def walk(resolver, namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                yield from walk(entry, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry

    return [(name, entry) for name, entry in walk(get_resolver()) if name.split(":")[0] in PROJECT_NAMESPACES or ":" not in name]


@pytest.fixture
def objects(connection, staff, lead, other_lead):
    from codeofconduct.actions import do_warn_author
    from moderation.actions import do_request_action

    comment = CommentFactory(connection=connection, insult=True)
    action = do_request_action(comment, kind="delete", acting_user=staff, reason="test")
    for _ in range(3):
        do_warn_author(CommentFactory(connection=connection, author=comment.author, insult=True), acting_user=lead)
    from codeofconduct.actions import do_record_appeal
    from codeofconduct.selectors import code_in_force

    code = code_in_force(connection.organisation)
    strike = comment.author.strikes.order_by("created_at").first()
    appeal = do_record_appeal(strike, acting_user=lead, grounds="test", received_on=strike.created_at.date())
    return {
        "comment_id": comment.pk,
        "action_id": action.pk,
        "evidence_id": _with_screenshot(Evidence.objects.get(comment=comment)).pk,
        "connection_id": connection.pk,
        "proposal_id": BlockProposal.objects.get().pk,
        "kind": "mark_handled",
        "slug": connection.organisation.slug,
        "author_id": comment.author_id,
        "department_id": Department.objects.create(organisation=connection.organisation, name="Wegen").pk,
        "signal_id": ExternalSignal.objects.create(
            organisation=connection.organisation, group_name="Ge zijt van", text="x", recorded_by=staff,
            screenshot=b"\x89PNG", screenshot_content_type="image/png",
        ).pk,
        "step_id": DecisionStep.objects.filter(organisation=connection.organisation).first().pk,
        "change": "up",
        "category": "question",
        "operation": "reset",
        "template_id": ReplyTemplate.objects.filter(organisation=connection.organisation).first().pk,
        "code_id": code.pk,
        "version": code.version,
        "article_id": code.articles.first().pk,
        "strike_id": strike.pk,
        "appeal_id": appeal.pk,
        "follow_up_id": FollowUp.objects.create(
            organisation=connection.organisation, comment=comment, kind="remind", due_at=comment.published_at,
            created_by=staff,
        ).pk,
        # A stored version without bytes: activating it is refused politely (no training in this test).
        "model_id": ClassifierModel.objects.create(organisation=connection.organisation, version=1).pk,
        **_register_entries(connection.organisation),
    }


def _register_entries(organisation):
    from moderation.models import KnownFalseClaim, PoliticalTerm

    term = PoliticalTerm.objects.create(organisation=organisation, term="Velderbeek Vooruit", folded="velderbeek vooruit")
    claim = KnownFalseClaim.objects.create(
        organisation=organisation, claim="Het containerpark gaat dicht", folded="het containerpark gaat dicht",
        correction="Het containerpark blijft open.", source_url="https://www.velderbeek.example/containerpark",
    )
    return {"term_id": term.pk, "claim_id": claim.pk}


def _with_screenshot(evidence):
    evidence.screenshot = b"\x89PNG fake but stored"
    evidence.screenshot_content_type = "image/png"
    evidence.save()
    return evidence


def url_for(name, entry, objects):
    kwargs = {key: objects[key] for key in entry.pattern.converters}
    return reverse(name, kwargs=kwargs), kwargs


def call(client, entry, url):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


def test_every_view_has_a_rule():
    missing = [
        name
        for name, entry in project_patterns()
        if name not in PUBLIC and not hasattr(entry.callback, "required_capability")
    ]
    assert missing == []


@pytest.mark.parametrize("role", ["staff", "lead", "admin", "department"])
def test_each_role_gets_what_its_capabilities_allow(role, organisation, objects):
    from tests.factories import MembershipFactory

    user = MembershipFactory(organisation=organisation, role=role).user
    client = client_for(user)
    for name, entry in project_patterns():
        capability = getattr(entry.callback, "required_capability", None)
        if capability is None:
            continue
        url, _kwargs = url_for(name, entry, objects)
        status = call(client, entry, url).status_code
        if can(role, capability):
            assert status not in (403, 404), f"{role} should reach {name} ({status})"
        else:
            assert status == 403, f"{role} should be refused {name} ({status})"


def test_an_outsider_gets_404_for_every_object_of_another_organisation(outsider, objects):
    client = client_for(outsider)
    for name, entry in project_patterns():
        if getattr(entry.callback, "required_capability", None) is None:
            continue
        url, kwargs = url_for(name, entry, objects)
        if not any(name.endswith("_id") for name in kwargs):  # only ids name another organisation's objects
            continue
        status = call(client, entry, url).status_code
        assert status == 404, f"outsider reached {name} ({status})"
    assert ModerationAction.objects.filter(acting_user=outsider).count() == 0


def test_anonymous_users_are_sent_to_login(client, objects):
    for name, entry in project_patterns():
        if getattr(entry.callback, "required_capability", None) is None:
            continue
        url, _kwargs = url_for(name, entry, objects)
        response = call(client, entry, url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
