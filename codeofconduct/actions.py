"""Warnings, strikes and blocks: the three-strike rule carried out and logged."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from codeofconduct.ladder import BLOCK, consequence_of_strike
from codeofconduct.models import Article, BlockProposal, Strike
from codeofconduct.selectors import active_strikes, article_for_category, code_in_force
from moderation.actions import ActionRefused, request_action
from moderation.models import Comment, ModerationAction
from moderation.platforms.registry import capabilities_of


@transaction.atomic(durable=True)
def do_warn_author(
    comment: Comment, *, acting_user: Any, message: str = "", article: Article | None = None, reason: str = ""
) -> Strike:
    """Record a strike citing the article in force, send the warning, propose a block at the limit."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("author", "connection").get(pk=comment.pk)
    if comment.author is None:
        raise ActionRefused(_("The platform did not say who wrote this comment: no strike can be recorded."))
    if Strike.objects.filter(comment=comment, revoked_at__isnull=True).exists():
        raise ActionRefused(_("A warning was already given for this comment."))
    code = code_in_force(comment.organisation)
    article = article or article_for_category(code, comment.category)
    if code is None or article is None:
        raise ActionRefused(_("No article of the published code of conduct covers this comment; choose one."))
    prior = active_strikes(comment.organisation, comment.author_id).count()
    consequence = consequence_of_strike(prior + 1, warnings_before_block=code.warnings_before_block)
    strike = Strike.objects.create(
        organisation=comment.organisation,
        author=comment.author,
        comment=comment,
        article=article,
        code_version=code.version,
        consequence=consequence,
        issued_by=acting_user,
        reason=reason,
        expires_at=timezone.now() + timedelta(days=code.strike_validity_days),
    )
    warn = ModerationAction.objects.create(
        organisation=comment.organisation,
        comment=comment,
        kind=ModerationAction.Kind.WARN,
        state=ModerationAction.State.DONE,
        completed_at=timezone.now(),
        acting_user=acting_user,
        reason=reason,
        text=message,
        article=article,
    )
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="strike.recorded",
        target=comment,
        summary=f"{comment.author.name}: {strike.get_consequence_display()} ({prior + 1})",
        reason=reason,
        article=article.citation,
        data={"strike_id": strike.pk, "action_id": warn.pk, "author_id": comment.author_id, "number": prior + 1},
    )
    if message.strip():
        capabilities = capabilities_of(comment.connection.kind)
        kind = ModerationAction.Kind.PRIVATE_REPLY if "private_reply" in capabilities else ModerationAction.Kind.REPLY
        request_action(comment, kind=kind, acting_user=acting_user, text=message, article=article, step="warn")
    if consequence == BLOCK:
        _propose_block(strike, acting_user=acting_user)
    return strike


def _propose_block(strike: Strike, *, acting_user: Any) -> BlockProposal | None:
    if BlockProposal.objects.filter(author=strike.author, state=BlockProposal.State.PROPOSED).exists():
        return None
    proposal = BlockProposal.objects.create(
        organisation=strike.organisation, author=strike.author, strike=strike, proposed_by=acting_user
    )
    record_event(
        strike.organisation,
        actor=acting_user,
        verb="block.proposed",
        target=strike.author,
        summary=strike.author.name,
        article=strike.article.citation,
        data={"proposal_id": proposal.pk, "strike_id": strike.pk},
    )
    return proposal


@transaction.atomic(durable=True)
def do_decide_block(proposal: BlockProposal, *, acting_user: Any, confirm: bool, note: str = "") -> BlockProposal:
    """Four eyes: the person who proposed a block cannot confirm it."""
    proposal = BlockProposal.objects.select_for_update(of=("self",)).select_related("strike__comment", "author").get(pk=proposal.pk)
    if proposal.state != BlockProposal.State.PROPOSED:
        raise ActionRefused(_("This proposal was already decided."))
    if proposal.proposed_by_id == acting_user.pk:
        raise ActionRefused(_("Another team lead has to confirm a block you proposed."))
    proposal.state = BlockProposal.State.CONFIRMED if confirm else BlockProposal.State.REJECTED
    proposal.decided_by = acting_user
    proposal.decided_at = timezone.now()
    proposal.note = note
    proposal.save(update_fields=["state", "decided_by", "decided_at", "note"])
    record_event(
        proposal.organisation,
        actor=acting_user,
        verb="block.confirmed" if confirm else "block.rejected",
        target=proposal.author,
        summary=proposal.author.name,
        reason=note,
        article=proposal.strike.article.citation,
        data={"proposal_id": proposal.pk},
    )
    comment = proposal.strike.comment
    if confirm and comment is not None and "block" in capabilities_of(comment.connection.kind):
        request_action(comment, kind=ModerationAction.Kind.BLOCK, acting_user=acting_user, reason=note, step="block")
    return proposal
