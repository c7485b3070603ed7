"""Admins edit the organisation's decision tree and reply templates; every change is logged."""

from __future__ import annotations

import string
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Organisation
from moderation import default_tree
from moderation.actions import ActionRefused
from moderation.models import Category, DecisionStep, ReplyTemplate
from moderation.templating import VARIABLES


def check_template_text(text: str) -> None:
    """Only the known {variables}; a typo would otherwise reach a citizen as literal braces."""
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ActionRefused(_("Unbalanced braces in the template.")) from exc
    unknown = sorted({name for name in names if name not in VARIABLES})
    if unknown:
        raise ActionRefused(
            _("Unknown variable(s): %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(VARIABLES)}
        )


def _renumber(organisation: Organisation, category: str, ordered: list[DecisionStep]) -> None:
    # Two passes keep the (organisation, category, position) constraint satisfied at every step.
    offset = len(ordered) + 1000
    for index, step in enumerate(ordered, start=1):
        DecisionStep.objects.filter(pk=step.pk).update(position=offset + index)
    for index, step in enumerate(ordered, start=1):
        DecisionStep.objects.filter(pk=step.pk).update(position=index)


@transaction.atomic
def do_update_step(step: DecisionStep, *, acting_user: Any, **values: Any) -> DecisionStep:
    if values.get("action") not in default_tree.ACTIONS:
        raise ActionRefused(_("Unknown action."))
    if values.get("requirement") not in default_tree.REQUIREMENTS:
        raise ActionRefused(_("Unknown requirement."))
    for field in ("label", "guidance", "action", "requirement", "template_key"):
        setattr(step, field, values.get(field, getattr(step, field)))
    step.save()
    record_event(step.organisation, actor=acting_user, verb="tree.step_updated", summary=f"{step.category}: {step.label}")
    return step


@transaction.atomic
def do_add_step(organisation: Organisation, *, category: str, acting_user: Any) -> DecisionStep:
    if category not in Category.values:
        raise ActionRefused(_("Unknown category."))
    last = DecisionStep.objects.filter(organisation=organisation, category=category).aggregate(m=Max("position"))["m"] or 0
    step = DecisionStep.objects.create(
        organisation=organisation, category=category, position=last + 1, action="check",
        label=_("New step"), guidance="", requirement="optional",
    )
    record_event(organisation, actor=acting_user, verb="tree.step_added", summary=category)
    return step


@transaction.atomic
def do_remove_step(step: DecisionStep, *, acting_user: Any) -> None:
    organisation, category, label = step.organisation, step.category, step.label
    step.delete()
    _renumber(organisation, category, list(DecisionStep.objects.filter(organisation=organisation, category=category)))
    record_event(organisation, actor=acting_user, verb="tree.step_removed", summary=f"{category}: {label}")


@transaction.atomic
def do_move_step(step: DecisionStep, *, direction: int, acting_user: Any) -> None:
    siblings = list(DecisionStep.objects.select_for_update().filter(organisation=step.organisation, category=step.category))
    index = next(i for i, s in enumerate(siblings) if s.pk == step.pk)
    target = index + direction
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
        _renumber(step.organisation, step.category, siblings)
        record_event(step.organisation, actor=acting_user, verb="tree.step_moved", summary=f"{step.category}: {step.label}")


@transaction.atomic
def do_reset_category(organisation: Organisation, *, category: str, acting_user: Any) -> None:
    """Back to the seed's default steps for one category."""
    if category not in default_tree.DEFAULT_TREE:
        raise ActionRefused(_("Unknown category."))
    DecisionStep.objects.filter(organisation=organisation, category=category).delete()
    DecisionStep.objects.bulk_create(
        DecisionStep(
            organisation=organisation, category=category, position=position, action=spec.action, label=spec.label,
            guidance=spec.guidance, requirement=spec.requirement, template_key=spec.template_key,
        )
        for position, spec in enumerate(default_tree.DEFAULT_TREE[category], start=1)
    )
    record_event(organisation, actor=acting_user, verb="tree.category_reset", summary=category)


@transaction.atomic
def do_update_template(template: ReplyTemplate, *, title: str, text_je: str, text_u: str, acting_user: Any) -> ReplyTemplate:
    for text in (text_je, text_u):
        check_template_text(text)
        if not text.strip():
            raise ActionRefused(_("Both forms of the template need a text."))
    template.title, template.text_je, template.text_u = title.strip()[:200] or template.title, text_je, text_u
    template.save()
    record_event(template.organisation, actor=acting_user, verb="tree.template_updated", summary=template.title)
    return template
