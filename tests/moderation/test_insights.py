"""Insights (issue 8): the pure calculations as tables, and every chart's numbers against a known dataset."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from accounts.models import Department
from codeofconduct.models import BlockProposal, Strike
from codeofconduct.selectors import code_in_force
from moderation import insights, insights_signals, stats
from moderation.charts import Bar, Series, horizontal_bars, line_chart, stacked_bars
from moderation.insights import Period, histogram_percentile, parse_period, percentile, top_share
from moderation.models import (
    Comment,
    DailyCommentStat,
    DailyQuestionStat,
    Escalation,
    ModerationAction,
    MonthlyAuthorStat,
)
from moderation.topics import content_words, recurring_topics
from moderation.views_insights import write_csv
from tests.factories import AuthorFactory, CommentFactory, ConnectionFactory, PostFactory

BRUSSELS = ZoneInfo("Europe/Brussels")
D1, D2 = date(2025, 3, 10), date(2025, 3, 11)
TWO_DAYS = Period(D1, D2, None, "custom")


@pytest.fixture(autouse=True)
def english():
    """Labels in the source language, so the expected rows read the same whatever the catalogue says."""
    with translation.override("en"):
        yield


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


# --- Pure calculations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([1, 2, 3, 4], 0.5, 2.5),
        ([4, 1, 3, 2], 0.5, 2.5),  # order does not matter
        (list(range(1, 11)), 0.9, 9.1),  # between the 9th and 10th value
        ([10, 90, 1800], 0.5, 90),
        ([10, 90, 1800], 0.9, 1458),
        ([5], 0.9, 5),
        ([], 0.5, None),
    ],
)
def test_percentile_interpolates_like_percentile_cont(values, fraction, expected):
    assert percentile(values, fraction) == pytest.approx(expected) if expected is not None else percentile(values, fraction) is None


@pytest.mark.parametrize(
    ("histogram", "fraction", "expected"),
    [
        ({1: 1, 5: 1}, 0.5, 3),
        ({10: 3, 20: 1}, 0.9, 17),
        ({10: 3, 20: 1}, 0.5, 10),
        ({7: 1}, 0.9, 7),
        ({}, 0.5, None),
    ],
)
def test_histogram_percentile_table(histogram, fraction, expected):
    result = histogram_percentile(histogram, fraction)
    assert result == pytest.approx(expected) if expected is not None else result is None


def test_histogram_percentile_equals_percentile_of_the_expanded_values():
    rng = random.Random(8)
    for _ in range(200):
        histogram = {rng.randint(0, 3000): rng.randint(1, 5) for _ in range(rng.randint(1, 30))}
        expanded = [value for value, count in histogram.items() for _ in range(count)]
        for fraction in (0.5, 0.9):
            assert histogram_percentile(histogram, fraction) == pytest.approx(percentile(expanded, fraction))


@pytest.mark.parametrize(
    ("counts", "percent", "authors", "comments", "share"),
    [
        ([50] + [1] * 99, 1, 1, 50, 50 / 149),  # 100 authors: the top 1 % is one person
        ([50] + [1] * 99, 10, 10, 59, 59 / 149),
        ([10, 5, 3, 1, 1], 1, 1, 10, 0.5),  # fewer than 100 authors: still at least one
        ([10, 5, 3, 1, 1], 10, 1, 10, 0.5),
        ([1] * 30, 10, 3, 3, 0.1),  # 10 % of 30 is exactly 3, not 4
        ([3, 0, 0], 10, 1, 3, 1.0),  # authors without comments do not count
        ([], 1, 0, 0, 0.0),
    ],
)
def test_top_share_table(counts, percent, authors, comments, share):
    result = top_share(counts, percent)
    assert (result.authors, result.comments) == (authors, comments)
    assert result.share == pytest.approx(share)


TODAY = date(2025, 3, 20)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Period(date(2025, 2, 19), TODAY, None, "30")),
        ({"period": "7"}, Period(date(2025, 3, 14), TODAY, None, "7")),
        ({"period": "90", "connection": "5"}, Period(date(2024, 12, 21), TODAY, 5, "90")),
        ({"period": "365"}, Period(date(2025, 2, 19), TODAY, None, "30")),
        ({"period": "custom", "from": "2025-01-01", "to": "2025-01-31"}, Period(date(2025, 1, 1), date(2025, 1, 31), None, "custom")),
        ({"period": "custom", "from": "2025-01-31", "to": "2025-01-01"}, Period(date(2025, 1, 1), date(2025, 1, 31), None, "custom")),
        ({"period": "custom", "from": "2020-01-01", "to": "2025-01-01"}, Period(date(2024, 1, 2), date(2025, 1, 1), None, "custom")),
        ({"period": "custom", "from": "gisteren", "to": "2025-01-01"}, Period(date(2025, 2, 19), TODAY, None, "30")),
        ({"connection": "99"}, Period(date(2025, 2, 19), TODAY, None, "30")),  # not one of ours
        ({"connection": "x"}, Period(date(2025, 2, 19), TODAY, None, "30")),
    ],
)
def test_parse_period_table(params, expected):
    assert parse_period(params, today=TODAY, connection_ids={5}) == expected


def test_periods_longer_than_92_days_are_shown_per_month():
    assert insights.period_buckets(Period(date(2025, 1, 15), date(2025, 4, 30), None, "custom")) == [
        date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1),
    ]
    assert len(insights.period_buckets(Period(date(2025, 1, 1), date(2025, 4, 2), None, "custom"))) == 92
    assert insights.period_buckets(TWO_DAYS) == [D1, D2]


@pytest.mark.parametrize(
    ("first", "last", "months", "edges"),
    [
        (date(2025, 2, 15), date(2025, 4, 10), [date(2025, 3, 1)], [(date(2025, 2, 15), date(2025, 2, 28)), (date(2025, 4, 1), date(2025, 4, 10))]),
        (date(2025, 3, 1), date(2025, 3, 31), [date(2025, 3, 1)], []),
        (D1, D2, [], [(D1, D2)]),
        (date(2024, 12, 1), date(2025, 2, 28), [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)], []),
        (date(2024, 2, 1), date(2024, 2, 29), [date(2024, 2, 1)], []),  # a leap year's February
        (date(2024, 2, 1), date(2024, 2, 28), [], [(date(2024, 2, 1), date(2024, 2, 28))]),
    ],
)
def test_split_by_months_table(first, last, months, edges):
    assert insights.split_by_months(first, last) == (months, edges)


def test_day_runs_groups_consecutive_days_and_caps_their_length():
    days = [D1, D2, date(2025, 3, 12), date(2025, 3, 20)]
    assert stats.day_runs(days) == [(D1, date(2025, 3, 12)), (date(2025, 3, 20), date(2025, 3, 20))]
    assert stats.day_runs(days, longest=2) == [(D1, D2), (date(2025, 3, 12), date(2025, 3, 12)), (date(2025, 3, 20),) * 2]


@pytest.mark.parametrize(
    ("texts", "words"),
    [
        (
            [("Wanneer gaat het containerpark open?", 1, "question"), ("Containerpark dicht, alweer!", 2, "frustration"),
             ("Is het CONTAINERPARK morgen open?", 3, "question"), ("Het zwembad is vuil", 1, "report"),
             ("Zwembad zwembad zwembad", 1, "report"), ("Mooi zwembad", 1, "compliment")],
            [("containerpark", 3, 3, "question")],  # "zwembad" comes from one person only; "open" is too short
        ),
        ([("De gemeente moet dat echt weten", 1, "other")] * 5, []),  # only stop words
        ([("Fietspad 12 kapot", a, "report") for a in (1, 2, 3)], [("fietspad", 3, 3, "report"), ("kapot", 3, 3, "report")]),
    ],
)
def test_recurring_topics_table(texts, words):
    assert [(t.word, t.comments, t.authors, t.top_category) for t in recurring_topics(texts)] == words


def test_content_words_drop_numbers_stop_words_and_short_words():
    assert content_words("Waarom is de straatlamp 3x kapot? Zo'n gedoe") == {"straatlamp", "kapot", "gedoe"}


# --- Charts -------------------------------------------------------------------------------


def test_charts_escape_every_label_and_carry_an_accessible_name():
    hostile = '<script>alert("x")</script>'
    svgs = [
        stacked_bars([hostile], [Series(hostile, [3])], title=hostile, chart_id="a"),
        line_chart([hostile], [Series(hostile, [3])], title=hostile, chart_id="b", reference=(hostile, 2)),
        horizontal_bars([Bar(hostile, 3, hostile)], title=hostile, chart_id="c"),
    ]
    for svg in svgs:
        assert "<script>" not in svg and "&lt;script&gt;" in svg
        assert 'role="img"' in svg and "aria-label=" in svg and "<title id=" in svg
        assert "style=" not in svg


def test_an_empty_chart_says_so():
    assert "No data for this period." in stacked_bars(["a"], [Series("x", [0])], title="t", chart_id="e")


# --- The known dataset --------------------------------------------------------------------


@pytest.fixture
def dataset(organisation, connection, lead):
    """Ten comments from the public on two pages over two local days, plus one reply of our own."""
    facebook = ConnectionFactory(organisation=organisation, kind="facebook", name="Velderbeek op Facebook")
    works = PostFactory(connection=connection, title="Wegenwerken Stationsstraat")
    pool = PostFactory(connection=facebook, title="Zwembad dicht")

    def comment(post, when, **fields):
        return CommentFactory(connection=post.connection, post=post, published_at=when, **fields)

    for minute in range(3):
        comment(works, local(D1, 9, minute), sentiment="negative", category="criticism")
    q1 = comment(works, local(D1, 10), sentiment="neutral", category="question")
    for minute in range(2):
        comment(works, local(D2, 8, minute), sentiment="positive", category="compliment")
    comment(pool, local(D2, 7), sentiment="negative", category="insult", conduct="unwanted")
    q2 = comment(pool, local(D2, 9), sentiment="neutral", category="question")
    q3 = comment(pool, local(D2, 12), sentiment="neutral", category="question")
    comment(pool, local(D2, 13), sentiment="neutral", category="question")  # never answered
    # q1: a public reply done after 90 minutes (handled a minute later); q2: our own reply seen on
    # the page 30 hours later; q3: marked handled after 10 minutes.
    ModerationAction.objects.create(
        organisation=organisation, comment=q1, kind="reply", state="done", acting_user=lead,
        completed_at=local(D1, 11, 30),
    )
    Comment.objects.filter(pk=q1.pk).update(status="handled", handled_at=local(D1, 11, 31))
    CommentFactory(connection=facebook, post=pool, parent=q2, is_own=True, published_at=local(D2, 9) + timedelta(hours=30),
                   sentiment="positive", category="other")
    Comment.objects.filter(pk=q3.pk).update(status="handled", handled_at=local(D2, 12, 10))
    stats.refresh_days(organisation, days=[D1, D2])
    return {"works": works, "pool": pool, "facebook": facebook}


@pytest.mark.django_db
def test_comments_by_sentiment_per_local_day(organisation, dataset):
    insight = insights.volume_by_sentiment(organisation, TWO_DAYS)
    assert insight.rows == [[D1, 3, 1, 0, 4], [D2, 1, 3, 2, 6]]  # our own reply is not counted
    assert insight.summary == [("Comments", "10")]


@pytest.mark.django_db
def test_comments_by_category_per_day(organisation, dataset):
    insight = insights.volume_by_category(organisation, TWO_DAYS)
    assert insight.columns == ["Day", "question", "criticism", "compliment", "insult", "Total"]
    assert insight.rows == [[D1, 1, 3, 0, 0, 4], [D2, 3, 0, 2, 1, 6]]


@pytest.mark.django_db
def test_comments_per_post_and_per_platform(organisation, dataset):
    posts = insights.per_post(organisation, TWO_DAYS)
    assert posts.rows == [
        ["Wegenwerken Stationsstraat", "Velderbeek (demo)", 6, 3, 1],
        ["Zwembad dicht", "Velderbeek op Facebook", 4, 1, 3],
    ]
    assert insights.per_platform(organisation, TWO_DAYS).rows == [["Demo", 6, 3, 1], ["Facebook", 4, 1, 3]]


@pytest.mark.django_db
def test_the_connection_filter_keeps_one_page(organisation, dataset):
    only_facebook = Period(D1, D2, dataset["facebook"].pk, "custom")
    assert insights.volume_by_sentiment(organisation, only_facebook).rows == [[D1, 0, 0, 0, 0], [D2, 1, 3, 0, 4]]
    assert insights.per_post(organisation, only_facebook).rows == [["Zwembad dicht", "Velderbeek op Facebook", 4, 1, 3]]


@pytest.mark.django_db
def test_question_response_times_median_and_p90_against_the_target(organisation, dataset):
    insight = insights_signals.response_times(organisation, TWO_DAYS)
    # D1: q1 after 90 min. D2: q3 after 10 min, q2 after 30 h, one still waiting.
    assert insight.rows == [[D1, 1, 1, 1.5, 1.5, 100.0], [D2, 3, 2, 15.1, 27.0, 50.0]]
    assert dict(insight.summary) == {
        "Median": "1.5 h",  # of 10, 90 and 1800 minutes
        "p90": "24.3 h",  # 90 + 0.8 * (1800 - 90) = 1458 minutes
        "Target": "24 h",
        "Answered within target": "66.7 %",
        "Not answered yet": "1",
    }
    assert insight.reference == ("target", 24.0)


@pytest.mark.django_db
def test_long_periods_read_whole_months_and_edge_days_alike(organisation, dataset):
    half_year = insights_signals.response_times(organisation, Period(date(2025, 1, 1), date(2025, 6, 30), None, "custom"))
    assert half_year.rows[2] == [date(2025, 3, 1), 4, 3, 1.5, 24.3, 66.7]  # March is a whole month: its monthly row
    from_d2 = insights_signals.response_times(organisation, Period(D2, date(2025, 6, 30), None, "custom"))
    assert from_d2.rows[0] == [date(2025, 3, 1), 3, 2, 15.1, 27.0, 50.0]  # March from the 11th: daily rows
    volumes = insights.volume_by_sentiment(organisation, Period(date(2025, 1, 1), date(2025, 6, 30), None, "custom"))
    assert volumes.columns[0] == "Month" and volumes.rows[2] == [date(2025, 3, 1), 4, 4, 2, 10]
    assert volumes.labels[2] == "03/2025"


@pytest.mark.django_db
def test_the_day_boundary_is_midnight_in_brussels_not_utc(organisation, connection):
    post = PostFactory(connection=connection)
    moments = [
        datetime(2025, 3, 10, 22, 59, tzinfo=UTC),  # 23:59 in Brussels (winter time): 10 March
        datetime(2025, 3, 10, 23, 30, tzinfo=UTC),  # 00:30 in Brussels: already 11 March
        datetime(2025, 7, 1, 21, 59, tzinfo=UTC),  # 23:59 summer time: 1 July
        datetime(2025, 7, 1, 22, 0, tzinfo=UTC),  # 00:00 summer time: 2 July
        datetime(2025, 3, 30, 21, 59, tzinfo=UTC),  # the 23-hour day of the clock change
        datetime(2025, 3, 29, 23, 0, tzinfo=UTC),  # its local midnight
    ]
    for moment in moments:
        CommentFactory(connection=connection, post=post, published_at=moment)
    stats.refresh_changed_days(organisation)
    days = dict(DailyCommentStat.objects.values_list("day", "count"))
    assert days == {
        date(2025, 3, 10): 1, date(2025, 3, 11): 1, date(2025, 7, 1): 1, date(2025, 7, 2): 1, date(2025, 3, 30): 2,
    }
    assert insights.volume_by_sentiment(organisation, TWO_DAYS).rows == [[D1, 0, 1, 0, 1], [D2, 0, 1, 0, 1]]


@pytest.mark.django_db
def test_the_most_active_one_and_ten_percent_of_authors(organisation, connection):
    post = PostFactory(connection=connection)
    authors = [AuthorFactory(organisation=organisation) for _ in range(20)]
    for index in range(11):
        CommentFactory(connection=connection, post=post, author=authors[0], published_at=local(D1, 8, index))
    for author in authors[1:]:
        CommentFactory(connection=connection, post=post, author=author, published_at=local(D2, 8))
    stats.refresh_days(organisation, days=[D1, D2])
    insight = insights_signals.participation(organisation, TWO_DAYS)
    assert insight.rows == [
        ["Most active 1 %", 1, 11, 36.7],
        ["Next 9 %", 1, 1, 3.3],  # 10 % of 20 authors is 2 people
        ["Other 90 %", 18, 18, 60.0],
        ["All authors", 20, 30, 100.0],
    ]
    assert dict(insight.summary) == {"Most active 1 %": "36.7 %", "Most active 10 %": "40.0 %"}


@pytest.mark.django_db
def test_the_author_share_over_whole_months_and_edge_days(organisation, connection):
    """Months inside the period come from the monthly tally, the days around them from the daily one."""
    post = PostFactory(connection=connection)
    busy, calm = AuthorFactory(organisation=organisation), AuthorFactory(organisation=organisation)
    days = [date(2025, 2, 10), date(2025, 2, 20), date(2025, 3, 5), date(2025, 3, 25), date(2025, 4, 3), date(2025, 4, 20)]
    for day in days:  # the busy author writes three a day, the calm one once
        for minute in range(3):
            CommentFactory(connection=connection, post=post, author=busy, published_at=local(day, 9, minute))
        CommentFactory(connection=connection, post=post, author=calm, published_at=local(day, 10))
    stats.refresh_changed_days(organisation)
    assert sorted(MonthlyAuthorStat.objects.filter(author=busy).values_list("month", "count")) == [
        (date(2025, 2, 1), 6), (date(2025, 3, 1), 6), (date(2025, 4, 1), 6),
    ]
    rows = insights_signals.participation(organisation, Period(date(2025, 2, 15), date(2025, 4, 10), None, "custom")).rows
    assert rows[-1] == ["All authors", 2, 16, 100.0]  # 20 Feb, all of March, 3 Apr: four days of four comments
    assert rows[0] == ["Most active 1 %", 1, 12, 75.0]
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        CommentFactory(connection=connection, post=post, author=calm, published_at=local(date(2025, 3, 26), 10))
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        stats.refresh_changed_days(organisation)
    assert MonthlyAuthorStat.objects.get(author=calm, month=date(2025, 3, 1)).count == 3


@pytest.mark.django_db
def test_strikes_and_blocks_per_local_day(organisation, connection, lead, other_lead):
    code = code_in_force(organisation)
    article = code.articles.first()
    author = AuthorFactory(organisation=organisation)

    def strike(consequence, when, **extra):
        made = Strike.objects.create(
            organisation=organisation, author=author, comment=CommentFactory(connection=connection, author=author),
            article=article, code_version=code.version, consequence=consequence, issued_by=lead,
            expires_at=when + timedelta(days=365), **extra,
        )
        Strike.objects.filter(pk=made.pk).update(created_at=when)
        return made

    strike("first_warning", datetime(2025, 3, 10, 8, 0, tzinfo=UTC))
    strike("second_warning", datetime(2025, 3, 10, 23, 30, tzinfo=UTC))  # 00:30 on 11 March in Brussels
    strike("first_warning", datetime(2025, 3, 10, 9, 0, tzinfo=UTC), revoked_at=datetime(2025, 3, 12, tzinfo=UTC))
    third = strike("block", datetime(2025, 3, 11, 10, 0, tzinfo=UTC))
    BlockProposal.objects.create(
        organisation=organisation, author=author, strike=third, state="confirmed", proposed_by=lead,
        decided_by=other_lead, decided_at=datetime(2025, 3, 11, 15, 0, tzinfo=UTC),
    )
    insight = insights_signals.strikes_and_blocks(organisation, TWO_DAYS)
    assert insight.rows == [[D1, 1, 0, 0, 0], [D2, 0, 1, 1, 1]]


@pytest.mark.django_db
def test_escalations_per_department_and_their_answer_times(organisation, connection, staff):
    green = Department.objects.create(organisation=organisation, name="Groendienst", answer_within_hours=48)
    roads = Department.objects.create(organisation=organisation, name="Mobiliteit", answer_within_hours=48)

    def escalate(department, asked_at, answer_after_hours=None):
        escalation = Escalation.objects.create(
            organisation=organisation, comment=CommentFactory(connection=connection), department=department,
            question="Klopt dit?", asked_by=staff,
        )
        answered_at = asked_at + timedelta(hours=answer_after_hours) if answer_after_hours is not None else None
        Escalation.objects.filter(pk=escalation.pk).update(asked_at=asked_at, answered_at=answered_at)

    escalate(green, local(D1, 10), 2)
    escalate(green, local(D1, 11), 10)
    escalate(green, local(D2, 9))
    escalate(roads, local(D2, 10), 60)
    escalate(roads, local(D2, 10) + timedelta(days=2), 1)  # outside the period
    insight = insights_signals.escalations(organisation, TWO_DAYS)
    assert insight.rows == [
        ["Groendienst", 3, 2, 1, 6.0, 9.2, 48, 100.0],
        ["Mobiliteit", 1, 1, 0, 60.0, 60.0, 48, 0.0],
    ]


@pytest.mark.django_db
def test_recurring_topics_of_the_week(organisation, connection):
    post = PostFactory(connection=connection)
    for hour, text in enumerate(["Het containerpark is weer dicht", "Containerpark open op zondag?", "Containerpark!!"]):
        CommentFactory(connection=connection, post=post, text=text, published_at=local(D2, 9 + hour))
    CommentFactory(connection=connection, post=post, text="containerpark", published_at=local(D2 - timedelta(days=7), 9))
    insight = insights_signals.recurring_topics(organisation, TWO_DAYS, today=D2)
    assert insight.rows == [["containerpark", 3, 3, "question"]]  # the comment of last week is not counted


# --- Keeping the aggregates current -------------------------------------------------------


@pytest.mark.django_db
def test_a_refresh_recounts_only_days_whose_comments_changed(organisation, connection, dataset):
    later = timezone.now()
    with time_machine.travel(later + timedelta(hours=1)):
        stats.refresh_changed_days(organisation)
    with time_machine.travel(later + timedelta(hours=2)):
        criticism = Comment.objects.filter(category="criticism").first()
        criticism.category = "question"
        criticism.save()
        assert stats.refresh_changed_days(organisation) == [D1]
    insight = insights.volume_by_category(organisation, TWO_DAYS)
    assert dict(zip(insight.columns, insight.rows[0], strict=True)) == {
        "Day": D1, "question": 2, "criticism": 2, "compliment": 0, "insult": 0, "Total": 4
    }


@pytest.mark.django_db
def test_a_reply_seen_later_updates_the_day_of_the_question(organisation, dataset):
    later = timezone.now()
    with time_machine.travel(later + timedelta(hours=1)):
        stats.refresh_changed_days(organisation)
    waiting = Comment.objects.get(category="question", status="open", is_own=False, replies__isnull=True)
    with time_machine.travel(later + timedelta(hours=2)):
        CommentFactory(connection=waiting.connection, post=waiting.post, parent=waiting, is_own=True,
                       published_at=local(date(2025, 3, 13), 9))  # its own day is recounted too
        assert stats.refresh_changed_days(organisation) == [D2, date(2025, 3, 13)]
    assert DailyQuestionStat.objects.get(day=D2).answered == 3


@pytest.mark.django_db
def test_refreshing_twice_gives_the_same_rows(organisation, dataset):
    before = sorted(DailyCommentStat.objects.values_list("day", "connection_id", "post_id", "sentiment", "category", "count"))
    stats.refresh_days(organisation, days=[D1, D2])
    stats.refresh_recent_days(organisation, days=3, now=local(D2, 23))
    after = sorted(DailyCommentStat.objects.values_list("day", "connection_id", "post_id", "sentiment", "category", "count"))
    assert before == after


@pytest.mark.django_db
def test_another_organisations_comments_are_never_counted(organisation, other_organisation, dataset):
    CommentFactory(connection=ConnectionFactory(organisation=other_organisation), published_at=local(D1, 12))
    stats.refresh_days(other_organisation, days=[D1])
    stats.refresh_days(organisation, days=[D1])
    assert insights.volume_by_sentiment(organisation, TWO_DAYS).rows[0][-1] == 4


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_csv_holds_the_table_and_defuses_formulas(organisation, connection):
    for title in ("=HYPERLINK(\"http://x\")", "+31 straat", "-min", "@SUM(A1)", "\tTab", "Gewoon"):
        CommentFactory(connection=connection, post=PostFactory(connection=connection, title=title), published_at=local(D1))
    stats.refresh_days(organisation, days=[D1])
    stream = io.StringIO()
    write_csv(stream, insights.per_post(organisation, TWO_DAYS))
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert rows[0] == ["Post", "Page", "Comments", "Negative", "Questions"]
    assert sorted(row[0] for row in rows[1:]) == sorted(
        ["'=HYPERLINK(\"http://x\")", "'+31 straat", "'-min", "'@SUM(A1)", "'\tTab", "Gewoon"]
    )
    assert all(row[2:] == ["1", "0", "1"] for row in rows[1:])


@pytest.mark.django_db
def test_the_csv_of_sentiment_matches_the_chart(organisation, dataset):
    stream = io.StringIO()
    write_csv(stream, insights.volume_by_sentiment(organisation, TWO_DAYS))
    assert list(csv.reader(io.StringIO(stream.getvalue()))) == [
        ["Day", "negative", "neutral", "positive", "Total"],
        ["2025-03-10", "3", "1", "0", "4"],
        ["2025-03-11", "1", "3", "2", "6"],
    ]
