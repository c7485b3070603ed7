"""Turning a ``TextModel`` into bytes and back, loading only bytes this installation signed.

A pickled model can run code when loaded, so bytes from the database or the cache directory are loaded only
when their HMAC (keyed with ``SECRET_KEY``, or one of ``SECRET_KEY_FALLBACKS``) matches. Rotating the key
makes stored models unusable: the shipped model takes over until the next retraining.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "reageerwijzer.classify.model"


class ModelRejected(Exception):
    """The bytes are not a model we wrote (bad signature), or were written by another version."""


def sign_model_bytes(data: bytes, *, secret: str | None = None) -> str:
    return salted_hmac(_SALT, data, secret=secret, algorithm="sha256").hexdigest()


def dump_model(model) -> bytes:
    import joblib

    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    return buffer.getvalue()


def load_model(data: bytes, digest: str):
    """The model in ``data``, if ``digest`` proves we wrote it and its format is the current one."""
    import joblib
    from sklearn.exceptions import InconsistentVersionWarning

    from .model import TextModel
    from .training import FORMAT_VERSION

    data = bytes(data)
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not digest or not any(constant_time_compare(sign_model_bytes(data, secret=secret), digest) for secret in secrets):
        raise ModelRejected("signature does not match")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        try:
            model = joblib.load(io.BytesIO(data))
        except InconsistentVersionWarning as exc:
            raise ModelRejected(f"written by another scikit-learn version: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 -- signed but unreadable (a library changed): not usable
            raise ModelRejected(f"cannot be read: {exc}") from exc
    if not isinstance(model, TextModel) or model.format_version != FORMAT_VERSION:
        raise ModelRejected("not a text model of the current format")
    return model
