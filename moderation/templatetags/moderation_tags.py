"""Small template helpers for the inbox: filter links and facets with counts."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from moderation.inbox import InboxFilters
from moderation.models import Category, Conduct, Sentiment
from moderation.platforms.registry import KIND_CHOICES

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


@register.simple_tag
def category_choices() -> list[tuple[str, Any]]:
    return list(Category.choices)


@register.simple_tag(takes_context=True)
def inbox_row(context: template.Context, comment: Any) -> str:
    """One inbox row (``moderation.inbox_row``), with the page's CSRF token, path, clock and filters."""
    from moderation.inbox_row import render_row

    request = context.get("request")
    token = context.get("csrf_token")
    return render_row(
        comment,
        csrf_token="" if not token or token == "NOTPROVIDED" else str(token),
        next_path=request.get_full_path() if request is not None else "",
        now=context.get("now"),
        post_query=context.get("post_query") or "",
        oob=bool(context.get("oob")),
    )
