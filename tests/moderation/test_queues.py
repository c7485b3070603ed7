"""Every queue, the filters, the priority order and keyset paging of the inbox selector."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from accounts.models import Department
from moderation.inbox import InboxFilters, filter_counts, inbox_comments, parse_filters
from moderation.models import Escalation, FollowUp
from tests.factories import AuthorFactory, CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def ids(queryset):
    return [c.pk for c in queryset]


@pytest.fixture
def inbox_set(connection, staff, lead):
    now = timezone.now()
    make = lambda **kw: CommentFactory(connection=connection, **kw)  # noqa: E731
    comments = {
        "question": make(text="Wanneer opent het zwembad?", category="question", published_at=now - timedelta(hours=30)),
        "hate": make(hateful=True, published_at=now - timedelta(hours=1)),
        "insult": make(insult=True, published_at=now - timedelta(hours=2), needs_review=True),
        "praise": make(text="Proficiat!", category="compliment", sentiment="positive", published_at=now - timedelta(minutes=5)),
        "handled": make(text="Bedankt", category="compliment", status="handled", published_at=now - timedelta(hours=3)),
        "mine": make(text="Straatlamp kapot", category="report", assigned_to=staff, published_at=now - timedelta(hours=4)),
        "waiting": make(text="Hoeveel kost de kaart?", category="question", published_at=now - timedelta(hours=5)),
        "followup": make(insult=True, text="Stelletje prutsers", published_at=now - timedelta(hours=6)),
    }
    department = Department.objects.create(organisation=connection.organisation, name="Financiën")
    Escalation.objects.create(
        organisation=connection.organisation, comment=comments["waiting"], department=department,
        question="Prijs?", asked_by=staff,
    )
    FollowUp.objects.create(
        organisation=connection.organisation, comment=comments["followup"], kind="delete_if_unchanged",
        due_at=now - timedelta(minutes=1), created_by=staff,
    )
    FollowUp.objects.create(
        organisation=connection.organisation, comment=comments["praise"], kind="remind",
        due_at=now + timedelta(hours=5), created_by=staff,
    )
    return comments


@pytest.mark.parametrize(
    ("queue", "expected"),
    [
        ("new", {"question", "hate", "insult", "praise", "mine", "followup"}),
        ("review", {"insult"}),
        ("mine", {"mine"}),
        ("waiting", {"waiting"}),
        ("followup", {"followup"}),
        ("handled", {"handled"}),
        ("all", {"question", "hate", "insult", "praise", "handled", "mine", "waiting", "followup"}),
    ],
)
def test_each_queue_holds_what_its_name_says(organisation, staff, inbox_set, queue, expected):
    found = set(ids(inbox_comments(organisation, InboxFilters(queue=queue), user=staff)))
    assert found == {inbox_set[name].pk for name in expected}


def test_priority_order_puts_criminal_first_then_longest_waiting_questions(organisation, staff, inbox_set):
    order = ids(inbox_comments(organisation, InboxFilters(queue="new", sort="priority"), user=staff))
    assert order[0] == inbox_set["hate"].pk
    assert order[1:3] == [inbox_set["question"].pk, inbox_set["mine"].pk]  # 30 h before 4 h
    assert set(order[3:]) == {inbox_set[n].pk for n in ("insult", "praise", "followup")}


def test_keyset_pages_in_priority_order_cover_everything_once(organisation, staff, inbox_set):
    filters = InboxFilters(queue="all", sort="priority")
    seen, cursor = [], None
    while True:
        page = list(inbox_comments(organisation, filters, user=staff, cursor=cursor)[:3])
        if not page:
            break
        seen += [c.pk for c in page]
        cursor = page[-1]
    assert seen == ids(inbox_comments(organisation, filters, user=staff))
    assert len(seen) == len(set(seen)) == 8


def test_filters_by_post_author_assignee_and_dates(organisation, connection, staff):
    post = PostFactory(connection=connection)
    author = AuthorFactory(organisation=organisation)
    old = CommentFactory(connection=connection, published_at=timezone.now() - timedelta(days=10))
    target = CommentFactory(connection=connection, post=post, author=author, assigned_to=staff)
    assert ids(inbox_comments(organisation, InboxFilters(post=str(post.pk)), user=staff)) == [target.pk]
    assert ids(inbox_comments(organisation, InboxFilters(author=str(author.pk)), user=staff)) == [target.pk]
    assert ids(inbox_comments(organisation, InboxFilters(assignee=str(staff.pk)), user=staff)) == [target.pk]
    assert target.pk not in ids(inbox_comments(organisation, InboxFilters(assignee="none"), user=staff))
    day = (timezone.localdate() - timedelta(days=10)).isoformat()
    assert ids(inbox_comments(organisation, InboxFilters(date_from=day, date_to=day), user=staff)) == [old.pk]


def test_search_finds_words_in_dutch(organisation, connection, staff):
    hit = CommentFactory(connection=connection, text="De fietspaden in de Kerkstraat zijn gevaarlijk")
    CommentFactory(connection=connection, text="Mooi feest gisteren")
    found = ids(inbox_comments(organisation, InboxFilters(queue="all", q="fietspaden"), user=staff))
    assert found == [hit.pk]


def test_hostile_filter_values_are_dropped():
    params = QueryDict("queue=evil&sort=DROP&post=1;DELETE&date_from=2026-13-45&assignee=x&q=" + "a" * 500)
    filters = parse_filters(params)
    assert (filters.queue, filters.sort, filters.post, filters.date_from, filters.assignee) == ("new", "time", "", "", "")
    assert len(filters.q) == 200


def test_queue_counts_match_the_queues(organisation, staff, inbox_set):
    counts = filter_counts(organisation, InboxFilters(), user=staff)["queue"]
    assert counts == {"new": 6, "review": 1, "mine": 1, "waiting": 1, "followup": 1, "handled": 1, "all": 8}
