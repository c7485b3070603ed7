"""The default code of conduct: pure data checks (no Django)."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from codeofconduct import default_code
from codeofconduct.default_code import (
    DEFAULT_ARTICLES,
    DEFAULT_INTRO,
    DEFAULT_PROCEDURE,
    DEFAULT_TITLE,
    KINDS,
    article_for_category,
)

# The classifier categories, grouped by the kind of article that must cover them (seed, part 1).
EXPECTED_KIND = {
    "hate_speech": "criminal",
    "threat": "criminal",
    "doxing": "criminal",
    "insult": "unwanted",
    "party_political": "unwanted",
    "spam": "unwanted",
    "commercial": "unwanted",
    "misinformation": "unwanted",
    "off_topic": "unintended",
    "criticism": "allowed",
    "frustration": "allowed",
    "question": "allowed",
    "report": "allowed",
    "political": "allowed",
    "sympathy": "allowed",
    "compliment": "allowed",
    "other": "allowed",
}

U_WORDS = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
JE_WORDS = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-ZÀ-Ý])")


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_BREAK.split(text.strip()) if part]


def test_kinds_are_the_four_known_kinds():
    assert set(KINDS) == {"allowed", "criminal", "unwanted", "unintended"}


def test_every_article_has_a_valid_kind():
    for article in DEFAULT_ARTICLES:
        assert article.kind in KINDS, article


def test_numbers_are_unique_and_consecutive_from_one():
    assert [a.number for a in DEFAULT_ARTICLES] == list(range(1, len(DEFAULT_ARTICLES) + 1))


def test_titles_are_unique_and_short():
    titles = [a.title for a in DEFAULT_ARTICLES]
    assert len(set(titles)) == len(titles)
    for title in titles:
        assert 0 < len(title) <= 80, title


def test_every_category_covered_exactly_once():
    counts = Counter(c for a in DEFAULT_ARTICLES for c in a.categories)
    assert set(counts) == set(EXPECTED_KIND), set(counts) ^ set(EXPECTED_KIND)
    duplicated = {c: n for c, n in counts.items() if n != 1}
    assert not duplicated


@pytest.mark.parametrize("category", sorted(EXPECTED_KIND))
def test_category_lands_in_an_article_of_the_right_kind(category):
    article = article_for_category(category)
    assert article is not None
    assert article.kind == EXPECTED_KIND[category]


def test_unknown_category_has_no_article():
    assert article_for_category("no_such_category") is None


def test_categories_are_tuples():
    for article in DEFAULT_ARTICLES:
        assert isinstance(article.categories, tuple), article


def test_all_four_kinds_are_present():
    assert {a.kind for a in DEFAULT_ARTICLES} == set(KINDS)


def test_unintended_articles_are_never_removed_automatically():
    unintended = [a for a in DEFAULT_ARTICLES if a.kind == "unintended"]
    # off topic, multiple reactions and caps lock (seed, part 1)
    assert len(unintended) == 3
    for article in unintended:
        assert "niet automatisch" in article.text.lower(), article.title


def test_unintended_covers_multiple_reactions_and_caps_lock_without_categories():
    unintended = [a for a in DEFAULT_ARTICLES if a.kind == "unintended"]
    without = [a for a in unintended if not a.categories]
    assert len(without) == 2
    joined = " ".join(a.title + " " + a.text for a in without).lower()
    assert "meerdere reacties" in joined
    assert "hoofdletters" in joined or "caps lock" in joined
    # and their reason: digital literacy, difficulty reading small letters
    assert "kleine letters" in joined


def test_only_unintended_and_allowed_articles_may_have_no_categories():
    for article in DEFAULT_ARTICLES:
        if article.kind in ("criminal", "unwanted"):
            assert article.categories, article.title


def test_criminal_articles_say_they_are_criminal():
    for article in DEFAULT_ARTICLES:
        if article.kind == "criminal":
            assert "strafbaar" in article.text.lower(), article.title


def test_hate_speech_article_names_hate_violence_and_discrimination():
    text = article_for_category("hate_speech").text.lower()
    for word in ("haat", "geweld", "discriminatie"):
        assert word in text


def test_doxing_article_is_about_someone_elses_personal_data():
    text = article_for_category("doxing").text.lower()
    assert "persoonsgegevens" in text
    assert "iemand anders" in text


def test_allowed_articles_cover_opposing_views_and_politeness():
    allowed = " ".join(a.text for a in DEFAULT_ARTICLES if a.kind == "allowed").lower()
    assert "iedereen" in allowed
    assert "tegengestelde" in allowed or "oneens" in allowed
    assert "beleefd" in allowed
    assert "constructief" in allowed


@pytest.mark.parametrize("article", DEFAULT_ARTICLES, ids=lambda a: f"art{a.number}")
def test_article_text_is_one_to_four_sentences(article):
    assert 1 <= len(sentences(article.text)) <= 4, sentences(article.text)


@pytest.mark.parametrize("article", DEFAULT_ARTICLES, ids=lambda a: f"art{a.number}")
def test_article_addresses_the_public_in_je_vorm(article):
    assert JE_WORDS.search(article.text), article.text
    assert not U_WORDS.search(article.text), article.text


def test_intro_and_procedure_are_in_je_vorm():
    for text in (DEFAULT_INTRO, DEFAULT_PROCEDURE):
        assert JE_WORDS.search(text)
        assert not U_WORDS.search(text), U_WORDS.findall(text)


def test_title():
    assert DEFAULT_TITLE
    assert "gedragscode" in DEFAULT_TITLE.lower()


def test_intro_says_we_moderate_according_to_the_code():
    intro = DEFAULT_INTRO.lower()
    assert "gedragscode" in intro or "deze code" in intro
    assert "reacties" in intro


def test_procedure_describes_three_strikes():
    text = DEFAULT_PROCEDURE.lower()
    assert "eerste" in text and "tweede" in text and "derde" in text
    assert "waarschuwing" in text
    assert "privébericht" in text
    assert "blokkeren" in text
    assert "gedragscode" in text


def test_procedure_explains_hide_versus_delete():
    text = DEFAULT_PROCEDURE.lower()
    assert "verbergen" in text and "verwijderen" in text
    assert "voorgoed" in text or "onomkeerbaar" in text


def test_procedure_mentions_documenting_and_reporting_criminal_posts():
    text = DEFAULT_PROCEDURE.lower()
    assert "screenshot" in text
    assert "politie" in text
    assert "unia" in text


def test_procedure_offers_an_appeal():
    assert "niet eens" in DEFAULT_PROCEDURE.lower()


def test_module_has_no_django_or_third_party_imports():
    tree = ast.parse(Path(default_code.__file__).read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    assert modules <= {"__future__", "dataclasses", "typing"}, modules


def test_articles_are_frozen():
    article = DEFAULT_ARTICLES[0]
    with pytest.raises(AttributeError):
        article.title = "x"  # type: ignore[misc]
