"""Installing the seed's decision tree and reply templates for an organisation."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Organisation
from moderation import default_tree
from moderation.decision import Step
from moderation.models import DecisionStep, ReplyTemplate


@transaction.atomic
def install_default_tree(organisation: Organisation) -> None:
    """Copy the default tree and templates; existing (possibly edited) rows are left alone."""
    if not DecisionStep.objects.filter(organisation=organisation).exists():
        DecisionStep.objects.bulk_create(
            DecisionStep(
                organisation=organisation,
                category=category,
                position=position,
                action=spec.action,
                label=spec.label,
                guidance=spec.guidance,
                requirement=spec.requirement,
                template_key=spec.template_key,
            )
            for category, specs in default_tree.DEFAULT_TREE.items()
            for position, spec in enumerate(specs, start=1)
        )
    existing = set(ReplyTemplate.objects.filter(organisation=organisation).values_list("key", flat=True))
    ReplyTemplate.objects.bulk_create(
        ReplyTemplate(organisation=organisation, key=t.key, title=t.title, text_je=t.text_je, text_u=t.text_u)
        for t in default_tree.REPLY_TEMPLATES.values()
        if t.key not in existing
    )


def tree_of(organisation: Organisation) -> dict[str, list[Step]]:
    """The organisation's tree as pure Steps, for moderation.decision."""
    tree: dict[str, list[Step]] = {}
    for row in DecisionStep.objects.filter(organisation=organisation).order_by("category", "position"):
        tree.setdefault(row.category, []).append(
            Step(row.action, row.label, row.guidance, row.requirement, row.template_key)
        )
    return tree
