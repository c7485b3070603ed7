"""Known false claims are recognised when repeated or paraphrased, and not in ordinary comments on the same topic.

The thresholds in ``moderation/classify/rules.py`` (WORD_SIMILARITY, CLAIM_COVERAGE) were chosen on this table.
"""

from __future__ import annotations

import pytest

from moderation.classify import ClassificationContext, Reason, classify_text, rules
from moderation.classify.normalise import normalise_text
from moderation.management.commands.load_demo import DEMO_FALSE_CLAIMS
from moderation.platforms import demo_texts

CLAIMS = (
    "Het containerpark gaat dicht",
    "Het Zomerfeest is afgelast",
    "De afvalbelasting gaat naar de zakken van de burgemeester",
    "De werken duren 3 jaar",
    "Wie niet betaalt krijgt een boete van 500 euro",
)
CONTEXT = ClassificationContext(false_claims=CLAIMS)


def _codes(text: str) -> set[str]:
    return {reason.code for reason in classify_text(text, context=CONTEXT).reasons}


@pytest.mark.parametrize("text", [
    "Het containerpark gaat volgend jaar dicht, alles moet dan naar Beekvallei.",   # words in between
    "Containerparken gaan dicht, zeggen ze.",                                       # plural, other verb form
    "Wist je dat ze het containerpark dicht gaan doen?",                            # reordered
    "Zomerfeest afgelast!!! Dat zegt iedereen",
    "het zomerfeest wordt dit jaar afgelast",
    "Dat geld van de afvalbelastingen gaat recht naar de zakken van onze burgemeester",   # compound + inflection
    "De afvalbelasting verdwijnt gewoon in de zakken van de burgemeester",          # one short word missing
    "De werken gaan 3 jaar duren!",
    "Ze zeggen dat wie niet betaalt 500 euro boete krijgt",                         # a negated claim repeated
])
def test_a_paraphrase_is_a_known_false_claim(text):
    result = classify_text(text, context=CONTEXT)
    assert "misinformation.known_false_claim" in {reason.code for reason in result.reasons}
    assert result.category == "misinformation"


@pytest.mark.parametrize("text", [
    "Het containerpark is altijd dicht als de werkende mens tijd heeft.",   # a complaint, not the rumour
    "Is het containerpark zaterdag open?",
    "Wanneer is het zomerfeest?",
    "Mag ik mijn hond meenemen naar het zomerfeest",
    "Hoeveel bedraagt de afvalbelasting dit jaar? Ik zit krap bij kas, mijn zakken zijn leeg.",
    "De burgemeester heeft de afvalbelasting uitgelegd in de gemeenteraad.",
    "Hoe lang duren de werken nog?",                                        # the number is what is false
    "De werken duren nog 2 jaar, staat op de site",
    "Krijg ik een boete als ik te laat betaal?",
    "Het containerpark is open tot 17 uur. De werken in de Kerkstraat duren nog een week.",
])
def test_a_comment_on_the_same_topic_is_not_a_known_false_claim(text):
    assert not _codes(text) & {"misinformation.known_false_claim", "correction.claim_contradicted"}


@pytest.mark.parametrize(("text", "evidence"), [
    ("Het klopt niet dat het zomerfeest is afgelast, het gaat gewoon door!", "klopt niet"),
    ("Het zomerfeest is niet afgelast hoor", "zomerfeest is niet afgelast"),
    ("Het containerpark gaat niet dicht, dat is fake news", "containerpark gaat niet dicht"),
    ("De werken gaan 3 jaar duren? Onzin dat, ze zijn in mei klaar.", "Onzin dat"),
])
def test_a_debunking_comment_contradicts_the_claim(text, evidence):
    result = classify_text(text, context=CONTEXT)
    assert Reason("correction.claim_contradicted", evidence) in result.reasons
    assert "misinformation" not in result.labels


def test_denying_someone_else_and_then_repeating_the_claim_is_misinformation():
    result = classify_text("Klopt niet, het zomerfeest is afgelast. Mijn buurvrouw zit in het comité.", context=CONTEXT)
    assert result.category == "misinformation"
    assert "correction.claim_contradicted" not in {reason.code for reason in result.reasons}


@pytest.mark.parametrize(("text", "evidence"), [
    ("Wist je dat ze het containerpark dicht gaan doen?", "containerpark dicht gaan"),
    ("Opgelet: het ZOMERFEEST wordt dit jaar afgelast!", "ZOMERFEEST wordt dit jaar afgelast"),
    ("De werken gaan 3 jaar duren!", "werken gaan 3 jaar duren"),
])
def test_the_evidence_is_the_comments_own_words(text, evidence):
    assert Reason("misinformation.known_false_claim", evidence) in classify_text(text, context=CONTEXT).reasons


def test_which_claim_matched_is_known():
    matches = rules.claim_matches(normalise_text("Het zomerfeest wordt afgelast, en de werken duren 3 jaar"), CLAIMS)
    assert sorted(match.index for match in matches) == [1, 3]


def _demo_comments():
    def walk(value, category=None):
        if isinstance(value, str):
            yield category, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, category or key)
        elif isinstance(value, tuple | list):
            if len(value) == 2 and isinstance(value[0], str) and value[1] in ("negative", "neutral", "positive"):
                yield category, value[0]
            else:
                for item in value:
                    yield from walk(item, category)

    for name in ("TOP_LEVEL", "REPLIES"):
        yield from walk(getattr(demo_texts, name, {}))


def test_the_demo_claims_match_the_demo_rumours_and_nothing_else():
    claims = tuple(claim for claim, _correction, _url in DEMO_FALSE_CLAIMS)
    comments = list(_demo_comments())
    assert len(comments) > 300
    matched = {(category, text) for category, text in comments if rules.claim_matches(normalise_text(text), claims)}
    assert matched, "the demo's known false claims should match some demo comments"
    assert {category for category, _text in matched} == {"misinformation"}
    assert len(matched) >= len(claims)


def test_many_claims_and_a_long_comment_stay_fast():
    import time

    claims = tuple(f"de {word}park gaat dicht op {word}dag" for word in ("zon", "maan", "ster", "berg", "beek") * 20)
    text = "Het containerpark en het zonpark gaan dicht, zegt men, op maandag en zondag. " * 120
    started = time.perf_counter()
    classify_text(text, context=ClassificationContext(false_claims=claims))
    assert time.perf_counter() - started < 1.0
