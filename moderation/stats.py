"""The aggregate tables behind the insights page, recounted one whole local day at a time.

A day's rows are deleted and counted again from the comments inside one transaction. That is
idempotent, so the five-minute refresh (days whose comments changed since the last run) and the
nightly rollup (the last weeks, catching anything the first one missed) may overlap safely.
The organisation's ``InsightsRefresh`` row is locked first: two refreshes of one organisation
never interleave their deletes and inserts. Work is bounded: one GROUP BY per run of at most
``MAX_RUN_DAYS`` consecutive days, using the ``(organisation, -published_at)`` index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Min, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Organisation
from moderation.models import (
    Category,
    Comment,
    DailyAuthorStat,
    DailyCommentStat,
    DailyQuestionStat,
    InsightsRefresh,
    ModerationAction,
    MonthlyAuthorStat,
    MonthlyQuestionStat,
)

# A comment saved just before a refresh may commit just after the refresh read: look back this far.
OVERLAP = timedelta(minutes=5)
NIGHTLY_DAYS = 35
MAX_RUN_DAYS = 31
BATCH = 2_000
ANSWER_KINDS = (ModerationAction.Kind.REPLY, ModerationAction.Kind.PRIVATE_REPLY)


def local_zone(organisation: Organisation | None = None) -> ZoneInfo:
    """The organisation's time zone; every Flemish municipality lives in Europe/Brussels."""
    return ZoneInfo(settings.TIME_ZONE)


def local_today(organisation: Organisation | None = None, *, now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now(), local_zone(organisation))


def day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From local midnight starting ``first`` up to (not including) local midnight after ``last``."""
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


def day_runs(days: Iterable[date], *, longest: int = MAX_RUN_DAYS) -> list[tuple[date, date]]:
    """Consecutive days as (first, last) runs of at most ``longest`` days: one query per run."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + timedelta(days=1) == day and (day - runs[-1][0]).days < longest:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def months_touched(first: date, last: date) -> list[date]:
    """The first days of the calendar months that days first..last fall in."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = month_end(month) + timedelta(days=1)
    return months


def first_answer(*moments: datetime | None) -> datetime | None:
    """The earliest of the moments a question counts as answered; None when it never was."""
    known = [moment for moment in moments if moment is not None]
    return min(known) if known else None


def response_minutes(asked_at: datetime, answered_at: datetime) -> int:
    """Whole minutes from question to first answer (never negative: platform clocks differ)."""
    return max(0, int((answered_at - asked_at).total_seconds() // 60))


# --- Refreshing ---------------------------------------------------------------------------


def refresh_days(organisation: Organisation, *, days: Iterable[date]) -> int:
    """Recount these local days from the comments; returns the number of aggregate rows written."""
    _ensure_mark(organisation)
    written = 0
    for first, last in day_runs(days):
        with transaction.atomic():
            InsightsRefresh.objects.select_for_update().get(organisation=organisation)
            written += _recount(organisation, first, last)
    return written


def refresh_changed_days(organisation: Organisation, *, now: datetime | None = None) -> list[date]:
    """Recount the days whose comments changed since the last refresh (all days the first time)."""
    now = now or timezone.now()
    mark = _ensure_mark(organisation)
    if mark.refreshed_at is None:
        days = _all_comment_days(organisation)
    else:
        days = changed_days(organisation, since=mark.refreshed_at - OVERLAP)
    refresh_days(organisation, days=days)
    InsightsRefresh.objects.filter(pk=mark.pk).update(refreshed_at=now)
    return sorted(days)


def refresh_recent_days(
    organisation: Organisation, *, days: int = NIGHTLY_DAYS, now: datetime | None = None
) -> int:
    """The nightly rollup: recount the last ``days`` local days, whatever changed."""
    today = local_today(organisation, now=now)
    return refresh_days(organisation, days=[today - timedelta(days=back) for back in range(days)])


def changed_days(organisation: Organisation, *, since: datetime) -> set[date]:
    """Local days of comments saved since ``since``, and of the questions our new replies answer."""
    zone = local_zone(organisation)
    changed = Comment.objects.filter(organisation=organisation, updated_at__gte=since).order_by()
    days = set(
        changed.annotate(local_day=TruncDate("published_at", tzinfo=zone))
        .values_list("local_day", flat=True)
        .distinct()
    )
    answered = (
        changed.filter(is_own=True, parent__isnull=False)
        .annotate(local_day=TruncDate("parent__published_at", tzinfo=zone))
        .values_list("local_day", flat=True)
        .distinct()
    )
    return days | set(answered)


def _ensure_mark(organisation: Organisation) -> InsightsRefresh:
    try:
        with transaction.atomic():
            return InsightsRefresh.objects.get_or_create(organisation=organisation)[0]
    except IntegrityError:  # another refresh created it between our get and create
        return InsightsRefresh.objects.get(organisation=organisation)


def _all_comment_days(organisation: Organisation) -> list[date]:
    span = Comment.objects.filter(organisation=organisation).aggregate(
        first=Min("published_at"), last=Max("published_at")
    )
    if span["first"] is None:
        return []
    zone = local_zone(organisation)
    first, last = timezone.localdate(span["first"], zone), timezone.localdate(span["last"], zone)
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _recount(organisation: Organisation, first: date, last: date) -> int:
    """Replace the aggregate rows of days first..last (caller holds the organisation's lock)."""
    zone = local_zone(organisation)
    start, end = day_bounds(first, last, zone)
    comments = (
        Comment.objects.filter(
            organisation=organisation, is_own=False, published_at__gte=start, published_at__lt=end
        )
        .annotate(local_day=TruncDate("published_at", tzinfo=zone))
        .order_by()
    )
    for model in (DailyCommentStat, DailyAuthorStat, DailyQuestionStat):
        model.objects.filter(organisation=organisation, day__gte=first, day__lte=last).delete()
    comment_rows = [
        DailyCommentStat(
            organisation=organisation,
            day=row["local_day"],
            connection_id=row["connection_id"],
            post_id=row["post_id"],
            sentiment=row["sentiment"],
            category=row["category"],
            count=row["n"],
        )
        for row in comments.values("local_day", "connection_id", "post_id", "sentiment", "category").annotate(
            n=Count("id")
        )
    ]
    author_rows = [
        DailyAuthorStat(
            organisation=organisation,
            day=row["local_day"],
            connection_id=row["connection_id"],
            author_id=row["author_id"],
            count=row["n"],
        )
        for row in comments.filter(author__isnull=False)
        .values("local_day", "connection_id", "author_id")
        .annotate(n=Count("id"))
    ]
    question_rows = _question_rows(organisation, comments.filter(category=Category.QUESTION))
    DailyCommentStat.objects.bulk_create(comment_rows, batch_size=BATCH)
    DailyAuthorStat.objects.bulk_create(author_rows, batch_size=BATCH)
    DailyQuestionStat.objects.bulk_create(question_rows, batch_size=BATCH)
    for month in months_touched(first, last):
        _recount_month(organisation, month)
    return len(comment_rows) + len(author_rows) + len(question_rows)


def _recount_month(organisation: Organisation, month: date) -> None:
    """Sum the month's daily author and question rows into its monthly rows."""
    MonthlyAuthorStat.objects.filter(organisation=organisation, month=month).delete()
    MonthlyQuestionStat.objects.filter(organisation=organisation, month=month).delete()
    merged: dict[int, MonthlyQuestionStat] = {}
    daily_questions = DailyQuestionStat.objects.filter(
        organisation=organisation, day__gte=month, day__lte=month_end(month)
    )
    for connection_id, asked, answered, histogram in daily_questions.values_list(
        "connection_id", "asked", "answered", "response_minutes"
    ):
        row = merged.setdefault(
            connection_id,
            MonthlyQuestionStat(organisation=organisation, connection_id=connection_id, month=month),
        )
        row.asked += asked
        row.answered += answered
        for minutes, count in histogram.items():
            row.response_minutes[minutes] = row.response_minutes.get(minutes, 0) + count
    MonthlyQuestionStat.objects.bulk_create(merged.values())
    daily, monthly = DailyAuthorStat._meta.db_table, MonthlyAuthorStat._meta.db_table
    as_date = partial(DailyAuthorStat._meta.get_field("day").get_db_prep_value, connection=connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {monthly} (organisation_id, connection_id, author_id, month, count) "
            f"SELECT organisation_id, connection_id, author_id, %s, SUM(count) FROM {daily} "
            "WHERE organisation_id = %s AND day >= %s AND day <= %s GROUP BY organisation_id, connection_id, author_id",
            [as_date(month), organisation.pk, as_date(month), as_date(month_end(month))],
        )


def _question_rows(organisation: Organisation, questions: Any) -> list[DailyQuestionStat]:
    """Per day and connection: questions asked, answered, and a histogram of minutes to answer."""
    reply_done = (
        ModerationAction.objects.filter(
            comment=OuterRef("pk"),
            kind__in=ANSWER_KINDS,
            state=ModerationAction.State.DONE,
            completed_at__isnull=False,
        )
        .order_by("completed_at")
        .values("completed_at")[:1]
    )
    own_reply = (
        Comment.objects.filter(parent=OuterRef("pk"), is_own=True)
        .order_by("published_at")
        .values("published_at")[:1]
    )
    rows = questions.annotate(first_reply=Subquery(reply_done), first_own=Subquery(own_reply)).values_list(
        "local_day", "connection_id", "published_at", "handled_at", "first_reply", "first_own"
    )
    asked: Counter[tuple[date, int]] = Counter()
    minutes: dict[tuple[date, int], Counter[int]] = defaultdict(Counter)
    for day, connection_id, published_at, handled_at, first_reply, first_own in rows.iterator(
        chunk_size=BATCH
    ):
        key = (day, connection_id)
        asked[key] += 1
        answered_at = first_answer(first_reply, first_own, handled_at)
        if answered_at is not None:
            minutes[key][response_minutes(published_at, answered_at)] += 1
    return [
        DailyQuestionStat(
            organisation=organisation,
            day=day,
            connection_id=connection_id,
            asked=count,
            answered=sum(minutes[(day, connection_id)].values()),
            response_minutes={str(value): n for value, n in sorted(minutes[(day, connection_id)].items())},
        )
        for (day, connection_id), count in asked.items()
    ]
