"""The diff between two versions: pure, table-driven."""

from __future__ import annotations

import pytest

from codeofconduct.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    UNCHANGED,
    ArticleSnapshot,
    Segment,
    VersionSnapshot,
    diff_text,
    diff_versions,
)


def version(number, *articles, warnings=2, days=365, intro="Welkom."):
    return VersionSnapshot(
        version=number,
        title="Gedragscode",
        intro=intro,
        procedure="Drie waarschuwingen.",
        warnings_before_block=warnings,
        strike_validity_days=days,
        appeal_contact="",
        articles=tuple(articles),
    )


def art(number, title="Geen scheldwoorden", text="Beledigingen horen hier niet thuis.", kind="unwanted"):
    return ArticleSnapshot(number=number, title=title, text=text, kind=kind, categories=("insult",))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b c", [Segment(EQUAL, "a b c")]),
        (
            "a b c",
            "a x c",
            [Segment(EQUAL, "a "), Segment(DELETE, "b"), Segment(INSERT, "x"), Segment(EQUAL, " c")],
        ),
        ("", "nieuw", [Segment(INSERT, "nieuw")]),
        ("weg", "", [Segment(DELETE, "weg")]),
        (
            "Geen haat.",
            "Geen haat of geweld.",
            [Segment(EQUAL, "Geen haat"), Segment(INSERT, " of geweld"), Segment(EQUAL, ".")],
        ),
    ],
)
def test_words_are_compared(old, new, expected):
    assert list(diff_text(old, new).segments) == expected


def test_segments_rebuild_both_texts():
    old, new = (
        "Je mag kritiek geven, maar blijf beleefd.",
        "Je mag altijd kritiek geven; blijf beleefd en constructief.",
    )
    segments = diff_text(old, new).segments
    assert "".join(s.text for s in segments if s.op != INSERT) == old
    assert "".join(s.text for s in segments if s.op != DELETE) == new


def test_markup_in_a_text_stays_plain_text():
    # The template escapes segments; the diff must not produce or split markup itself.
    segments = diff_text("a", "a <script>alert(1)</script>").segments
    assert "".join(s.text for s in segments if s.op == INSERT) == " <script>alert(1)</script>"


def test_articles_are_paired_by_number():
    old = version(1, art(1), art(2, text="Oud."), art(3))
    new = version(2, art(1), art(2, text="Nieuw."), art(4, title="Nieuw artikel"))
    statuses = {a.number: a.status for a in diff_versions(old, new).articles}
    assert statuses == {1: UNCHANGED, 2: CHANGED, 3: REMOVED, 4: ADDED}


def test_a_changed_kind_counts_as_a_change():
    change = diff_versions(version(1, art(1, kind="unwanted")), version(2, art(1, kind="criminal"))).articles[
        0
    ]
    assert change.status == CHANGED and change.kind_changed


def test_the_strike_policy_is_part_of_the_diff():
    diff = diff_versions(version(1, art(1), warnings=2, days=365), version(2, art(1), warnings=1, days=180))
    assert {f.name for f in diff.changed_fields} == {"warnings_before_block", "strike_validity_days"}
    assert diff.has_changes and not diff.changed_articles


def test_identical_versions_have_no_changes():
    assert not diff_versions(version(1, art(1)), version(2, art(1))).has_changes
