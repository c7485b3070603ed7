"""Backups of the whole database: ``pg_dump``/``pg_restore`` on PostgreSQL, SQLite's online backup on the embedded default.

A PostgreSQL backup is ``pg_dump --format=custom`` (compressed; schema, data, the audit log's
append-only trigger and its function); a restore goes into an *empty* database only, in one
transaction, so a mistyped target never overwrites live data and a failed restore leaves nothing
half done. Connection details come from ``settings.DATABASES`` (so from ``DATABASE_URL``); the
password travels in ``PGPASSWORD``, never on a command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class BackupError(Exception):
    """Why a backup or restore could not be done (safe to print)."""


def _pg_args(config: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", str(config["NAME"])]
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    options = config.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup_database(config: Mapping[str, Any], output: Path) -> Path:
    """Write a full backup of the database described by ``config`` to ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if config["ENGINE"] == "django.db.backends.postgresql":
        args, env = _pg_args(config)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(output), *args], env)
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        with sqlite3.connect(str(config["NAME"])) as source, sqlite3.connect(str(output)) as target:
            source.backup(target)
    else:
        raise BackupError(f"no backup for {config['ENGINE']}")
    return output


def database_is_empty(config: Mapping[str, Any]) -> bool:
    """True when the database holds no table of ours (a fresh ``createdb``)."""
    if config["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(str(config["NAME"]))
        if not path.exists() or path.stat().st_size == 0:
            return True
        with sqlite3.connect(str(path)) as db:
            return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0
    import psycopg

    options = {k: v for k, v in {
        "dbname": config["NAME"], "host": config.get("HOST") or None, "port": config.get("PORT") or None,
        "user": config.get("USER") or None, "password": config.get("PASSWORD") or None,
    }.items() if v is not None}
    with psycopg.connect(**options) as db:
        return db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0] == 0


def restore_database(config: Mapping[str, Any], backup: Path) -> None:
    """Restore ``backup`` into the (existing, empty) database described by ``config``."""
    if not backup.is_file():
        raise BackupError(f"no backup file at {backup}")
    if not database_is_empty(config):
        raise BackupError(f"database {config['NAME']} is not empty: restore only into a fresh, empty database")
    if config["ENGINE"] == "django.db.backends.postgresql":
        args, env = _pg_args(config)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              *args, str(backup)], env)
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        with sqlite3.connect(str(backup)) as source, sqlite3.connect(str(config["NAME"])) as target:
            source.backup(target)
    else:
        raise BackupError(f"no restore for {config['ENGINE']}")
