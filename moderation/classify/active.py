"""Which text model an organisation uses now: its active version, else the shipped one. Cached per process.

Loading a model takes a moment, so each process keeps the one it loaded per organisation and checks at most
every ``CHECK_SECONDS`` whether another version became active (a retraining or rollback in another process).
Changes made in this process drop the cached entry at once (``forget_cached_model``).
"""

from __future__ import annotations

import logging
import threading
import time

from .shipped import shipped_model
from .storage import ModelRejected, load_model

logger = logging.getLogger(__name__)
CHECK_SECONDS = 30.0
_lock = threading.Lock()
_cache: dict[int, tuple[int | None, object, float]] = {}   # organisation id -> (active row id, model, checked at)


def model_for(organisation, *, fresh: bool = False):
    """The model to classify this organisation's comments with (never None: the shipped one at worst)."""
    from moderation.models import ClassifierModel

    now = time.monotonic()
    cached = _cache.get(organisation.pk)
    if cached is not None and not fresh and now - cached[2] < CHECK_SECONDS:
        return cached[1]
    active_id = (
        ClassifierModel.objects.filter(organisation_id=organisation.pk, is_active=True).values_list("pk", flat=True).first()
    )
    if cached is not None and cached[0] == active_id:
        with _lock:
            _cache[organisation.pk] = (active_id, cached[1], now)
        return cached[1]
    model = None
    if active_id is not None:
        model = load_record(ClassifierModel.objects.get(pk=active_id))
    model = model or shipped_model()
    with _lock:
        _cache[organisation.pk] = (active_id, model, now)
    return model


def load_record(record):
    """The model stored in a ``ClassifierModel`` row, or None when it cannot be used (pruned, tampered, old)."""
    if record.organisation_id is None:
        return shipped_model()
    if not record.digest:
        return None
    try:
        return load_model(bytes(record.model_bytes), record.digest)
    except ModelRejected as exc:
        logger.warning("classifier v%s of organisation %s not used: %s", record.version, record.organisation_id, exc)
        return None


def forget_cached_model(organisation_id: int | None = None) -> None:
    with _lock:
        if organisation_id is None:
            _cache.clear()
        else:
            _cache.pop(organisation_id, None)
