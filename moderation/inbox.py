"""Selectors for the inbox and the comment page: read-only querysets, always per organisation."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, QueryDict

from accounts.models import Organisation
from moderation.models import Category, Comment, Conduct, ModerationAction, PlatformConnection, Sentiment
from moderation.platforms.registry import KIND_CHOICES

PAGE_SIZE = 50
# Facet counts stop at this number ("1000+"), so they cost the same at 10k and at 1M comments.
COUNT_CAP = 1000
STATUSES = {"open", "handled", "review", "all"}


@dataclass(frozen=True)
class InboxFilters:
    status: str = "open"
    sentiment: str = ""
    category: str = ""
    conduct: str = ""
    platform: str = ""
    connection: str = ""
    q: str = ""

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The active filters except the search text, for the search form."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "q" and getattr(self, f.name)]

    def as_query(self, **overrides: str) -> str:
        values = {f.name: getattr(self, f.name) for f in fields(self)} | overrides
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value:
                query[key] = value
        return query.urlencode()


def parse_filters(params: QueryDict) -> InboxFilters:
    """Unknown values are dropped, never passed to the database."""

    def pick(name: str, allowed: set[str]) -> str:
        value = params.get(name, "")
        return value if value in allowed else ""

    connection = params.get("connection", "")
    return InboxFilters(
        status=pick("status", STATUSES) or "open",
        sentiment=pick("sentiment", set(Sentiment.values)),
        category=pick("category", set(Category.values)),
        conduct=pick("conduct", set(Conduct.values)),
        platform=pick("platform", {kind for kind, _label in KIND_CHOICES}),
        connection=connection if connection.isdigit() else "",
        q=params.get("q", "")[:200],
    )


def organisation_comments(organisation: Organisation) -> QuerySet[Comment]:
    return Comment.objects.filter(organisation=organisation, is_own=False)


def _apply(queryset: QuerySet[Comment], filters: InboxFilters, *, skip: str = "") -> QuerySet[Comment]:
    if skip != "status":
        if filters.status == "open":
            queryset = queryset.filter(status=Comment.Status.OPEN)
        elif filters.status == "handled":
            queryset = queryset.filter(status=Comment.Status.HANDLED)
        elif filters.status == "review":
            queryset = queryset.filter(status=Comment.Status.OPEN, needs_review=True)
    for name in ("sentiment", "category", "conduct"):
        value = getattr(filters, name)
        if value and skip != name:
            queryset = queryset.filter(**{name: value})
    if filters.platform and skip != "platform":
        queryset = queryset.filter(connection__kind=filters.platform)
    if filters.connection and skip != "connection":
        queryset = queryset.filter(connection_id=int(filters.connection))
    if filters.q:
        queryset = queryset.filter(Q(text__icontains=filters.q) | Q(author__name__icontains=filters.q))
    return queryset


def inbox_comments(
    organisation: Organisation, filters: InboxFilters, *, before: Comment | None = None, after_id: int | None = None
) -> QuerySet[Comment]:
    """Newest first, keyset-paginated on (published_at, id) so a deep page is as cheap as the first."""
    queryset = _apply(organisation_comments(organisation), filters)
    if before is not None:
        queryset = queryset.filter(
            Q(published_at__lt=before.published_at) | Q(published_at=before.published_at, id__lt=before.id)
        )
    if after_id is not None:
        queryset = queryset.filter(id__gt=after_id)
    pending = Exists(ModerationAction.objects.filter(comment=OuterRef("pk"), state=ModerationAction.State.PENDING))
    return (
        queryset.select_related("author", "post", "connection")
        .annotate(pending_actions=pending)
        .order_by("-published_at", "-id")
    )


def _capped_tally(queryset: QuerySet[Comment], field: str) -> dict[str, int]:
    """How many of the first COUNT_CAP + 1 matching rows have each value of ``field``."""
    tally: dict[str, int] = {}
    for value in queryset.order_by().values_list(field, flat=True)[: COUNT_CAP + 1]:
        key = str(value)
        tally[key] = tally.get(key, 0) + 1
    return tally


def filter_counts(organisation: Organisation, filters: InboxFilters) -> dict[str, dict[str, int]]:
    """For each facet, how many comments each value would show with the other filters kept.

    Counts are capped at COUNT_CAP (shown as "1000+"): a triage screen needs "many", not an
    exact figure, and a bounded count keeps the inbox as fast at a million comments as at ten
    thousand.
    """
    base = organisation_comments(organisation)
    status_qs = _apply(base, filters, skip="status")
    counts: dict[str, dict[str, int]] = {
        "status": {
            "open": _capped_count(status_qs.filter(status=Comment.Status.OPEN)),
            "review": _capped_count(status_qs.filter(status=Comment.Status.OPEN, needs_review=True)),
            "handled": _capped_count(status_qs.filter(status=Comment.Status.HANDLED)),
            "all": _capped_count(status_qs),
        }
    }
    for facet in ("sentiment", "category", "conduct"):
        counts[facet] = _capped_tally(_apply(base, filters, skip=facet), facet)
    counts["platform"] = _capped_tally(_apply(base, filters, skip="platform"), "connection__kind")
    counts["connection"] = _capped_tally(_apply(base, filters, skip="connection"), "connection_id")
    return counts


def _capped_count(queryset: QuerySet[Comment]) -> int:
    return queryset.order_by().values("pk")[: COUNT_CAP + 1].count()


def comment_for(organisation: Organisation, comment_id: int) -> Comment:
    """404 for another organisation's comment: never say whether it exists."""
    comment = (
        Comment.objects.filter(organisation=organisation, pk=comment_id)
        .select_related("author", "post", "connection", "parent", "handled_by")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def thread_of(comment: Comment) -> list[Comment]:
    """The top-level comment and all its replies, oldest first."""
    root = comment
    seen = {root.pk}
    while root.parent_id is not None and root.parent_id not in seen:
        root = Comment.objects.select_related("author").get(pk=root.parent_id)
        seen.add(root.pk)
    replies = Comment.objects.filter(organisation=comment.organisation, parent=root).select_related("author")
    return [root, *replies.order_by("published_at", "id")]


def author_history(comment: Comment, *, limit: int = 10) -> QuerySet[Comment]:
    if comment.author_id is None:
        return Comment.objects.none()
    return (
        Comment.objects.filter(organisation=comment.organisation, author_id=comment.author_id)
        .exclude(pk=comment.pk)
        .select_related("post")
        .order_by("-published_at")[:limit]
    )


def actions_of(comment: Comment) -> QuerySet[ModerationAction]:
    return comment.actions.select_related("acting_user", "article__code").order_by("created_at", "id")


def connections_of(organisation: Organisation) -> QuerySet[PlatformConnection]:
    return PlatformConnection.objects.filter(organisation=organisation).order_by("name")


def has_pending_actions(comment: Comment) -> bool:
    return comment.actions.filter(state=ModerationAction.State.PENDING).exists()


def newest_id(organisation: Organisation) -> int:
    latest: Any = organisation_comments(organisation).order_by("-id").values_list("id", flat=True).first()
    return latest or 0
