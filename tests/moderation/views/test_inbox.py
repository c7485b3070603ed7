from __future__ import annotations

import pytest
from django.urls import reverse

from moderation.inbox import PAGE_SIZE
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_it_lists_the_organisations_open_comments_newest_first(staff_client, connection):
    older = CommentFactory(connection=connection, text="Oudere vraag over de werken?")
    newer = CommentFactory(connection=connection, text="Nieuwe vraag over het zwembad?")
    html = staff_client.get(reverse("moderation:inbox")).content.decode()
    assert html.index(newer.text) < html.index(older.text)


def test_it_never_shows_another_organisations_comments(outsider_client, connection):
    CommentFactory(connection=connection, text="Geheime reactie van Velderbeek")
    html = outsider_client.get(reverse("moderation:inbox")).content.decode()
    assert "Geheime reactie van Velderbeek" not in html


def test_filters_narrow_the_list_and_show_counts(staff_client, connection):
    CommentFactory(connection=connection, text="Vraag een", category="question")
    CommentFactory(connection=connection, insult=True)
    response = staff_client.get(reverse("moderation:inbox"), {"category": "insult"})
    html = response.content.decode()
    assert "Wat een bende idioten" in html and "Vraag een" not in html
    assert response.context["counts"]["category"] == {"question": 1, "insult": 1}


def test_unknown_filter_values_are_ignored(staff_client, connection):
    CommentFactory(connection=connection, text="Gewone vraag?")
    response = staff_client.get(reverse("moderation:inbox"), {"category": "'; DROP TABLE x;--", "status": "evil"})
    assert response.status_code == 200
    assert "Gewone vraag?" in response.content.decode()


def test_comment_text_is_escaped(staff_client, connection):
    CommentFactory(connection=connection, text='<script>alert("x")</script><img src=x onerror=alert(1)>')
    html = staff_client.get(reverse("moderation:inbox")).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_the_live_poll_returns_only_newer_comments(staff_client, connection):
    first = CommentFactory(connection=connection, text="Eerste reactie")
    second = CommentFactory(connection=connection, text="Tweede reactie")
    response = staff_client.get(reverse("moderation:inbox_poll"), {"after": first.pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert second.text in html and first.text not in html
    assert 'hx-swap-oob="afterbegin:#comment-rows"' in html


def test_keyset_pages_do_not_overlap(staff_client, connection):
    CommentFactory.create_batch(PAGE_SIZE + 5, connection=connection)
    first = staff_client.get(reverse("moderation:inbox"))
    ids_first = [c.pk for c in first.context["comments"]]
    second = staff_client.get(reverse("moderation:inbox"), {"cursor": first.context["next_cursor"]})
    ids_second = [c.pk for c in second.context["comments"]]
    assert len(ids_first) == PAGE_SIZE and len(ids_second) == 5
    assert not set(ids_first) & set(ids_second)


def test_department_contacts_have_no_inbox(department_user, organisation):
    from tests.helpers import client_for

    assert client_for(department_user).get(reverse("moderation:inbox")).status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("moderation:inbox"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_interface_speaks_dutch_by_default_and_english_on_request(staff_client):
    assert "Inbox" in staff_client.get(reverse("moderation:inbox")).content.decode()
    assert 'lang="nl"' in staff_client.get(reverse("moderation:inbox")).content.decode()
    staff_client.cookies["django_language"] = "en"
    assert 'lang="en"' in staff_client.get(reverse("moderation:inbox")).content.decode()


def test_counts_stop_at_the_cap_and_say_so(staff_client, connection, monkeypatch):
    monkeypatch.setattr("moderation.inbox.COUNT_CAP", 3)
    CommentFactory.create_batch(5, connection=connection, category="question")
    response = staff_client.get(reverse("moderation:inbox"))
    assert response.context["counts"]["queue"]["new"] == 4  # cap + 1 means "more than the cap"
    assert "3+" in response.content.decode()


def test_each_row_offers_hide_and_handled_in_one_form_that_works_without_javascript(staff_client, connection):
    comment = CommentFactory(connection=connection, text="Mag deze weg?")
    html = staff_client.get(reverse("moderation:inbox")).content.decode()
    hide = reverse("moderation:act", args=[comment.pk, "hide"])
    handled = reverse("moderation:act", args=[comment.pk, "mark_handled"])
    assert f'formaction="{hide}"' in html and f'hx-post="{hide}"' in html
    assert f'formaction="{handled}"' in html and f'hx-post="{handled}"' in html
    assert f'href="{reverse("moderation:comment", args=[comment.pk])}"' in html
    response = staff_client.post(handled, {"version": comment.version, "next": reverse("moderation:inbox")})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "handled"


def test_counts_are_fresh_after_a_comment_changes(staff_client, connection):
    first = CommentFactory(connection=connection, text="Eerste vraag?", category="question")
    assert staff_client.get(reverse("moderation:inbox")).context["counts"]["queue"]["new"] == 1
    CommentFactory(connection=connection, text="Tweede vraag?", category="question")
    assert staff_client.get(reverse("moderation:inbox")).context["counts"]["queue"]["new"] == 2
    staff_client.post(reverse("moderation:act", args=[first.pk, "mark_handled"]), {"version": first.version})
    counts = staff_client.get(reverse("moderation:inbox")).context["counts"]["queue"]
    assert counts["new"] == 1 and counts["handled"] == 1


def test_a_burst_larger_than_a_page_arrives_over_the_next_polls(staff_client, connection):
    first = CommentFactory(connection=connection, text="Al op het scherm")
    burst = CommentFactory.create_batch(PAGE_SIZE + 3, connection=connection)
    seen: list[int] = []
    after = first.pk
    for _poll in range(3):
        response = staff_client.get(reverse("moderation:inbox_poll"), {"after": after}, HTTP_HX_REQUEST="true")
        shown = [c.pk for c in response.context["new_comments"]]
        seen += shown
        after = response.context["newest_id"]
    assert sorted(seen) == sorted(c.pk for c in burst)
