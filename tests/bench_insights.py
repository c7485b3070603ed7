"""`python -m tests.bench_insights`: the insights page at 1,000,000 comments (printed, never asserted).

Needs PostgreSQL (DATABASE_URL); runs in a throw-away test database. A year of comments of a busy
city: three posts a day on two pages, 20,000 authors of whom a few write most, 30 % questions of
which 70 % got a reply after a few hours. The database fills itself (INSERT ... SELECT
generate_series); the real refresh service then builds the aggregate tables (timed), and the page
is timed for several filters. Target: p95 under 500 ms.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.bench import CATEGORIES, TEXTS, percentile  # noqa: E402

DAYS = 365
POSTS_PER_DAY = 3
AUTHORS = 20_000


def insert_select(model: Any, explicit: dict[str, str], source: str, params: list[Any]) -> None:
    """INSERT INTO <model> (every column) SELECT ...; columns not in ``explicit`` get the model's default.

    Built from the model, so the bench keeps working when someone adds a column. ``explicit``
    holds SQL expressions without placeholders; ``params`` belong to ``source``.
    """
    columns, expressions, defaults = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.column in explicit:
            expressions.append(explicit[field.column].replace("%", "%%"))  # no placeholders in there
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expressions.append("now()")
        elif field.has_default() or (field.empty_strings_allowed and not field.null):
            expressions.append("%s")
            defaults.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            expressions.append("NULL")
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value in the bench")
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) SELECT {', '.join(expressions)} {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*defaults, *params])


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def fill(organisation: Any, pages: list[Any], user: Any, total: int) -> None:
    from moderation.models import Author, Comment, ModerationAction, Post

    Post.objects.bulk_create(
        Post(connection=pages[index % 2], remote_id=f"bench-p{index}", title=f"Bericht {index}")
        for index in range(DAYS * POSTS_PER_DAY)
    )
    Author.objects.bulk_create(
        (
            Author(organisation=organisation, platform="demo", remote_id=f"bench-a{i}", name=f"Auteur {i}")
            for i in range(AUTHORS)
        ),
        batch_size=5_000,
    )
    first_author = (
        Author.objects.filter(organisation=organisation).order_by("pk").values_list("pk", flat=True).first()
    )
    seconds_apart = DAYS * 86_400 / total
    texts = "ARRAY[" + ",".join(_literal(text) for text in TEXTS) + "]"
    categories = "ARRAY[" + ",".join(_literal(category) for category in CATEGORIES) + "]"
    # Comment g is published g * seconds_apart seconds ago, on one of the three posts of its day.
    insert_select(
        Comment,
        {
            "organisation_id": str(organisation.pk),
            "connection_id": "p.connection_id",
            "post_id": "p.id",
            "author_id": f"{first_author} + floor(power(random(), 3) * {AUTHORS})::int",
            "remote_id": "'bench-c' || g",
            "text": f"replace(({texts})[1 + g % 10], '{{i}}', g::text)",
            "published_at": f"now() - make_interval(secs => g * {seconds_apart})",
            "status": "CASE WHEN g % 3 = 0 THEN 'handled' ELSE 'open' END",
            "sentiment": "(ARRAY['negative','neutral','positive'])[1 + floor(random() * 3)::int]",
            "category": f"({categories})[1 + g % 10]",
            "conduct": "CASE WHEN g % 10 = 5 THEN 'unwanted' ELSE 'allowed' END",
            "priority": "CASE WHEN g % 10 IN (0, 3, 7) THEN 1 ELSE 2 END",
        },
        f"""FROM generate_series(0, %s) AS g
            JOIN moderation_post p ON p.remote_id = 'bench-p' || (floor(g * {seconds_apart} / 86400)::int * {POSTS_PER_DAY} + g %% {POSTS_PER_DAY})
             AND p.connection_id IN ({pages[0].pk}, {pages[1].pk})""",
        [total - 1],
    )
    insert_select(
        ModerationAction,
        {
            "organisation_id": "c.organisation_id",
            "comment_id": "c.id",
            "kind": "'reply'",
            "state": "'done'",
            "acting_user_id": str(user.pk),
            "text": "'Bedankt voor je vraag'",
            "idempotency_key": "gen_random_uuid()",
            "created_at": "c.published_at",
            "completed_at": "c.published_at + make_interval(mins => floor(-ln(1 - random()) * 360)::int)",
        },
        "FROM moderation_comment c WHERE c.organisation_id = %s AND c.category = 'question' AND random() < 0.7",
        [organisation.pk],
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE moderation_comment; ANALYZE moderation_moderationaction")


def time_page(client: Any, label: str, params: dict[str, str], runs: int = 20) -> float:
    client.get("/inzichten/", params)  # warm up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/inzichten/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    p95 = percentile(timings, 0.95)
    print(
        f"insights page {label}: p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms over {runs} requests"
    )
    return p95


def time_selectors(organisation: Any, period: Any) -> None:
    from moderation.views_insights import SELECTORS

    parts = []
    for key, selector in SELECTORS.items():
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            selector(organisation, period)
            timings.append((time.perf_counter() - started) * 1000)
        parts.append(f"{key} {statistics.median(timings):.0f}")
    print(f"  per chart over {period.days} days (median ms): " + ", ".join(parts))


def build(total: int) -> tuple[Any, Any, list[Any]]:
    """The organisation, a team lead and two pages with ``total`` comments, aggregates built (timed)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.models import Membership, Organisation
    from moderation import stats
    from moderation.models import (
        Comment,
        DailyAuthorStat,
        DailyCommentStat,
        DailyQuestionStat,
        PlatformConnection,
    )

    organisation = Organisation.objects.filter(slug="bench").first()
    if organisation is not None:  # BENCH_KEEP=1 left it from an earlier run
        user = get_user_model().objects.get(username="bench-lead")
        return (
            organisation,
            user,
            list(PlatformConnection.objects.filter(organisation=organisation).order_by("pk")),
        )
    organisation = Organisation.objects.create(name="Bench", slug="bench")
    user = get_user_model().objects.create_user("bench-lead", password="bench-bench-bench")
    Membership.objects.create(user=user, organisation=organisation, role="lead")
    pages = [
        PlatformConnection.objects.create(
            organisation=organisation, kind=kind, name=f"bench {kind}", remote_page_id=f"bench-{kind}"
        )
        for kind in ("facebook", "instagram")
    ]
    started = time.perf_counter()
    fill(organisation, pages, user, total)
    print(
        f"filled {Comment.objects.count():,} comments over {DAYS} days in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    later = timezone.now() + timedelta(minutes=10)  # as if the fill ended a while before the refresh
    days = stats.refresh_changed_days(organisation, now=later)
    print(
        f"first full refresh of {len(days)} days: {time.perf_counter() - started:.1f} s -> "
        f"{DailyCommentStat.objects.count():,} comment rows, {DailyAuthorStat.objects.count():,} author rows, "
        f"{DailyQuestionStat.objects.count():,} question rows"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE moderation_dailycommentstat; ANALYZE moderation_dailyauthorstat; ANALYZE moderation_dailyquestionstat; "
            "ANALYZE moderation_monthlyauthorstat; ANALYZE moderation_monthlyquestionstat"
        )
    touched = list(Comment.objects.order_by("-published_at").values_list("pk", flat=True)[:200:2])
    Comment.objects.filter(pk__in=touched).update(category="report", updated_at=later + timedelta(minutes=2))
    started = time.perf_counter()
    days = stats.refresh_changed_days(organisation, now=later + timedelta(minutes=5))
    print(
        f"five-minute refresh after 100 edits ({len(days)} day(s)): {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    started = time.perf_counter()
    stats.refresh_recent_days(organisation)
    print(f"nightly rollup of {stats.NIGHTLY_DAYS} days: {time.perf_counter() - started:.1f} s")
    return organisation, user, pages


def main() -> None:
    from django.test import Client

    from moderation import stats
    from moderation.insights import parse_period

    if connection.vendor != "postgresql":
        raise SystemExit("the insights bench needs PostgreSQL: set DATABASE_URL=postgres://...")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    total = int(os.environ.get("BENCH_COMMENTS", "1000000"))
    keep = os.environ.get("BENCH_KEEP") == "1"  # keep (and reuse) the filled database between runs
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        organisation, user, pages = build(total)
        client = Client()
        client.force_login(user)
        today = stats.local_today()
        results = {
            "7 days": time_page(client, "last 7 days", {"period": "7"}),
            "30 days": time_page(client, "last 30 days (default)", {}),
            "90 days": time_page(client, "last 90 days", {"period": "90"}),
            "one page": time_page(
                client, "last 90 days, one page", {"period": "90", "connection": str(pages[0].pk)}
            ),
            "a year": time_page(
                client,
                "a whole year (monthly)",
                {"period": "custom", "from": "2000-01-01", "to": today.isoformat()},
            ),
        }
        for preset in ("30", "90"):
            time_selectors(organisation, parse_period({"period": preset}, today=today, connection_ids=set()))
        worst = max(results.values())
        print(f"worst p95: {worst:.0f} ms (target < 500 ms): {'met' if worst < 500 else 'NOT met'}")
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
