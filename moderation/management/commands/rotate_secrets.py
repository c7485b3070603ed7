"""Re-encrypt every platform token and app secret with the newest FIELD_ENCRYPTION_KEY.

Rotate a key in three steps: put a new key first in FIELD_ENCRYPTION_KEY (the old one stays
after it, so everything still decrypts), run this command, then drop the old key.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from moderation.crypto import reset_key_cache, rotate_secret
from moderation.models import PlatformConnection

FIELDS = ("token_encrypted", "app_secret_encrypted")


class Command(BaseCommand):
    help = "Re-encrypt every platform token and app secret with the newest FIELD_ENCRYPTION_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        reset_key_cache()
        rotated, failed = 0, []
        for connection_id in PlatformConnection.objects.order_by("pk").values_list("pk", flat=True):
            try:
                rotated += self._rotate(connection_id)
            except InvalidToken:
                failed.append(connection_id)
        self.stdout.write(f"Re-encrypted the secrets of {rotated} connection(s) with the newest key.")
        if failed:  # ids only: never a secret, not even an encrypted one
            raise CommandError(
                f"No configured key decrypts the secrets of connection(s) {', '.join(map(str, failed))}; "
                "they were left as they are. Reconnect those pages or add the key they were made with."
            )

    @staticmethod
    def _rotate(connection_id: int) -> int:
        with transaction.atomic():
            connection = PlatformConnection.objects.select_for_update().only(*FIELDS).get(pk=connection_id)
            values = {field: rotate_secret(getattr(connection, field)) for field in FIELDS}
            PlatformConnection.objects.filter(pk=connection_id).update(**values)
        return 1
