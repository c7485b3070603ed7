"""`make backup` / `make restore`: a backup restored into an empty database holds every row."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accounts.backups import BackupError, restore_database
from codeofconduct.actions import do_warn_author
from moderation.actions import do_request_action
from tests.factories import CommentFactory

pytestmark = pytest.mark.slow
on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="pg_dump/pg_restore back up PostgreSQL; the SQLite backup is tested below",
)
in_database = pytest.mark.django_db(transaction=True)  # pg_dump, a second process, reads committed rows

TABLES = {
    "comments": "moderation_comment",
    "actions": "moderation_moderationaction",
    "strikes": "codeofconduct_strike",
    "audit": "accounts_auditevent",
    "evidence": "moderation_evidence",
}


@pytest.fixture
def moderated_page(connection, staff, lead, monkeypatch):  # ``connection`` is the demo page fixture
    """Comments, platform actions, strikes, evidence and the audit lines they wrote."""
    # These rows commit for real: keep their tasks off the shared broker, where a later test's worker would run them.
    monkeypatch.setattr("moderation.actions.queue_platform_action", lambda action: None)
    comments = CommentFactory.create_batch(25, connection=connection)
    do_request_action(comments[0], kind="hide", acting_user=staff, reason="spam")
    do_request_action(comments[1], kind="reply", acting_user=staff, text="Dank u voor uw vraag.")
    do_request_action(comments[3], kind="delete", acting_user=staff, reason="doxing")  # stores evidence
    for comment in CommentFactory.create_batch(3, connection=connection, insult=True, author=comments[2].author):
        do_warn_author(comment, acting_user=lead)
    return connection


def row_ids(cursor, table: str) -> list[int]:
    cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 - fixed table names
    return [row[0] for row in cursor.fetchall()]


def snapshot(cursor) -> dict[str, list[int]]:
    return {label: row_ids(cursor, table) for label, table in TABLES.items()}


@on_postgresql
@in_database
def test_a_backup_restored_into_an_empty_database_has_every_row(moderated_page, tmp_path):
    import psycopg

    source = connection.settings_dict
    with connection.cursor() as cursor:
        before = snapshot(cursor)
    assert all(before.values()), before  # every kind of row is there to be lost

    backup = tmp_path / "reageerwijzer.dump"
    call_command("backup", output=str(backup))
    assert backup.stat().st_size > 0

    target = {**source, "NAME": f"{source['NAME']}_restore_{os.getpid()}"}
    admin = {"host": source["HOST"] or None, "port": source["PORT"] or None, "user": source["USER"] or None,
             "password": source["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    admin = {key: value for key, value in admin.items() if value is not None}
    with psycopg.connect(**admin) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')
        db.execute(f'CREATE DATABASE "{target["NAME"]}"')
    try:
        restore_database(target, backup)
        with psycopg.connect(**{**admin, "dbname": target["NAME"]}) as restored:
            with restored.cursor() as cursor:
                assert snapshot(cursor) == before
                # The audit log is still append-only in the restored database (the trigger came along).
                with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                    cursor.execute("UPDATE accounts_auditevent SET reason = 'rewritten'")
            restored.rollback()
        with pytest.raises(BackupError, match="not empty"):  # never over live data
            restore_database(target, backup)
    finally:
        with psycopg.connect(**admin) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')


@in_database
def test_restore_refuses_a_database_that_is_not_empty(moderated_page, tmp_path):
    backup = tmp_path / "reageerwijzer.dump"
    call_command("backup", output=str(backup))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))


def test_a_sqlite_backup_restores_every_row(tmp_path):
    """The embedded default's backup: SQLite's online backup into a file, restored into a new file."""
    import sqlite3

    from accounts.backups import backup_database

    source = tmp_path / "live.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE moderation_comment (id INTEGER PRIMARY KEY, text TEXT)")
        db.executemany("INSERT INTO moderation_comment (text) VALUES (?)", [("a",), ("b",), ("c",)])
    config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(source)}
    backup_database(config, tmp_path / "backup.sqlite3")
    restored = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
    restore_database(restored, tmp_path / "backup.sqlite3")
    with sqlite3.connect(restored["NAME"]) as db:
        assert db.execute("SELECT id, text FROM moderation_comment ORDER BY id").fetchall() == [
            (1, "a"), (2, "b"), (3, "c")
        ]
    with pytest.raises(BackupError, match="not empty"):
        restore_database(restored, tmp_path / "backup.sqlite3")
