"""Reading comments from JSONL or CSV files and writing verdicts back, for the ``classify`` and
``evaluate_classifier`` commands. Hostile files are expected: every line that cannot be read becomes a
``BadLine`` with its line number, and reading goes on with the next line.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MAX_LINE_BYTES = 1_000_000    # a longer line is refused (a comment is at most a few kB)
csv.field_size_limit(MAX_LINE_BYTES)


@dataclass(frozen=True)
class Row:
    line: int
    data: dict[str, Any]


@dataclass(frozen=True)
class BadLine:
    line: int
    error: str


def file_format(path: str) -> str:
    """"csv" for .csv files, else "jsonl"."""
    return "csv" if str(path).lower().endswith(".csv") else "jsonl"


def read_rows(path: str) -> Iterator[Row | BadLine]:
    """Rows of a JSONL or CSV file (by extension); "-" reads JSONL from standard input."""
    if path == "-":
        import sys

        yield from _jsonl_rows(sys.stdin.buffer)
        return
    with open(path, "rb") as handle:
        if file_format(path) == "csv":
            yield from _csv_rows(handle)
        else:
            yield from _jsonl_rows(handle)


def _jsonl_rows(handle: IO[bytes]) -> Iterator[Row | BadLine]:
    for number, raw in enumerate(handle, start=1):
        if len(raw) > MAX_LINE_BYTES:
            yield BadLine(number, f"line longer than {MAX_LINE_BYTES:,} bytes")
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield BadLine(number, f"not UTF-8 text (byte {exc.start + 1})")
            continue
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except ValueError as exc:
            yield BadLine(number, f"invalid JSON: {exc}")
            continue
        if not isinstance(data, dict):
            yield BadLine(number, "expected a JSON object like {\"id\": ..., \"text\": ...}")
            continue
        yield Row(number, data)


def _csv_rows(handle: IO[bytes]) -> Iterator[Row | BadLine]:
    """CSV with a header line; a line that is not UTF-8 is reported and skipped, the rest is read."""
    decoded = _DecodedLines(handle)
    reader = csv.DictReader(decoded)
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        yield BadLine(1, f"invalid CSV header: {exc}")
        return
    if not fields or "text" not in fields:
        yield BadLine(1, "the CSV header needs a 'text' column")
        return
    while True:
        try:
            data = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield BadLine(reader.line_num, f"invalid CSV: {exc}")
            continue
        yield from decoded.drain_errors()
        if None in data:
            yield BadLine(reader.line_num, "more values than columns")
            continue
        yield Row(reader.line_num, {key: value for key, value in data.items() if key is not None})
    yield from decoded.drain_errors()


class _DecodedLines:
    """Lines of a binary file as text; undecodable lines are replaced by an empty line and remembered."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.number = 0
        self.errors: list[BadLine] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        raw = next(self.handle)
        self.number += 1
        try:
            return raw.decode("utf-8-sig" if self.number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            self.errors.append(BadLine(self.number, f"not UTF-8 text (byte {exc.start + 1})"))
            return "\n"

    def drain_errors(self) -> Iterator[BadLine]:
        errors, self.errors = self.errors, []
        yield from errors


class VerdictWriter:
    """Writes JSONL (one object a line) or CSV (list and object values as JSON text)."""

    CSV_COLUMNS = ("id", "sentiment", "category", "labels", "conduct", "confidence", "reasons", "confidences", "needs_review")

    def __init__(self, handle: IO[str], fmt: str) -> None:
        self.handle = handle
        self.csv = csv.DictWriter(handle, fieldnames=self.CSV_COLUMNS, extrasaction="ignore") if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        if self.csv is None:
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        self.csv.writerow({
            key: json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
            for key, value in record.items()
        })


@contextmanager
def atomic_output(path: str) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and move it into place only when everything was written,
    so an interrupted run never leaves a half-written output; "-" writes to standard output."""
    if path == "-":
        import sys

        yield sys.stdout
        return
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with open(handle, "w", encoding="utf-8", newline="") as output:
            yield output
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
