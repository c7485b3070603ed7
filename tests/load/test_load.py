"""A short load run (10 users, 10 s, 100 comments/s ingested): no request may fail. Timings are not asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_a_short_load_run_has_no_errors(tmp_path):
    figures = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.load.run", "--users", "10", "--duration", "10", "--json", str(figures)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(figures.read_text())
    print(done.stdout)
    assert result["requests"] > 0
    assert result["error_rate"] == 0, result["endpoints"]
    assert {"inbox", "action: mark handled"} <= set(result["endpoints"])
    assert result["ingested"] > 0 and result["ingest_errors"] == []
