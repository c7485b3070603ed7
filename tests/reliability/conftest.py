"""Real services for the fault tests: a Redis of our own that a test may kill, and real worker processes.

Each test gets its own ``redis-server`` on a free port (never the machine's Redis on 6379) and
starts ``celery -A config worker`` subprocesses against the pytest-django test database, so it
can ``kill -9`` them mid-task. PostgreSQL only: a second process cannot share SQLite's test
database safely.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings

from tests.reliability.services import RedisServer, free_port, wait_until  # noqa: F401 - used by the tests

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKER_APPLICATION_NAME = "rw-reliability-worker"  # how the worker's database sessions are found

on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a worker subprocess cannot share SQLite's test database safely; CI runs these on PostgreSQL",
)
needs_redis_server = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")


def worker_database_url() -> str:
    """The pytest-django test database (its name is only known inside a database test)."""
    from django.db import connection

    config = connection.settings_dict
    credentials = quote(config["USER"] or "", safe="")
    if config.get("PASSWORD"):
        credentials += ":" + quote(config["PASSWORD"], safe="")
    host = quote(config.get("HOST") or "127.0.0.1", safe="")
    port = config.get("PORT") or "5432"
    return f"postgres://{credentials}@{host}:{port}/{config['NAME']}?application_name={WORKER_APPLICATION_NAME}"


class Worker:
    """``celery -A config worker`` in its own process group, logging JSON lines to a file."""

    def __init__(self, *, broker: RedisServer, log_path: Path, env: dict[str, str], concurrency: int = 1) -> None:
        self.broker = broker
        self.concurrency = concurrency
        self.log_path = log_path
        self.env = env
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, *, timeout: float = 40) -> Worker:
        self.starts += 1
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps it open
        self.process = subprocess.Popen(
            [str(BIN / "celery"), "-A", "config", "worker", "--pool=prefork", f"--concurrency={self.concurrency}",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
             "-n", f"reliability{self.starts}@%h"],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()

        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited early:\n{self.log_text()[-3000:]}")
            with open(self.log_path, "rb") as handle:
                handle.seek(offset)
                return b" ready." in handle.read()

        wait_until(ready, timeout=timeout, interval=0.1, message="the worker to be ready")
        return self

    def kill(self) -> None:
        """``kill -9`` the worker and its pool processes at once, as a crash or the OOM killer would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_records(self) -> list[dict[str, Any]]:
        records = []
        for line in self.log_text().splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):
                    records.append(json.loads(line))
        return records


def terminate_worker_sessions() -> int:
    """Drop the worker's PostgreSQL sessions, as a database failover or a network cut would."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s AND pid <> pg_backend_pid()",
            [WORKER_APPLICATION_NAME],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def redis_server(request, tmp_path):
    """Without persistence, as CI's Redis runs; parametrize indirectly with True for AOF."""
    server = RedisServer(tmp_path / "redis", persistent=getattr(request, "param", False)).start()
    yield server
    server.kill()


@pytest.fixture
def start_worker(transactional_db, redis_server, tmp_path):
    """Start workers on ``redis_server`` and the test database; all are killed before the flush."""
    workers: list[Worker] = []

    def start(*, concurrency: int = 1, **extra_env: str) -> Worker:
        env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL=worker_database_url(),
            REDIS_URL=redis_server.url,
            SECRET_KEY=settings.SECRET_KEY,  # platform tokens are encrypted with a key derived from it
            FIELD_ENCRYPTION_KEY=",".join(settings.FIELD_ENCRYPTION_KEY),
            VAR_DIR=str(settings.VAR_DIR),  # shares the trained classifier's disk cache with this process
            CELERY_VISIBILITY_TIMEOUT="2",  # redeliver a killed worker's unacknowledged sync soon
            LOG_FORMAT="json",
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra_env)
        worker = Worker(
            broker=redis_server, log_path=tmp_path / f"worker{len(workers)}.log", env=env, concurrency=concurrency
        )
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.kill()
    terminate_worker_sessions()
