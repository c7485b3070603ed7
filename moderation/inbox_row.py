"""One inbox row as HTML, built in Python: the inbox's hottest markup.

A page shows thirty rows and the live poll re-sends changed ones; through the template engine a row
cost more than all the page's queries together (some seventy variable lookups and forty tags). Here
a row is one string. Every value that is not markup written in this module goes through ``_e``
(comment text, author names and post titles are written by strangers; so are paths and queries).
``tests/moderation/views/test_inbox_row.py`` checks the row's parts and its escaping.
"""

from __future__ import annotations

import html
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language
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


def _e(value: Any) -> str:
    """``value`` escaped for HTML text or a quoted attribute (what Django's ``escape`` does), unless it is
    markup already marked safe."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value))


@lru_cache(maxsize=16)
def _labels(language: str | None) -> dict[str, str]:
    """The row's fixed words in one language, escaped once (not a gettext per word per row)."""
    words = {
        "select": _("Select"), "unknown_author": _("Unknown author"), "on": _("on"), "overdue": _("Overdue"),
        "harmful": _("Harmful content: click to show"), "needs_look": _("Needs a look"), "hidden": _("Hidden"),
        "deleted": _("Deleted"), "handled": _("Handled"), "pending": _("Being carried out…"), "open": _("Open"),
        "hide": _("Hide"), "mark_handled": _("Mark handled"),
    }
    labels = {key: html.escape(str(value)) for key, value in words.items()}
    for field, choices in _CHOICE_LABELS.items():
        labels |= {f"{field}:{value}": html.escape(str(label)) for value, label in choices.items()}
    return labels


def _choice(labels: dict[str, str], field: str, value: str) -> str:
    return labels.get(f"{field}:{value}") or _e(value)


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


def _exact_time(value: datetime | None) -> str:
    """The local date and time, e.g. 25/11/2026 21:03: the exact moment shown on hover."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def render_row(
    comment: Any, *, csrf_token: str, next_path: str, now: datetime | None, post_query: str = "", oob: bool = False
) -> SafeString:
    """The ``<article>`` of one comment in the inbox list (see ``inbox.html#comment-row``)."""
    labels = _labels(get_language())
    links = RowLinks(comment.pk, comment.author_id)
    pending = bool(getattr(comment, "pending_actions", False))
    state, status, pk = comment.platform_state, comment.status, int(comment.pk)
    classes = f"comment-row conduct-{_e(comment.conduct)}"
    if state != "visible":
        classes += f" state-{_e(state)}"
    if status == "handled":
        classes += " is-handled"
    if oob:
        live = ' hx-swap-oob="true"'
    elif pending:
        live = f' hx-get="{_e(links.row)}" hx-trigger="every 1s" hx-swap="outerHTML"'
    else:
        live = ""
    return mark_safe(
        f'<article id="comment-{pk}" tabindex="0" data-comment-id="{pk}" data-open-url="{_e(links.open)}"\n'
        f'  class="{classes}"\n  aria-labelledby="comment-{pk}-author"\n  {live}>\n'
        f'  <input type="hidden" class="shown-id" name="shown" value="{pk}">\n'
        f"{_head(comment, labels, links, now, post_query)}{_text(comment, labels)}"
        f"{_foot(comment, labels, links, pending, csrf_token, next_path)}</article>\n"
    )


def _head(comment: Any, labels: dict[str, str], links: RowLinks, now: datetime | None, post_query: str) -> str:
    pk = int(comment.pk)
    author = comment.author if comment.author_id else None
    author_name = _e(author.name) if author is not None and author.name else labels["unknown_author"]
    if comment.post_id:
        title = (comment.post.title if comment.post else "") or "—"
        post = f'<a href="?{_e(post_query)}post={int(comment.post_id)}" class="muted">{_e(title)}</a>'
    else:
        post = "—"
    badges = ""
    if comment.assigned_to_id and comment.assigned_to:
        person = comment.assigned_to
        badges += f'<span class="badge assigned">→ {_e(person.get_full_name() or person.get_username())}</span>'
    if _overdue(comment, now):
        badges += f'<span class="badge overdue">{labels["overdue"]}</span>'
    published = comment.published_at
    platform = _choice(labels, "platform", comment.connection.kind) if comment.connection_id else ""
    disabled = "" if comment.author_id else ' aria-disabled="true"'
    return (
        '  <header class="row-head">\n'
        f'    <input type="checkbox" name="ids" value="{pk}" form="bulk-form" class="row-select" aria-label="{labels["select"]}">\n'
        f'    <a id="comment-{pk}-author" class="author-link" href="{_e(links.author)}"{disabled}>{author_name}</a>\n'
        f'    <span class="muted">{labels["on"]} {post}</span>\n'
        f'    <time class="muted" datetime="{_e(published.isoformat() if published else "")}" '
        f'title="{_e(_exact_time(published))}">{_e(naturaltime(published) if published else "")}</time>\n'
        f'    <span class="muted">{platform}</span>\n'
        f"    {badges}\n  </header>\n"
    )


def _text(comment: Any, labels: dict[str, str]) -> str:
    text = _e(linebreaksbr(truncatechars(comment.text, TEXT_PREVIEW_CHARS), autoescape=True))  # escapes, then <br>
    paragraph = f'<p class="comment-text" dir="auto">{text}</p>'
    if comment.conduct == "criminal" or comment.category == "insult":   # blurred until chosen (wellbeing)
        return f'  <details class="sensitive"><summary>{labels["harmful"]}</summary>{paragraph}</details>\n'
    return f"  {paragraph}\n"


def _foot(comment: Any, labels: dict[str, str], links: RowLinks, pending: bool, csrf_token: str, next_path: str) -> str:
    state, status = comment.platform_state, comment.status
    badges = [
        f'<span class="badge sentiment-{_e(comment.sentiment)}">{_choice(labels, "sentiment", comment.sentiment)}</span>',
        f'<span class="badge category">{_choice(labels, "category", comment.category)}</span>',
    ]
    if comment.conduct != "allowed":
        badges.append(f'<span class="badge conduct conduct-badge-{_e(comment.conduct)}">'
                      f'{_choice(labels, "conduct", comment.conduct)}</span>')
    if comment.needs_review and status == "open":
        badges.append(f'<span class="badge review">{labels["needs_look"]}</span>')
    if state == "hidden":
        badges.append(f'<span class="badge state">{labels["hidden"]}</span>')
    elif state == "deleted":
        badges.append(f'<span class="badge state">{labels["deleted"]}</span>')
    if status == "handled":
        badges.append(f'<span class="badge handled">{labels["handled"]}</span>')
    if pending:
        badges.append(f'<span class="badge pending" role="status">{labels["pending"]}</span>')
    return (
        f'  <footer class="row-foot">\n    {chr(10).join(badges)}\n    <span class="row-actions">\n'
        f'      <a class="button-small" href="{_e(links.open)}" data-key="o">{labels["open"]}</a>\n'
        f"{_quick_actions(comment, labels, links, pending, csrf_token, next_path)}    </span>\n  </footer>\n"
    )


def _quick_actions(comment: Any, labels: dict[str, str], links: RowLinks, pending: bool, csrf_token: str, next_path: str) -> str:
    """Hide (while visible) and mark handled (while open), posted in place by htmx or as a plain form."""
    state, status = comment.platform_state, comment.status
    if pending or (state != "visible" and status != "open"):
        return ""
    buttons = []
    if state == "visible":
        url = _e(links.hide)
        buttons.append(f'<button type="submit" class="button-small" formaction="{url}" hx-post="{url}" data-key="h">{labels["hide"]}</button>')
    if status == "open":
        url = _e(links.mark_handled)
        buttons.append(f'<button type="submit" class="button-small" formaction="{url}" hx-post="{url}">{labels["mark_handled"]}</button>')
    action = _e(links.hide if state == "visible" else links.mark_handled)
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">' if csrf_token else ""
    return (
        f'      <form method="post" action="{action}" hx-target="#comment-{int(comment.pk)}" hx-swap="outerHTML" class="inline-form">\n'
        f'        {csrf}<input type="hidden" name="next" value="{_e(next_path)}">'
        f'<input type="hidden" name="version" value="{int(comment.version)}">\n'
        f"        {chr(10).join(buttons)}\n      </form>\n"
    )
