"""The shipped model: trained from the project's own seed set on first use, then cached in ``VAR_DIR``.

Why train lazily instead of committing a model file: a pickled scikit-learn model is tied to the library
version that wrote it and is an opaque binary in the repository; the seed set and this code are not. Training
takes a few seconds on one core, needs no network, and is deterministic (fixed random state), so every
installation gets the same model from the same seed. The result is cached in ``VAR_DIR/classifier`` (signed,
see ``storage``) under a fingerprint of the seed set, the training code's format and scikit-learn's version,
so it is trained once per installation and again only when one of those changes.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

from django.conf import settings

from .storage import ModelRejected, dump_model, load_model, sign_model_bytes
from .training import SEED_TRAIN, load_examples, seed_fingerprint, train_model

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: dict[str, object] = {}


def cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "classifier"


def shipped_model():
    """The model trained on the seed set (cached in memory, then on disk, else trained now)."""
    fingerprint = seed_fingerprint()
    model = _cached.get(fingerprint)
    if model is not None:
        return model
    with _lock:
        model = _cached.get(fingerprint)
        if model is None:
            model = _load_cached(fingerprint) or _train_and_cache(fingerprint)
            _cached.clear()
            _cached[fingerprint] = model
    return model


def forget_shipped_model() -> None:
    """Drop the in-memory copy (tests; the disk cache stays)."""
    _cached.clear()


def _paths(fingerprint: str) -> tuple[Path, Path]:
    return cache_dir() / f"shipped-{fingerprint}.joblib", cache_dir() / f"shipped-{fingerprint}.sig"


def _load_cached(fingerprint: str):
    model_path, signature_path = _paths(fingerprint)
    try:
        return load_model(model_path.read_bytes(), signature_path.read_text().strip())
    except FileNotFoundError:
        return None
    except (OSError, ModelRejected) as exc:
        logger.warning("cached shipped classifier not used (%s); training it again", exc)
        return None


def _train_and_cache(fingerprint: str):
    examples = load_examples(SEED_TRAIN)
    model = train_model(examples, source="seed", trained_on={"seed": len(examples), "corrections": 0})
    logger.info("trained the shipped classifier on %d seed comments in %.1f s", len(examples), model.training_seconds)
    try:
        _write_atomically(fingerprint, dump_model(model))
    except OSError as exc:   # a read-only VAR_DIR: keep the model in memory only
        logger.warning("could not cache the shipped classifier: %s", exc)
    return model


def _write_atomically(fingerprint: str, data: bytes) -> None:
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    model_path, signature_path = _paths(fingerprint)
    for path, content in ((model_path, data), (signature_path, sign_model_bytes(data).encode())):
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(handle, "wb") as output:
            output.write(content)
        os.replace(temporary, path)
    for stale in directory.glob("shipped-*"):
        if fingerprint not in stale.name:
            stale.unlink(missing_ok=True)
