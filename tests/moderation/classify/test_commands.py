"""`manage.py classify` and `manage.py evaluate_classifier`: formats, hostile files, progress, the test set."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

OUTPUT_KEYS = {"id", "sentiment", "category", "labels", "conduct", "confidence", "reasons"}


def _classify(tmp_path, lines: bytes, *, suffix: str = ".jsonl", out: str = "out.jsonl", **options):
    source = tmp_path / f"in{suffix}"
    source.write_bytes(lines)
    target = tmp_path / out
    stderr = io.StringIO()
    call_command("classify", input=str(source), output=str(target), stderr=stderr, **options)
    return target, stderr.getvalue()


def _jsonl(*rows) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()


def test_classify_jsonl_on_a_fresh_database(tmp_path):
    target, stderr = _classify(tmp_path, _jsonl(
        {"id": "a", "text": "Wanneer is het containerpark open op zaterdag?"},
        {"id": 7, "text": "Die vrouw woont in de Kerkstraat 14, bel haar op 0478 12 34 56."},
        {"id": "c", "text": "Proficiat aan alle vrijwilligers, mooi initiatief!"},
    ))
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [row["id"] for row in rows] == ["a", 7, "c"]
    assert all(set(row) >= OUTPUT_KEYS for row in rows)
    assert [(row["category"], row["conduct"]) for row in rows] == [
        ("question", "allowed"), ("doxing", "criminal"), ("compliment", "allowed"),
    ]
    assert rows[2]["sentiment"] == "positive"
    assert {"code": "doxing.phone_number", "evidence": "0478 12 34 56"} in rows[1]["reasons"]
    assert any(reason["code"] == "doxing.model" for reason in rows[1]["reasons"])
    assert rows[1]["confidences"]["labels"]["doxing"] == rows[1]["confidence"]
    assert "classified 3 comments" in stderr


def test_classify_csv_in_and_out(tmp_path):
    source = b"id,text\n1,\"Proficiat, mooi gedaan!\"\n2,\"Ik maak je af, jij\"\n"
    target, _stderr = _classify(tmp_path, source, suffix=".csv", out="out.csv")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(row["id"], row["category"]) for row in rows] == [("1", "compliment"), ("2", "threat")]
    assert json.loads(rows[1]["labels"])[0] == "threat"
    assert json.loads(rows[1]["reasons"])[0]["code"].startswith("threat.")


def test_an_empty_input_gives_an_empty_output(tmp_path):
    target, stderr = _classify(tmp_path, b"")
    assert target.read_text() == ""
    assert "classified 0 comments" in stderr


def test_bad_lines_are_named_and_the_good_ones_are_written(tmp_path):
    lines = (
        _jsonl({"id": 1, "text": "Is het zwembad open?"})
        + b"{not json\n"
        + b"\xff\xfe\x00binary junk\n"
        + _jsonl({"id": 4})
        + b"[1, 2]\n"
        + _jsonl({"id": 6, "text": "Bedankt voor de info!"})
    )
    with pytest.raises(CommandError) as error:
        _classify(tmp_path, lines)
    assert "line 2, 3, 4, 5" in str(error.value)
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [row["id"] for row in rows] == [1, 6]


def test_long_and_odd_texts_are_classified(tmp_path):
    target, _stderr = _classify(tmp_path, _jsonl(
        {"id": "long", "text": "Wanneer wordt de straatverlichting hersteld? " * 2300},
        {"id": "nul", "text": "\x00\x01 binary \ufffd junk \u202e"},
        {"id": "emoji", "text": "👍👍👍"},
    ))
    rows = {row["id"]: row for row in map(json.loads, target.read_text().splitlines())}
    assert len(rows) == 3
    assert "text.truncated" in {reason["code"] for reason in rows["long"]["reasons"]}


def test_progress_is_printed_for_long_inputs(tmp_path):
    lines = _jsonl(*({"id": index, "text": f"Is het containerpark open op dag {index}?"} for index in range(4_100)))
    target, stderr = _classify(tmp_path, lines)
    assert "classified 2,000 comments (" in stderr and "classified 4,000 comments (" in stderr
    assert len(target.read_text().splitlines()) == 4_100


def test_an_existing_output_is_only_replaced_when_everything_was_written(tmp_path, monkeypatch):
    from moderation.management.commands import classify

    (tmp_path / "out.jsonl").write_text("previous\n")
    monkeypatch.setattr(classify, "classify_many", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        _classify(tmp_path, _jsonl({"id": 1, "text": "Is het zwembad open?"}))
    assert (tmp_path / "out.jsonl").read_text() == "previous\n"
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_classify_with_an_organisation_uses_its_contact_details(tmp_path, organisation):
    organisation.own_phone_numbers = "09 210 10 10"
    organisation.save()
    target, _stderr = _classify(tmp_path, _jsonl({"id": 1, "text": "Bel gerust naar het onthaal op 09 210 10 10"}),
                                organisation=organisation.slug)
    row = json.loads(target.read_text())
    assert row["category"] != "doxing"
    with pytest.raises(CommandError, match="no organisation"):
        _classify(tmp_path, _jsonl({"id": 1, "text": "x"}), organisation="nope")


def test_evaluate_prints_per_label_scores_and_a_confusion_matrix():
    stdout = io.StringIO()
    call_command("evaluate_classifier", stdout=stdout)
    report = stdout.getvalue()
    assert "the project's test set" in report and "comments: 470" in report
    for fragment in ("category macro-F1", "sentiment macro-F1", "recall threat", "false criminal on allowed",
                     "precision  recall      F1  support", "category confusion", "sentiment confusion", "targets (issue 5)"):
        assert fragment in report
    assert report.count("hate_speech ") >= 2


def test_evaluate_accepts_labelled_jsonl_and_csv(tmp_path):
    jsonl = tmp_path / "labelled.jsonl"
    jsonl.write_bytes(_jsonl(
        {"text": "Is het zwembad open op zondag?", "category": "question", "sentiment": "neutral"},
        {"text": "Ik maak je af", "category": "threat", "sentiment": "negative"},
        {"text": "Proficiat!", "sentiment": "positive"},
    ))
    stdout = io.StringIO()
    call_command("evaluate_classifier", input=str(jsonl), stdout=stdout)
    assert "comments: 3" in stdout.getvalue()
    table = tmp_path / "labelled.csv"
    table.write_text("text,category,sentiment,labels\nIk maak je af,threat,negative,threat|insult\n", encoding="utf-8")
    stdout = io.StringIO()
    call_command("evaluate_classifier", input=str(table), rules_only=True, stdout=stdout)
    assert "rules only" in stdout.getvalue() and "recall threat: 1.000" in stdout.getvalue()


def test_evaluate_names_bad_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(_jsonl({"text": "ok", "category": "question"}) + b"nope\n" + _jsonl({"text": "x", "category": "wrong"}))
    with pytest.raises(CommandError) as error:
        call_command("evaluate_classifier", input=str(path), stdout=io.StringIO())
    assert "line 2" in str(error.value) and "line 3: unknown category 'wrong'" in str(error.value)
