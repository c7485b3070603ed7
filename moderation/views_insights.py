"""The insights page (`/inzichten/`) and the CSV of each of its charts: for team leads and admins."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from accounts.decorators import member_required
from codeofconduct.csvsafe import csv_cell
from moderation import charts, insights, insights_signals
from moderation.insights import Insight, Period
from moderation.models import InsightsRefresh, PlatformConnection
from moderation.stats import local_today

# The charts of the page, in order; the key is also the ``chart`` parameter of the CSV export.
SELECTORS: dict[str, Callable[[Any, Period], Insight]] = {
    "sentiment": insights.volume_by_sentiment,
    "category": insights.volume_by_category,
    "posts": insights.per_post,
    "platforms": insights.per_platform,
    "response": insights_signals.response_times,
    "participation": insights_signals.participation,
    "strikes": insights_signals.strikes_and_blocks,
    "escalations": insights_signals.escalations,
    "topics": insights_signals.recurring_topics,
}


def _filters(request: HttpRequest) -> tuple[Period, list[PlatformConnection]]:
    connections = list(PlatformConnection.objects.filter(organisation=request.organisation).order_by("name"))
    period = insights.parse_period(
        request.GET, today=local_today(request.organisation), connection_ids={c.pk for c in connections}
    )
    return period, connections


def render_chart(insight: Insight) -> str:
    chart_id = f"chart-{insight.key}"
    if insight.chart == "stacked":
        return charts.stacked_bars(
            insight.labels,
            insight.series,
            title=insight.title,
            chart_id=chart_id,
            description=insight.description,
        )
    if insight.chart == "lines":
        return charts.line_chart(
            insight.labels,
            insight.series,
            title=insight.title,
            chart_id=chart_id,
            description=insight.description,
            reference=insight.reference,
        )
    return charts.horizontal_bars(
        insight.bars, title=insight.title, chart_id=chart_id, description=insight.description
    )


@require_GET
@member_required("view_insights")
def insights_page(request: HttpRequest) -> HttpResponse:
    period, connections = _filters(request)
    query = period.as_params()
    sections = []
    for key, selector in SELECTORS.items():
        insight = selector(request.organisation, period)
        sections.append(
            {
                "insight": insight,
                "chart": render_chart(insight),
                "rows": [[_shown(value) for value in row] for row in insight.rows],
                "csv_query": urlencode({**query, "chart": key}),
            }
        )
    refreshed = (
        InsightsRefresh.objects.filter(organisation=request.organisation)
        .values_list("refreshed_at", flat=True)
        .first()
    )
    return render(
        request,
        "moderation/insights.html",
        {
            "period": period,
            "presets": insights.PRESETS,
            "connections": connections,
            "sections": sections,
            "refreshed_at": refreshed,
        },
    )


@require_GET
@member_required("view_insights")
def insights_csv(request: HttpRequest) -> HttpResponse:
    """One chart's table as CSV, with the page's filters (cells safe against spreadsheet formulas)."""
    key = request.GET.get("chart") or "sentiment"
    if key not in SELECTORS:
        raise Http404
    period, _connections = _filters(request)
    insight = SELECTORS[key](request.organisation, period)
    filename = f"{key}-{request.organisation.slug}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs then read UTF-8
    write_csv(response, insight)
    return response


def write_csv(stream: Any, insight: Insight) -> None:
    writer = csv.writer(stream)
    writer.writerow([csv_cell(column) for column in insight.columns])
    for row in insight.rows:
        writer.writerow([csv_cell(_plain(value)) for value in row])


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "–"
    if isinstance(value, float):
        return formats.number_format(value, 1)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value
