"""The default code of conduct, as plain data (no Django).

Based on part 1 of the inspiration note "Hoe als lokaal bestuur reageren op sociale media?"
(Hannah Arendt Instituut, Kortom, AgII, 2024): what is allowed, what is criminal, what is unwanted,
and what is unwanted but unintended (never removed automatically). Texts are Dutch, in clear
language and addressed to the public in the je-vorm. An organisation copies this into its own,
versioned code and adapts it before the college and the MAT approve it.

Every classifier category is covered by exactly one article (see ``article_for_category``).
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("allowed", "criminal", "unwanted", "unintended")


@dataclass(frozen=True)
class DefaultArticle:
    number: int
    title: str
    text: str
    kind: str  # one of KINDS
    categories: tuple[str, ...] = ()


DEFAULT_TITLE = "Gedragscode voor onze sociale media"

DEFAULT_INTRO = (
    "Via onze sociale media brengen we je nieuws over onze dienstverlening, projecten en activiteiten. "
    "Je kan er ook terecht met je vragen en meldingen. "
    "We willen dat iedereen zich hier welkom en veilig voelt. "
    "Daarom vragen we je om deze gedragscode te volgen. "
    "Wij lezen alle reacties en treden op volgens deze code. "
    "Daarnaast gelden ook de gebruiksvoorwaarden van elk platform (Facebook, Instagram, X, ...).\n\n"
    "Wil je iets melden, zoals een kapotte straatlamp of afval dat niet is opgehaald? "
    "Dan kan je ook het meldformulier op onze website gebruiken. "
    "Hou je referentienummer bij de hand als je je melding later wil opvolgen."
)

DEFAULT_PROCEDURE = (
    "Wat gebeurt er als je de gedragscode niet volgt?\n\n"
    "We passen deze regels zo consequent mogelijk toe, maar altijd met gezond verstand. "
    "Bij elke overtreding verwijzen we naar de gedragscode. "
    "Om dat eerlijk en consequent te doen, houden we bij wie de gedragscode overtreedt.\n\n"
    "- Eerste overtreding: je krijgt een privébericht met een waarschuwing en een verwijzing naar de gedragscode.\n"
    "- Tweede overtreding: je krijgt een tweede waarschuwing.\n"
    "- Derde overtreding: we blokkeren je op onze pagina.\n\n"
    "Verbergen of verwijderen\n"
    "Vaak vragen we je eerst om je reactie zelf aan te passen of te verwijderen. "
    "Doe je dat niet, dan kunnen we de reactie verbergen of verwijderen. "
    "Een verborgen reactie zien alleen jij en je vrienden nog, en we kunnen ze later opnieuw zichtbaar maken. "
    "Een verwijderde reactie is voorgoed weg.\n\n"
    "Strafbare berichten\n"
    "Van strafbare berichten (haat, geweld, discriminatie, bedreigingen of het verspreiden van "
    "persoonsgegevens van anderen) maken we altijd eerst een screenshot. "
    "We kunnen ze melden bij het platform, bij de politie, bij Unia, bij het Instituut voor de gelijkheid "
    "van vrouwen en mannen of bij het Vlaams Mensenrechteninstituut. "
    "Berichten met persoonsgegevens van iemand anders verwijderen we meteen.\n\n"
    "Niet akkoord?\n"
    "Ben je het niet eens met een beslissing? "
    "Stuur ons dan een privébericht of neem contact op met onze communicatiedienst. "
    "We bekijken je vraag opnieuw en laten je weten wat we beslissen."
)

DEFAULT_ARTICLES: tuple[DefaultArticle, ...] = (
    # --- Wat is toegestaan? ---------------------------------------------------------------
    DefaultArticle(
        number=1,
        title="Iedereen mag reageren en vragen stellen",
        text=(
            "Iedereen mag op onze berichten reageren, een vraag stellen of iets melden. "
            "We beantwoorden je vraag zo snel mogelijk. "
            "Gaat het over iets persoonlijks, dan antwoorden we je via een privébericht."
        ),
        kind="allowed",
        categories=("question", "report", "other"),
    ),
    DefaultArticle(
        number=2,
        title="Je mag het oneens zijn",
        text=(
            "Je mag kritiek geven en je mening delen, ook als die ingaat tegen de onze of die van anderen. "
            "Tegengestelde standpunten horen bij een open gesprek. "
            "Ook over politiek en beleid mag je je mening geven."
        ),
        kind="allowed",
        categories=("criticism", "political"),
    ),
    DefaultArticle(
        number=3,
        title="Positief of kritisch, maar altijd beleefd",
        text=(
            "Je reactie mag positief of kritisch zijn, en je mag ook je ongenoegen of je medeleven tonen. "
            "Hou het wel altijd beleefd en constructief. "
            "Zo blijft onze pagina een aangename plek voor iedereen."
        ),
        kind="allowed",
        categories=("frustration", "compliment", "sympathy"),
    ),
    # --- Wat is niet toegestaan: strafbaar ------------------------------------------------
    DefaultArticle(
        number=4,
        title="Geen haat, geweld of discriminatie",
        text=(
            "Berichten die anderen aansporen tot haat, geweld of discriminatie zijn strafbaar. "
            "We halen ze weg, bewaren er een bewijs van en kunnen ze melden bij de politie of bij Unia. "
            "Twijfel je of iets strafbaar is? Op de website van Unia lees je meer over strafbare uitlatingen."
        ),
        kind="criminal",
        categories=("hate_speech",),
    ),
    DefaultArticle(
        number=5,
        title="Geen bedreigingen",
        text=(
            "Je mag niemand bedreigen: bedreigingen zijn strafbaar. "
            "Dat geldt voor bedreigingen tegen andere gebruikers, tegen onze medewerkers en tegen wie dan ook. "
            "We halen zulke berichten weg, bewaren er een bewijs van en kunnen ze melden bij de politie."
        ),
        kind="criminal",
        categories=("threat",),
    ),
    DefaultArticle(
        number=6,
        title="Geen persoonsgegevens van anderen",
        text=(
            "Je mag geen persoonsgegevens van iemand anders openbaar maken, zoals een adres, "
            "een telefoonnummer of foto's. "
            "Dat heet 'doxing' en is strafbaar. "
            "We verwijderen zulke berichten meteen."
        ),
        kind="criminal",
        categories=("doxing",),
    ),
    # --- Niet strafbaar, maar ongewenst ----------------------------------------------------
    DefaultArticle(
        number=7,
        title="Geen beledigingen of scheldwoorden",
        text=(
            "Beledigingen, scheldwoorden en agressieve taal horen hier niet thuis, ook niet als je boos bent. "
            "Zeg gerust wat je denkt, maar zonder iemand te kwetsen. "
            "We vragen je om zo'n reactie aan te passen; doe je dat niet, dan verwijderen we ze."
        ),
        kind="unwanted",
        categories=("insult",),
    ),
    DefaultArticle(
        number=8,
        title="Geen partijpolitiek",
        text=(
            "Onze kanalen zijn er voor informatie over onze dienstverlening, niet voor partijpolitiek. "
            "Berichten met expliciete partijpolitieke verwijzingen of reclame voor een partij of politicus "
            "halen we daarom weg. "
            "Je mening over het beleid blijft welkom."
        ),
        kind="unwanted",
        categories=("party_political",),
    ),
    DefaultArticle(
        number=9,
        title="Geen spam",
        text=(
            "Plaats niet telkens dezelfde boodschap of reactie. "
            "Spam, berichten van bots en phishing (berichten die je gegevens of geld willen ontfutselen) "
            "verwijderen we."
        ),
        kind="unwanted",
        categories=("spam",),
    ),
    DefaultArticle(
        number=10,
        title="Geen reclame",
        text=(
            "Onze pagina is er voor berichten over onze dienstverlening. "
            "Reclame en andere commerciële berichten, bijvoorbeeld voor je eigen zaak, zijn hier niet "
            "toegestaan en halen we weg."
        ),
        kind="unwanted",
        categories=("commercial",),
    ),
    DefaultArticle(
        number=11,
        title="Geen foute of misleidende informatie",
        text=(
            "Deel geen foute of misleidende informatie. "
            "Twijfel je of iets klopt? Kijk dan eerst op onze website of stel ons je vraag. "
            "Klopt wat je schrijft niet, dan reageren we met de juiste informatie."
        ),
        kind="unwanted",
        categories=("misinformation",),
    ),
    # --- Ongewenst, maar niet zo bedoeld: niet automatisch verwijderd ----------------------
    DefaultArticle(
        number=12,
        title="Blijf bij het onderwerp",
        text=(
            "Probeer te reageren op het onderwerp van het bericht. "
            "Heb je een vraag of opmerking over iets anders, stuur ons dan gerust een privébericht. "
            "Reacties die niets met het onderwerp te maken hebben, verwijderen we niet automatisch."
        ),
        kind="unintended",
        categories=("off_topic",),
    ),
    DefaultArticle(
        number=13,
        title="Eén reactie is genoeg",
        text=(
            "Probeer je reactie in één bericht te plaatsen. "
            "We weten dat niet iedereen even vlot is met sociale media. "
            "Meerdere reacties onder hetzelfde bericht verwijderen we daarom niet automatisch."
        ),
        kind="unintended",
        categories=(),
    ),
    DefaultArticle(
        number=14,
        title="Liever geen hoofdletters",
        text=(
            "Schrijf je bericht liefst niet helemaal in hoofdletters (caps lock): dat leest moeilijk "
            "en komt over als roepen. "
            "Sommige mensen schrijven in hoofdletters omdat ze kleine letters moeilijk kunnen lezen. "
            "Daarom verwijderen we zulke berichten niet automatisch."
        ),
        kind="unintended",
        categories=(),
    ),
)


def article_for_category(category: str) -> DefaultArticle | None:
    """The default article that covers ``category`` (None for an unknown slug)."""
    for article in DEFAULT_ARTICLES:
        if category in article.categories:
            return article
    return None
