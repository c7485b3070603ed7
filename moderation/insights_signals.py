"""Insights about answers and people: response times, the 90-9-1 share, strikes and blocks,
escalations, recurring topics.

Response times and authors come from the aggregate tables of ``moderation.stats``; strikes,
block proposals and escalations are read live from their own small tables (hundreds or
thousands of rows, not millions); topics from a capped sample of this week's comments.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from codeofconduct.models import BlockProposal, Strike
from moderation.charts import Bar, Series
from moderation.insights import (
    Insight,
    Period,
    bucket_label,
    bucket_start,
    first_column,
    histogram_percentile,
    hours_of,
    percent_of,
    percentile,
    period_buckets,
    shown,
    split_by_months,
    top_share,
)
from moderation.models import (
    Category,
    Comment,
    DailyAuthorStat,
    DailyQuestionStat,
    Escalation,
    MonthlyAuthorStat,
    MonthlyQuestionStat,
)
from moderation.stats import day_bounds, local_today, local_zone
from moderation.topics import recurring_topics as find_topics

TOPIC_SAMPLE = 2_000


def _any_of_days(ranges: list[tuple[date, date]]) -> Q:
    """Days in any of these (first, last) ranges; never called with no range (an empty Q matches all)."""
    days = Q()
    for first, last in ranges:
        days |= Q(day__gte=first, day__lte=last)
    return days


def _question_rows(organisation: Any, period: Period) -> list[tuple[date, int, int, dict[str, int]]]:
    """(day or month, asked, answered, histogram) rows; long periods read whole months from the monthly table."""
    months, edges = (
        split_by_months(period.first, period.last) if period.monthly else ([], [(period.first, period.last)])
    )
    parts = []
    if edges:
        parts.append(
            DailyQuestionStat.objects.filter(_any_of_days(edges), organisation=organisation).values_list(
                "day", "asked", "answered", "response_minutes"
            )
        )
    if months:
        parts.append(
            MonthlyQuestionStat.objects.filter(organisation=organisation, month__in=months).values_list(
                "month", "asked", "answered", "response_minutes"
            )
        )
    if period.connection_id:
        parts = [part.filter(connection_id=period.connection_id) for part in parts]
    return [row for part in parts for row in part.order_by()]


def response_times(organisation: Any, period: Period) -> Insight:
    target = organisation.question_target_hours
    asked: Counter[date] = Counter()
    answered: Counter[date] = Counter()
    within: Counter[date] = Counter()
    minutes: dict[date, Counter[int]] = defaultdict(Counter)
    overall: Counter[int] = Counter()
    for day, n_asked, n_answered, histogram in _question_rows(organisation, period):
        bucket = bucket_start(day, monthly=period.monthly)
        asked[bucket] += n_asked
        answered[bucket] += n_answered
        merged = minutes[bucket]
        for key, count in histogram.items():
            value = int(key)
            merged[value] += count
            overall[value] += count
            if value <= target * 60:
                within[bucket] += count
    buckets = period_buckets(period)
    rows = [
        [
            b,
            asked[b],
            answered[b],
            hours_of(histogram_percentile(minutes[b], 0.5)),
            hours_of(histogram_percentile(minutes[b], 0.9)),
            percent_of(within[b], answered[b]),
        ]
        for b in buckets
    ]
    median, p90 = hours_of(histogram_percentile(overall, 0.5)), hours_of(histogram_percentile(overall, 0.9))
    return Insight(
        key="response",
        title=_("Question response times"),
        description=_(
            "Hours from a question to its first answer (a reply, or marked handled), against the target."
        ),
        columns=[
            first_column(period),
            _("Questions"),
            _("Answered"),
            _("Median (h)"),
            _("p90 (h)"),
            _("Within target (%)"),
        ],
        rows=rows,
        chart="lines",
        labels=[bucket_label(b, period.monthly) for b in buckets],
        series=[
            Series(_("median"), [row[3] for row in rows], "#2f6fb2"),
            Series(_("p90"), [row[4] for row in rows], "#e0912f"),
        ],
        reference=(_("target"), float(target)),
        summary=[
            (_("Median"), f"{shown(median)} h" if median is not None else "–"),
            (_("p90"), f"{shown(p90)} h" if p90 is not None else "–"),
            (_("Target"), f"{target} h"),
            (
                _("Answered within target"),
                f"{shown(percent_of(sum(within.values()), sum(answered.values())))} %" if overall else "–",
            ),
            (_("Not answered yet"), str(sum(asked.values()) - sum(answered.values()))),
        ],
    )


def participation(organisation: Any, period: Period) -> Insight:
    counts = _author_totals(organisation, period)
    top1, top10 = top_share(counts, 1), top_share(counts, 10)
    everyone, total = len(counts), sum(counts)
    groups = [
        (_("Most active 1 %"), top1.authors, top1.comments),
        (_("Next 9 %"), top10.authors - top1.authors, top10.comments - top1.comments),
        (_("Other 90 %"), everyone - top10.authors, total - top10.comments),
    ]
    rows = [[name, authors, comments, percent_of(comments, total)] for name, authors, comments in groups]
    rows.append([_("All authors"), everyone, total, 100.0 if total else None])
    return Insight(
        key="participation",
        title=_("Share of comments by the most active authors"),
        description=_(
            "The 90-9-1 rule: in most online communities a few people write most comments. "
            "Keep it in mind when negativity seems to dominate."
        ),
        columns=[_("Authors"), _("Number of authors"), _("Comments"), _("Share of comments (%)")],
        rows=rows,
        chart="bars",
        bars=[Bar(row[0], row[3] or 0, f"{shown(row[3] or 0)} % ({row[1]})") for row in rows[:3]],
        summary=[
            (_("Most active 1 %"), f"{shown(round(100 * top1.share, 1))} %"),
            (_("Most active 10 %"), f"{shown(round(100 * top10.share, 1))} %"),
        ],
    )


def _author_totals(organisation: Any, period: Period) -> list[int]:
    """Comments per author in the period: whole months from the monthly tally, the rest from the daily one.

    One query; the sums come back as plain numbers (tens of thousands of rows, no ORM objects).
    """
    months, edges = split_by_months(period.first, period.last)
    parts = []
    if months:
        parts.append(MonthlyAuthorStat.objects.filter(organisation=organisation, month__in=months))
    if edges:
        parts.append(DailyAuthorStat.objects.filter(_any_of_days(edges), organisation=organisation))
    if period.connection_id:
        parts = [part.filter(connection_id=period.connection_id) for part in parts]
    compiled = [part.order_by().values_list("author_id", "count").query.sql_with_params() for part in parts]
    union = " UNION ALL ".join(
        f'SELECT "author_id", "count" FROM ({sql}) AS part{index}'
        for index, (sql, _params) in enumerate(compiled)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT SUM("count") FROM ({union}) AS tally GROUP BY "author_id"',
            [param for _sql, params in compiled for param in params],
        )
        return [row[0] for row in cursor.fetchall()]


def strikes_and_blocks(organisation: Any, period: Period) -> Insight:
    zone = local_zone(organisation)
    start, end = day_bounds(period.first, period.last, zone)
    strikes = Strike.objects.filter(
        organisation=organisation, revoked_at__isnull=True, created_at__gte=start, created_at__lt=end
    )
    blocks = BlockProposal.objects.filter(
        organisation=organisation,
        state=BlockProposal.State.CONFIRMED,
        decided_at__gte=start,
        decided_at__lt=end,
    )
    if period.connection_id:
        strikes = strikes.filter(comment__connection_id=period.connection_id)
        blocks = blocks.filter(strike__comment__connection_id=period.connection_id)
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for queryset, moment, kind in ((strikes, "created_at", "consequence"), (blocks, "decided_at", None)):
        rows = queryset.order_by().annotate(local_day=TruncDate(moment, tzinfo=zone))
        rows = (
            rows.values("local_day", kind).annotate(n=Count("id"))
            if kind
            else rows.values("local_day").annotate(n=Count("id"))
        )
        for row in rows:
            counts[bucket_start(row["local_day"], monthly=period.monthly)][
                row[kind] if kind else "confirmed"
            ] += row["n"]
    kinds = [
        ("first_warning", _("first warnings")),
        ("second_warning", _("second warnings")),
        ("block", _("block proposals")),
        ("confirmed", _("blocks confirmed")),
    ]
    buckets = period_buckets(period)
    return Insight(
        key="strikes",
        title=_("Strikes and blocks over time"),
        description=_("Strikes recorded (revoked ones left out) and blocks confirmed by a team lead."),
        columns=[first_column(period), *[name for _k, name in kinds]],
        rows=[[b, *[counts[b][k] for k, _n in kinds]] for b in buckets],
        chart="stacked",
        labels=[bucket_label(b, period.monthly) for b in buckets],
        series=[
            Series(name, [counts[b][k] for b in buckets], colour)
            for (k, name), colour in zip(kinds, ("#e0912f", "#a65f00", "#b3261e", "#1d2733"), strict=True)
        ],
    )


def escalations(organisation: Any, period: Period) -> Insight:
    start, end = day_bounds(period.first, period.last, local_zone(organisation))
    asked = Escalation.objects.filter(organisation=organisation, asked_at__gte=start, asked_at__lt=end)
    if period.connection_id:
        asked = asked.filter(comment__connection_id=period.connection_id)
    departments: dict[str, dict[str, Any]] = {}
    for name, target, asked_at, answered_at in asked.order_by().values_list(
        "department__name", "department__answer_within_hours", "asked_at", "answered_at"
    ):
        entry = departments.setdefault(name, {"target": target, "asked": 0, "hours": []})
        entry["asked"] += 1
        if answered_at is not None:
            entry["hours"].append(max(0.0, (answered_at - asked_at).total_seconds() / 3600))
    rows = []
    for name, entry in sorted(departments.items(), key=lambda item: (-item[1]["asked"], item[0])):
        hours, target = entry["hours"], entry["target"]
        median, p90 = percentile(hours, 0.5), percentile(hours, 0.9)
        rows.append(
            [
                name,
                entry["asked"],
                len(hours),
                entry["asked"] - len(hours),
                None if median is None else round(median, 1),
                None if p90 is None else round(p90, 1),
                target,
                percent_of(sum(1 for h in hours if h <= target), len(hours)),
            ]
        )
    return Insight(
        key="escalations",
        title=_("Escalations per department"),
        description=_("Questions passed to departments in the period, and how long their answers took."),
        columns=[
            _("Department"),
            _("Asked"),
            _("Answered"),
            _("Open"),
            _("Median answer (h)"),
            _("p90 (h)"),
            _("Target (h)"),
            _("Within target (%)"),
        ],
        rows=rows,
        chart="bars",
        bars=[
            Bar(
                row[0],
                row[1],
                _("%(asked)d asked, median %(median)s h")
                % {"asked": row[1], "median": shown(row[4]) if row[4] is not None else "–"},
            )
            for row in rows
        ],
    )


def recurring_topics(organisation: Any, period: Period, *, today: date | None = None) -> Insight:
    last = min(period.last, today or local_today(organisation))
    first = last - timedelta(days=6)
    start, end = day_bounds(first, last, local_zone(organisation))
    comments = Comment.objects.filter(
        organisation=organisation, is_own=False, published_at__gte=start, published_at__lt=end
    )
    if period.connection_id:
        comments = comments.filter(connection_id=period.connection_id)
    sample = comments.order_by("-published_at", "-id").values_list("text", "author_id", "category")[
        :TOPIC_SAMPLE
    ]
    topics = find_topics(sample, limit=10)
    names = {value: str(label) for value, label in Category.choices}
    rows = [
        [topic.word, topic.comments, topic.authors, names.get(topic.top_category, topic.top_category)]
        for topic in topics
    ]
    return Insight(
        key="topics",
        title=_("Recurring topics this week"),
        description=_(
            "Words that came back in at least three comments by two or more people, %(first)s to %(last)s "
            "(the latest %(sample)d comments). Pass recurring signals on to the department concerned."
        )
        % {"first": first.isoformat(), "last": last.isoformat(), "sample": TOPIC_SAMPLE},
        columns=[_("Topic"), _("Comments"), _("Authors"), _("Most frequent category")],
        rows=rows,
        chart="bars",
        bars=[Bar(row[0], row[1], f"{row[1]} ({row[3]})") for row in rows],
    )
