"""The inbox row built in Python (``moderation.inbox_row``): its parts, its live attributes and its escaping."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from moderation.inbox import inbox_comments, parse_filters
from moderation.inbox_row import render_row
from moderation.models import ModerationAction
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>window.__pwned=1</script>"\'><img src=x onerror=alert(1)>'


def _row(comment, organisation, staff, **options):
    listed = next(c for c in inbox_comments(organisation, parse_filters(QueryDict("queue=all")), user=staff) if c.pk == comment.pk)
    defaults = {"csrf_token": "token123", "next_path": "/inbox/?q=a&b", "now": timezone.now()}
    return str(render_row(listed, **(defaults | options)))


def test_everything_a_stranger_wrote_is_escaped(organisation, connection, staff):
    assignee = UserFactory(first_name=HOSTILE, last_name="")
    comment = CommentFactory(
        connection=connection, text=HOSTILE + "\nregel twee", author__name=HOSTILE, post__title=HOSTILE, assigned_to=assignee,
    )
    html = _row(comment, organisation, staff, next_path="/inbox/?q=" + HOSTILE, post_query='q="><b>&')
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert html.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") == 5   # text, author, post, assignee, path
    assert "regel twee" in html and "<br>regel twee" in html   # line breaks kept, as <br>
    assert 'value="/inbox/?q=&lt;script&gt;' in html
    assert 'href="?q=&quot;&gt;&lt;b&gt;&amp;post=' in html


def test_a_row_shows_its_labels_state_and_quick_actions(organisation, connection, staff):
    comment = CommentFactory(connection=connection, category="question", published_at=timezone.now() - timedelta(days=4))
    with translation.override("nl"):
        html = _row(comment, organisation, staff)
    assert f'id="comment-{comment.pk}"' in html and "conduct-allowed" in html
    assert 'name="csrfmiddlewaretoken" value="token123"' in html
    assert ">vraag<" in html and ">Te laat<" in html   # category label and overdue badge, in Dutch
    assert 'data-key="h"' in html and "/actie/mark_handled/" in html
    assert "hx-trigger" not in html and "hx-swap-oob" not in html


def test_criminal_and_insulting_text_is_folded_away(organisation, connection, staff):
    html = _row(CommentFactory(connection=connection, hateful=True), organisation, staff)
    assert '<details class="sensitive">' in html and "conduct-badge-criminal" in html
    plain = _row(CommentFactory(connection=connection), organisation, staff)
    assert "<details" not in plain and "conduct-badge" not in plain


def test_a_handled_hidden_comment_has_no_quick_actions(organisation, connection, staff):
    comment = CommentFactory(connection=connection, platform_state="hidden", status="handled", author=None, post=None)
    html = _row(comment, organisation, staff)
    assert "state-hidden" in html and "is-handled" in html and "<form" not in html
    assert 'aria-disabled="true"' in html and "csrfmiddlewaretoken" not in html


def test_a_row_with_a_pending_action_polls_itself_until_done(organisation, connection, staff):
    comment = CommentFactory(connection=connection)
    ModerationAction.objects.create(organisation=organisation, comment=comment, kind="hide", state="pending", acting_user=staff)
    html = _row(comment, organisation, staff)
    assert 'hx-trigger="every 1s"' in html and 'role="status"' in html and "<form" not in html
    assert 'hx-swap-oob="true"' in _row(comment, organisation, staff, oob=True)
    assert "hx-trigger" not in _row(comment, organisation, staff, oob=True)
