"""Load run: staff triaging through a real web server while a sync ingests comments (`make bench`).

    python -m tests.load.run [--users 50] [--rate 100] [--duration 60] [--think 1,3] [--json FILE]

1. makes a throw-away database next to the configured one (PostgreSQL: ``<name>_load_<pid>``;
   SQLite: a file in a temporary folder), migrates it and seeds an organisation with a 5,000
   comment backlog and one staff member per simulated user;
2. starts its own ``redis-server`` (broker and cache) and gunicorn on 127.0.0.1;
3. runs an ingestion loop in this process: the demo page publishes ``--rate`` comments a second
   and the real sync (fetch, upsert, classify) stores them; the *sync lag* of a comment is the
   time from its publication to the commit that stored it;
4. runs locust headless for ``--duration`` seconds (``tests/load/locustfile.py``);
5. prints p50/p95/p99 per endpoint, the error rate and the sync lag, then removes everything.

Figures are printed, never asserted (tests/load/test_load.py asserts the error rate only).
Platform actions (hide) are queued but no worker runs: this measures the web tier and the sync.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BACKLOG = 5_000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


# --- the throw-away database ------------------------------------------------------------------
def throwaway_database(workdir: Path) -> tuple[str, callable]:
    """A DATABASE_URL for a new, empty database, and a function that removes it."""
    import environ

    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        path = workdir / "load.sqlite3"
        return f"sqlite:///{path}", lambda: None
    import psycopg

    config = environ.Env.db_url_config(configured)
    name = f"{config['NAME']}_load_{os.getpid()}"
    admin = {"host": config.get("HOST") or None, "port": config.get("PORT") or None,
             "user": config.get("USER") or None, "password": config.get("PASSWORD") or None}
    admin = {key: value for key, value in admin.items() if value is not None}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
            db.execute(f'DROP DATABASE IF EXISTS "{name}"')

    base = configured.split("?")[0].rsplit("/", 1)[0]
    return f"{base}/{name}", drop


# --- seeding ------------------------------------------------------------------------------------
def seed(users: int) -> tuple[list[str], int]:
    """The organisation, a backlog, ``users`` staff sessions; returns session keys and the ingest page id."""
    from datetime import UTC, datetime

    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.models import Membership, Organisation
    from codeofconduct.setup import install_default_code
    from moderation.models import PlatformConnection
    from moderation.setup import install_default_tree
    organisation = Organisation.objects.create(name="Gemeente Belasting", slug="belasting")
    install_default_code(organisation)
    install_default_tree(organisation)
    backlog = PlatformConnection.objects.create(
        organisation=organisation, kind="demo", name="Belasting (archief)", remote_page_id="load-backlog",
        status=PlatformConnection.Status.PAUSED,
    )
    fill_backlog(organisation, backlog, BACKLOG)
    ingest = PlatformConnection.objects.create(
        organisation=organisation, kind="demo", name="Belasting (live)", remote_page_id="load-live",
        options={"seed": 3, "initial": 0, "interval": 3600.0, "started_at": datetime.now(UTC).isoformat()},
    )
    sessions = []
    for index in range(users):
        user = get_user_model().objects.create_user(f"medewerker{index}")
        Membership.objects.create(user=user, organisation=organisation, role="staff")
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    return sessions, ingest.pk


TEXTS = [
    ("Wanneer zijn de werken in de Stationsstraat klaar? ({i})", "question"),
    ("De straatlamp aan de Kerkstraat is al weken kapot ({i})", "report"),
    ("Proficiat met het mooie zomerfeest ({i})!", "compliment"),
    ("Stelletje prutsers op het gemeentehuis ({i})", "insult"),
    ("Het aanslagbiljet van de afvalbelasting klopt niet ({i})", "criticism"),
]


def fill_backlog(organisation, connection, total: int) -> None:
    """``total`` open and handled comments from 200 authors, in bulk (no classification needed)."""
    from datetime import UTC, datetime, timedelta

    from moderation.models import Author, Comment, Post

    post = Post.objects.create(connection=connection, remote_id="load-post", title="Belastingen")
    authors = Author.objects.bulk_create(
        Author(organisation=organisation, platform="demo", remote_id=f"load-a{i}", name=f"Inwoner {i}") for i in range(200)
    )
    now = datetime.now(UTC)
    Comment.objects.bulk_create(
        (
            Comment(
                organisation=organisation, connection=connection, post=post, author=authors[i % 200],
                remote_id=f"load-c{i}", text=TEXTS[i % 5][0].format(i=i), category=TEXTS[i % 5][1],
                conduct="unwanted" if TEXTS[i % 5][1] == "insult" else "allowed", published_at=now - timedelta(seconds=i),
                status="open" if i % 3 else "handled",
            )
            for i in range(total)
        ),
        batch_size=1000,
    )


# --- ingestion ----------------------------------------------------------------------------------
@dataclass
class Ingestion:
    """Publish ``rate`` comments a second on the demo page and sync them, measuring the lag."""

    connection_id: int
    rate: float
    lags: list[float] = field(default_factory=list)
    published: int = 0
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        from django.db import connection as db

        from moderation.models import PlatformConnection
        from moderation.platforms.demo import publish_now
        from moderation.sync import sync_comments

        connection = PlatformConnection.objects.get(pk=self.connection_id)
        self.started = time.monotonic()
        try:
            while not self.stop.is_set():
                due = int((time.monotonic() - self.started) * self.rate)
                if due > self.published:
                    publish_now(connection, due - self.published)
                    batch_first, self.published = self.published, due
                else:
                    batch_first = self.published
                sync_comments(connection=connection, max_pages=10_000)
                stored_at = time.monotonic()
                # comment i was due at started + (i + 1) / rate; every comment up to `published` is now stored
                self.lags += [stored_at - (self.started + (i + 1) / self.rate) for i in range(batch_first, self.published)]
                self.stop.wait(max(0.0, 0.2 - (time.monotonic() - stored_at)))
        except Exception as exc:  # noqa: BLE001 - reported, and counted as an error of the run
            self.errors.append(repr(exc))
        finally:
            stopped = time.monotonic()
            self.elapsed = stopped - self.started
            # published but not stored when the run ended: their lag so far is a lower bound
            self.lags += [stopped - (self.started + (i + 1) / self.rate) for i in range(len(self.lags), self.published)]
            db.close()


# --- the web server and locust --------------------------------------------------------------------
def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    # Keep-alive longer than a user's pause between clicks: with gunicorn's default of 2 s the
    # server closed idle connections just as the next request went out ("connection reset").
    # Behind a reverse proxy the proxy's keep-alive plays this part.
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "3",
         "--threads", "4", "--worker-class", "gthread", "--timeout", "60", "--keep-alive", "75",
         "--log-level", "warning"],
        cwd=REPO, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,  # noqa: SIM115
    )
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def run_locust(env: dict[str, str], port: int, users: int, duration: int, prefix: Path) -> None:
    """Users join at two a second (a team logging in, not a stampede), then ``duration`` seconds are measured."""
    spawn_rate = 2
    ramp = -(-users // spawn_rate)
    subprocess.run(
        [str(BIN / "locust"), "-f", str(REPO / "tests/load/locustfile.py"), "--headless", "--users", str(users),
         "--spawn-rate", str(spawn_rate), "--run-time", f"{duration + ramp}s", "--host", f"http://127.0.0.1:{port}",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "30",
         "--reset-stats"],  # the figures cover the steady state, not the ramp-up
        cwd=REPO, env=env, check=False, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}.log", "wb"),  # noqa: SIM115
        timeout=duration + ramp + 120,
    )


def read_stats(prefix: Path) -> dict[str, dict[str, float]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {
            row["Name"]: {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "p50": float(row["50%"] or 0), "p95": float(row["95%"] or 0), "p99": float(row["99%"] or 0),
                "rps": float(row["Requests/s"] or 0),
            }
            for row in csv.DictReader(handle)
        }


def read_failures(prefix: Path) -> list[dict[str, str]]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as handle:
        return [{"name": row["Name"], "error": row["Error"], "count": row["Occurrences"]} for row in csv.DictReader(handle)]


def report(stats: dict, failures: list, ingestion: Ingestion, stored: int, users: int, duration: int, vendor: str) -> dict:
    total = stats.get("Aggregated", {"requests": 0, "failures": 0})
    lags = ingestion.lags
    result = {
        "database": vendor, "users": users, "duration_s": duration, "target_rate": ingestion.rate,
        "endpoints": {name: values for name, values in stats.items() if name != "Aggregated"},
        "requests": total["requests"], "failures": total["failures"],
        "error_rate": (total["failures"] / total["requests"]) if total["requests"] else 1.0,
        "ingested": stored, "ingest_rate": stored / ingestion.elapsed if ingestion.elapsed else 0.0,
        "sync_lag_s": {"p50": percentile(lags, 0.5), "p95": percentile(lags, 0.95), "max": max(lags, default=0.0)},
        "ingest_errors": ingestion.errors,
        "failure_details": failures,
    }
    print(f"\nload run on {vendor}: {users} staff users for {duration} s (pausing {os.environ.get('LOAD_THINK', '1,3')} s "
          f"between clicks), sync publishing {ingestion.rate:g} comments/s")
    print(f"{'endpoint':<24}{'requests':>9}{'fail':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, values in sorted(result["endpoints"].items()):
        print(f"{name:<24}{values['requests']:>9}{values['failures']:>6}{values['p50']:>9.0f}{values['p95']:>9.0f}{values['p99']:>9.0f}")
    print(f"error rate: {result['error_rate']:.2%} ({total['failures']} of {total['requests']} requests)")
    print(f"ingested {stored} comments = {result['ingest_rate']:.0f}/s (target {ingestion.rate:g}/s); sync lag "
          f"p50 {result['sync_lag_s']['p50']:.1f} s, p95 {result['sync_lag_s']['p95']:.1f} s, max {result['sync_lag_s']['max']:.1f} s")
    for failure in failures:
        print(f"failed: {failure['name']}: {failure['error']} x{failure['count']}")
    if ingestion.errors:
        print(f"ingestion errors: {ingestion.errors}")
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rate", type=float, default=100.0, help="comments published per second")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--think", default="1,3",
                        help="seconds a user pauses between clicks, min,max (1,3 is a stress pace; people take 5-15)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    os.environ["LOAD_THINK"] = args.think

    from tests.reliability.services import RedisServer, free_port

    workdir = Path(tempfile.mkdtemp(prefix="rw-load-"))
    database_url, drop_database = throwaway_database(workdir)
    redis = RedisServer(workdir / "redis").start()
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis.url, DJANGO_SETTINGS_MODULE="config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # a login line per seeded session is noise here
    server = None
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection as db

        call_command("migrate", verbosity=0)
        sessions, ingest_id = seed(args.users)
        db.close()
        env = {**os.environ, "SECRET_KEY": settings.SECRET_KEY, "VAR_DIR": str(settings.VAR_DIR),
               "LOAD_SESSIONS": str(workdir / "sessions.json")}
        (workdir / "sessions.json").write_text(json.dumps(sessions))
        port = free_port()
        server = start_server(env, port, workdir / "gunicorn.log")

        from moderation.classify.shipped import shipped_model

        shipped_model()  # load (or train) the classifier before the clock starts
        ingestion = Ingestion(connection_id=ingest_id, rate=args.rate)
        thread = threading.Thread(target=ingestion.run, name="ingestion", daemon=True)
        thread.start()
        run_locust(env, port, args.users, args.duration, workdir / "locust")
        ingestion.stop.set()
        thread.join(120)

        from moderation.models import Comment

        stored = Comment.objects.filter(connection_id=ingest_id).count()
        result = report(read_stats(workdir / "locust"), read_failures(workdir / "locust"), ingestion, stored, args.users, args.duration, db.vendor)
        result["think_s"] = args.think
        if result["failures"]:
            result["server_log_tail"] = (workdir / "gunicorn.log").read_text(errors="replace")[-4000:]
            print(result["server_log_tail"])
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2))
        return result
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(20)
        redis.kill()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
