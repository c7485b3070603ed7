"""Insights (issue 8): pure calculations first, then the selectors of the comment volumes.

The selectors here read only the aggregate tables kept by ``moderation.stats``, never the
comments themselves; ``moderation.insights_signals`` has the rest (answers, authors, strikes...). Days
are local days in Europe/Brussels. Each selector returns an ``Insight``: the rows of its table
(which are also its CSV) and the series of its chart.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from moderation.charts import Bar, Series
from moderation.models import (
    Category,
    DailyCommentStat,
    PlatformConnection,
    Post,
    Sentiment,
)
from moderation.platforms.registry import CONNECTORS
from moderation.stats import month_end

PRESETS = ("7", "30", "90")
DEFAULT_PRESET = "30"
MAX_DAYS = 366
MONTHLY_AFTER_DAYS = 92
TOP_POSTS = 15
SENTIMENT_COLOURS = {"negative": "#b3261e", "neutral": "#8a96a3", "positive": "#1e7b45"}


# --- Pure calculations --------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Local days first..last (both included), optionally one connection."""

    first: date
    last: date
    connection_id: int | None = None
    preset: str = DEFAULT_PRESET

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def monthly(self) -> bool:
        return self.days > MONTHLY_AFTER_DAYS

    def as_params(self) -> dict[str, str]:
        params = {"period": self.preset}
        if self.preset == "custom":
            params |= {"from": self.first.isoformat(), "to": self.last.isoformat()}
        if self.connection_id:
            params["connection"] = str(self.connection_id)
        return params


def parse_period(params: Mapping[str, str], *, today: date, connection_ids: Collection[int]) -> Period:
    """The page's filters; a connection of another organisation or a bad date falls back safely."""
    connection_id = _as_int(params.get("connection"))
    if connection_id not in connection_ids:
        connection_id = None
    preset = params.get("period") or DEFAULT_PRESET
    if preset == "custom":
        first, last = _as_date(params.get("from")), _as_date(params.get("to"))
        if first and last:
            first, last = min(first, last), max(first, last)
            first = max(first, last - timedelta(days=MAX_DAYS - 1))
            return Period(first, last, connection_id, "custom")
        preset = DEFAULT_PRESET
    if preset not in PRESETS:
        preset = DEFAULT_PRESET
    return Period(today - timedelta(days=int(preset) - 1), today, connection_id, preset)


def bucket_start(day: date, *, monthly: bool) -> date:
    """The day itself, or the first day of its month for long periods."""
    return day.replace(day=1) if monthly else day


def period_buckets(period: Period) -> list[date]:
    days = (period.first + timedelta(days=offset) for offset in range(period.days))
    return sorted({bucket_start(day, monthly=period.monthly) for day in days})


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont, numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def histogram_percentile(histogram: Mapping[int, int], fraction: float) -> float | None:
    """``percentile`` of the values a {value: how many} histogram counts, without expanding it."""
    total = sum(histogram.values())
    if not total:
        return None
    position = fraction * (total - 1)
    lower_rank = math.floor(position)
    lower = upper = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if lower is None and seen > lower_rank:
            lower = value
        if seen > lower_rank + 1 or seen == total:
            upper = value
            break
    return lower + (upper - lower) * (position - lower_rank)


@dataclass(frozen=True)
class TopShare:
    percent: int
    authors: int
    comments: int
    share: float  # of all comments by known authors, 0..1


def top_share(counts: Sequence[int], percent: int) -> TopShare:
    """The share of comments written by the most active ``percent`` % of authors (at least one author)."""
    active = sorted((count for count in counts if count > 0), reverse=True)
    if not active:
        return TopShare(percent, 0, 0, 0.0)
    size = max(1, (percent * len(active) + 99) // 100)  # ceil without floating-point surprises
    comments = sum(active[:size])
    return TopShare(percent, size, comments, comments / sum(active))


def split_by_months(first: date, last: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The calendar months lying wholly inside first..last, and the day ranges around them (at most two)."""
    months = []
    month = first if first.day == 1 else month_end(first) + timedelta(days=1)
    while month_end(month) <= last:
        months.append(month)
        month = month_end(month) + timedelta(days=1)
    if not months:
        return [], [(first, last)]
    edges = []
    if first < months[0]:
        edges.append((first, months[0] - timedelta(days=1)))
    if month_end(months[-1]) < last:
        edges.append((month_end(months[-1]) + timedelta(days=1), last))
    return months, edges


def _as_int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def shown(value: float) -> str:
    """A number with one decimal as the reader's language writes it (1.5 in English, 1,5 in Dutch)."""
    return formats.number_format(value, 1)


def hours_of(minutes: float | None) -> float | None:
    return None if minutes is None else round(minutes / 60, 1)


def percent_of(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- Selectors ----------------------------------------------------------------------------


@dataclass
class Insight:
    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list[Any]]
    chart: str  # "stacked", "lines" or "bars"
    labels: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    reference: tuple[str, float] | None = None
    summary: list[tuple[str, str]] = field(default_factory=list)


def bucket_label(day: date, monthly: bool) -> str:
    return day.strftime("%m/%Y") if monthly else day.strftime("%d/%m")


def first_column(period: Period) -> str:
    return _("Month") if period.monthly else _("Day")


def _comment_stats(organisation: Any, period: Period) -> Any:
    stats = DailyCommentStat.objects.filter(
        organisation=organisation, day__gte=period.first, day__lte=period.last
    )
    if period.connection_id:
        stats = stats.filter(connection_id=period.connection_id)
    return stats.order_by()


def _per_bucket(organisation: Any, period: Period, field_name: str) -> dict[date, Counter[str]]:
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for row in _comment_stats(organisation, period).values("day", field_name).annotate(n=Sum("count")):
        counts[bucket_start(row["day"], monthly=period.monthly)][row[field_name]] += row["n"]
    return counts


def volume_by_sentiment(organisation: Any, period: Period) -> Insight:
    buckets, counts = period_buckets(period), _per_bucket(organisation, period, "sentiment")
    sentiments = [Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE]
    return Insight(
        key="sentiment",
        title=_("Comments over time by sentiment"),
        description=_("Comments from the public (our own replies not counted) per local day in Brussels."),
        columns=[first_column(period), *[str(s.label) for s in sentiments], _("Total")],
        rows=[[b, *[counts[b][s] for s in sentiments], sum(counts[b].values())] for b in buckets],
        chart="stacked",
        labels=[bucket_label(b, period.monthly) for b in buckets],
        series=[
            Series(str(s.label), [counts[b][s] for b in buckets], SENTIMENT_COLOURS[s]) for s in sentiments
        ],
        summary=[(_("Comments"), str(sum(sum(c.values()) for c in counts.values())))],
    )


def volume_by_category(organisation: Any, period: Period) -> Insight:
    buckets, counts = period_buckets(period), _per_bucket(organisation, period, "category")
    totals: Counter[str] = sum(counts.values(), Counter())
    ordered = [category for category, _n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    names = {value: str(label) for value, label in Category.choices}
    shown, rest = ordered[:5], ordered[5:]
    series = [Series(names.get(c, c), [counts[b][c] for b in buckets]) for c in shown]
    if rest:
        series.append(
            Series(_("other categories"), [sum(counts[b][c] for c in rest) for b in buckets], "#8a96a3")
        )
    return Insight(
        key="category",
        title=_("Comments over time by category"),
        description=_("The five most frequent categories of the period; the table has all of them."),
        columns=[first_column(period), *[names.get(c, c) for c in ordered], _("Total")],
        rows=[[b, *[counts[b][c] for c in ordered], sum(counts[b].values())] for b in buckets],
        chart="stacked",
        labels=[bucket_label(b, period.monthly) for b in buckets],
        series=series,
    )


def _totals_by(organisation: Any, period: Period, field_name: str) -> Any:
    return (
        _comment_stats(organisation, period)
        .values(field_name)
        .annotate(
            n=Sum("count"),
            negative=Sum("count", filter=Q(sentiment="negative")),
            questions=Sum("count", filter=Q(category="question")),
        )
    )


def per_post(organisation: Any, period: Period) -> Insight:
    top = list(_totals_by(organisation, period, "post_id").order_by("-n", "post_id")[:TOP_POSTS])
    posts = Post.objects.filter(pk__in=[row["post_id"] for row in top if row["post_id"]]).select_related(
        "connection"
    )
    by_id = {post.pk: post for post in posts}
    rows = []
    for row in top:
        post = by_id.get(row["post_id"])
        title = (post.title or post.message[:80] or post.remote_id) if post else _("(no post)")
        rows.append(
            [
                title,
                post.connection.name if post else "",
                row["n"],
                row["negative"] or 0,
                row["questions"] or 0,
            ]
        )
    return Insight(
        key="posts",
        title=_("Comments per post"),
        description=_("The %(count)d posts with the most comments in the period.") % {"count": TOP_POSTS},
        columns=[_("Post"), _("Page"), _("Comments"), _("Negative"), _("Questions")],
        rows=rows,
        chart="bars",
        bars=[Bar(row[0], row[2], f"{row[2]} ({row[3]} {_('negative')})") for row in rows],
    )


def per_platform(organisation: Any, period: Period) -> Insight:
    kinds = dict(PlatformConnection.objects.filter(organisation=organisation).values_list("pk", "kind"))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in _totals_by(organisation, period, "connection_id"):
        kind = kinds.get(row["connection_id"], "?")
        for index, value in enumerate((row["n"], row["negative"], row["questions"])):
            totals[kind][index] += value or 0
    rows = [
        [CONNECTORS.get(kind, (kind, ""))[0], *values]
        for kind, values in sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    ]
    return Insight(
        key="platforms",
        title=_("Comments per platform"),
        description=_("Comments per platform in the period."),
        columns=[_("Platform"), _("Comments"), _("Negative"), _("Questions")],
        rows=rows,
        chart="bars",
        bars=[Bar(row[0], row[1], f"{row[1]} ({row[2]} {_('negative')})") for row in rows],
    )
