"""The demo page's comment stream: deterministic, varied, and covering every case a moderator meets."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from moderation.platforms import demo_content
from moderation.platforms.demo_content import (
    AUTHORS,
    CATEGORIES,
    POSTS,
    REPEAT_OFFENDER_KEYS,
    REPLY_WINDOW,
    SPAM_AUTHOR_KEYS,
    demo_comment,
    demo_comments,
)

ALL_CATEGORIES = {
    "question",
    "report",
    "compliment",
    "sympathy",
    "frustration",
    "criticism",
    "insult",
    "party_political",
    "political",
    "spam",
    "commercial",
    "misinformation",
    "off_topic",
    "hate_speech",
    "threat",
    "doxing",
    "other",
}
OFFENSIVE_FOR_OFFENDERS = {"insult", "frustration", "party_political"}
PHONE = re.compile(r"(\+32 |0)4\d\d[ /]?\d\d[ .]?\d\d[ .]?\d\d")


@pytest.fixture(scope="module")
def stream() -> list[demo_content.DemoComment]:
    return demo_comments(42, 0, 3000)


def test_the_page_has_five_posts_and_about_forty_authors() -> None:
    assert [post.key for post in POSTS] == ["roadworks", "festival", "tax_letter", "condolence", "waste"]
    assert all(post.title and post.message and post.hours_before_start > 0 for post in POSTS)
    keys = [author.key for author in AUTHORS]
    assert len(keys) == len(set(keys))
    assert 35 <= len(AUTHORS) <= 50
    names = {author.name for author in AUTHORS}
    assert {"Win Prijzen België", "Bakkerij De Zoete Inval"} <= names
    assert any(name.startswith("Lokale afdeling") for name in names)
    assert len(REPEAT_OFFENDER_KEYS) == 3
    assert {a.key for a in AUTHORS if a.repeat_offender} == REPEAT_OFFENDER_KEYS


def test_same_seed_and_index_give_the_same_comment_whatever_was_generated_before() -> None:
    seed = 90_210  # a seed no other test touches, so nothing is memoised yet
    lone = demo_comment(seed, 250)
    order = list(range(300))
    random.Random(3).shuffle(order)
    shuffled = {index: demo_comment(seed, index) for index in order}
    forward = demo_comments(seed, 0, 300)
    assert lone == forward[250]
    assert [shuffled[index] for index in range(300)] == forward
    assert demo_comments(seed, 100, 140) == forward[100:140]


def test_the_stream_is_the_same_in_another_process() -> None:
    """String hashing differs per process (PYTHONHASHSEED); the stream must not depend on it."""
    program = (
        "from moderation.platforms.demo_content import demo_comments; "
        "print([(c.author_key, c.post_key, c.text, c.parent_index) for c in demo_comments(42, 0, 400)])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[3],
            env={**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONIOENCODING": "utf-8"},
        ).stdout
        for hash_seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_different_seeds_give_different_streams() -> None:
    one, two = demo_comments(1, 0, 200), demo_comments(2, 0, 200)
    same = sum(a.text == b.text and a.post_key == b.post_key for a, b in zip(one, two, strict=True))
    assert same < 20


def test_every_category_appears_within_the_first_2000_comments() -> None:
    assert set(CATEGORIES) == ALL_CATEGORIES
    for seed in (1, 42, 7777):
        seen = {comment.expected_category for comment in demo_comments(seed, 0, 2000)}
        assert seen == ALL_CATEGORIES, f"seed {seed} misses {ALL_CATEGORIES - seen}"


def test_fields_are_valid(stream: list[demo_content.DemoComment]) -> None:
    post_keys = {post.key for post in POSTS}
    author_keys = {author.key for author in AUTHORS}
    for index, comment in enumerate(stream):
        assert comment.index == index
        assert comment.remote_id == f"demo_c{index:06d}"
        assert comment.post_key in post_keys
        assert comment.author_key in author_keys
        assert comment.expected_category in ALL_CATEGORIES
        assert comment.expected_sentiment in {"negative", "neutral", "positive"}
        assert comment.text and comment.text == comment.text.strip()
        # "${naam}" and "{0}" are a citizen quoting a broken text message, not slots left unfilled
        assert not re.search(r"(?<![{$])\{[a-z_][a-z_0-9]*\}", comment.text), (
            f"unfilled slot: {comment.text!r}"
        )


def test_remote_ids_are_unique(stream: list[demo_content.DemoComment]) -> None:
    ids = [comment.remote_id for comment in stream]
    assert len(ids) == len(set(ids))


def test_replies_point_to_an_earlier_top_level_comment_on_the_same_post(
    stream: list[demo_content.DemoComment],
) -> None:
    replies = [comment for comment in stream if comment.parent_index is not None]
    assert 0.15 < len(replies) / len(stream) < 0.35
    for reply in replies:
        parent = stream[reply.parent_index]
        assert reply.index - REPLY_WINDOW <= parent.index < reply.index
        assert parent.post_key == reply.post_key
        assert parent.parent_index is None  # threads are one level deep, as on Facebook
        assert parent.author_key != reply.author_key


def test_exact_duplicates_are_rare_apart_from_spam_accounts() -> None:
    for seed in (42, 5, 2024):
        texts = [c.text for c in demo_comments(seed, 0, 1000) if c.author_key not in SPAM_AUTHOR_KEYS]
        duplicates = len(texts) - len(set(texts))
        assert duplicates / len(texts) < 0.08, f"seed {seed}: {duplicates} duplicates"


def test_spam_accounts_repeat_themselves(stream: list[demo_content.DemoComment]) -> None:
    spam = Counter(c.text for c in stream if c.author_key in SPAM_AUTHOR_KEYS)
    assert spam.most_common(1)[0][1] >= 5
    assert all(c.expected_category == "spam" for c in stream if c.author_key in SPAM_AUTHOR_KEYS)


def test_every_post_gets_comments_and_the_condolence_post_is_mostly_sympathy(
    stream: list[demo_content.DemoComment],
) -> None:
    per_post = Counter(comment.post_key for comment in stream[:500])
    assert set(per_post) == {post.key for post in POSTS}
    condolence = Counter(c.expected_category for c in stream if c.post_key == "condolence")
    assert condolence["sympathy"] / sum(condolence.values()) > 0.6
    assert set(condolence) <= {"sympathy", "off_topic", "political", "other"}
    sympathy = Counter(c.post_key for c in stream if c.expected_category == "sympathy")
    assert sympathy["condolence"] / sum(sympathy.values()) > 0.75


def test_repeat_offenders_misbehave_far_more_often_than_others(
    stream: list[demo_content.DemoComment],
) -> None:
    def offensive_share(comments: list[demo_content.DemoComment]) -> float:
        return sum(c.expected_category in OFFENSIVE_FOR_OFFENDERS for c in comments) / len(comments)

    offenders = [c for c in stream if c.author_key in REPEAT_OFFENDER_KEYS]
    others = [c for c in stream if c.author_key not in REPEAT_OFFENDER_KEYS]
    assert len(offenders) > 100
    assert offensive_share(offenders) > 0.55
    assert offensive_share(others) < 0.35
    for key in REPEAT_OFFENDER_KEYS:  # each of them collects strikes
        assert sum(c.author_key == key and c.expected_category == "insult" for c in stream) >= 10


def test_sentiment_follows_the_category(stream: list[demo_content.DemoComment]) -> None:
    by_category: dict[str, Counter[str]] = {}
    for comment in stream:
        by_category.setdefault(comment.expected_category, Counter())[comment.expected_sentiment] += 1
    assert set(by_category["compliment"]) == {"positive"}
    for category in ("insult", "hate_speech", "threat", "doxing", "frustration", "spam"):
        assert set(by_category[category]) == {"negative"}, category
    assert set(by_category["question"]) == {"neutral"}
    assert set(by_category["sympathy"]) == {"neutral"}


def test_harmful_cases_are_recognisable(stream: list[demo_content.DemoComment]) -> None:
    doxing = [c.text for c in stream if c.expected_category == "doxing"]
    assert doxing and all(PHONE.search(text) for text in doxing)
    threats = [c.text.lower() for c in stream if c.expected_category == "threat"]
    assert any("ik weet waar" in text for text in threats)
    party = " ".join(c.text for c in stream if c.expected_category == "party_political")
    assert "lijst 3" in party.lower() and "13 oktober" in party
    misinformation = " ".join(c.text for c in stream if c.expected_category == "misinformation")
    assert "3 jaar" in misinformation or "zakken van de burgemeester" in misinformation


def test_odd_but_legitimate_input_shows_up_now_and_then(stream: list[demo_content.DemoComment]) -> None:
    markup = [c for c in stream if "<" in c.text and ">" in c.text]
    assert any("<script>" in c.text and c.expected_category == "spam" for c in markup)
    assert any(c.expected_category == "question" for c in markup)
    rants = [c for c in stream if len(c.text) > 2500]
    assert rants and all(c.expected_category == "frustration" for c in rants)
    foreign = [c for c in stream if re.search(r"[\u0600-\u06ff]|\b(Bonjour|Merci d'avance)\b", c.text)]
    assert foreign and all(c.expected_category == "other" for c in foreign)
    emoji_only = [c for c in stream if not re.search(r"\w", c.text)]
    assert emoji_only and all(c.expected_category == "compliment" for c in emoji_only)
    shouting = [c for c in stream if c.expected_category == "question" and c.text == c.text.upper()]
    assert shouting
    odd = len(markup) + len(rants) + len(foreign) + len(emoji_only)
    assert 0.005 < odd / len(stream) < 0.05


def test_texts_vary_in_voice(stream: list[demo_content.DemoComment]) -> None:
    text = "\n".join(c.text for c in stream)
    for marker in (r"\bge\b|\bgij\b", r"\bnie\b", r"\bda\b", r"\bkzen\b|\bkheb\b", r"\bu\b", r"\bje\b"):
        assert re.search(marker, text, re.IGNORECASE), marker
    assert any(ch in text for ch in "😡👍🙏")


def test_a_negative_index_is_refused() -> None:
    with pytest.raises(ValueError):
        demo_comment(42, -1)


def test_generating_ten_thousand_comments_is_quick() -> None:
    started = time.perf_counter()
    comments = demo_comments(31337, 0, 10_000)
    elapsed = time.perf_counter() - started
    print(f"\ngenerated {len(comments)} demo comments in {elapsed:.2f} s")
    assert len(comments) == 10_000
