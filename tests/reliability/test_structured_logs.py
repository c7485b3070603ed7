"""LOG_FORMAT=json: one JSON object per line, with extras and the traceback."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

from config.logging import JSONFormatter


def record(message: str, *args, exc_info=None, **extra) -> logging.LogRecord:
    made = logging.getLogger("moderation.sync").makeRecord(
        "moderation.sync", logging.WARNING, __file__, 1, message, args, exc_info, extra=extra
    )
    return made


def test_a_line_is_one_json_object_with_the_formatted_message_and_extras():
    line = JSONFormatter().format(record("sync of connection %s failed", 7, connection_id=7, took=0.25))
    entry = json.loads(line)
    assert entry["message"] == "sync of connection 7 failed"
    assert (entry["level"], entry["logger"], entry["connection_id"], entry["took"]) == ("WARNING", "moderation.sync", 7, 0.25)
    assert entry["time"].endswith("+00:00")
    assert "\n" not in line


def test_a_traceback_stays_inside_the_line():
    try:
        raise ValueError("kapot")
    except ValueError:
        line = JSONFormatter().format(record("failed", exc_info=sys.exc_info()))
    entry = json.loads(line)
    assert "ValueError: kapot" in entry["exc"]
    assert "\n" not in line


def test_values_json_cannot_hold_are_written_as_text():
    entry = json.loads(JSONFormatter().format(record("x", payload={1, 2}.__class__)))
    assert entry["payload"] == "<class 'set'>"


def test_the_setting_selects_it_and_refuses_unknown_formats(tmp_path):
    script = "import django; django.setup(); import logging; logging.getLogger('demo').warning('hallo %s', 'wereld')"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "LOG_FORMAT": "json", "VAR_DIR": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert json.loads(done.stderr.strip().splitlines()[-1])["message"] == "hallo wereld"
    done = subprocess.run([sys.executable, "-c", script], env={**env, "LOG_FORMAT": "xml"}, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0 and "LOG_FORMAT" in done.stderr
