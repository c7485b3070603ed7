from __future__ import annotations

import pytest
from django.utils import translation

from moderation.decision import mirror_form_of_address
from moderation.tone import tone_hints


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("citizen", "expected"),
    [
        ("Kan u mij zeggen wanneer het containerpark open is?", "u"),
        ("Weet je wanneer het containerpark open is?", "je"),
        ("Wanneer is het containerpark open?", "je"),  # je by default
        ("Kunt gij da nie regelen?", "je"),
        ("Uw brief is onduidelijk, kan u dit uitleggen?", "u"),
    ],
)
def test_replies_mirror_the_citizens_form_of_address(citizen, expected):
    assert mirror_form_of_address(citizen) == expected


def test_a_friendly_short_reply_gets_no_hints():
    assert tone_hints("Bedankt voor je vraag! Het park is open tot 18 uur.", citizen_text="Wanneer is het park open?") == []


def test_it_asks_to_start_positive():
    hints = tone_hints("Het park is open tot 18 uur.", citizen_text="Wanneer is het park open?")
    assert any("Start positive" in h for h in hints)


def test_it_flags_jargon_and_length():
    draft = "Bedankt voor uw bericht. Inzake uw vraag conform het reglement " + "x" * 700
    hints = tone_hints(draft, citizen_text="Kan u dit uitleggen?")
    assert any("conform" in h and "inzake" in h for h in hints)
    assert any("long" in h for h in hints)


def test_it_asks_to_mirror_u():
    hints = tone_hints("Bedankt voor je vraag, je kan terecht bij de dienst.", citizen_text="Kan u mij helpen met uw dienst?")
    assert any("'u'" in h for h in hints)
