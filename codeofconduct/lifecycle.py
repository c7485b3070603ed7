"""The life of a code of conduct version: draft -> approved -> published, and its review.

check_* refuse what a person asked with a user-facing reason (ActionRefused); do_* change state
and write the audit line in the same transaction. A published version is never edited: a change
starts as a new draft copied from it ("new draft from version N").
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Membership, Organisation
from accounts.permissions import Role
from codeofconduct.models import Article, CodeOfConduct, ConductSettings
from codeofconduct.selectors import open_draft
from moderation.actions import ActionRefused

DRAFT_FIELDS = (
    "title",
    "intro",
    "procedure",
    "warnings_before_block",
    "strike_validity_days",
    "appeal_contact",
)
ARTICLE_FIELDS = ("number", "title", "text", "kind", "categories")


def check_draft(code: CodeOfConduct) -> None:
    if code.status != CodeOfConduct.Status.DRAFT:
        raise ActionRefused(
            _("Version %(version)d is %(status)s and can no longer be changed; start a new draft from it.")
            % {"version": code.version, "status": code.get_status_display()}
        )


@transaction.atomic(durable=True)
def do_create_draft(source: CodeOfConduct, *, acting_user: Any) -> CodeOfConduct:
    """Version N+1 as a draft, a copy of ``source`` (a published version) and its articles."""
    organisation = source.organisation
    list(CodeOfConduct.objects.select_for_update().filter(organisation=organisation))  # one draft at a time
    source = CodeOfConduct.objects.get(pk=source.pk)
    if source.status != CodeOfConduct.Status.PUBLISHED:
        raise ActionRefused(_("A new draft starts from a published version."))
    pending = open_draft(organisation)
    if pending is not None:
        raise ActionRefused(
            _("Version %(version)d is still being prepared: publish or delete it first.")
            % {"version": pending.version}
        )
    latest = (
        CodeOfConduct.objects.filter(organisation=organisation).aggregate(latest=Max("version"))["latest"]
        or 0
    )
    draft = CodeOfConduct.objects.create(
        organisation=organisation,
        version=latest + 1,
        status=CodeOfConduct.Status.DRAFT,
        based_on=source,
        created_by=acting_user,
        **{name: getattr(source, name) for name in DRAFT_FIELDS},
    )
    Article.objects.bulk_create(
        Article(code=draft, **{name: getattr(article, name) for name in ARTICLE_FIELDS})
        for article in source.articles.order_by("number")
    )
    record_event(
        organisation,
        actor=acting_user,
        verb="code.draft_created",
        target=draft,
        summary=f"v{draft.version} from v{source.version}",
        data={"code_id": draft.pk, "version": draft.version, "based_on": source.version},
    )
    return draft


@transaction.atomic(durable=True)
def do_update_draft(code: CodeOfConduct, *, acting_user: Any, **values: Any) -> CodeOfConduct:
    code = CodeOfConduct.objects.select_for_update().get(pk=code.pk)
    check_draft(code)
    changed = [name for name in DRAFT_FIELDS if name in values and getattr(code, name) != values[name]]
    for name in changed:
        setattr(code, name, values[name])
    if changed:
        code.save(update_fields=changed)
        record_event(
            code.organisation,
            actor=acting_user,
            verb="code.draft_edited",
            target=code,
            summary=f"v{code.version}: {', '.join(changed)}",
            data={"code_id": code.pk, "fields": changed},
        )
    return code


def check_article(
    code: CodeOfConduct, *, number: int, categories: list[str], article: Article | None = None
) -> None:
    """Numbers are unique in a version, and each category is covered by one article at most."""
    check_draft(code)
    others = code.articles.exclude(pk=article.pk) if article is not None else code.articles.all()
    if others.filter(number=number).exists():
        raise ActionRefused(_("Article %(number)d already exists in this version.") % {"number": number})
    taken = {category: other.number for other in others for category in other.categories}
    clashes = sorted(category for category in categories if category in taken)
    if clashes:
        raise ActionRefused(
            _("These categories are already covered by another article: %(categories)s.")
            % {"categories": ", ".join(f"{c} (art. {taken[c]})" for c in clashes)}
        )


@transaction.atomic(durable=True)
def do_save_article(
    code: CodeOfConduct, *, acting_user: Any, article: Article | None = None, **values: Any
) -> Article:
    """Add an article to a draft, or change one of its articles."""
    code = CodeOfConduct.objects.select_for_update().get(pk=code.pk)
    if article is not None and article.code_id != code.pk:
        raise ActionRefused(_("This article belongs to another version."))
    check_article(
        code, number=values["number"], categories=list(values.get("categories", [])), article=article
    )
    target = article or Article(code=code)
    for name in ARTICLE_FIELDS:
        if name in values:
            setattr(target, name, list(values[name]) if name == "categories" else values[name])
    target.save()
    record_event(
        code.organisation,
        actor=acting_user,
        verb="code.article_saved" if article is not None else "code.article_added",
        target=code,
        summary=f"v{code.version} art. {target.number} {target.title}",
        data={"code_id": code.pk, "article_id": target.pk},
    )
    return target


@transaction.atomic(durable=True)
def do_delete_article(article: Article, *, acting_user: Any) -> None:
    code = CodeOfConduct.objects.select_for_update().get(pk=article.code_id)
    check_draft(code)
    summary = f"v{code.version} art. {article.number} {article.title}"
    article.delete()
    record_event(
        code.organisation, actor=acting_user, verb="code.article_deleted", target=code, summary=summary
    )


@transaction.atomic(durable=True)
def do_delete_draft(code: CodeOfConduct, *, acting_user: Any) -> None:
    code = CodeOfConduct.objects.select_for_update().get(pk=code.pk)
    check_draft(code)
    organisation, version, code_id = code.organisation, code.version, code.pk
    code.articles.all().delete()
    code.delete()
    record_event(
        organisation,
        actor=acting_user,
        verb="code.draft_deleted",
        summary=f"v{version}",
        data={"code_id": code_id, "version": version},
    )


def check_approval(
    code: CodeOfConduct,
    *,
    college_approved_on: date | None,
    mat_approved_on: date | None,
    reference: str,
    today: date,
) -> None:
    check_draft(code)
    if not code.articles.exists():
        raise ActionRefused(_("A code of conduct needs at least one article."))
    if college_approved_on is None or mat_approved_on is None:
        raise ActionRefused(
            _("Give the dates on which the college and the management team approved this version.")
        )
    if college_approved_on > today or mat_approved_on > today:
        raise ActionRefused(_("An approval date cannot lie in the future."))
    if not reference.strip():
        raise ActionRefused(_("Give the reference of the college decision."))


@transaction.atomic(durable=True)
def do_approve_code(
    code: CodeOfConduct,
    *,
    acting_user: Any,
    college_approved_on: date | None,
    mat_approved_on: date | None,
    reference: str,
) -> CodeOfConduct:
    """Record the approval by the college and the MAT; from now on the text is frozen."""
    code = CodeOfConduct.objects.select_for_update().get(pk=code.pk)
    check_approval(
        code,
        college_approved_on=college_approved_on,
        mat_approved_on=mat_approved_on,
        reference=reference,
        today=timezone.localdate(),
    )
    code.college_approved_on = college_approved_on
    code.mat_approved_on = mat_approved_on
    code.approval_reference = reference.strip()
    code.approved_at = timezone.now()
    code.approved_by = acting_user
    code.status = CodeOfConduct.Status.APPROVED
    code.save()
    record_event(
        code.organisation,
        actor=acting_user,
        verb="code.approved",
        target=code,
        summary=f"v{code.version}: {code.approval_reference}",
        data={
            "code_id": code.pk,
            "version": code.version,
            "college_approved_on": college_approved_on.isoformat(),
            "mat_approved_on": mat_approved_on.isoformat(),
            "reference": code.approval_reference,
        },
    )
    return code


def effective_moment(effective_on: date, *, now: datetime) -> datetime:
    """Today means now; a later day means that day's start, local time."""
    if effective_on <= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(effective_on, datetime.min.time()))


@transaction.atomic(durable=True)
def do_publish_code(code: CodeOfConduct, *, acting_user: Any, effective_on: date) -> CodeOfConduct:
    """Publish an approved version; it is in force from ``effective_on`` (today or later)."""
    list(CodeOfConduct.objects.select_for_update().filter(organisation_id=code.organisation_id))
    code = CodeOfConduct.objects.get(pk=code.pk)
    if code.status != CodeOfConduct.Status.APPROVED:
        raise ActionRefused(
            _("Only a version approved by the college and the management team can be published.")
        )
    now = timezone.now()
    if effective_on < timezone.localdate(now):
        raise ActionRefused(_("A version cannot come into force in the past."))
    effective_at = effective_moment(effective_on, now=now)
    latest = CodeOfConduct.objects.filter(
        organisation_id=code.organisation_id, status=CodeOfConduct.Status.PUBLISHED
    ).aggregate(latest=Max("published_at"))["latest"]
    if latest is not None and effective_at < latest:
        raise ActionRefused(
            _("An earlier version comes into force on %(date)s; this one cannot come into force before it.")
            % {"date": timezone.localtime(latest).date().isoformat()}
        )
    code.status = CodeOfConduct.Status.PUBLISHED
    code.published_at = effective_at
    code.published_by = acting_user
    code.save(update_fields=["status", "published_at", "published_by"])
    record_event(
        code.organisation,
        actor=acting_user,
        verb="code.published",
        target=code,
        summary=f"v{code.version} in force from {timezone.localtime(effective_at):%Y-%m-%d %H:%M}",
        data={"code_id": code.pk, "version": code.version, "published_at": effective_at.isoformat()},
    )
    return code


@transaction.atomic(durable=True)
def do_set_review(
    organisation: Organisation,
    *,
    acting_user: Any,
    review_due_on: date | None,
    review_note: str = "",
    retention_days: int | None = None,
) -> ConductSettings:
    conduct_settings, _created = ConductSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if conduct_settings.review_due_on != review_due_on:
        conduct_settings.review_reminded_for = None
    conduct_settings.review_due_on = review_due_on
    conduct_settings.review_note = review_note.strip()
    if retention_days is not None:
        conduct_settings.retention_days = retention_days
    conduct_settings.save()
    record_event(
        organisation,
        actor=acting_user,
        verb="code.review_scheduled",
        summary=review_due_on.isoformat() if review_due_on else "-",
        reason=conduct_settings.review_note,
        data={
            "review_due_on": review_due_on.isoformat() if review_due_on else None,
            "retention_days": conduct_settings.retention_days,
        },
    )
    return conduct_settings


def do_remind_due_reviews(*, today: date) -> int:
    """Once per due date: log the reminder and mail the organisation's admins. Returns how many."""
    reminded = 0
    due = ConductSettings.objects.filter(review_due_on__lte=today).select_related("organisation")
    for conduct_settings in due:
        if conduct_settings.review_reminded_for == conduct_settings.review_due_on:
            continue
        with transaction.atomic():
            locked = ConductSettings.objects.select_for_update().get(pk=conduct_settings.pk)
            if locked.review_due_on is None or locked.review_reminded_for == locked.review_due_on:
                continue
            locked.review_reminded_for = locked.review_due_on
            locked.save(update_fields=["review_reminded_for"])
            record_event(
                conduct_settings.organisation,
                actor=None,
                verb="code.review_due",
                summary=locked.review_due_on.isoformat(),
                reason=locked.review_note,
            )
            transaction.on_commit(partial(_mail_admins, conduct_settings.organisation, locked))
        reminded += 1
    return reminded


def _mail_admins(organisation: Organisation, conduct_settings: ConductSettings) -> None:
    recipients = list(
        Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The code of conduct of %(organisation)s is due for review") % {
            "organisation": organisation.name
        }
        body = _(
            "The review of the code of conduct was planned for %(date)s. %(note)s\n\n"
            "Start a new draft, have the college and the management team approve it, and publish it: %(path)s"
        ) % {
            "date": conduct_settings.review_due_on.isoformat(),
            "note": conduct_settings.review_note,
            "path": reverse("codeofconduct:manage"),
        }
    send_mail(subject, body, None, recipients, fail_silently=True)
