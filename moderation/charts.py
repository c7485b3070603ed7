"""Server-rendered SVG charts: pure functions from numbers to markup, nothing loaded from elsewhere.

Every text that reaches the markup (labels, series names, titles) goes through ``escape``;
numbers are formatted here. Each chart is an ``<svg role="img">`` with a ``<title>`` and
``<desc>`` for screen readers and a ``<title>`` per bar or point as a tooltip. Only
presentation attributes (``fill``, ``stroke``) are used: the CSP forbids style attributes.
The numbers are always also in the table beside the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PALETTE = ("#2f6fb2", "#e0912f", "#1e7b45", "#b3261e", "#7b4fb2", "#1f9aa5", "#a65f00", "#8a96a3")
WIDTH = 720
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 34, 44
MAX_X_LABELS = 12


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""


def number(value: float | None) -> str:
    """1234 -> "1234", 2.25 -> "2.2"; None -> "–" (no data)."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value`` (axis maximum)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power + 1e-9:
            return float(step * power)
    return float(10 * power)


def stacked_bars(
    labels: Sequence[str], series: Sequence[Series], *, title: str, chart_id: str, description: str = ""
) -> SafeString:
    """One bar per label, the series stacked on each other (comments per day by sentiment)."""
    height = 280
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    if not labels or not any(totals):
        return _empty(title, chart_id, 90)
    top = nice_ceiling(max(totals))
    slot = plot_w / len(labels)
    bar_w = max(1.0, slot * 0.8)
    parts = [_open(title, chart_id, height, description), _y_axis(top, plot_w, plot_h), _legend(series)]
    for index, label in enumerate(labels):
        x = LEFT + index * slot + (slot - bar_w) / 2
        base = TOP + plot_h
        for position, item in enumerate(series):
            value = item.values[index] or 0
            if value <= 0:
                continue
            bar_h = value / top * plot_h
            base -= bar_h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" fill="{_colour(item, position)}">'
                f"<title>{escape(label)} · {escape(item.name)}: {number(value)}</title></rect>"
            )
    parts.append(_x_labels(labels, slot, TOP + plot_h))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    chart_id: str,
    description: str = "",
    reference: tuple[str, float] | None = None,
) -> SafeString:
    """Lines over the labels; None leaves a gap. ``reference`` draws a dashed target line."""
    height = 280
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM
    known = [value for s in series for value in s.values if value is not None]
    if not labels or not known:
        return _empty(title, chart_id, 90)
    top = nice_ceiling(max([*known, reference[1] if reference else 0]))
    slot = plot_w / len(labels)
    parts = [_open(title, chart_id, height, description), _y_axis(top, plot_w, plot_h)]
    legend = list(series)
    if reference is not None:
        y = TOP + plot_h - reference[1] / top * plot_h
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b3261e" stroke-dasharray="6 4">'
            f"<title>{escape(reference[0])}: {number(reference[1])}</title></line>"
        )
        legend.append(Series(reference[0], [], "#b3261e"))
    parts.append(_legend(legend))
    for position, item in enumerate(series):
        colour = _colour(item, position)
        for segment in _segments(item.values):
            points = " ".join(f"{_x(i, slot):.1f},{TOP + plot_h - v / top * plot_h:.1f}" for i, v in segment)
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for index, value in enumerate(item.values):
            if value is not None:
                parts.append(
                    f'<circle cx="{_x(index, slot):.1f}" cy="{TOP + plot_h - value / top * plot_h:.1f}" r="3" fill="{colour}">'
                    f"<title>{escape(labels[index])} · {escape(item.name)}: {number(value)}</title></circle>"
                )
    parts.append(_x_labels(labels, slot, TOP + plot_h))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()


def horizontal_bars(
    bars: Sequence[Bar], *, title: str, chart_id: str, description: str = "", colour: str = PALETTE[0]
) -> SafeString:
    """One labelled bar per row (comments per post, escalations per department)."""
    row_h, label_w = 26, 230
    height = TOP + row_h * max(1, len(bars)) + 12
    if not bars or not any(bar.value for bar in bars):
        return _empty(title, chart_id, 90)
    top = max(bar.value for bar in bars)
    bar_space = WIDTH - label_w - RIGHT - 120
    parts = [_open(title, chart_id, height, description)]
    for index, bar in enumerate(bars):
        y = TOP + index * row_h
        width = max(1.0, bar.value / top * bar_space) if bar.value else 0
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="12" fill="#1d2733">{escape(label)}'
            f"<title>{escape(bar.label)}</title></text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{row_h - 8}" fill="{escape(colour)}">'
            f"<title>{escape(bar.label)}: {escape(bar.text or number(bar.value))}</title></rect>"
            f'<text x="{label_w + width + 6:.1f}" y="{y + 16}" font-size="12" fill="#1d2733">{escape(bar.text or number(bar.value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above went through escape()


def _open(title: str, chart_id: str, height: int, description: str) -> str:
    chart_id = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" class="chart" role="img" '
        f'aria-label="{escape(title)}" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="system-ui, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description or title)}</desc>'
    )


def _empty(title: str, chart_id: str, height: int) -> SafeString:
    return mark_safe(
        _open(title, chart_id, height, _("No data for this period."))
        + f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" font-size="14" fill="#5b6776">'
        + f"{escape(_('No data for this period.'))}</text></svg>"
    )


def _y_axis(top: float, plot_w: float, plot_h: float) -> str:
    lines = []
    for step in range(5):
        value = top * step / 4
        y = TOP + plot_h - plot_h * step / 4
        lines.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9dee5"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#5b6776">{number(value)}</text>'
        )
    return "".join(lines)


def _x_labels(labels: Sequence[str], slot: float, baseline: float) -> str:
    every = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    return "".join(
        f'<text x="{_x(index, slot):.1f}" y="{baseline + 16:.1f}" text-anchor="middle" font-size="11" fill="#5b6776">{escape(label)}</text>'
        for index, label in enumerate(labels)
        if index % every == 0
    )


def _legend(series: Sequence[Series]) -> str:
    parts, x = [], LEFT
    for position, item in enumerate(series):
        name = item.name if len(item.name) <= 24 else item.name[:23] + "…"
        parts.append(
            f'<rect x="{x}" y="8" width="12" height="12" fill="{_colour(item, position)}"/>'
            f'<text x="{x + 16}" y="18" font-size="12" fill="#1d2733">{escape(name)}</text>'
        )
        x += 28 + 7 * len(name)
    return "".join(parts)


def _colour(item: Series, position: int) -> str:
    return escape(item.colour or PALETTE[position % len(PALETTE)])


def _x(index: int, slot: float) -> float:
    return LEFT + index * slot + slot / 2


def _segments(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Runs of consecutive known values: a line never bridges a day without data."""
    segments: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append((index, value))
    return [segment for segment in segments if segment]
