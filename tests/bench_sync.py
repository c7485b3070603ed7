"""`make bench`: full sync of 10,000+ comments from the fake Graph server, against a bulk insert.

The ratio says how close sync (HTTP, parsing, upsert, classification) comes to what the
database alone can store.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection as db  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main() -> None:
    from accounts.models import Organisation
    from codeofconduct.setup import install_default_code
    from moderation.classify.active import model_for
    from moderation.models import Comment, PlatformConnection
    from moderation.setup import install_default_tree
    from moderation.sync import sync_comments
    from tests.fakeplatform import FakeGraph

    setup_test_environment()
    old_name = db.settings_dict["NAME"]
    db.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        organisation = Organisation.objects.create(name="Bench", slug="bench")
        install_default_code(organisation)
        install_default_tree(organisation)
        with FakeGraph() as fake:
            settings.GRAPH_API_URL = fake.url
            fake.bulk(posts=200, comments_per_post=50, reply_every=7)
            connection = PlatformConnection.objects.create(
                organisation=organisation, kind="facebook", name="bench", remote_page_id=fake.page_id
            )
            connection.token = fake.token
            connection.save()
            model_for(organisation)  # load the text model first: a worker loads it once, not per sync
            started = time.perf_counter()
            sync_comments(connection=connection, max_pages=100_000)
            sync_seconds = time.perf_counter() - started
        stored = Comment.objects.filter(connection=connection).count()
        rate = stored / sync_seconds
        print(f"facebook sync from the fake Graph server ({db.vendor}): {stored} comments in {sync_seconds:.1f} s = {rate:,.0f} comments/s")

        plain = PlatformConnection.objects.create(organisation=organisation, kind="demo", name="plain", remote_page_id="plain")
        rows = [
            Comment(
                organisation=organisation, connection=plain, remote_id=f"plain-{c.remote_id}", text=c.text,
                published_at=c.published_at or datetime.now(UTC),
            )
            for c in Comment.objects.filter(connection=connection).only("remote_id", "text", "published_at")
        ]
        started = time.perf_counter()
        Comment.objects.bulk_create(rows, batch_size=2_000)
        insert_seconds = time.perf_counter() - started
        print(f"plain bulk insert of the same rows: {len(rows) / insert_seconds:,.0f} rows/s")
        print(f"ratio sync / bulk insert: {rate / (len(rows) / insert_seconds):.3f} (1.0 would be the database's limit)")
    finally:
        db.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
