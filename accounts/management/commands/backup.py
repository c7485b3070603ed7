"""``manage.py backup [--output FILE]``: a full database backup (``make backup``); see accounts/backups.py."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.backups import BackupError, backup_database


class Command(BaseCommand):
    help = "Back up the whole database (pg_dump custom format on PostgreSQL, a file copy on SQLite)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", help="the backup file (default: VAR_DIR/backups/reageerwijzer-<UTC time>.dump)")

    def handle(self, *args, **options) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        output = Path(options["output"] or Path(settings.VAR_DIR) / "backups" / f"reageerwijzer-{stamp}.dump")
        try:
            backup_database(settings.DATABASES["default"], output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written to {output} ({output.stat().st_size:,} bytes)")
