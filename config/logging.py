"""Structured logs: one JSON object per line when ``LOG_FORMAT=json`` (settings.LOGGING picks it).

Fields: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``process``; ``task_id`` and
``task`` inside a Celery task; ``exc`` with the traceback; and whatever a call passes in
``extra={...}`` (values that JSON cannot hold are written with ``repr``). The message is formatted
with its arguments first, so ``logger.warning("sync of %s failed", pk)`` reads as usual.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        task = _current_task()
        if task is not None:
            entry["task"] = task[0]
            entry["task_id"] = task[1]
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=repr, ensure_ascii=False)


def _current_task() -> tuple[str, str] | None:
    try:
        from celery._state import get_current_task
    except ImportError:  # pragma: no cover - celery is a dependency
        return None
    task = get_current_task()
    if task is None or task.request.id is None:
        return None
    return task.name, task.request.id
