"""Selectors for the inbox and the comment page: read-only querysets, always per organisation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import Any

from django.core.cache import cache
from django.db import connections
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone

from accounts.models import Organisation
from moderation.models import (
    Category,
    Comment,
    Conduct,
    Escalation,
    FollowUp,
    ModerationAction,
    PlatformConnection,
    Sentiment,
)
from moderation.platforms.registry import KIND_CHOICES
from moderation.search import matching_text

# Rows per page: a screenful or two of triage; keyset paging brings the next ones as fast.
PAGE_SIZE = 30
# Seconds a set of filter counts may be reused while no comment changed (due follow-ups move with the clock).
COUNTS_TTL = 30
# Facet counts stop at this number ("500+"), so they cost the same at 10k and at 1M comments.
COUNT_CAP = 500
QUEUES = ("new", "review", "mine", "waiting", "followup", "handled", "all")
SORTS = ("time", "priority")


@dataclass(frozen=True)
class InboxFilters:
    queue: str = "new"
    sort: str = "time"
    sentiment: str = ""
    category: str = ""
    conduct: str = ""
    platform: str = ""
    connection: str = ""
    post: str = ""
    author: str = ""
    assignee: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The active filters except the search text, for the search form."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "q" and getattr(self, f.name)]

    def as_query(self, **overrides: str) -> str:
        values = {f.name: getattr(self, f.name) for f in fields(self)} | overrides
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value and not (key == "queue" and value == "new") and not (key == "sort" and value == "time"):
                query[key] = value
        return query.urlencode()


def post_filter_prefix(filters: InboxFilters) -> str:
    """The query string that, with ``post=<id>`` appended, narrows these filters to one post."""
    query = filters.as_query(post="", cursor="")
    return f"{query}&" if query else ""


def _valid_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        return ""
    return value


def parse_filters(params: QueryDict) -> InboxFilters:
    """Unknown values are dropped, never passed to the database."""

    def pick(name: str, allowed: set[str] | tuple[str, ...]) -> str:
        value = params.get(name, "")
        return value if value in allowed else ""

    def digits(name: str) -> str:
        value = params.get(name, "")
        return value if value.isdigit() and len(value) < 19 else ""

    assignee = params.get("assignee", "")
    return InboxFilters(
        queue=pick("queue", QUEUES) or "new",
        sort=pick("sort", SORTS) or "time",
        sentiment=pick("sentiment", set(Sentiment.values)),
        category=pick("category", set(Category.values)),
        conduct=pick("conduct", set(Conduct.values)),
        platform=pick("platform", {kind for kind, _label in KIND_CHOICES}),
        connection=digits("connection"),
        post=digits("post"),
        author=digits("author"),
        assignee="none" if assignee == "none" else digits("assignee"),
        date_from=_valid_date(params.get("date_from", "")),
        date_to=_valid_date(params.get("date_to", "")),
        q=params.get("q", "").strip()[:200],
    )


def organisation_comments(organisation: Organisation) -> QuerySet[Comment]:
    return Comment.objects.filter(organisation=organisation, is_own=False)


def _waiting_on_department() -> Exists:
    return Exists(Escalation.objects.filter(comment=OuterRef("pk"), answered_at__isnull=True))


def _waiting_ids() -> QuerySet:
    # Start from the small table: "which comments wait" must not scan every comment.
    return Escalation.objects.filter(answered_at__isnull=True).values("comment_id")


def _follow_up_due_ids(now: datetime) -> QuerySet:
    return FollowUp.objects.filter(due_at__lte=now, done_at__isnull=True).values("comment_id")


def _apply_queue(queryset: QuerySet[Comment], queue: str, *, user: Any) -> QuerySet[Comment]:
    now = timezone.now()
    if queue == "new":
        return queryset.filter(status=Comment.Status.OPEN).exclude(_waiting_on_department())
    if queue == "review":
        return queryset.filter(status=Comment.Status.OPEN, needs_review=True)
    if queue == "mine":
        return queryset.filter(status=Comment.Status.OPEN, assigned_to=user)
    if queue == "waiting":
        return queryset.filter(pk__in=_waiting_ids())
    if queue == "followup":
        return queryset.filter(pk__in=_follow_up_due_ids(now))
    if queue == "handled":
        return queryset.filter(status=Comment.Status.HANDLED)
    return queryset


def _day_bounds(value: str, *, end: bool) -> datetime:
    day = date.fromisoformat(value)
    moment = datetime.combine(day, time.max if end else time.min)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def _apply(organisation: Organisation, filters: InboxFilters, *, user: Any, skip: str = "") -> QuerySet[Comment]:
    """The organisation's comments narrowed by the filters (all but ``skip``)."""
    queryset = organisation_comments(organisation)
    if skip != "queue":
        queryset = _apply_queue(queryset, filters.queue, user=user)
    for name in ("sentiment", "category", "conduct"):
        value = getattr(filters, name)
        if value and skip != name:
            queryset = queryset.filter(**{name: value})
    if filters.platform and skip != "platform":
        queryset = queryset.filter(connection__kind=filters.platform)
    if filters.connection and skip != "connection":
        queryset = queryset.filter(connection_id=int(filters.connection))
    if filters.post:
        queryset = queryset.filter(post_id=int(filters.post))
    if filters.author:
        queryset = queryset.filter(author_id=int(filters.author))
    if filters.assignee == "none":
        queryset = queryset.filter(assigned_to__isnull=True)
    elif filters.assignee:
        queryset = queryset.filter(assigned_to_id=int(filters.assignee))
    if filters.date_from:
        queryset = queryset.filter(published_at__gte=_day_bounds(filters.date_from, end=False))
    if filters.date_to:
        queryset = queryset.filter(published_at__lte=_day_bounds(filters.date_to, end=True))
    if filters.q:
        queryset = matching_text(queryset, filters.q, organisation=organisation)
    return queryset


def inbox_comments(
    organisation: Organisation,
    filters: InboxFilters,
    *,
    user: Any,
    cursor: Comment | None = None,
    after_id: int | None = None,
) -> QuerySet[Comment]:
    """One page of the inbox, keyset-paginated so page 500 costs what page 1 costs.

    By time: newest first on (published_at, id). By priority: criminal first, then questions
    and reports, then the rest, each band longest-waiting first on (priority, published_at, id).
    """
    queryset = _apply(organisation, filters, user=user)
    if cursor is not None:
        if filters.sort == "priority":
            queryset = queryset.filter(
                Q(priority__gt=cursor.priority)
                | Q(priority=cursor.priority, published_at__gt=cursor.published_at)
                | Q(priority=cursor.priority, published_at=cursor.published_at, id__gt=cursor.id)
            )
        else:
            queryset = queryset.filter(
                Q(published_at__lt=cursor.published_at) | Q(published_at=cursor.published_at, id__lt=cursor.id)
            )
    if after_id is not None:
        queryset = queryset.filter(id__gt=after_id)
    pending = Exists(ModerationAction.objects.filter(comment=OuterRef("pk"), state=ModerationAction.State.PENDING))
    ordering = ("priority", "published_at", "id") if filters.sort == "priority" else ("-published_at", "-id")
    return (
        queryset.select_related("author", "post", "connection", "assigned_to", "organisation")
        .annotate(pending_actions=pending)
        .order_by(*ordering)
    )


# Facet name -> the comment field it counts.
FACET_FIELDS = {
    "sentiment": "sentiment",
    "category": "category",
    "conduct": "conduct",
    "platform": "connection__kind",
    "connection": "connection_id",
}


def _capped_tallies(queryset: QuerySet[Comment], facets: dict[str, str]) -> dict[str, dict[str, int]]:
    """Per facet, how many of the first COUNT_CAP + 1 matching rows have each value.

    One statement: the bounded sample is taken once and the database groups it per facet,
    so the tallies send a handful of rows, not a thousand per facet.
    """
    if not facets:
        return {}
    aliases = {name: f"tally_{name}" for name in facets}
    sample = (
        queryset.order_by()
        .annotate(**{aliases[name]: F(field) for name, field in facets.items()})
        .values_list(*aliases.values())[: COUNT_CAP + 1]
    )
    sample_sql, params = sample.query.sql_with_params()
    groups = " UNION ALL ".join(
        f"SELECT '{name}', CAST({alias} AS TEXT), COUNT(*) FROM sample GROUP BY {alias}" for name, alias in aliases.items()
    )
    tallies: dict[str, dict[str, int]] = {name: {} for name in facets}
    with connections[sample.db].cursor() as cursor:
        cursor.execute(f"WITH sample AS ({sample_sql}) {groups}", params)
        for name, value, count in cursor.fetchall():
            tallies[name][str(value)] = count
    return tallies


def _capped_counts(querysets: dict[str, QuerySet[Comment]]) -> dict[str, int]:
    """How many rows each queryset has, counting no further than COUNT_CAP + 1; one statement for all."""
    parts, params, db = [], [], "default"
    for queryset in querysets.values():
        bounded = queryset.order_by().values("pk")[: COUNT_CAP + 1]
        sql, part_params = bounded.query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS bounded)")
        params.extend(part_params)
        db = bounded.db
    with connections[db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def filter_counts(organisation: Organisation, filters: InboxFilters, *, user: Any) -> dict[str, dict[str, int]]:
    """For each facet, how many comments each value would show with the other filters kept.

    Counts are capped at COUNT_CAP (shown as "500+"): a triage screen needs "many", not an
    exact figure, and a bounded count keeps the inbox as fast at a million comments as at ten
    thousand. They are cached until a comment of the organisation changes (or COUNTS_TTL
    passes, for queues that move with the clock), so the live poll of fifty users and the
    next page of one of them do not count again what nobody changed.
    """
    key = _counts_key(organisation, filters, user)
    counts = cache.get(key)
    if counts is None:
        counts = _count_facets(organisation, filters, user=user)
        cache.set(key, counts, COUNTS_TTL)
    return counts


def _counts_key(organisation: Organisation, filters: InboxFilters, user: Any) -> str:
    stamp = Comment.objects.filter(organisation=organisation).aggregate(newest=Max("id"), changed=Max("updated_at"))
    waiting = Escalation.objects.filter(organisation=organisation).aggregate(newest=Max("id"), answered=Max("answered_at"))
    changed = stamp["changed"].timestamp() if stamp["changed"] else 0
    answered = waiting["answered"].timestamp() if waiting["answered"] else 0
    query = hashlib.sha256(filters.as_query(cursor="").encode()).hexdigest()[:32]
    user_id = getattr(user, "pk", None) or 0
    return f"inbox-counts:{organisation.pk}:{user_id}:{query}:{stamp['newest']}:{changed}:{waiting['newest']}:{answered}"


def _count_facets(organisation: Organisation, filters: InboxFilters, *, user: Any) -> dict[str, dict[str, int]]:
    queue_qs = _apply(organisation, filters, user=user, skip="queue")
    counts: dict[str, dict[str, int]] = {
        "queue": _capped_counts({queue: _apply_queue(queue_qs, queue, user=user) for queue in QUEUES})
    }
    # A facet without its own filter counts the same rows as the list: those share one sample.
    unfiltered = {name: field for name, field in FACET_FIELDS.items() if not getattr(filters, name)}
    counts |= _capped_tallies(_apply(organisation, filters, user=user), unfiltered)
    for name, field in FACET_FIELDS.items():
        if name not in unfiltered:
            counts |= _capped_tallies(_apply(organisation, filters, user=user, skip=name), {name: field})
    return counts


def comment_for(organisation: Organisation, comment_id: int) -> Comment:
    """404 for another organisation's comment: never say whether it exists."""
    comment = (
        Comment.objects.filter(organisation=organisation, pk=comment_id)
        .select_related("author", "post", "connection", "parent", "handled_by", "assigned_to")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def comments_for(organisation: Organisation, ids: list[int]) -> QuerySet[Comment]:
    return organisation_comments(organisation).filter(pk__in=ids)


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
    return comment.actions.select_related("acting_user", "article__code", "approved_by").order_by("created_at", "id")


def connections_of(organisation: Organisation) -> QuerySet[PlatformConnection]:
    return PlatformConnection.objects.filter(organisation=organisation).order_by("name")


def has_pending_actions(comment: Comment) -> bool:
    return comment.actions.filter(state=ModerationAction.State.PENDING).exists()


def newest_id(organisation: Organisation) -> int:
    latest: Any = organisation_comments(organisation).order_by("-id").values_list("id", flat=True).first()
    return latest or 0


def changed_since(organisation: Organisation, since: datetime, ids: list[int]) -> QuerySet[Comment]:
    """Comments on the user's screen that changed since the last poll (hidden, handled, ...)."""
    pending = Exists(ModerationAction.objects.filter(comment=OuterRef("pk"), state=ModerationAction.State.PENDING))
    return (
        organisation_comments(organisation)
        .filter(pk__in=ids, updated_at__gt=since)
        .select_related("author", "post", "connection", "assigned_to", "organisation")
        .annotate(pending_actions=pending)
    )
