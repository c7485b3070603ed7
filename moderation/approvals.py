"""Four eyes on replies: a staff member's reply waits until a team lead approves it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from moderation.actions import ActionRefused, _audit, queue_platform_action
from moderation.models import ModerationAction


def replies_awaiting_approval(organisation: Organisation) -> QuerySet[ModerationAction]:
    return (
        ModerationAction.objects.filter(organisation=organisation, state=ModerationAction.State.AWAITING_APPROVAL)
        .select_related("comment__author", "acting_user")
        .order_by("created_at")
    )


@transaction.atomic(durable=True)
def do_decide_reply(action: ModerationAction, *, acting_user: Any, approve: bool, text: str | None = None) -> ModerationAction:
    """Approve (optionally after editing the text) or reject; the writer cannot approve their own."""
    action = ModerationAction.objects.select_for_update().get(pk=action.pk)
    if action.state != ModerationAction.State.AWAITING_APPROVAL:
        raise ActionRefused(_("This reply was already decided."))
    if action.acting_user_id == acting_user.pk:
        raise ActionRefused(_("Another person has to approve a reply you wrote."))
    action.approved_by = acting_user
    if approve:
        if text is not None and text.strip():
            action.text = text
        action.state = ModerationAction.State.PENDING
        action.save(update_fields=["approved_by", "text", "state"])
        _audit(action, verb=f"{action.kind}.approved", extra={"approved_by": acting_user.get_username()})
        queue_platform_action(action)
    else:
        action.state = ModerationAction.State.REJECTED
        action.completed_at = timezone.now()
        action.save(update_fields=["approved_by", "state", "completed_at"])
        _audit(action, verb=f"{action.kind}.rejected", extra={"rejected_by": acting_user.get_username()})
    return action
