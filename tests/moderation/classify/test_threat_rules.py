"""Threat rules: veiled and wished harm, threats beside hate speech or doxing, and the angry comments they must
leave alone. Rules only (no text model), so every case tests a rule and its Dutch evidence.

The sentences are written for these tests; none comes from the held-aside seed test set.
"""

from __future__ import annotations

import re

import pytest

from moderation.classify import classify_text, rules_abuse
from moderation.classify import lexicon_abuse as lex
from moderation.classify.normalise import normalise_text
from moderation.classify.patterns import run_rules
from moderation.classify.training import SEED_TRAIN, load_examples


def _threat_reasons(text: str) -> list[tuple[str, str]]:
    return [(reason.code, reason.evidence) for reason in classify_text(text).reasons if reason.code.startswith("threat.")]


# (comment, reason code, words of the evidence)
THREATS = [
    # first person and harm to a body, also after a condition ("als ..., ga ik ...")
    ("Als die handhaver nog eens aan mijn auto zit, ga ik hem met een stok te lijf.", "threat.violence", "ga ik hem"),
    ("Ik ga die gast van de werf in mekaar timmeren.", "threat.violence", "in mekaar timmeren"),
    ("Als ik die controleur tegenkom, sla ik hem bont en blauw.", "threat.violence", "bont en blauw"),
    ("De volgende keer trek ik die chauffeur uit zijn bus.", "threat.violence", "uit zijn bus"),
    ("Ik ga de voorzitter van die club zijn benen breken.", "threat.violence", "benen breken"),
    ("Nog één klacht en ik breek die buurman zijn kaak.", "threat.violence", "kaak"),
    # weapons on the way to someone
    ("Als ze mijn vergunning weigeren, kom ik met een koevoet naar het loket.", "threat.violence", "koevoet"),
    ("Ik neem zaterdag mijn honkbalknuppel mee, die schepen is gewaarschuwd.", "threat.violence", "honkbalknuppel mee"),
    ("Volgende keer krijgt die agent een mes tussen zijn ribben.", "threat.violence", "mes tussen zijn ribben"),
    ("Die buurvrouw krijgt nog een baksteen door haar ruit.", "threat.violence", "baksteen door haar ruit"),
    ("We willen die mensen hier niet, en als het moet met harde hand.", "threat.violence", "met harde hand"),
    # wished harm and calls on others
    ("Iemand zou die inspecteur eens goed in elkaar moeten slaan.", "threat.kill_wish", "in elkaar moeten slaan"),
    ("Ze zouden die ambtenaar van de bouwdienst moeten ophangen.", "threat.kill_wish", "ophangen"),
    ("Ik hoop dat het hele schepencollege verongelukt op de autosnelweg.", "threat.kill_wish", "verongelukt"),
    ("Hopelijk verzuipt die burgemeester in zijn eigen vijver.", "threat.kill_wish", "verzuipt"),
    ("Ik hoop dat iemand die rechter eens neerschiet.", "threat.kill_wish", "neerschiet"),
    ("Die raadsleden moeten aan een lantaarnpaal hangen.", "threat.kill_wish", "lantaarnpaal"),
    ("Zet die schepen tegen de muur.", "threat.kill_wish", "tegen de muur"),
    # veiled threats
    ("De schepen mag hopen dat zijn remmen het blijven doen.", "threat.intimidation", "remmen"),
    ("Die wethouder mag blij zijn als hij heelhuids thuiskomt.", "threat.intimidation", "heelhuids"),
    ("Het zou jammer zijn als die bibliotheek vannacht afbrandt.", "threat.intimidation", "afbrandt"),
    ("Die vent gaat eraan, let maar op.", "threat.intimidation", "gaat eraan"),
    ("Die gasten krijgen van ons een pak slaag als ze nog eens komen.", "threat.intimidation", "pak slaag"),
    ("Iedereen die voor dat plan stemt, moet verdwijnen. Desnoods helpen we een handje.", "threat.intimidation",
     "helpen we een handje"),
    # knowing where someone lives, then a visit
    ("We weten waar de schepen zijn dochter naar school brengt.", "threat.knows_address", "naar school"),
    ("Ik ken je adres en ik kom eens langs.", "threat.knows_address", "ken je adres"),
    ("Haar adres is Beukenlaan 4, en vanavond brengen we een bezoekje.", "threat.knows_address", "bezoekje"),
    # arson and destruction of a building
    ("Het stadhuis gaat branden als ze het zwembad sluiten.", "threat.arson", "gaat branden"),
    ("Als die windturbine er komt, brand ik hem persoonlijk plat.", "threat.arson", "brand ik hem persoonlijk plat"),
    ("Als ze de kermis afschaffen, gaat het gemeentehuis in vlammen op.", "threat.arson", "in vlammen op"),
]


@pytest.mark.parametrize(("text", "code", "evidence"), THREATS)
def test_threat_rule_fires_with_dutch_evidence(text, code, evidence):
    result = classify_text(text)
    assert "threat" in result.labels, (text, result)
    matching = [found for found_code, found in _threat_reasons(text) if found_code == code]
    assert any(evidence.lower() in found.lower() for found in matching), (text, _threat_reasons(text))


@pytest.mark.parametrize(("text", "second"), [
    ("Die vluchtelingen moeten weg, en wie blijft krijgt met onze vuisten te maken.", "hate_speech"),
    ("Al die moslims buiten, en als het moet met geweld.", "hate_speech"),
    ("Haar adres is Kerkstraat 12, wij gaan er vanavond eens langs.", "doxing"),
])
def test_a_threat_is_also_found_beside_hate_speech_or_doxing(text, second):
    labels = classify_text(text).labels
    assert "threat" in labels and second in labels, (text, labels)


@pytest.mark.parametrize("text", [
    # anger and frustration
    "Ik word hier gek van, al weken die werken.",
    "Dit gaat nog branden in de gemeenteraad, reken maar.",
    "Ik ga naar de gemeenteraad om mijn zeg te doen.",
    "Ik zou ze allemaal buiten zetten bij de verkiezingen.",
    "Die gaan het voelen in het stemhokje.",
    "Die gaat het voelen bij de verkiezingen in oktober.",
    "Ik zou die verkeerslichten wel kunnen wurgen, vier keer rood.",
    # figures of speech and sport
    "Ik sla de krant open en lees weer over die parking.",
    "Die prijs is om van achterover te slaan!",
    "We gaan ervoor vechten in de gemeenteraad.",
    "We maken ze kapot zaterdag, allez de ploeg!",
    "Dat besluit is een mes in de rug van de middenstand.",
    "Die belasting is een klap in het gezicht van de gepensioneerden.",
    "We gaan die wachtlijsten te lijf met extra personeel.",
    # ordinary uses of the same words
    "Ik hoop dat er niemand verongelukt op dat kruispunt.",
    "Ik hoop dat de fietser die verongelukt is snel herstelt.",
    "Ik hoop dat de gemeente ingrijpt voor er iemand verongelukt.",
    "De schepen mag hopen dat het weer meezit voor de braderie.",
    "Het stadhuis gaat branden in regenboogkleuren voor Pride.",
    "De brand legde het dak van de loods plat.",
    "We gaan de kerstverlichting ophangen op het plein.",
    "Iemand moet die affiches eens ophangen.",
    "Iemand zou die wethouder eens moeten uitleggen hoe een rotonde werkt.",
    "Ik kom eens langs op het gemeentehuis om mijn klacht af te geven.",
    "Mijn adres is Vijverstraat 5, kom gerust eens langs voor de kittens.",
    "Ik heb de burgemeester een bezoekje gebracht op zijn spreekuur.",
    "Ik weet waar je die formulieren kan vinden: op de website.",
    "We weten waar je je auto mag parkeren tijdens de kermis.",
    "Als dat park verdwijnt, kom ik met een spandoek naar het stadhuis.",
    "De politie moet desnoods met harde hand optreden tegen de dealers.",
    "Hij sloeg met de vuist op tafel in de gemeenteraad.",
    "Gisteren liep een man met een mes naar het station, de politie heeft hem opgepakt.",
    "De agent kreeg een vuist in zijn gezicht tijdens de rellen.",
    "Ge gaat eraan moeten wennen, de markt verhuist.",
    "Die winkel gaat eraan door de werken.",
    "Mijn kinderen naar school brengen is elke dag een gevecht.",
    # counter-speech quoting a threat
    "Iemand schreef 'de burgemeester moet opgehangen worden'. Dat is strafbaar.",
])
def test_angry_or_figurative_comment_is_not_a_threat(text):
    assert not _threat_reasons(text), (text, _threat_reasons(text))
    assert "threat" not in classify_text(text).labels


def test_stretched_letters_still_open_the_gated_rules():
    assert _threat_reasons("Ik ga die gast in elkaar slaaaan")
    assert _threat_reasons("Ik hoop dat die burgemeester verongeluuuukt")


def test_a_plain_comment_runs_none_of_the_gated_rules():
    assert rules_abuse._gated_threat_rules(normalise_text("Wanneer is het containerpark open?").text) == []


def test_the_vocabulary_gate_never_hides_a_hit():
    """Every gated rule, run on every seed comment and the cases above, finds nothing its gate would skip."""
    texts = [example.text for example in load_examples(SEED_TRAIN)] + [text for text, _code, _evidence in THREATS]
    for text in texts:
        norm = normalise_text(text)
        opened = rules_abuse._gated_threat_rules(norm.text)
        for _vocabulary, rules in lex.GATED_THREAT_RULES:
            if rules not in opened:
                assert run_rules(rules, norm) == [], text


def test_threat_patterns_stay_linear_on_long_repetitive_text():
    import time

    text = ("ik ga die schepen van de gemeente met de hamer " * 300 + "!") + (" hoop dat die " * 300)
    started = time.perf_counter()
    classify_text(text)
    assert time.perf_counter() - started < 1.0
    assert re.search(r"\w", text)
