"""Changing state: check_* validates what a person asked, do_* records it and queues the work.

Every action writes a ModerationAction and an audit line in the same transaction. What has to
happen on the platform is carried out by ``execute_action`` in a Celery task after commit; only
when the platform has said yes is the comment's state changed. If it refuses, the action is
marked failed with the platform's reason and nothing is marked done.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Membership
from accounts.permissions import Role
from codeofconduct.models import Article
from moderation.deadlocks import atomic_with_retry
from moderation.evidence import EvidenceCard, render_card, sha256_hex
from moderation.models import Comment, Evidence, ModerationAction
from moderation.platforms.base import PermanentError, PlatformError, TransientError
from moderation.platforms.registry import capabilities_of, connector_for

Kind = ModerationAction.Kind
REPLY_KINDS = {Kind.REPLY, Kind.PRIVATE_REPLY}
PLATFORM_KINDS = {Kind.REPLY, Kind.PRIVATE_REPLY, Kind.HIDE, Kind.UNHIDE, Kind.DELETE, Kind.LIKE, Kind.BLOCK}
MAX_REPLY_LENGTH = 8_000


class ActionRefused(Exception):
    """A user-facing reason why an action cannot be done now."""


def check_not_overtaken(comment: Comment, *, seen_version: int | None, acting_user: Any) -> None:
    """Refuse when a colleague acted on the comment after this user loaded it (no double work)."""
    if seen_version is None or seen_version >= comment.version:
        return
    last = comment.actions.exclude(acting_user=acting_user).order_by("-created_at", "-id").first()
    if last is None:
        return
    raise ActionRefused(
        _("%(name)s already acted on this comment in the meantime (%(action)s, %(time)s). Look at it again before you act.")
        % {
            "name": last.acting_user.get_full_name() or last.acting_user.get_username(),
            "action": last.get_kind_display(),
            "time": timezone.localtime(last.created_at).strftime("%H:%M"),
        }
    )


def check_action(comment: Comment, kind: str, *, text: str = "", reason: str = "") -> None:
    """Raise ActionRefused with a clear message when ``kind`` cannot be done to ``comment``."""
    if kind in PLATFORM_KINDS and kind not in capabilities_of(comment.connection.kind):
        raise ActionRefused(_("This platform does not allow this action."))
    if kind in PLATFORM_KINDS - {Kind.BLOCK} and comment.platform_state == Comment.PlatformState.DELETED:
        raise ActionRefused(_("This comment no longer exists on the platform."))
    pending = comment.actions.filter(state=ModerationAction.State.PENDING, kind=kind).exists()
    if pending:
        raise ActionRefused(_("This action is already under way for this comment."))
    if kind == Kind.HIDE and comment.platform_state == Comment.PlatformState.HIDDEN:
        raise ActionRefused(_("This comment is already hidden."))
    if kind == Kind.UNHIDE and comment.platform_state != Comment.PlatformState.HIDDEN:
        raise ActionRefused(_("This comment is not hidden."))
    if kind in {Kind.REPLY, Kind.PRIVATE_REPLY} and not text.strip():
        raise ActionRefused(_("Write a message first."))
    if len(text) > MAX_REPLY_LENGTH:
        raise ActionRefused(_("The message is too long (at most %(max)d characters).") % {"max": MAX_REPLY_LENGTH})
    if kind == Kind.DELETE and not reason.strip():
        raise ActionRefused(_("Give a reason before deleting: deleting cannot be undone."))
    if kind == Kind.BLOCK and comment.author is None:
        raise ActionRefused(_("The platform did not say who wrote this comment, so the author cannot be blocked."))
    if kind == Kind.MARK_HANDLED and comment.status == Comment.Status.HANDLED:
        raise ActionRefused(_("This comment was already handled."))


def do_request_action(comment: Comment, *, kind: str, acting_user: Any, **details: Any) -> ModerationAction:
    """Record the request; a platform action is carried out after commit, the rest at once.

    PostgreSQL may pick this transaction as the victim of a deadlock with a concurrent sync or
    worker (both lock the same comment rows); it is then simply run again, up to three times.
    """
    return atomic_with_retry(lambda: request_action(comment, kind=kind, acting_user=acting_user, **details))


def request_action(
    comment: Comment,
    *,
    kind: str,
    acting_user: Any,
    reason: str = "",
    text: str = "",
    step: str = "",
    article: Article | None = None,
    seen_version: int | None = None,
) -> ModerationAction:
    """do_request_action's body, for callers that already hold a transaction (warnings)."""
    comment = (
        Comment.objects.select_for_update(of=("self",), no_key=True)
        .select_related("connection", "author", "post", "organisation")
        .get(pk=comment.pk)
    )
    check_not_overtaken(comment, seen_version=seen_version, acting_user=acting_user)
    check_action(comment, kind, text=text, reason=reason)
    if kind in {Kind.DELETE, Kind.BLOCK, Kind.EVIDENCE} or (kind == Kind.HIDE and comment.conduct in {"criminal", "unwanted"}):
        do_store_evidence(comment, acting_user=acting_user)
    action = ModerationAction.objects.create(
        organisation=comment.organisation,
        comment=comment,
        kind=kind,
        acting_user=acting_user,
        reason=reason,
        text=text,
        step=step,
        article=article,
    )
    bump_version(comment)
    if kind in REPLY_KINDS and needs_approval(comment.organisation, acting_user):
        action.state = ModerationAction.State.AWAITING_APPROVAL
        action.save(update_fields=["state"])
        _audit(action, verb=f"{kind}.awaiting_approval")
        return action
    _audit(action, verb=f"{kind}.requested" if kind in PLATFORM_KINDS else kind)
    if kind in PLATFORM_KINDS:
        queue_platform_action(action)
    else:
        _apply_local(action)
    return action


def queue_platform_action(action: ModerationAction) -> None:
    from moderation.tasks import execute_action_task

    execute_action_task.delay_on_commit(action.pk)


def bump_version(comment: Comment) -> None:
    """Every state change moves the version on, so stale forms are recognised."""
    Comment.objects.filter(pk=comment.pk).update(version=F("version") + 1, updated_at=timezone.now())
    comment.version += 1


def needs_approval(organisation: Any, user: Any) -> bool:
    """Staff replies wait for a lead when the organisation asks for four eyes on replies."""
    if not organisation.replies_need_approval:
        return False
    role = Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()
    return role == Role.STAFF


def do_store_evidence(comment: Comment, *, acting_user: Any) -> Evidence:
    """Capture text, author, time and a PNG card; call inside the action's transaction."""
    captured_at = timezone.localtime()
    card = EvidenceCard(
        organisation=comment.organisation.name,
        platform=comment.connection.get_kind_display(),
        post_title=comment.post.title if comment.post else "",
        author_name=comment.author.name if comment.author else "",
        author_remote_id=comment.author.remote_id if comment.author else "",
        published_at=timezone.localtime(comment.published_at),
        captured_at=captured_at,
        text=comment.text,
        permalink=comment.permalink,
    )
    image = render_card(card)
    evidence = Evidence.objects.create(
        organisation=comment.organisation,
        comment=comment,
        captured_by=acting_user,
        text=comment.text,
        author_name=card.author_name,
        author_remote_id=card.author_remote_id,
        post_title=card.post_title,
        published_at=comment.published_at,
        permalink=comment.permalink,
        image_png=image,
        image_sha256=sha256_hex(image),
        text_sha256=sha256_hex(comment.text),
    )
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="evidence.stored",
        target=comment,
        summary=comment.text[:120],
        data={"evidence_id": evidence.pk, "image_sha256": evidence.image_sha256, "text_sha256": evidence.text_sha256},
    )
    return evidence


def execute_action(action_id: int) -> ModerationAction | None:
    """Carry out a pending platform action once. Transient errors propagate for a retry."""
    with transaction.atomic():
        action = (
            ModerationAction.objects.select_for_update(of=("self",))
            .select_related("comment__connection", "comment__author", "comment__post", "acting_user")
            .filter(pk=action_id)
            .first()
        )
        if action is None or action.state != ModerationAction.State.PENDING:
            return action  # already carried out or given up: never twice
        action.attempts += 1
        action.save(update_fields=["attempts"])
    try:
        remote_result = _call_platform(action)
    except TransientError:
        raise
    except PlatformError as exc:
        return _finish(action, state=ModerationAction.State.FAILED, error=str(exc))
    return _finish(action, state=ModerationAction.State.DONE, remote_result=remote_result or "")


def do_give_up_action(action_id: int, *, error: str) -> None:
    """After the last retry: mark the action failed so staff see it and can try again."""
    action = ModerationAction.objects.filter(pk=action_id, state=ModerationAction.State.PENDING).first()
    if action is not None:
        _finish(action, state=ModerationAction.State.FAILED, error=error)


def _call_platform(action: ModerationAction) -> str | None:
    comment = action.comment
    connector = connector_for(comment.connection)
    key = str(action.idempotency_key)
    match action.kind:
        case Kind.HIDE:
            connector.hide(comment.remote_id, hidden=True)
        case Kind.UNHIDE:
            connector.hide(comment.remote_id, hidden=False)
        case Kind.DELETE:
            connector.delete(comment.remote_id)
        case Kind.LIKE:
            connector.like(comment.remote_id)
        case Kind.REPLY:
            return connector.reply(comment.remote_id, text=action.text, idempotency_key=key)
        case Kind.PRIVATE_REPLY:
            return connector.private_reply(comment.remote_id, text=action.text, idempotency_key=key)
        case Kind.BLOCK:
            connector.block_author(comment.author.remote_id)
        case _:
            raise PermanentError(f"not a platform action: {action.kind}")
    return None


@transaction.atomic
def _finish(action: ModerationAction, *, state: str, error: str = "", remote_result: str = "") -> ModerationAction:
    action = ModerationAction.objects.select_for_update().get(pk=action.pk)
    if action.state != ModerationAction.State.PENDING:
        return action
    action.state = state
    action.error = error
    action.remote_result_id = remote_result
    action.completed_at = timezone.now()
    action.save(update_fields=["state", "error", "remote_result_id", "completed_at"])
    if state == ModerationAction.State.DONE:
        _apply_platform_result(action)
        _audit(action, verb=f"{action.kind}.done")
    else:
        _audit(action, verb=f"{action.kind}.failed", extra={"error": error})
    return action


def _apply_platform_result(action: ModerationAction) -> None:
    comment = Comment.objects.select_for_update(no_key=True).get(pk=action.comment_id)
    changes: dict[str, Any] = {}
    if action.kind == Kind.HIDE:
        changes["platform_state"] = Comment.PlatformState.HIDDEN
    elif action.kind == Kind.UNHIDE:
        changes["platform_state"] = Comment.PlatformState.VISIBLE
    elif action.kind == Kind.DELETE:
        changes["platform_state"] = Comment.PlatformState.DELETED
    if action.kind in {Kind.HIDE, Kind.DELETE, Kind.REPLY, Kind.PRIVATE_REPLY, Kind.BLOCK}:
        changes.update(status=Comment.Status.HANDLED, handled_at=timezone.now(), handled_by_id=action.acting_user_id)
    if action.kind == Kind.REPLY and action.remote_result_id:
        Comment.objects.get_or_create(
            connection_id=comment.connection_id,
            remote_id=action.remote_result_id,
            defaults={
                "organisation_id": comment.organisation_id,
                "post_id": comment.post_id,
                "parent": comment,
                "parent_remote_id": comment.remote_id,
                "is_own": True,
                "text": action.text,
                "published_at": timezone.now(),
                "status": Comment.Status.HANDLED,
            },
        )
    for key, value in changes.items():
        setattr(comment, key, value)
    comment.version += 1
    comment.save(update_fields=[*changes, "version", "updated_at"])


def _apply_local(action: ModerationAction) -> None:
    comment = action.comment
    if action.kind == Kind.MARK_HANDLED:
        comment.status = Comment.Status.HANDLED
        comment.handled_at = timezone.now()
        comment.handled_by = action.acting_user
    elif action.kind == Kind.REOPEN:
        comment.status = Comment.Status.OPEN
        comment.handled_at = None
        comment.handled_by = None
    action.state = ModerationAction.State.DONE
    action.completed_at = timezone.now()
    action.save(update_fields=["state", "completed_at"])
    comment.save(update_fields=["status", "handled_at", "handled_by", "version", "updated_at"])


def _audit(action: ModerationAction, *, verb: str, extra: dict[str, Any] | None = None) -> None:
    record_event(
        action.organisation,
        actor=action.acting_user,
        verb=verb,
        target=action.comment,
        summary=action.comment.text[:120],
        reason=action.reason,
        article=action.article.citation if action.article else "",
        data={"action_id": action.pk, "kind": action.kind, **(extra or {})},
    )
