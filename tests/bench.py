"""`make bench`: figures for sync throughput and inbox response time (printed, never asserted).

Runs against a throw-away test database created from the configured DATABASE_URL (SQLite in
memory on the embedded default, a test_<name> database on PostgreSQL).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def bench_sync(organisation, count: int) -> None:
    from moderation.classify.active import model_for
    from moderation.models import Comment, PlatformConnection
    from moderation.sync import sync_comments

    demo = PlatformConnection.objects.create(
        organisation=organisation,
        kind="demo",
        name=f"bench sync {count}",
        remote_page_id=f"bench-sync-{count}",
        options={"seed": 5, "initial": count, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    model_for(organisation)  # load the text model first: a worker loads it once, not per sync
    started = time.perf_counter()
    sync_comments(connection=demo, max_pages=10_000)
    elapsed = time.perf_counter() - started
    stored = Comment.objects.filter(connection=demo).count()
    print(f"sync (demo connector): {stored} comments stored and classified in {elapsed:.2f} s = {stored / elapsed:,.0f} comments/s")


TEXTS = [
    "Wanneer zijn de werken in de Stationsstraat klaar? Reactie {i}",
    "De straatlamp aan de Kerkstraat is al weken kapot ({i})",
    "Proficiat met het mooie zomerfeest, nummer {i}!",
    "Waarom is het containerpark zaterdag dicht? Vraag {i}",
    "Het aanslagbiljet van de afvalbelasting klopt niet ({i})",
    "Stelletje prutsers op het gemeentehuis, echt waar {i}",
    "Gecondoleerd aan de familie, veel sterkte ({i})",
    "Kan iemand mij zeggen waar ik mijn fietsvignet haal? {i}",
    "Fietspaden in Velderbeek zijn levensgevaarlijk ({i})",
    "Mooi initiatief, doe zo voort! {i}",
]
CATEGORIES = ["question", "report", "compliment", "question", "criticism", "insult", "sympathy", "question", "frustration", "compliment"]


def fill_comments(organisation, connection_obj, total: int) -> None:
    from django.db import connection as db

    from moderation.models import Author, Comment, Post

    existing = Comment.objects.filter(organisation=organisation, connection=connection_obj).count()
    if existing >= total:
        return
    post = Post.objects.get_or_create(connection=connection_obj, remote_id="bench-post", defaults={"title": "Bench"})[0]
    authors = [
        Author.objects.get_or_create(organisation=organisation, platform="demo", remote_id=f"bench-a{i}", defaults={"name": f"Auteur {i}"})[0]
        for i in range(200)
    ]
    if db.vendor == "postgresql":
        _fill_with_generate_series(organisation, connection_obj, post, authors, existing, total)
        return
    now = datetime.now(UTC)
    batch = []
    for index in range(existing, total):
        kind = index % len(TEXTS)
        batch.append(
            Comment(
                organisation=organisation,
                connection=connection_obj,
                post=post,
                author=authors[index % len(authors)],
                remote_id=f"bench-c{index}",
                text=TEXTS[kind].format(i=index),
                published_at=now - timedelta(seconds=index),
                category=CATEGORIES[kind],
                conduct="unwanted" if CATEGORIES[kind] == "insult" else "allowed",
                priority=1 if CATEGORIES[kind] == "question" else 2,
                sentiment="neutral",
                status="open" if index % 3 else "handled",
            )
        )
        if len(batch) == 5_000:
            Comment.objects.bulk_create(batch)
            batch = []
    if batch:
        Comment.objects.bulk_create(batch)


def _fill_with_generate_series(organisation, connection_obj, post, authors, start: int, total: int) -> None:
    """A million rows in one statement: the database does the work, not Python."""
    from django.db import connection as db

    texts = "ARRAY[" + ",".join("%s" for _ in TEXTS) + "]"
    categories = "ARRAY[" + ",".join("%s" for _ in CATEGORIES) + "]"
    sql = f"""
        INSERT INTO moderation_comment (
            organisation_id, connection_id, post_id, author_id, remote_id, parent_remote_id, is_own, text,
            content_hash, previous_texts, permalink, published_at, platform_state, status, sentiment, category,
            labels, conduct, confidence, reasons, language, needs_review, priority, version,
            report_reference, first_seen_at, last_seen_at, updated_at)
        SELECT %s, %s, %s, %s + (g %% 200), 'bench-c' || g, '', false,
            replace(({texts})[1 + g %% 10], '{{i}}', g::text), '', '[]', '', now() - make_interval(secs => g),
            'visible', CASE WHEN g %% 3 = 0 THEN 'handled' ELSE 'open' END, 'neutral', ({categories})[1 + g %% 10],
            '[]', CASE WHEN g %% 10 = 5 THEN 'unwanted' ELSE 'allowed' END, 0.8, '[]', 'nl', false,
            CASE WHEN g %% 10 IN (0, 3, 7) THEN 1 ELSE 2 END, 0, '', now(), now(), now()
        FROM generate_series(%s, %s) AS g
    """
    first_author = min(a.pk for a in authors)
    with db.cursor() as cursor:
        params = [organisation.pk, connection_obj.pk, post.pk, first_author, *TEXTS, *CATEGORIES, start, total - 1]
        cursor.execute(sql, params)
        cursor.execute("ANALYZE moderation_comment")


def time_inbox(client, label: str, params: dict[str, str], runs: int = 20, *, cold: bool = False) -> float:
    """p95 of ``runs`` requests; ``cold`` empties the cache before each, so the filter counts are computed anew."""
    from django.core.cache import cache

    timings = []
    client.get("/inbox/", params)  # warm up
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get("/inbox/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    p95 = percentile(timings, 0.95)
    label = f"{label}, counts computed" if cold else f"{label}, counts cached"
    print(f"inbox {label}: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms over {runs} requests")
    return p95


def deep_cursor(organisation, pages: int) -> str:
    from moderation.models import Comment

    pk = (
        Comment.objects.filter(organisation=organisation, is_own=False, status="open")
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)[pages * 50 - 1 : pages * 50]
    )
    return str(list(pk)[0]) if pk else ""


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.models import Membership, Organisation
    from codeofconduct.setup import install_default_code
    from moderation.models import PlatformConnection
    from moderation.setup import install_default_tree

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        organisation = Organisation.objects.create(name="Bench", slug="bench")
        install_default_code(organisation)
        install_default_tree(organisation)
        bench_sync(organisation, 2_000)

        user = get_user_model().objects.create_user("bench", password="bench-bench-bench")
        Membership.objects.create(user=user, organisation=organisation, role="staff")
        client = Client()
        client.force_login(user)
        store = PlatformConnection.objects.create(
            organisation=organisation, kind="demo", name="bench inbox", remote_page_id="bench-inbox"
        )
        sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "10000,100000,1000000" if connection.vendor == "postgresql" else "10000,100000").split(",")]
        results: dict[int, dict[str, float]] = {}
        for total in sizes:
            started = time.perf_counter()
            fill_comments(organisation, store, total)
            print(f"filled to {total:,} comments in {time.perf_counter() - started:.1f} s")
            cases = {
                "first": (f"first page at {total:,}", {}),
                "filter": (f"category filter at {total:,}", {"category": "insult"}),
                "search": (f"search at {total:,}", {"q": "fietsvignet"}),
                "priority": (f"priority order at {total:,}", {"sort": "priority"}),
            }
            cursor = deep_cursor(organisation, 500)
            if cursor:
                cases["page500"] = (f"page 500 at {total:,}", {"cursor": cursor})
            results[total] = {}
            for key, (label, params) in cases.items():
                results[total][key] = time_inbox(client, label, params, cold=True)
                results[total][f"{key} (counts cached)"] = time_inbox(client, label, params)
        smallest, largest = min(results), max(results)
        if largest != smallest:
            for key, value in results[largest].items():
                if key in results[smallest]:
                    print(f"ratio {key} p95 {largest:,}/{smallest:,}: {value / results[smallest][key]:.2f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
