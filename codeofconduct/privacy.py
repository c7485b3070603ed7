"""Personal data in the register: access (export), erasure, and the retention period.

Export gives an admin everything stored on one author as JSON (GDPR art. 15): the author and the
authors linked to the same person, their comments, what was done to them, evidence, strikes,
appeals, block proposals and the audit lines about them.

Erasure (art. 17) pseudonymises the author (name and platform id replaced, profile and notes
removed), blanks the texts of their comments, of our replies to them, of the actions and evidence
about them (images included), and deletes the reasons written on their strikes, appeals and block
proposals. The rows themselves stay, so counts and decisions remain: a strike still counts, under
the pseudonym. The audit log is not touched: it is append-only and it is the legal record of what
the organisation did (art. 17(3)(b) and (e)). What it holds of a person is limited by design:
summaries are truncated (comment text to its first 120 characters, author names in strike and
block lines), never the full comment. A later sync may bring the author back as a new author if
the platform still shows their comments; erase again or ask the platform.

Retention: strikes are deleted a configurable number of days after they expired or were revoked
(with their appeals and decided block proposals). Evidence has its own retention period on the
organisation and is deleted by moderation.dossier.delete_expired_evidence.
"""

from __future__ import annotations

import base64
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import AuditEvent, Organisation
from codeofconduct.models import Appeal, AuthorLink, BlockProposal, Strike
from codeofconduct.selectors import linked_authors, settings_of
from moderation.actions import ActionRefused
from moderation.models import Author, Comment

ERASED_PREFIX = "erased-"

# Fields blanked on erasure and retention, per moderation model; fields a model does not have
# (yet) are skipped, so this keeps working while the moderation app grows.
COMMENT_BLANKS: dict[str, Any] = {
    "text": "",
    "previous_texts": [],
    "content_hash": "",
    "permalink": "",
    "reasons": [],
}
OWN_REPLY_BLANKS: dict[str, Any] = {"text": "", "previous_texts": [], "content_hash": ""}
ACTION_BLANKS: dict[str, Any] = {"text": "", "reason": ""}
EVIDENCE_BLANKS: dict[str, Any] = {
    "text": "",
    "author_name": "",
    "author_remote_id": "",
    "permalink": "",
    "image_png": b"",
    "screenshot": None,
}
ESCALATION_BLANKS: dict[str, Any] = {"question": "", "answer": ""}
FOLLOW_UP_BLANKS: dict[str, Any] = {"note": "", "outcome": ""}


# --- Export ------------------------------------------------------------------------------------


def export_author(author: Author) -> dict[str, Any]:
    """Everything stored on ``author`` (and the authors linked to the same person), as plain data."""
    authors = [author, *linked_authors(author)]
    author_ids = [a.pk for a in authors]
    comments = list(Comment.objects.filter(author_id__in=author_ids).order_by("published_at", "pk"))
    comment_ids = [c.pk for c in comments]
    strikes = (
        Strike.objects.filter(author_id__in=author_ids).select_related("article__code").order_by("created_at")
    )
    audit = AuditEvent.objects.filter(organisation_id=author.organisation_id).filter(
        Q(target_type="author", target_id__in=author_ids)
        | Q(target_type="comment", target_id__in=comment_ids)
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "organisation": author.organisation.name,
        "author": _row(author),
        "linked_authors": [_row(a) for a in authors[1:]],
        "comments": [_row(c) for c in comments],
        "replies_by_us": [_row(c) for c in Comment.objects.filter(parent_id__in=comment_ids, is_own=True)],
        "moderation_actions": _rows_of("ModerationAction", comment_id__in=comment_ids),
        "evidence": _rows_of("Evidence", comment_id__in=comment_ids),
        "escalations": _rows_of("Escalation", comment_id__in=comment_ids),
        "follow_ups": _rows_of("FollowUp", comment_id__in=comment_ids),
        "strikes": [{**_row(s), "article_citation": s.article.citation} for s in strikes],
        "appeals": [_row(a) for a in Appeal.objects.filter(strike__author_id__in=author_ids)],
        "block_proposals": [_row(p) for p in BlockProposal.objects.filter(author_id__in=author_ids)],
        "audit_events": [_row(e) for e in audit.order_by("created_at", "pk")],
    }


def _rows_of(model_name: str, **lookup: Any) -> list[dict[str, Any]]:
    model = _moderation_model(model_name)
    if model is None:
        return []
    return [_row(obj) for obj in model.objects.filter(**lookup).order_by("pk")]


def _row(obj: models.Model) -> dict[str, Any]:
    """Every concrete field of a row, JSON-ready (foreign keys as ids, bytes as base64)."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name.endswith("_encrypted"):
            continue
        row[field.attname] = _plain(getattr(obj, field.attname))
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


# --- Erasure -----------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_erase_author(author: Author, *, acting_user: Any) -> dict[str, int]:
    """Pseudonymise one author and blank everything they wrote or that quotes them."""
    author = Author.objects.select_for_update().get(pk=author.pk)
    if author.remote_id.startswith(ERASED_PREFIX):
        raise ActionRefused(_("This author was already erased."))
    comment_ids = list(Comment.objects.filter(author=author).values_list("pk", flat=True))
    counts = {
        "comments": _blank(Comment, COMMENT_BLANKS, pk__in=comment_ids),
        "replies_by_us": _blank(Comment, OWN_REPLY_BLANKS, parent_id__in=comment_ids, is_own=True),
        "moderation_actions": _blank("ModerationAction", ACTION_BLANKS, comment_id__in=comment_ids),
        "evidence": _blank("Evidence", EVIDENCE_BLANKS, comment_id__in=comment_ids),
        "escalations": _blank("Escalation", ESCALATION_BLANKS, comment_id__in=comment_ids),
        "follow_ups": _blank("FollowUp", FOLLOW_UP_BLANKS, comment_id__in=comment_ids),
        "strikes": Strike.objects.filter(author=author).update(reason="", revoke_reason=""),
        "appeals": Appeal.objects.filter(strike__author=author).update(grounds="", decision_note=""),
        "block_proposals": BlockProposal.objects.filter(author=author).update(note=""),
    }
    drafts = _moderation_model("ReplyDraft")
    if drafts is not None:
        counts["reply_drafts"] = drafts.objects.filter(comment_id__in=comment_ids).delete()[0]
    _unlink(author)
    pseudonym = f"{ERASED_PREFIX}{author.pk}"
    author.name = pseudonym
    author.remote_id = f"{ERASED_PREFIX}{uuid.uuid4().hex}"
    author.profile_url = ""
    author.notes = ""
    author.save(update_fields=["name", "remote_id", "profile_url", "notes"])
    record_event(
        author.organisation,
        actor=acting_user,
        verb="author.erased",
        target=author,
        summary=pseudonym,
        data={"author_id": author.pk, **counts},
    )
    return counts


def _unlink(author: Author) -> None:
    link = AuthorLink.objects.filter(author=author).select_related("person").first()
    if link is None:
        return
    person = link.person
    link.delete()
    if person.links.count() < 2:
        person.delete()


def _moderation_model(name: str) -> type[models.Model] | None:
    try:
        return apps.get_model("moderation", name)
    except LookupError:
        return None


def _blank(model: type[models.Model] | str, values: dict[str, Any], *conditions: Q, **lookup: Any) -> int:
    """Update only the fields the model has; return how many rows were touched."""
    if isinstance(model, str):
        found = _moderation_model(model)
        if found is None:
            return 0
        model = found
    names = {f.name: f for f in model._meta.concrete_fields}
    update = {
        name: value
        for name, value in values.items()
        if name in names and (value is not None or names[name].null)
    }
    if "updated_at" in names:
        update["updated_at"] = timezone.now()
    if not update:
        return 0
    return model.objects.filter(*conditions, **lookup).update(**update)


# --- Retention ---------------------------------------------------------------------------------


def do_apply_retention(*, now: datetime) -> int:
    """Delete strikes past each organisation's retention period; returns how many."""
    deleted = 0
    for organisation in Organisation.objects.all():
        with transaction.atomic():
            deleted += _delete_old_strikes(organisation, now=now)
    return deleted


def _delete_old_strikes(organisation: Organisation, *, now: datetime) -> int:
    retention_days = settings_of(organisation).retention_days
    cutoff = now - timedelta(days=retention_days)
    old = (
        Strike.objects.filter(organisation=organisation)
        .filter(Q(revoked_at__lt=cutoff) | Q(revoked_at__isnull=True, expires_at__lt=cutoff))
        .exclude(block_proposals__state=BlockProposal.State.PROPOSED)
        .exclude(appeals__state=Appeal.State.OPEN)
    )
    old_ids = list(old.values_list("pk", flat=True))
    if not old_ids:
        return 0
    Strike.objects.filter(pk__in=old_ids).delete()
    record_event(
        organisation,
        actor=None,
        verb="retention.strikes_deleted",
        summary=f"{len(old_ids)} strikes older than {retention_days} days after expiry",
        data={"count": len(old_ids), "cutoff": cutoff.isoformat()},
    )
    return len(old_ids)
