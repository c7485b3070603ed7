"""Small template helpers for the inbox: filter links and facets with counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.inbox import InboxFilters
from moderation.models import Category, Conduct, Sentiment
from moderation.platforms.registry import KIND_CHOICES
from moderation.row_links import RowLinks

register = template.Library()

QUEUE_CHOICES = [
    ("new", _("New")),
    ("review", _("Needs a look")),
    ("mine", _("Assigned to me")),
    ("waiting", _("Waiting for a department")),
    ("followup", _("Follow up")),
    ("handled", _("Handled")),
    ("all", _("All")),
]


@register.simple_tag
def query_with(filters: InboxFilters, **overrides: Any) -> str:
    """The query string of these filters with some values replaced (and paging reset)."""
    if not isinstance(filters, InboxFilters):
        filters = InboxFilters()
    return filters.as_query(**{key: str(value) for key, value in overrides.items()})


@register.filter
def capped(count: int | None) -> str:
    """500+ for counts that reached the cap."""
    from moderation.inbox import COUNT_CAP

    count = count or 0
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.inclusion_tag("moderation/_facets.html")
def inbox_facets(filters: InboxFilters, counts: dict[str, dict[str, int]], connections: Any) -> dict[str, Any]:
    def facet(name: str, title: str, choices: list[tuple[str, Any]]) -> dict[str, Any]:
        current = getattr(filters, name)
        return {
            "name": name,
            "title": title,
            "all_query": filters.as_query(**{name: "", "cursor": ""}),
            "current": current,
            "options": [
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(name, {}).get(value, 0),
                    "query": filters.as_query(**{name: value, "cursor": ""}),
                    "selected": current == value,
                }
                for value, label in choices
            ],
        }

    return {
        "filters": filters,
        "statuses": [
            {
                "value": value,
                "label": label,
                "count": counts.get("queue", {}).get(value, 0),
                "query": filters.as_query(queue=value, cursor=""),
                "selected": filters.queue == value,
            }
            for value, label in QUEUE_CHOICES
        ],
        "facets": [
            facet("sentiment", _("Sentiment"), Sentiment.choices),
            facet("conduct", _("Code of conduct"), Conduct.choices),
            facet("category", _("Category"), Category.choices),
            facet("platform", _("Platform"), KIND_CHOICES),
            facet("connection", _("Connection"), [(str(c.pk), c.name) for c in connections]),
        ],
    }


# Steps of the tree that are carried out by another action kind.
_STEP_TO_KIND = {"ask_edit": "reply", "leave": "mark_handled"}


@register.filter
def platform_kind(step_action: str) -> str:
    return _STEP_TO_KIND.get(step_action, step_action)


@register.filter
def consequence_label(consequence: str) -> str:
    from codeofconduct.models import Strike

    return dict(Strike.Consequence.choices).get(consequence, consequence)


@register.filter
def is_sensitive(comment: Any) -> bool:
    """Criminal and insulting text is blurred until a person chooses to read it (wellbeing)."""
    return comment.conduct == "criminal" or comment.category == "insult"


# Labels by value: ``get_FOO_display()`` rebuilds its choices dict on every call (four per row).
_CHOICE_LABELS: dict[str, dict[str, Any]] = {
    "sentiment": dict(Sentiment.choices),
    "category": dict(Category.choices),
    "conduct": dict(Conduct.choices),
    "platform": dict(KIND_CHOICES),
}


@register.filter
def choice_label(value: str, field: str) -> Any:
    """The (translated) label of a sentiment, category, conduct or platform value."""
    return _CHOICE_LABELS[field].get(value, value)


@register.filter
def iso_time(value: datetime | None) -> str:
    """``value`` for a ``<time datetime>`` attribute (|date:'c' costs ten times more, per row)."""
    return value.isoformat() if value else ""


@register.filter
def exact_time(value: datetime | None) -> str:
    """The local date and time, e.g. 25/11/2026 21:03: the exact moment shown on hover in a list."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


@register.filter
def row_links(comment: Any) -> RowLinks:
    return RowLinks(comment.pk, comment.author_id)


@register.filter
def is_overdue(comment: Any, now: Any) -> bool:
    from moderation.priority import is_overdue as overdue

    if now is None:
        return False
    return overdue(
        category=comment.category,
        is_open=comment.status == "open",
        published_at=comment.published_at,
        target_hours=comment.organisation.question_target_hours,
        now=now,
    )


@register.simple_tag
def category_choices() -> list[tuple[str, Any]]:
    return list(Category.choices)
