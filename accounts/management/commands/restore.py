"""``manage.py restore FILE``: restore a backup into the configured, empty database (``make restore``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.backups import BackupError, restore_database


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the configured database, which must be empty."

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", help="a file written by `manage.py backup`")

    def handle(self, *args, **options) -> None:
        try:
            restore_database(settings.DATABASES["default"], Path(options["backup"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {options['backup']} into {settings.DATABASES['default']['NAME']}")
