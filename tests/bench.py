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
    from moderation.models import Comment, PlatformConnection
    from moderation.sync import sync_comments

    demo = PlatformConnection.objects.create(
        organisation=organisation,
        kind="demo",
        name=f"bench sync {count}",
        remote_page_id=f"bench-sync-{count}",
        options={"seed": 5, "initial": count, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    started = time.perf_counter()
    sync_comments(connection=demo, max_pages=10_000)
    elapsed = time.perf_counter() - started
    stored = Comment.objects.filter(connection=demo).count()
    print(f"sync (demo connector): {stored} comments stored and classified in {elapsed:.2f} s = {stored / elapsed:,.0f} comments/s")


def fill_comments(organisation, connection_obj, total: int) -> None:
    from moderation.models import Author, Comment, Post

    existing = Comment.objects.filter(organisation=organisation).count()
    if existing >= total:
        return
    post = Post.objects.get_or_create(connection=connection_obj, remote_id="bench-post", defaults={"title": "Bench"})[0]
    authors = [
        Author.objects.get_or_create(organisation=organisation, platform="demo", remote_id=f"bench-a{i}", defaults={"name": f"Auteur {i}"})[0]
        for i in range(200)
    ]
    categories = ["question", "report", "insult", "compliment", "frustration", "spam", "criticism", "sympathy"]
    now = datetime.now(UTC)
    batch = []
    for index in range(existing, total):
        batch.append(
            Comment(
                organisation=organisation,
                connection=connection_obj,
                post=post,
                author=authors[index % len(authors)],
                remote_id=f"bench-c{index}",
                text=f"Benchmarkreactie nummer {index} over de werken in de Stationsstraat?",
                published_at=now - timedelta(seconds=index),
                category=categories[index % len(categories)],
                sentiment="neutral",
                status="open" if index % 3 else "handled",
            )
        )
        if len(batch) == 5_000:
            Comment.objects.bulk_create(batch)
            batch = []
    if batch:
        Comment.objects.bulk_create(batch)


def time_inbox(client, label: str, params: dict[str, str], runs: int = 20) -> None:
    timings = []
    client.get("/inbox/", params)  # warm up
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/inbox/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(
        f"inbox {label}: p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms over {runs} requests"
    )


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
        for total in (10_000, 100_000):
            started = time.perf_counter()
            fill_comments(organisation, store, total)
            print(f"filled to {total:,} comments in {time.perf_counter() - started:.1f} s")
            time_inbox(client, f"first page at {total:,}", {})
            time_inbox(client, f"category filter at {total:,}", {"category": "insult"})
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
