"""One inbox row as HTML, built in Python: the inbox's hottest markup.

A page shows thirty rows and the live poll re-sends changed ones; through the template engine a row
cost about a millisecond (some seventy variable lookups and forty tags), more than all the page's
queries together. Every value from a comment goes through ``format_html``/``escape`` (comment text,
author names and post titles are written by strangers); only markup written here is marked safe.
``tests/moderation/views/test_inbox_row.py`` checks the row's parts and its escaping.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from moderation.models import Category, Conduct, Sentiment
from moderation.platforms.registry import KIND_CHOICES
from moderation.priority import is_overdue
from moderation.row_links import RowLinks

TEXT_PREVIEW_CHARS = 600


# Labels by value: ``get_FOO_display()`` rebuilds its choices dict on every call (four per row).
_CHOICE_LABELS: dict[str, dict[str, Any]] = {
    "sentiment": dict(Sentiment.choices),
    "category": dict(Category.choices),
    "conduct": dict(Conduct.choices),
    "platform": dict(KIND_CHOICES),
}


def _choice(value: str, field: str) -> Any:
    """The (translated) label of a sentiment, category, conduct or platform value."""
    return _CHOICE_LABELS[field].get(value, value)


def _overdue(comment: Any, now: datetime | None) -> bool:
    if now is None:
        return False
    return is_overdue(
        category=comment.category,
        is_open=comment.status == "open",
        published_at=comment.published_at,
        target_hours=comment.organisation.question_target_hours,
        now=now,
    )


def render_row(
    comment: Any, *, csrf_token: str, next_path: str, now: datetime | None, post_query: str = "", oob: bool = False
) -> SafeString:
    """The ``<article>`` of one comment in the inbox list (see ``inbox.html#comment-row``)."""
    links = RowLinks(comment.pk, comment.author_id)
    pending = bool(getattr(comment, "pending_actions", False))
    state, status = comment.platform_state, comment.status
    classes = f"comment-row conduct-{comment.conduct}"
    if state != "visible":
        classes += f" state-{state}"
    if status == "handled":
        classes += " is-handled"
    if oob:
        live = mark_safe(' hx-swap-oob="true"')
    elif pending:
        live = format_html(' hx-get="{}" hx-trigger="every 1s" hx-swap="outerHTML"', links.row)
    else:
        live = ""
    return format_html(
        '<article id="comment-{pk}" tabindex="0" data-comment-id="{pk}" data-open-url="{open}"\n'
        '  class="{classes}"\n  aria-labelledby="comment-{pk}-author"\n  {live}>\n'
        '  <input type="hidden" class="shown-id" name="shown" value="{pk}">\n'
        "{head}{text}{foot}</article>\n",
        pk=comment.pk, open=links.open, classes=classes, live=live,
        head=_head(comment, links, now, post_query), text=_text(comment),
        foot=_foot(comment, links, pending, csrf_token, next_path),
    )


def _head(comment: Any, links: RowLinks, now: datetime | None, post_query: str) -> SafeString:
    author = comment.author if comment.author_id else None
    if comment.post_id:
        post = format_html('<a href="?{}post={}" class="muted">{}</a>', post_query, comment.post_id,
                           (comment.post.title if comment.post else "") or "—")
    else:
        post = "—"
    badges = []
    if comment.assigned_to_id and comment.assigned_to:
        person = comment.assigned_to
        badges.append(format_html('<span class="badge assigned">→ {}</span>', person.get_full_name() or person.get_username()))
    if _overdue(comment, now):
        badges.append(format_html('<span class="badge overdue">{}</span>', _("Overdue")))
    published = comment.published_at
    return format_html(
        '  <header class="row-head">\n'
        '    <input type="checkbox" name="ids" value="{pk}" form="bulk-form" class="row-select" aria-label="{select}">\n'
        '    <a id="comment-{pk}-author" class="author-link" href="{author_url}"{disabled}>{author}</a>\n'
        '    <span class="muted">{on} {post}</span>\n'
        '    <time class="muted" datetime="{iso}" title="{exact}">{ago}</time>\n'
        '    <span class="muted">{platform}</span>\n'
        "    {badges}\n  </header>\n",
        pk=comment.pk, select=_("Select"), author_url=links.author,
        disabled="" if comment.author_id else mark_safe(' aria-disabled="true"'),
        author=(author.name if author else "") or _("Unknown author"), on=_("on"), post=post,
        iso=published.isoformat() if published else "", exact=_exact_time(published),
        ago=naturaltime(published) if published else "",
        platform=_choice(comment.connection.kind, "platform") if comment.connection_id else "",
        badges=format_html_join("", "{}", ((badge,) for badge in badges)),
    )


def _exact_time(value: datetime | None) -> str:
    """The local date and time, e.g. 25/11/2026 21:03: the exact moment shown on hover."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _text(comment: Any) -> SafeString:
    text = linebreaksbr(truncatechars(comment.text, TEXT_PREVIEW_CHARS), autoescape=True)
    if comment.conduct == "criminal" or comment.category == "insult":   # blurred until chosen (wellbeing)
        return format_html(
            '  <details class="sensitive"><summary>{}</summary><p class="comment-text" dir="auto">{}</p></details>\n',
            _("Harmful content: click to show"), text,
        )
    return format_html('  <p class="comment-text" dir="auto">{}</p>\n', text)


def _foot(comment: Any, links: RowLinks, pending: bool, csrf_token: str, next_path: str) -> SafeString:
    state, status = comment.platform_state, comment.status
    badges = [
        format_html('<span class="badge sentiment-{}">{}</span>', comment.sentiment, _choice(comment.sentiment, "sentiment")),
        format_html('<span class="badge category">{}</span>', _choice(comment.category, "category")),
    ]
    if comment.conduct != "allowed":
        badges.append(format_html('<span class="badge conduct conduct-badge-{}">{}</span>', comment.conduct,
                                  _choice(comment.conduct, "conduct")))
    if comment.needs_review and status == "open":
        badges.append(format_html('<span class="badge review">{}</span>', _("Needs a look")))
    if state == "hidden":
        badges.append(format_html('<span class="badge state">{}</span>', _("Hidden")))
    elif state == "deleted":
        badges.append(format_html('<span class="badge state">{}</span>', _("Deleted")))
    if status == "handled":
        badges.append(format_html('<span class="badge handled">{}</span>', _("Handled")))
    if pending:
        badges.append(format_html('<span class="badge pending" role="status">{}</span>', _("Being carried out…")))
    return format_html(
        '  <footer class="row-foot">\n    {badges}\n    <span class="row-actions">\n'
        '      <a class="button-small" href="{open}" data-key="o">{open_label}</a>\n{form}    </span>\n  </footer>\n',
        badges=format_html_join("\n    ", "{}", ((badge,) for badge in badges)), open=links.open,
        open_label=_("Open"), form=_quick_actions(comment, links, pending, csrf_token, next_path),
    )


def _quick_actions(comment: Any, links: RowLinks, pending: bool, csrf_token: str, next_path: str) -> SafeString | str:
    """Hide (while visible) and mark handled (while open), posted in place by htmx or as a plain form."""
    state, status = comment.platform_state, comment.status
    if pending or (state != "visible" and status != "open"):
        return ""
    buttons = []
    if state == "visible":
        buttons.append(format_html(
            '<button type="submit" class="button-small" formaction="{url}" hx-post="{url}" data-key="h">{label}</button>',
            url=links.hide, label=_("Hide"),
        ))
    if status == "open":
        buttons.append(format_html(
            '<button type="submit" class="button-small" formaction="{url}" hx-post="{url}">{label}</button>',
            url=links.mark_handled, label=_("Mark handled"),
        ))
    return format_html(
        '      <form method="post" action="{action}" hx-target="#comment-{pk}" hx-swap="outerHTML" class="inline-form">\n'
        '        <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        '<input type="hidden" name="next" value="{next}"><input type="hidden" name="version" value="{version}">\n'
        "        {buttons}\n      </form>\n",
        action=links.hide if state == "visible" else links.mark_handled, pk=comment.pk, csrf=csrf_token,
        next=next_path, version=comment.version, buttons=format_html_join("\n        ", "{}", ((b,) for b in buttons)),
    )
