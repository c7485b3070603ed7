"""Reading the code of conduct in force, its versions, and the strikes that count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Organisation
from codeofconduct.diff import ArticleSnapshot, VersionSnapshot
from codeofconduct.models import (
    Appeal,
    Article,
    AuthorLink,
    BlockProposal,
    CodeOfConduct,
    ConductSettings,
    Strike,
)

RECENT_EXPIRY_DAYS = 30


# --- The code ------------------------------------------------------------------------------


def code_in_force(organisation: Organisation) -> CodeOfConduct | None:
    """The newest published version whose publication date has come."""
    return (
        CodeOfConduct.objects.filter(
            organisation=organisation, status=CodeOfConduct.Status.PUBLISHED, published_at__lte=timezone.now()
        )
        .order_by("-published_at", "-version")
        .first()
    )


def published_versions(organisation: Organisation) -> QuerySet[CodeOfConduct]:
    """Every published version, newest first, including one scheduled for a later date."""
    return CodeOfConduct.objects.filter(
        organisation=organisation, status=CodeOfConduct.Status.PUBLISHED
    ).order_by("-version")


def published_version(organisation: Organisation, version: int) -> CodeOfConduct | None:
    return published_versions(organisation).filter(version=version).first()


def versions_of(organisation: Organisation) -> QuerySet[CodeOfConduct]:
    return (
        CodeOfConduct.objects.filter(organisation=organisation)
        .select_related("approved_by", "published_by", "based_on")
        .order_by("-version")
    )


def code_for(organisation: Organisation, code_id: int) -> CodeOfConduct | None:
    return CodeOfConduct.objects.filter(organisation=organisation, pk=code_id).first()


def open_draft(organisation: Organisation) -> CodeOfConduct | None:
    """The version being prepared (draft or approved, not yet published), if any."""
    return (
        CodeOfConduct.objects.filter(organisation=organisation)
        .exclude(status=CodeOfConduct.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )


def snapshot_of(code: CodeOfConduct) -> VersionSnapshot:
    """A plain copy of a version for the pure diff."""
    return VersionSnapshot(
        version=code.version,
        title=code.title,
        intro=code.intro,
        procedure=code.procedure,
        warnings_before_block=code.warnings_before_block,
        strike_validity_days=code.strike_validity_days,
        appeal_contact=code.appeal_contact,
        articles=tuple(
            ArticleSnapshot(
                number=a.number, title=a.title, text=a.text, kind=a.kind, categories=tuple(a.categories)
            )
            for a in code.articles.order_by("number")
        ),
    )


def article_kinds(code: CodeOfConduct | None) -> dict[str, str]:
    """category -> article kind, as the published code says."""
    if code is None:
        return {}
    return {category: article.kind for article in code.articles.all() for category in article.categories}


def article_for_category(code: CodeOfConduct | None, category: str) -> Article | None:
    if code is None:
        return None
    for article in code.articles.all():
        if category in article.categories:
            return article
    return None


def settings_of(organisation: Organisation) -> ConductSettings:
    """The organisation's review and retention settings (defaults until an admin saves them)."""
    found = ConductSettings.objects.filter(organisation=organisation).first()
    return found or ConductSettings(organisation=organisation)


def review_is_due(settings: ConductSettings, *, today: date) -> bool:
    return settings.review_due_on is not None and settings.review_due_on <= today


# --- Authors and persons ---------------------------------------------------------------------


def linked_author_ids(author_id: int) -> QuerySet[AuthorLink]:
    """Ids of every author linked to the same person as ``author_id`` (itself included)."""
    return AuthorLink.objects.filter(person__links__author_id=author_id).values("author_id")


def linked_authors(author: Any) -> QuerySet[Any]:
    """The other platform authors a lead linked to the same person as ``author``."""
    from moderation.models import Author

    return (
        Author.objects.filter(pk__in=linked_author_ids(author.pk), organisation_id=author.organisation_id)
        .exclude(pk=author.pk)
        .order_by("platform", "name")
    )


def author_for(organisation: Organisation, author_id: int) -> Any | None:
    from moderation.models import Author

    return (
        Author.objects.filter(organisation=organisation, pk=author_id).select_related("conduct_link").first()
    )


def search_authors(
    organisation: Organisation, query: str, *, exclude_id: int, limit: int = 20
) -> QuerySet[Any]:
    from moderation.models import Author

    query = query.strip()
    if len(query) < 2:
        return Author.objects.none()
    return (
        Author.objects.filter(organisation=organisation)
        .filter(Q(name__icontains=query) | Q(remote_id=query))
        .exclude(pk=exclude_id)
        .order_by("name")[:limit]
    )


# --- Strikes -------------------------------------------------------------------------------


def _active(now: datetime) -> Q:
    return Q(revoked_at__isnull=True, expires_at__gt=now)


def active_strikes(organisation: Organisation, author_id: int) -> QuerySet[Strike]:
    """Strikes that count now for this author and every author linked to the same person."""
    now = timezone.now()
    return (
        Strike.objects.filter(organisation=organisation)
        .filter(Q(author_id=author_id) | Q(author_id__in=linked_author_ids(author_id)))
        .filter(_active(now))
        .select_related("article", "article__code", "issued_by")
    )


def strikes_of(organisation: Organisation, author: Any) -> QuerySet[Strike]:
    """All strikes of the person behind ``author`` (active, expired and revoked), newest first."""
    return (
        Strike.objects.filter(organisation=organisation)
        .filter(Q(author_id=author.pk) | Q(author_id__in=linked_author_ids(author.pk)))
        .select_related("author", "article", "article__code", "issued_by", "revoked_by", "comment")
        .prefetch_related("appeals")
        .order_by("-created_at")
    )


def strike_for(organisation: Organisation, strike_id: int) -> Strike | None:
    return Strike.objects.filter(organisation=organisation, pk=strike_id).select_related("author").first()


def appeal_for(organisation: Organisation, appeal_id: int) -> Appeal | None:
    return (
        Appeal.objects.filter(organisation=organisation, pk=appeal_id)
        .select_related("strike__author")
        .first()
    )


def authors_with_strikes(organisation: Organisation) -> QuerySet[Any]:
    """Authors with active strikes; ``active_strikes`` counts the whole linked person."""
    from moderation.models import Author

    now = timezone.now()
    own = Q(strikes__revoked_at__isnull=True, strikes__expires_at__gt=now, strikes__organisation=organisation)
    person_count = (
        Strike.objects.filter(
            organisation=organisation, author__conduct_link__person=OuterRef("conduct_link__person")
        )
        .filter(_active(now))
        .order_by()
        .values("organisation")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        Author.objects.filter(organisation=organisation)
        .annotate(
            own_active=Count("strikes", filter=own),
            active_strikes=Coalesce(Subquery(person_count), Count("strikes", filter=own)),
            last_strike_at=Max("strikes__created_at"),
        )
        .filter(active_strikes__gt=0)
        .select_related("conduct_link")
        .order_by("-active_strikes", "-last_strike_at")
    )


@dataclass
class RegisterRow:
    """One person (or one unlinked author) in the strike register."""

    authors: list[Any] = field(default_factory=list)
    active_strikes: int = 0
    last_strike_at: datetime | None = None
    person_id: int | None = None

    @property
    def main(self) -> Any:
        return self.authors[0]


def register_rows(organisation: Organisation, *, limit: int = 200) -> list[RegisterRow]:
    """Authors by active strikes, linked authors grouped as one row."""
    rows: dict[Any, RegisterRow] = {}
    for author in authors_with_strikes(organisation)[: limit * 3]:
        link = getattr(author, "conduct_link", None)
        key = ("person", link.person_id) if link else ("author", author.pk)
        row = rows.setdefault(key, RegisterRow(person_id=link.person_id if link else None))
        row.authors.append(author)
        row.active_strikes = author.active_strikes
        if row.last_strike_at is None or (
            author.last_strike_at and author.last_strike_at > row.last_strike_at
        ):
            row.last_strike_at = author.last_strike_at
    ordered = sorted(
        rows.values(),
        key=lambda r: (r.active_strikes, r.last_strike_at.timestamp() if r.last_strike_at else 0.0),
        reverse=True,
    )
    return ordered[:limit]


def recent_expiries(organisation: Organisation, *, days: int = RECENT_EXPIRY_DAYS) -> QuerySet[Strike]:
    now = timezone.now()
    return (
        Strike.objects.filter(
            organisation=organisation,
            revoked_at__isnull=True,
            expires_at__lte=now,
            expires_at__gt=now - timedelta(days=days),
        )
        .select_related("author", "article", "article__code")
        .order_by("-expires_at")
    )


def open_block_proposals(organisation: Organisation) -> QuerySet[BlockProposal]:
    return BlockProposal.objects.filter(
        organisation=organisation, state=BlockProposal.State.PROPOSED
    ).select_related("author", "proposed_by", "strike__article", "strike__article__code")


def open_appeals(organisation: Organisation) -> QuerySet[Appeal]:
    return Appeal.objects.filter(organisation=organisation, state=Appeal.State.OPEN).select_related(
        "strike__author", "strike__article", "strike__article__code", "recorded_by"
    )


def all_strikes(organisation: Organisation) -> QuerySet[Strike]:
    """Every strike of the organisation for the CSV export, oldest first."""
    return (
        Strike.objects.filter(organisation=organisation)
        .select_related(
            "author", "author__conduct_link", "article", "article__code", "issued_by", "revoked_by"
        )
        .order_by("created_at", "pk")
    )
