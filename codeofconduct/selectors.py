"""Reading the code of conduct in force and the strikes that count."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation
from codeofconduct.models import Article, BlockProposal, CodeOfConduct, Strike


def code_in_force(organisation: Organisation) -> CodeOfConduct | None:
    """The newest published version whose publication date has come."""
    return (
        CodeOfConduct.objects.filter(
            organisation=organisation, status=CodeOfConduct.Status.PUBLISHED, published_at__lte=timezone.now()
        )
        .order_by("-published_at", "-version")
        .first()
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


def active_strikes(organisation: Organisation, author_id: int) -> QuerySet[Strike]:
    now = timezone.now()
    return Strike.objects.filter(
        organisation=organisation, author_id=author_id, revoked_at__isnull=True, expires_at__gt=now
    ).select_related("article", "article__code", "issued_by")


def authors_with_strikes(organisation: Organisation):
    from django.db.models import Count, Max

    from moderation.models import Author

    now = timezone.now()
    active = Q(strikes__revoked_at__isnull=True, strikes__expires_at__gt=now, strikes__organisation=organisation)
    return (
        Author.objects.filter(organisation=organisation)
        .annotate(active_strikes=Count("strikes", filter=active), last_strike_at=Max("strikes__created_at"))
        .filter(active_strikes__gt=0)
        .order_by("-active_strikes", "-last_strike_at")
    )


def open_block_proposals(organisation: Organisation) -> QuerySet[BlockProposal]:
    return BlockProposal.objects.filter(
        organisation=organisation, state=BlockProposal.State.PROPOSED
    ).select_related("author", "proposed_by", "strike__article")
