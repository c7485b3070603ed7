"""Every hostile case through sync and every page that shows it: stored clean, rendered inert."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Department
from moderation.actions import do_request_action
from moderation.escalation import answer_token
from moderation.models import Comment, Escalation, Post
from moderation.safety import MAX_TEXT_LENGTH
from moderation.sync import SyncReport, store_page
from tests.hostile.corpus import CASES, PWN
from tests.hostile.feed import hostile_page
from tests.hostile.inert import assert_inert, problems_in

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


# --- the inspector itself must be able to fail --------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        f"<script>{PWN}</script>",
        '<img src=x onerror="alert(1)">',
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        "<svg><animate onbegin=alert(1)></svg>",
        '<div style="position:fixed">',
        f'<div hx-vals=\'{{"x": "{PWN}"}}\'></div>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<iframe srcdoc="x"></iframe>',
    ],
)
def test_the_inspector_sees_live_markup(markup):
    assert problems_in(f"<p>{markup}</p>") != []


def test_the_inspector_accepts_escaped_markup():
    from django.utils.html import escape

    assert problems_in("".join(f"<p>{escape(case.as_text[:500])}</p>" for case in CASES)) == []


# --- sync ---------------------------------------------------------------------------------


def test_sync_stores_every_case_as_valid_text(hostile):
    for name, comment in hostile.items():
        comment.text.encode("utf-8")  # strict: no lone surrogates left
        assert "\x00" not in comment.text and "\x1b" not in comment.text, name
        assert len(comment.text) <= MAX_TEXT_LENGTH + 4, name
        assert len(comment.author.name) <= 300, name
        assert comment.permalink == "" or comment.permalink.startswith("https://"), name
    assert "\ufffd" in hostile["invalid_utf8"].text and "einde" in hostile["invalid_utf8"].text
    assert hostile["one_megabyte_word"].text.endswith(" […]")
    assert "\u202e" in hostile["bidi_override"].text  # nothing visible is removed: escaping is at output
    assert hostile["reply"].parent_id == hostile["script_tag"].pk
    assert Post.objects.get(remote_id="hostile_post").permalink == ""


def test_a_second_sync_of_the_same_page_changes_nothing(connection, hostile):
    report = SyncReport()
    store_page(connection, hostile_page(), report)
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(hostile))
    assert Comment.objects.filter(connection=connection).count() == len(hostile)


# --- pages --------------------------------------------------------------------------------


def test_the_inbox_is_inert_and_short(staff_client, hostile):
    response = staff_client.get(reverse("moderation:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert_inert(html, "inbox")
    assert "&lt;script&gt;window.__pwned=1" in html  # shown, as text
    assert "A" * 601 not in html and len(html) < 400_000  # long texts are cut in the list


def test_a_hostile_search_is_inert(staff_client, hostile):
    response = staff_client.get(reverse("moderation:inbox"), {"q": f'"><script>{PWN}</script>'})
    assert response.status_code == 200
    assert_inert(response.content.decode(), "inbox search")


def test_the_live_poll_is_inert(staff_client, hostile):
    shown = [c.pk for c in hostile.values()]
    response = staff_client.get(
        reverse("moderation:inbox_poll"),
        {"after": 0, "shown": shown, "since": "2000-01-01T00:00:00+00:00"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "comment-" in html
    assert_inert(html, "live poll")
    assert "A" * 601 not in html


def test_every_comment_page_is_inert_in_full_and_as_a_panel(staff_client, hostile):
    for name, comment in hostile.items():
        url = reverse("moderation:comment", args=[comment.pk])
        full = staff_client.get(url)
        assert full.status_code == 200, name
        assert_inert(full.content.decode(), f"comment page {name}")
        panel = staff_client.get(url, headers={**HTMX, "HX-Target": "comment-panel"})
        assert panel.status_code == 200, name
        assert_inert(panel.content.decode(), f"comment panel {name}")
        row = staff_client.get(reverse("moderation:comment_row", args=[comment.pk]), headers=HTMX)
        assert_inert(row.content.decode(), f"comment row {name}")
    page = staff_client.get(reverse("moderation:comment", args=[hostile["script_tag"].pk])).content.decode()
    assert "&lt;script&gt;window.__pwned=1;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page


def test_a_megabyte_word_is_shortened_on_the_comment_page(staff_client, hostile):
    """Browsers need seconds to lay out a 200,000-character word: the page shows the first 10,000."""
    page = staff_client.get(
        reverse("moderation:comment", args=[hostile["one_megabyte_word"].pk])
    ).content.decode()
    assert 'id="text-shortened"' in page
    assert "A" * 9_000 in page and "A" * 10_001 not in page
    normal = staff_client.get(
        reverse("moderation:comment", args=[hostile["emoji_sequences"].pk])
    ).content.decode()
    assert 'id="text-shortened"' not in normal


def test_every_author_page_is_inert(staff_client, hostile):
    for name, comment in hostile.items():
        response = staff_client.get(reverse("moderation:author", args=[comment.author_id]))
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), f"author page {name}")


def test_the_audit_log_is_inert(lead_client, lead, hostile):
    for comment in hostile.values():
        do_request_action(comment, kind="mark_handled", acting_user=lead, reason=comment.text[:2000])
    html = lead_client.get(reverse("moderation:audit")).content.decode()
    assert_inert(html, "audit log")
    assert "&lt;script&gt;" in html


def test_the_department_answer_page_is_inert(lead, hostile):
    department = Department.objects.create(organisation=lead.memberships.get().organisation, name="Wegen")
    client = Client()
    for name, comment in hostile.items():
        escalation = Escalation.objects.create(
            organisation=comment.organisation,
            comment=comment,
            department=department,
            question=comment.text[:4000],
            asked_by=lead,
        )
        url = reverse("moderation:department_answer", args=[answer_token(escalation)])
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), f"department answer {name}")
        client.post(url, {"answer": comment.text[:8000] or "x", "name": comment.author.name})
        assert_inert(client.get(url).content.decode(), f"answered {name}")
