"""Encryption at rest for platform tokens and app secrets (Fernet, key rotation with MultiFernet)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@cache
def _fernet() -> MultiFernet:
    keys = list(settings.FIELD_ENCRYPTION_KEY)
    if not keys:  # embedded default: a key derived from SECRET_KEY, never used in production
        digest = hashlib.sha256(("reageerwijzer-field-key:" + settings.SECRET_KEY).encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def encrypt_secret(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def decrypt_secret(token: str) -> str:
    """The plain secret; raises ValueError (never the secret) when no key fits."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("stored secret cannot be decrypted with the configured keys") from exc


def rotate_secret(token: str) -> str:
    """Re-encrypt with the newest key (for `manage.py rotate_secrets`)."""
    return _fernet().rotate(token.encode()).decode() if token else ""


def reset_key_cache() -> None:
    _fernet.cache_clear()
