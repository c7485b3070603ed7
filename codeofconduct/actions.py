"""Warnings, strikes and blocks: the three-strike rule carried out and logged.

Also: revoking a strike, appeals, linking platform authors that are one person, the notes leads
keep on an author, and the nightly expiry. Every do_* writes its audit line in its transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from codeofconduct.ladder import BLOCK, consequence_of_strike
from codeofconduct.models import Appeal, Article, AuthorLink, BlockProposal, Person, Strike
from codeofconduct.selectors import active_strikes, article_for_category, code_in_force, linked_author_ids
from moderation.actions import ActionRefused, request_action
from moderation.models import Author, Comment, ModerationAction
from moderation.platforms.registry import capabilities_of


@transaction.atomic(durable=True)
def do_warn_author(
    comment: Comment, *, acting_user: Any, message: str = "", article: Article | None = None, reason: str = ""
) -> Strike:
    """Record a strike citing the article in force, send the warning, propose a block at the limit."""
    comment = (
        Comment.objects.select_for_update(of=("self",), no_key=True)
        .select_related("author", "connection")
        .get(pk=comment.pk)
    )
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
        data={
            "strike_id": strike.pk,
            "action_id": warn.pk,
            "author_id": comment.author_id,
            "number": prior + 1,
        },
    )
    if message.strip():
        capabilities = capabilities_of(comment.connection.kind)
        kind = (
            ModerationAction.Kind.PRIVATE_REPLY
            if "private_reply" in capabilities
            else ModerationAction.Kind.REPLY
        )
        request_action(
            comment, kind=kind, acting_user=acting_user, text=message, article=article, step="warn"
        )
    if consequence == BLOCK:
        _propose_block(strike, acting_user=acting_user)
    return strike


def _propose_block(strike: Strike, *, acting_user: Any) -> BlockProposal | None:
    """One open proposal per person: linked authors share it."""
    person_author_ids = [
        strike.author_id,
        *linked_author_ids(strike.author_id).values_list("author_id", flat=True),
    ]
    if BlockProposal.objects.filter(
        author_id__in=person_author_ids, state=BlockProposal.State.PROPOSED
    ).exists():
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
def do_decide_block(
    proposal: BlockProposal, *, acting_user: Any, confirm: bool, note: str = ""
) -> BlockProposal:
    """Four eyes: the person who proposed a block cannot confirm it.

    The row lock makes two leads deciding at once safe: the second waits, then finds the
    proposal decided and is refused, so a block is requested once.
    """
    proposal = (
        BlockProposal.objects.select_for_update(of=("self",))
        .select_related("strike__comment__connection", "strike__article__code", "author")
        .get(pk=proposal.pk)
    )
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
    if confirm:
        _carry_out_block(proposal, acting_user=acting_user, note=note)
    return proposal


def _carry_out_block(proposal: BlockProposal, *, acting_user: Any, note: str) -> None:
    """Block every platform account of the person where the platform allows it; log the rest."""
    authors = Author.objects.filter(
        Q(pk=proposal.author_id) | Q(pk__in=linked_author_ids(proposal.author_id)),
        organisation=proposal.organisation,
    )
    for author in authors:
        comment = proposal.strike.comment if author.pk == proposal.author_id else None
        if comment is None:
            comment = (
                Comment.objects.filter(organisation=proposal.organisation, author=author)
                .select_related("connection")
                .order_by("-published_at")
                .first()
            )
        problem = ""
        if comment is None:
            problem = "no comment to block from"
        elif "block" not in capabilities_of(comment.connection.kind):
            problem = f"{comment.connection.get_kind_display()} does not allow blocking"
        else:
            try:
                request_action(
                    comment,
                    kind=ModerationAction.Kind.BLOCK,
                    acting_user=acting_user,
                    reason=note,
                    step="block",
                )
            except ActionRefused as exc:
                problem = str(exc)
        if problem:
            record_event(
                proposal.organisation,
                actor=acting_user,
                verb="block.not_on_platform",
                target=author,
                summary=f"{author.name} ({author.get_platform_display()})",
                reason=problem,
                data={"proposal_id": proposal.pk, "platform": author.platform},
            )


# --- Revoking and appeals ----------------------------------------------------------------------


def _revoke(strike: Strike, *, acting_user: Any, reason: str) -> Strike:
    """Body of do_revoke_strike for callers holding the transaction and the lock."""
    if strike.revoked_at is not None:
        raise ActionRefused(_("This strike was already revoked."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for revoking this strike."))
    strike.revoked_at = timezone.now()
    strike.revoked_by = acting_user
    strike.revoke_reason = reason.strip()
    strike.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record_event(
        strike.organisation,
        actor=acting_user,
        verb="strike.revoked",
        target=strike.author,
        summary=f"{strike.author.name}: {strike.get_consequence_display()}",
        reason=strike.revoke_reason,
        article=strike.article.citation,
        data={"strike_id": strike.pk, "author_id": strike.author_id},
    )
    _withdraw_proposal_below_threshold(strike, acting_user=acting_user)
    return strike


def _withdraw_proposal_below_threshold(strike: Strike, *, acting_user: Any) -> None:
    """A block proposed on strikes that no longer reach the limit is withdrawn."""
    code = code_in_force(strike.organisation)
    limit = code.warnings_before_block if code else 2
    if active_strikes(strike.organisation, strike.author_id).count() > limit:
        return
    ids = [strike.author_id, *linked_author_ids(strike.author_id).values_list("author_id", flat=True)]
    for proposal in BlockProposal.objects.select_for_update().filter(
        author_id__in=ids, state=BlockProposal.State.PROPOSED
    ):
        proposal.state = BlockProposal.State.WITHDRAWN
        proposal.decided_by = acting_user
        proposal.decided_at = timezone.now()
        proposal.note = strike.revoke_reason
        proposal.save(update_fields=["state", "decided_by", "decided_at", "note"])
        record_event(
            strike.organisation,
            actor=acting_user,
            verb="block.withdrawn",
            target=proposal.author,
            summary=proposal.author.name,
            reason=strike.revoke_reason,
            data={"proposal_id": proposal.pk, "strike_id": strike.pk},
        )


@transaction.atomic(durable=True)
def do_revoke_strike(strike: Strike, *, acting_user: Any, reason: str) -> Strike:
    """The strike stops counting from now; it stays in the register, marked revoked."""
    strike = (
        Strike.objects.select_for_update(of=("self",))
        .select_related("author", "article__code")
        .get(pk=strike.pk)
    )
    return _revoke(strike, acting_user=acting_user, reason=reason)


@transaction.atomic(durable=True)
def do_record_appeal(strike: Strike, *, acting_user: Any, grounds: str, received_on: date) -> Appeal:
    strike = (
        Strike.objects.select_for_update(of=("self",))
        .select_related("author", "article__code")
        .get(pk=strike.pk)
    )
    if not grounds.strip():
        raise ActionRefused(_("Write down what the author objects to."))
    if received_on > timezone.localdate():
        raise ActionRefused(_("An appeal cannot be received in the future."))
    if strike.revoked_at is not None:
        raise ActionRefused(_("This strike was already revoked."))
    if strike.appeals.filter(state=Appeal.State.OPEN).exists():
        raise ActionRefused(_("An appeal against this strike is already waiting for a decision."))
    appeal = Appeal.objects.create(
        organisation=strike.organisation,
        strike=strike,
        received_on=received_on,
        grounds=grounds.strip(),
        recorded_by=acting_user,
    )
    record_event(
        strike.organisation,
        actor=acting_user,
        verb="appeal.recorded",
        target=strike.author,
        summary=strike.author.name,
        reason=appeal.grounds,
        article=strike.article.citation,
        data={"appeal_id": appeal.pk, "strike_id": strike.pk},
    )
    return appeal


@transaction.atomic(durable=True)
def do_decide_appeal(appeal: Appeal, *, acting_user: Any, grant: bool, note: str) -> Appeal:
    """Granting revokes the strike (with the decision as its reason); rejecting keeps it."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.state != Appeal.State.OPEN:
        raise ActionRefused(_("This appeal was already decided."))
    if not note.strip():
        raise ActionRefused(_("Explain the decision: the author is told why."))
    appeal.state = Appeal.State.GRANTED if grant else Appeal.State.REJECTED
    appeal.decided_by = acting_user
    appeal.decided_at = timezone.now()
    appeal.decision_note = note.strip()
    appeal.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    strike = (
        Strike.objects.select_for_update(of=("self",))
        .select_related("author", "article__code")
        .get(pk=appeal.strike_id)
    )
    record_event(
        appeal.organisation,
        actor=acting_user,
        verb="appeal.granted" if grant else "appeal.rejected",
        target=strike.author,
        summary=strike.author.name,
        reason=appeal.decision_note,
        article=strike.article.citation,
        data={"appeal_id": appeal.pk, "strike_id": strike.pk},
    )
    if grant and strike.revoked_at is None:
        _revoke(
            strike,
            acting_user=acting_user,
            reason=_("Appeal granted: %(note)s") % {"note": appeal.decision_note},
        )
    return appeal


# --- One person, several platform accounts ------------------------------------------------------


@transaction.atomic(durable=True)
def do_link_authors(author: Author, other: Author, *, acting_user: Any) -> Person:
    """Record that two platform authors are one person; from now on they share strikes."""
    if author.pk == other.pk:
        raise ActionRefused(_("An author cannot be linked to itself."))
    if author.organisation_id != other.organisation_id:
        raise ActionRefused(_("Only authors of the same organisation can be linked."))
    links = {
        link.author_id: link
        for link in AuthorLink.objects.select_for_update().filter(author__in=[author, other])
    }
    mine, theirs = links.get(author.pk), links.get(other.pk)
    if mine and theirs and mine.person_id == theirs.person_id:
        raise ActionRefused(_("These authors are already linked."))
    if mine is None and theirs is None:
        person = Person.objects.create(organisation_id=author.organisation_id, created_by=acting_user)
    else:
        person = (mine or theirs).person
    for candidate, link in ((author, mine), (other, theirs)):
        if link is None:
            AuthorLink.objects.create(author=candidate, person=person, linked_by=acting_user)
        elif link.person_id != person.pk:
            absorbed = link.person
            AuthorLink.objects.filter(person=absorbed).update(person=person)
            absorbed.delete()
    record_event(
        author.organisation,
        actor=acting_user,
        verb="author.linked",
        target=author,
        summary=f"{author.name} ({author.get_platform_display()}) = {other.name} ({other.get_platform_display()})",
        data={"person_id": person.pk, "author_ids": [author.pk, other.pk]},
    )
    return person


@transaction.atomic(durable=True)
def do_unlink_author(author: Author, *, acting_user: Any) -> None:
    """The author stands alone again; its strikes count only for itself."""
    link = AuthorLink.objects.select_for_update().filter(author=author).select_related("person").first()
    if link is None:
        raise ActionRefused(_("This author is not linked to anyone."))
    person = link.person
    link.delete()
    if person.links.count() < 2:
        person.delete()  # a person of one is just the author
    record_event(
        author.organisation,
        actor=acting_user,
        verb="author.unlinked",
        target=author,
        summary=f"{author.name} ({author.get_platform_display()})",
        data={"person_id": person.pk},
    )


@transaction.atomic(durable=True)
def do_set_author_notes(author: Author, *, acting_user: Any, notes: str) -> None:
    """Leads' notes on an author, shown in the register (the text itself is not logged)."""
    Author.objects.filter(pk=author.pk).update(notes=notes.strip())
    record_event(
        author.organisation, actor=acting_user, verb="author.notes_edited", target=author, summary=author.name
    )


# --- Expiry ------------------------------------------------------------------------------------


def do_expire_strikes(*, now: datetime) -> int:
    """Log each strike whose time has run out, once. Counting never needed this: it reads expires_at."""
    expired = 0
    due = Strike.objects.filter(expires_at__lte=now, expired_at__isnull=True, revoked_at__isnull=True)
    for strike_id in due.values_list("pk", flat=True)[:5000]:
        with transaction.atomic():
            strike = (
                Strike.objects.select_for_update(of=("self",))
                .select_related("author", "article__code", "organisation")
                .filter(pk=strike_id, expired_at__isnull=True)
                .first()
            )
            if strike is None:
                continue
            strike.expired_at = now
            strike.save(update_fields=["expired_at"])
            record_event(
                strike.organisation,
                actor=None,
                verb="strike.expired",
                target=strike.author,
                summary=f"{strike.author.name}: {strike.get_consequence_display()}",
                article=strike.article.citation,
                data={"strike_id": strike.pk, "expires_at": strike.expires_at.isoformat()},
            )
        expired += 1
    return expired
