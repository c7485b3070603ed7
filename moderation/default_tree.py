"""The default decision tree per category and the default reply templates, as plain data (no Django).

Based on part 2 ("Reageren en modereren") and the "Algemene richtlijnen" of the inspiration note
"Hoe als lokaal bestuur reageren op sociale media?" (Hannah Arendt Instituut, Kortom, AgII, 2024).
Organisations copy this into their own, editable decision steps and reply templates.

Actions (``ACTIONS``):
  check            a thing to verify or read (no platform effect)
  evidence         store evidence (screenshot card); always before anything irreversible
  report_platform  report via the platform's own report tool (manual, we record it)
  refer            referral info for police / Unia / IGVM / Vlaams Mensenrechteninstituut
  escalate         inform or ask a department ("communicatie-antenne")
  hide, unhide, delete, like   platform actions
  reply            public reply
  private_reply    private message
  warn             private warning with a strike (three-strike rule)
  ask_edit         ask the author to edit or remove
  follow_up        check again later
  propose_block    third strike: propose a block, a lead confirms
  leave            leave it standing, no action needed
  mark_handled     close the item

Templates: ``{name}`` is a variable filled in by the app (see ``TEMPLATE_VARIABLES``);
``[tekst tussen vierkante haken]`` is a fill-in for the moderator. ``text_je`` is the default;
``text_u`` mirrors citizens who write in the u-vorm.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTIONS = (
    "check",
    "evidence",
    "report_platform",
    "refer",
    "escalate",
    "hide",
    "unhide",
    "reply",
    "private_reply",
    "warn",
    "ask_edit",
    "follow_up",
    "delete",
    "propose_block",
    "like",
    "leave",
    "mark_handled",
)

# Actions whose step points to a reply template.
TEMPLATE_ACTIONS = ("reply", "private_reply", "warn", "ask_edit")

REQUIREMENTS = ("required", "suggested", "optional")

TEMPLATE_VARIABLES = (
    "author_first_name",
    "post_title",
    "code_url",
    "article_title",
    "department",
    "meldpunt_url",
    "organisation",
    "report_reference",
    "correction",          # the registered correction of a known false claim (moderation.registers)
    "correction_url",      # its link to the correct information
)


@dataclass(frozen=True)
class StepSpec:
    action: str  # one of ACTIONS
    label: str  # short Dutch step label
    guidance: str  # the inspiration note's advice for this step
    requirement: str  # one of REQUIREMENTS
    template_key: str = ""  # for TEMPLATE_ACTIONS: key into REPLY_TEMPLATES


@dataclass(frozen=True)
class ReplyTemplate:
    key: str
    title: str
    text_je: str
    text_u: str

    def for_form(self, form: str) -> str:
        """The text in the requested form: "u" mirrors a citizen who writes "u", anything else gives je."""
        return self.text_u if form == "u" else self.text_je


# ---------------------------------------------------------------------------------------------
# Algemene richtlijnen
# ---------------------------------------------------------------------------------------------

GENERAL_GUIDELINES: tuple[str, ...] = (
    "Toon begrip, vertrouwen en aanwezigheid, zodat mensen zich gehoord en geholpen voelen. "
    "Door te reageren, laat je zien dat je als lokaal bestuur actief en aanwezig bent.",
    'Begin positief: bedank of toon empathie ("Bedankt voor je bericht", "Het spijt me te horen dat ...").',
    "Gebruik standaard de je-vorm, dat maakt het gesprek laagdrempelig en persoonlijk. "
    "Schrijft iemand in de u-vorm? Spiegel dan en antwoord ook met 'u'.",
    "Gebruik heldere taal die de ontvanger begrijpt.",
    "Blijf feitelijk.",
    "Laat je emotie niet de boventoon voeren.",
    'Toon je kwetsbaarheid en menselijkheid (bijvoorbeeld: "Het kwetst me als je me uitscheldt.").',
    "Je persoonlijke benadering kleurt hoe je reageert: er is altijd ruimte voor interpretatie.",
    "Hou rekening met de personeelscapaciteit: standaardantwoorden zijn een goede oplossing, "
    "niet elk antwoord hoeft gepersonaliseerd te zijn.",
)


# ---------------------------------------------------------------------------------------------
# Shared steps
# ---------------------------------------------------------------------------------------------

_MARK_HANDLED = StepSpec(
    action="mark_handled",
    label="Markeer als afgehandeld",
    guidance="Rond het bericht af als je de nodige stappen gezet hebt.",
    requirement="required",
)

_CRIMINAL_CHECK = StepSpec(
    action="check",
    label="Ga na of het strafbaar is",
    guidance=(
        "Twijfel je of het om een strafbare uitlating gaat? "
        "Op de website van Unia vind je meer informatie over strafbare uitlatingen en haatboodschappen."
    ),
    requirement="suggested",
)

_CRIMINAL_EVIDENCE = StepSpec(
    action="evidence",
    label="Maak een screenshot",
    guidance=(
        "Documenteer de post met een screenshot, nog voor je iets verbergt of verwijdert. "
        "Documenteer ook elke stap die je als lokaal bestuur zet."
    ),
    requirement="required",
)

_CRIMINAL_REPORT_PLATFORM = StepSpec(
    action="report_platform",
    label="Rapporteer bij het platform",
    guidance=(
        "Rapporteer de reactie via de meldfunctie van het platform en noteer dat je dat gedaan hebt. "
        "In de praktijk levert rapporteren vandaag weinig op, maar de Europese wet inzake digitale diensten "
        "(DSA) biedt hoop."
    ),
    requirement="suggested",
)

_CRIMINAL_HIDE = StepSpec(
    action="hide",
    label="Verberg de reactie",
    guidance=(
        "Je kan de reactie meteen verbergen, of ze een paar uur laten staan en erop reageren. "
        "Reageren zet de sociale norm voor de meelezers, maar geeft het negatieve bericht ook meer zichtbaarheid. "
        "Verbergen is niet definitief: je kan de reactie later weer zichtbaar maken."
    ),
    requirement="suggested",
)

_CRIMINAL_REPLY = StepSpec(
    action="reply",
    label="Reageer openbaar en zet de norm",
    guidance=(
        "Door te reageren, maak je duidelijk dat dit gedrag niet toelaatbaar is. "
        "De haatzaaier overtuig je misschien niet, maar de meelezers krijgen de boodschap mee."
    ),
    requirement="optional",
    template_key="criminal_public_norm",
)

_CRIMINAL_WARN = StepSpec(
    action="warn",
    label="Stuur een waarschuwing via privébericht",
    guidance=(
        "Stuur de gebruiker een privébericht met een waarschuwing en een verwijzing naar de gedragscode. "
        "Soms is een waarschuwing al genoeg om nieuwe overtredingen te stoppen."
    ),
    requirement="required",
    template_key="warning_first",
)

_CRIMINAL_ASK_REMOVE = StepSpec(
    action="ask_edit",
    label="Vraag om de reactie te verwijderen",
    guidance="Vraag de gebruiker om de post zelf te verwijderen.",
    requirement="suggested",
    template_key="ask_edit",
)

_CRIMINAL_DELETE = StepSpec(
    action="delete",
    label="Verwijder de reactie",
    guidance=(
        "Gaat de gebruiker niet in op je verzoek, dan kan je de post zelf verwijderen. "
        "Verwijderen is onomkeerbaar: zonder screenshot is de inhoud voorgoed weg."
    ),
    requirement="suggested",
)

_PROPOSE_BLOCK = StepSpec(
    action="propose_block",
    label="Stel een blokkering voor",
    guidance=(
        "Je kan ervoor kiezen de gebruiker te blokkeren, zeker bij een derde overtreding. "
        "Een verantwoordelijke bevestigt de blokkering."
    ),
    requirement="optional",
)


# ---------------------------------------------------------------------------------------------
# The default tree, one entry per category, steps in order
# ---------------------------------------------------------------------------------------------

DEFAULT_TREE: dict[str, tuple[StepSpec, ...]] = {
    # ===================================== Negatief sentiment =====================================
    # --- Berichten die strafbaar zijn ---
    "hate_speech": (
        _CRIMINAL_CHECK,
        _CRIMINAL_EVIDENCE,
        _CRIMINAL_REPORT_PLATFORM,
        StepSpec(
            action="refer",
            label="Meld bij politie, Unia, IGVM of VMRI",
            guidance=(
                "Meld de uitlating bij de lokale politie, Unia, het Instituut voor de gelijkheid van vrouwen "
                "en mannen of het Vlaams Mensenrechteninstituut. "
                "Noteer bij wie je gemeld hebt."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="escalate",
            label="Breng de betrokken diensten op de hoogte",
            guidance=(
                "Meld het informeel aan de diensten, zoals Gelijke Kansen, zodat zij op de hoogte zijn van "
                "wat er leeft. "
                "Zo kunnen ze eventueel zelf een initiatief nemen, zoals een vorming."
            ),
            requirement="suggested",
        ),
        _CRIMINAL_HIDE,
        _CRIMINAL_REPLY,
        _CRIMINAL_WARN,
        _CRIMINAL_ASK_REMOVE,
        _CRIMINAL_DELETE,
        _PROPOSE_BLOCK,
        _MARK_HANDLED,
    ),
    "threat": (
        _CRIMINAL_CHECK,
        _CRIMINAL_EVIDENCE,
        _CRIMINAL_REPORT_PLATFORM,
        StepSpec(
            action="refer",
            label="Meld bij de politie",
            guidance=(
                "Meld de bedreiging bij de lokale politie. "
                "Gaat het ook om haat of discriminatie, dan kan je terecht bij Unia, het Instituut voor de "
                "gelijkheid van vrouwen en mannen of het Vlaams Mensenrechteninstituut."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="escalate",
            label="Breng de betrokken diensten op de hoogte",
            guidance=(
                "Breng de betrokken dienst informeel op de hoogte, zeker als een medewerker bedreigd wordt. "
                "Zorg dat die medewerker weet waar hij of zij terechtkan, bijvoorbeeld bij een vertrouwenspersoon."
            ),
            requirement="suggested",
        ),
        _CRIMINAL_HIDE,
        _CRIMINAL_REPLY,
        _CRIMINAL_WARN,
        _CRIMINAL_ASK_REMOVE,
        _CRIMINAL_DELETE,
        _PROPOSE_BLOCK,
        _MARK_HANDLED,
    ),
    # --- Privacyschendingen ---
    "doxing": (
        StepSpec(
            action="evidence",
            label="Maak een screenshot",
            guidance=(
                "Documenteer de post met een screenshot voor je hem verwijdert. "
                "Deel dat screenshot niet verder: het bevat persoonsgegevens."
            ),
            requirement="required",
        ),
        StepSpec(
            action="delete",
            label="Verwijder het bericht meteen",
            guidance=(
                "Privacyschendingen zijn strafbaar en dus niet toegestaan. "
                "Verwijder het bericht onmiddellijk."
            ),
            requirement="required",
        ),
        StepSpec(
            action="warn",
            label="Laat weten waarom, met een waarschuwing",
            guidance=(
                "Laat de gebruiker in een privébericht weten waarom je het bericht verwijderd hebt, "
                "met een waarschuwing en een verwijzing naar de gedragscode."
            ),
            requirement="required",
            template_key="privacy_removed",
        ),
        StepSpec(
            action="report_platform",
            label="Rapporteer bij het platform",
            guidance="Rapporteer de privacyschending via de meldfunctie van het platform en noteer dat je dat deed.",
            requirement="optional",
        ),
        StepSpec(
            action="refer",
            label="Meld bij de politie",
            guidance="Het openbaar maken van iemands persoonsgegevens is strafbaar. Je kan het melden bij de lokale politie.",
            requirement="optional",
        ),
        StepSpec(
            action="escalate",
            label="Breng de betrokkene op de hoogte",
            guidance=(
                "Gaat het om gegevens van een medewerker? "
                "Breng die medewerker en de betrokken dienst op de hoogte, en zorg dat de medewerker weet waar "
                "hij of zij terechtkan."
            ),
            requirement="optional",
        ),
        _PROPOSE_BLOCK,
        _MARK_HANDLED,
    ),
    # --- Niet strafbaar, maar tegen de gedragscode ---
    "insult": (
        StepSpec(
            action="evidence",
            label="Maak een screenshot",
            guidance="Leg de reactie vast, zodat de overtreding gedocumenteerd blijft als ze later verdwijnt.",
            requirement="suggested",
        ),
        StepSpec(
            action="reply",
            label="Reageer openbaar en zet de norm",
            guidance=(
                "Door te reageren, maak je duidelijk dat dit gedrag niet toelaatbaar is en zet je de sociale norm. "
                "Openbaar reageren toont dat je aanwezig bent en geeft een positief signaal aan de meelezers, "
                "maar het geeft het bericht ook meer zichtbaarheid. "
                "Je kan ook enkel via een privébericht reageren."
            ),
            requirement="suggested",
            template_key="insult_public_norm",
        ),
        StepSpec(
            action="ask_edit",
            label="Vraag om het bericht aan te passen",
            guidance=(
                "Wijs de persoon op de gedragscode en vraag om het bericht aan te passen, openbaar of via "
                "een privébericht. "
                "Laat weten dat je de reactie anders verwijdert."
            ),
            requirement="suggested",
            template_key="ask_edit",
        ),
        StepSpec(
            action="follow_up",
            label="Verwijder na 24 uur als niet aangepast",
            guidance=(
                "Laat de reactie eerst 24 uur staan, zodat iedereen je antwoord heeft kunnen zien. "
                "Is ze daarna niet aangepast, verwijder ze dan zelf. "
                "Tegenreacties op je antwoord laat je gewoon staan."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="warn",
            label="Stuur een waarschuwing via privébericht",
            guidance=(
                "Geef bij een overtreding een waarschuwing via privébericht, met een verwijzing naar de gedragscode. "
                "Er zijn maar weinig mensen die na een eerste waarschuwing grof blijven."
            ),
            requirement="required",
            template_key="warning_first",
        ),
        StepSpec(
            action="hide",
            label="Verberg de reactie",
            guidance=(
                "Wil je de reactie niet laten staan, dan kan je ze verbergen. "
                "Verbergen is niet definitief: je kan de reactie later weer zichtbaar maken."
            ),
            requirement="optional",
        ),
        StepSpec(
            action="delete",
            label="Verwijder de reactie",
            guidance=(
                "Is de reactie na 24 uur niet aangepast of verwijderd, verwijder ze dan zelf. "
                "Verwijderen is onomkeerbaar."
            ),
            requirement="suggested",
        ),
        _MARK_HANDLED,
    ),
    # --- Dieperliggende frustratie ---
    "frustration": (
        StepSpec(
            action="check",
            label="Zoek de frustratie achter het bericht",
            guidance=(
                "Soms zit er onder een negatief bericht een dieperliggende frustratie, bijvoorbeeld bij mensen "
                "die hun hart luchten. "
                "Neem een open houding aan."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="reply",
            label="Reageer met begrip",
            guidance=(
                "Door begrip en empathie te tonen, creëer je een opening voor een constructief gesprek. "
                "Stem je reactie af op de boodschap en de emotie van de persoon. "
                "Een open vraag als 'Hoe bedoelt u?' geeft mensen het gevoel dat er naar hen geluisterd wordt."
            ),
            requirement="suggested",
            template_key="frustration_empathy",
        ),
        StepSpec(
            action="check",
            label="Denk aan de 90-9-1-regel",
            guidance=(
                "In de meeste online gemeenschappen lezen 90% van de gebruikers alleen mee, reageert 9% "
                "regelmatig en zorgt 1% voor bijna alle actie. "
                "Hou dat in het achterhoofd als negativiteit de boventoon lijkt te voeren."
            ),
            requirement="optional",
        ),
        StepSpec(
            action="escalate",
            label="Signaleer het aan de dienst",
            guidance=(
                "Komt dezelfde frustratie vaak terug? Meld het aan de bevoegde dienst via de communicatie-antenne. "
                "Bij iemand die volgehouden negatief reageert, kan een fysiek gesprek lonen."
            ),
            requirement="optional",
        ),
        _MARK_HANDLED,
    ),
    # --- Constructieve kritiek en discussies ---
    "criticism": (
        StepSpec(
            action="leave",
            label="Laat de reactie staan",
            guidance=(
                "Een mening of constructieve kritiek moet kunnen en draagt zelfs bij tot betrokkenheid en "
                "goed bestuur. "
                "Laat de reactie dus staan."
            ),
            requirement="required",
        ),
        StepSpec(
            action="reply",
            label="Reageer (als je wil)",
            guidance=(
                "Je kiest zelf of je reageert. "
                "Erken het probleem, toon hoe de zaken vorderen en laat gerust het menselijke aspect zien: "
                "transparante communicatie wekt begrip en vertrouwen."
            ),
            requirement="optional",
            template_key="criticism_thanks",
        ),
        StepSpec(
            action="escalate",
            label="Verwijs door naar de bevoegde dienst",
            guidance="Geef de kritiek door aan de bevoegde dienst of aan de bestuursleden met beslissingsbevoegdheid.",
            requirement="optional",
        ),
        StepSpec(
            action="follow_up",
            label="Volg de discussie op",
            guidance=(
                "Een discussie onder een bericht kan het bereik vergroten en waardevolle inzichten opleveren. "
                "Ontstaat er ruzie of vallen er persoonlijke aanvallen, dan kan het nodig zijn om in te grijpen. "
                "Soms dooft een discussie vanzelf uit of grijpen andere burgers in."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="private_reply",
            label="Temper de discussie via privébericht",
            guidance=(
                "Loopt de discussie uit de hand? Stuur een privébericht om ze te temperen, of grijp indien nodig "
                "publiek in."
            ),
            requirement="optional",
            template_key="discussion_temper",
        ),
        _MARK_HANDLED,
    ),
    # --- Misleidende of onjuiste informatie ---
    "misinformation": (
        StepSpec(
            action="check",
            label="Ga na wat er niet klopt",
            guidance=(
                "Ga na welke informatie onjuist is, en of ze onbewust (misinformatie) of doelbewust "
                "(desinformatie) verspreid wordt. "
                "Meer over nepnieuws en complottheorieën vind je op de website van Mediawijs."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="reply",
            label="Corrigeer de onjuiste informatie",
            guidance=(
                "Corrigeer de onjuiste informatie of verwijs naar het standpunt van je lokaal bestuur. "
                "Wees respectvol, constructief en niet belerend. "
                "Desinformatie speelt in op emoties: breng niet enkel rationele argumenten aan, maar hou ook "
                "rekening met de emotie van de persoon."
            ),
            requirement="suggested",
            template_key="misinformation_correction",
        ),
        StepSpec(
            action="escalate",
            label="Toets af bij de dienst",
            guidance="Beschik je niet over de juiste informatie? Toets af bij de deskundige of de bevoegde dienst.",
            requirement="optional",
        ),
        StepSpec(
            action="reply",
            label="Laat weten dat je het navraagt",
            guidance="Laat de gebruiker weten dat je de informatie navraagt en dat de dienst erop terugkomt.",
            requirement="optional",
            template_key="misinformation_unknown",
        ),
        StepSpec(
            action="follow_up",
            label="Blijf de discussie monitoren",
            guidance=(
                "Na het corrigeren hoef je niet meer te reageren. "
                "Blijf de discussie wel monitoren en kijk of foute reacties niet opblazen."
            ),
            requirement="required",
        ),
        _MARK_HANDLED,
    ),
    # --- Spam ---
    "spam": (
        StepSpec(
            action="check",
            label="Ga na of het echt spam is",
            guidance=(
                "Spam zijn onnodige, ongewenste of repetitieve berichten; wat je als spam beschouwt, bepaal je zelf. "
                "Soms is iemand gewoon niet bedreven in sociale media en lijken goedbedoelde berichten op spam. "
                "Laat die dan staan."
            ),
            requirement="required",
        ),
        StepSpec(
            action="evidence",
            label="Maak een screenshot",
            guidance="Leg het bericht vast als je de afzender wil rapporteren of blokkeren.",
            requirement="optional",
        ),
        StepSpec(
            action="report_platform",
            label="Rapporteer bots en phishing",
            guidance="Rapporteer bots en phishing via de meldfunctie van het platform en noteer dat je dat deed.",
            requirement="suggested",
        ),
        StepSpec(
            action="delete",
            label="Verwijder de spam",
            guidance="Verwijder spam, berichten van bots en phishing. Verwijderen is onomkeerbaar.",
            requirement="suggested",
        ),
        StepSpec(
            action="propose_block",
            label="Stel een blokkering voor",
            guidance=(
                "Blijft hetzelfde account spammen, of gaat het om een bot? Stel dan een blokkering voor. "
                "Een verantwoordelijke bevestigt de blokkering."
            ),
            requirement="optional",
        ),
        _MARK_HANDLED,
    ),
    # --- Ongewenst, maar niet zo bedoeld ---
    "off_topic": (
        StepSpec(
            action="leave",
            label="Laat de reactie staan",
            guidance=(
                "Een reactie die niets met het onderwerp te maken heeft, is meestal niet zo bedoeld. "
                "Je hoeft ze niet automatisch te verwijderen."
            ),
            requirement="required",
        ),
        StepSpec(
            action="reply",
            label="Help verder of verwijs door",
            guidance=(
                "Gaat het om een vraag of een melding? "
                "Help de persoon dan verder of verwijs naar de juiste dienst of het meldpunt."
            ),
            requirement="optional",
            template_key="off_topic_redirect",
        ),
        _MARK_HANDLED,
    ),
    # ===================================== Neutraal sentiment =====================================
    # --- Een vraag ---
    "question": (
        StepSpec(
            action="reply",
            label="Beantwoord de vraag",
            guidance=(
                "Beantwoord een vraag altijd, ook via sociale media: dat is goede dienstverlening en toont "
                "betrokkenheid. "
                "Hoe sneller je antwoordt, hoe fijner voor de vraagsteller en hoe beter voor het algoritme. "
                "Is het antwoord ook nuttig voor anderen, antwoord dan openbaar."
            ),
            requirement="suggested",
            template_key="question_answer",
        ),
        StepSpec(
            action="reply",
            label="Laat weten dat je privé antwoordt",
            guidance=(
                "Gaat het om een persoonlijke vraag? "
                "Laat dan in een reactie weten dat je de vraag via een privébericht beantwoordt."
            ),
            requirement="optional",
            template_key="question_private",
        ),
        StepSpec(
            action="private_reply",
            label="Beantwoord de vraag via privébericht",
            guidance="Beantwoord de persoonlijke vraag in een privébericht.",
            requirement="optional",
            template_key="question_answer",
        ),
        StepSpec(
            action="escalate",
            label="Vraag het na bij de dienst",
            guidance=(
                "Weet je het antwoord niet? "
                "Contacteer een medewerker die over de juiste informatie beschikt, bijvoorbeeld de "
                "communicatie-antenne van de dienst, of verwijs door naar het vragenformulier."
            ),
            requirement="optional",
        ),
        StepSpec(
            action="reply",
            label="Laat weten dat je het navraagt",
            guidance="Laat de vraagsteller weten dat je de nodige informatie opvraagt.",
            requirement="optional",
            template_key="question_unknown",
        ),
        StepSpec(
            action="follow_up",
            label="Kom terug met het antwoord",
            guidance="Heb je het antwoord van de dienst? Kom dan terug bij de vraagsteller en beantwoord de vraag alsnog.",
            requirement="optional",
        ),
        StepSpec(
            action="reply",
            label="Bedank wie al antwoordde",
            guidance="Heeft een andere gebruiker de vraag al beantwoord? Bedank die gebruiker en vul eventueel aan.",
            requirement="optional",
            template_key="thanks_answering_citizen",
        ),
        _MARK_HANDLED,
    ),
    # --- Melding ---
    "report": (
        StepSpec(
            action="escalate",
            label="Geef de melding door",
            guidance=(
                "Geef de melding zelf door aan de verantwoordelijke dienst of zet ze in het meldpunt. "
                "Dat is nog beter dan enkel de contactgegevens van de dienst te bezorgen."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="reply",
            label="Bedank en laat weten dat het doorgegeven is",
            guidance=(
                "Bedank de persoon voor de melding en laat weten dat je ze hebt doorgegeven. "
                "Verwijs naar het meldpunt voor een volgende keer."
            ),
            requirement="suggested",
            template_key="report_thanks_forwarded",
        ),
        StepSpec(
            action="reply",
            label="Bedank en geef de contactgegevens",
            guidance=(
                "Geef je de melding niet zelf door? "
                "Bedank de persoon dan en bezorg de contactgegevens (mail, telefoon of adres) van de "
                "verantwoordelijke dienst."
            ),
            requirement="optional",
            template_key="report_thanks_contact",
        ),
        _MARK_HANDLED,
    ),
    # --- Berichten van politieke aard ---
    "political": (
        StepSpec(
            action="check",
            label="Ga na of het partijpolitiek is",
            guidance=(
                "Doet een partij of politicus aan zelfpromotie, of gaat het om expliciete partijpolitieke "
                "verwijzingen? "
                "Behandel het bericht dan als partijpolitiek."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="leave",
            label="Laat de reactie staan",
            guidance=(
                "Burgers mogen hun mening over politiek en beleid geven, zolang ze beleefd blijven. "
                "Reageert een mandataris als gewone burger, dan mag die reactie ook blijven staan."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="follow_up",
            label="Hou de discussie in het oog",
            guidance=(
                "Blijf de discussie monitoren. "
                "Een politiek steekspel hoort niet thuis op de kanalen van het lokaal bestuur."
            ),
            requirement="optional",
        ),
        _MARK_HANDLED,
    ),
    "party_political": (
        StepSpec(
            action="check",
            label="Ga na of het partijpolitiek is",
            guidance=(
                "Ga na of een partij of politicus aan zelfpromotie doet, of dat het om een expliciete "
                "partijpolitieke verwijzing gaat. "
                "Reageert een mandataris als gewone burger, dan mag de reactie blijven staan."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="evidence",
            label="Maak een screenshot",
            guidance="Leg de reactie vast voor je ze verbergt of verwijdert.",
            requirement="suggested",
        ),
        StepSpec(
            action="hide",
            label="Verberg de reactie",
            guidance=(
                "Je kan deze berichten weghalen als dat zo in de gedragscode staat (goedgekeurd door het MAT). "
                "Verbergen is niet definitief: je kan de reactie later weer zichtbaar maken."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="private_reply",
            label="Laat weten waarom",
            guidance="Laat de persoon in een privébericht weten waarom je de reactie weghaalde, met een verwijzing naar de gedragscode.",
            requirement="suggested",
            template_key="political_removed",
        ),
        StepSpec(
            action="delete",
            label="Verwijder de reactie",
            guidance="Je kan de reactie ook verwijderen in plaats van verbergen. Verwijderen is onomkeerbaar.",
            requirement="optional",
        ),
        _MARK_HANDLED,
    ),
    # --- Commerciële berichten ---
    "commercial": (
        StepSpec(
            action="check",
            label="Ga na of het reclame is",
            guidance=(
                "Gaat het om reclame, bijvoorbeeld van een lokale handelaar? "
                "Sociale media zijn een plaats voor berichten over je dienstverlening als lokaal bestuur."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="evidence",
            label="Maak een screenshot",
            guidance="Leg het bericht vast voor je het verwijdert.",
            requirement="optional",
        ),
        StepSpec(
            action="hide",
            label="Verberg het bericht",
            guidance="Wil je het bericht eerst enkel uit beeld halen, verberg het dan. Dat kan je later ongedaan maken.",
            requirement="optional",
        ),
        StepSpec(
            action="delete",
            label="Verwijder het bericht",
            guidance="Commerciële berichten kan je verwijderen als je ze niet wenst toe te laten. Verwijderen is onomkeerbaar.",
            requirement="suggested",
        ),
        StepSpec(
            action="private_reply",
            label="Laat weten waarom",
            guidance="Laat de afzender in een privébericht weten waarom je het bericht weghaalde.",
            requirement="optional",
            template_key="commercial_removed",
        ),
        _MARK_HANDLED,
    ),
    # --- Berichten met medeleven ---
    "sympathy": (
        StepSpec(
            action="leave",
            label="Laat het bericht staan",
            guidance="Berichten die medeleven uitdrukken, mag je laten staan. Je hoeft er niet op te reageren.",
            requirement="required",
        ),
    ),
    # ===================================== Positief sentiment =====================================
    "compliment": (
        StepSpec(
            action="like",
            label="Geef een like",
            guidance=(
                "Beloon een positief bericht, een positieve reactie of een compliment met een like of een hart. "
                "Zo zet je positiviteit en betrokkenheid extra in de verf, en het is goed voor het algoritme."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="reply",
            label="Bedank met een reactie",
            guidance=(
                "Je kan ook reageren, eventueel met een foto of gif: een beeld zegt soms meer dan woorden. "
                "Wees vooral consequent in je keuze."
            ),
            requirement="optional",
            template_key="compliment_thanks",
        ),
        _MARK_HANDLED,
    ),
    "other": (
        StepSpec(
            action="check",
            label="Kies de juiste categorie",
            guidance=(
                "Past het bericht toch in een andere categorie, zoals een vraag of een melding? "
                "Pas dan de categorie aan, zodat je de juiste stappen krijgt."
            ),
            requirement="suggested",
        ),
        StepSpec(
            action="leave",
            label="Laat het bericht staan",
            guidance="Past het bericht binnen de gedragscode, dan mag het gewoon blijven staan.",
            requirement="suggested",
        ),
        _MARK_HANDLED,
    ),
}


# ---------------------------------------------------------------------------------------------
# Reply templates
# ---------------------------------------------------------------------------------------------

_TEMPLATES = (
    # --- Vragen ---
    ReplyTemplate(
        key="question_answer",
        title="Vraag beantwoorden",
        text_je=(
            "Dag {author_first_name}, bedankt voor je vraag! [antwoord] "
            "Heb je nog vragen? Laat het ons gerust weten."
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw vraag! [antwoord] "
            "Heeft u nog vragen? Laat het ons gerust weten."
        ),
    ),
    ReplyTemplate(
        key="question_unknown",
        title="Vraag: we vragen het na",
        text_je=(
            "Dag {author_first_name}, bedankt voor je vraag. "
            "Die informatie hebben we niet meteen bij de hand. "
            "We vragen het na bij {department} en komen er zo snel mogelijk bij je op terug."
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw vraag. "
            "Die informatie hebben we niet meteen bij de hand. "
            "We vragen het na bij {department} en komen er zo snel mogelijk bij u op terug."
        ),
    ),
    ReplyTemplate(
        key="question_private",
        title="Vraag: we antwoorden privé",
        text_je=(
            "Dag {author_first_name}, bedankt voor je vraag! "
            "Omdat het over je persoonlijke situatie gaat, antwoorden we je via een privébericht. "
            "Hou je inbox dus zeker in de gaten."
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw vraag! "
            "Omdat het over uw persoonlijke situatie gaat, antwoorden we u via een privébericht. "
            "Houd uw inbox dus zeker in de gaten."
        ),
    ),
    ReplyTemplate(
        key="thanks_answering_citizen",
        title="Bedanken: een andere burger antwoordde al",
        text_je="Bedankt om mee te helpen, {author_first_name}, je antwoord klopt helemaal! [aanvulling, indien nodig]",
        text_u="Bedankt om mee te helpen, {author_first_name}, uw antwoord klopt helemaal! [aanvulling, indien nodig]",
    ),
    # --- Meldingen ---
    ReplyTemplate(
        key="report_thanks_forwarded",
        title="Melding: bedankt, doorgegeven",
        text_je=(
            "Dag {author_first_name}, bedankt voor je melding! "
            "Je melding is doorgegeven met nummer {report_reference}; de dienst gaat ermee aan de slag. "
            "Wil je een volgende keer iets melden? Dat kan ook rechtstreeks via ons meldpunt: {meldpunt_url}"
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw melding! "
            "Uw melding is doorgegeven met nummer {report_reference}; de dienst gaat ermee aan de slag. "
            "Wilt u een volgende keer iets melden? Dat kan ook rechtstreeks via ons meldpunt: {meldpunt_url}"
        ),
    ),
    ReplyTemplate(
        key="report_thanks_contact",
        title="Melding: bedankt, contactgegevens van de dienst",
        text_je=(
            "Dag {author_first_name}, bedankt voor je melding! "
            "Hiervoor kan je het best rechtstreeks contact opnemen met {department}: [mail, telefoon of adres]. "
            "Zij helpen je graag verder. "
            "Een volgende keer kan je je melding ook doorgeven via ons meldpunt: {meldpunt_url}"
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw melding! "
            "Hiervoor kan u het best rechtstreeks contact opnemen met {department}: [mail, telefoon of adres]. "
            "Zij helpen u graag verder. "
            "Een volgende keer kan u uw melding ook doorgeven via ons meldpunt: {meldpunt_url}"
        ),
    ),
    # --- Beledigingen en de gedragscode ---
    ReplyTemplate(
        key="insult_public_norm",
        title="Belediging: openbaar de norm zetten",
        text_je=(
            "Bedankt voor je reactie, {author_first_name}. "
            "Iedereen heeft recht op zijn of haar mening, maar de manier waarop je die hier verwoordt, is niet netjes. "
            "Wil je je reactie aanpassen? Anders verwijderen we ze binnen 24 uur. "
            "Onze gedragscode vind je hier: {code_url}"
        ),
        text_u=(
            "Bedankt voor uw reactie, {author_first_name}. "
            "Iedereen heeft recht op zijn of haar mening, maar de manier waarop u die hier verwoordt, is niet netjes. "
            "Wilt u uw reactie aanpassen? Anders verwijderen we ze binnen 24 uur. "
            "Onze gedragscode vindt u hier: {code_url}"
        ),
    ),
    ReplyTemplate(
        key="ask_edit",
        title="Vragen om aan te passen of te verwijderen",
        text_je=(
            "Dag {author_first_name}, bedankt voor je reactie op '{post_title}'. "
            "Helaas gaat ze in tegen onze gedragscode, meer bepaald tegen '{article_title}'. "
            "Wil je ze aanpassen of verwijderen? Doe je dat niet binnen 24 uur, dan verwijderen we ze zelf. "
            "Je vindt de gedragscode hier: {code_url}"
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw reactie op '{post_title}'. "
            "Helaas gaat ze in tegen onze gedragscode, meer bepaald tegen '{article_title}'. "
            "Wilt u ze aanpassen of verwijderen? Doet u dat niet binnen 24 uur, dan verwijderen we ze zelf. "
            "U vindt de gedragscode hier: {code_url}"
        ),
    ),
    ReplyTemplate(
        key="criminal_public_norm",
        title="Strafbaar bericht: openbaar de norm zetten",
        text_je=(
            "Fijn dat zoveel mensen hier respectvol met elkaar in gesprek gaan. "
            "Reacties die bedreigen of aanzetten tot haat, geweld of discriminatie zijn strafbaar en horen hier "
            "niet thuis. "
            "Wat hier wel en niet kan, lees je in onze gedragscode: {code_url}"
        ),
        text_u=(
            "Fijn dat zoveel mensen hier respectvol met elkaar in gesprek gaan. "
            "Reacties die bedreigen of aanzetten tot haat, geweld of discriminatie zijn strafbaar en horen hier "
            "niet thuis. "
            "Wat hier wel en niet kan, leest u in onze gedragscode: {code_url}"
        ),
    ),
    ReplyTemplate(
        key="privacy_removed",
        title="Persoonsgegevens verwijderd (met waarschuwing)",
        text_je=(
            "Dag {author_first_name}, fijn dat je reageert op onze berichten. "
            "Je reactie onder '{post_title}' hebben we wel verwijderd, omdat ze persoonsgegevens van iemand "
            "anders bevatte. "
            "Andermans persoonsgegevens openbaar maken is strafbaar en gaat in tegen onze gedragscode "
            "('{article_title}'). "
            "Beschouw dit bericht als een waarschuwing. "
            "Je vindt de gedragscode hier: {code_url}\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
        text_u=(
            "Dag {author_first_name}, fijn dat u reageert op onze berichten. "
            "Uw reactie onder '{post_title}' hebben we wel verwijderd, omdat ze persoonsgegevens van iemand "
            "anders bevatte. "
            "Andermans persoonsgegevens openbaar maken is strafbaar en gaat in tegen onze gedragscode "
            "('{article_title}'). "
            "Beschouw dit bericht als een waarschuwing. "
            "U vindt de gedragscode hier: {code_url}\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
    ),
    # --- Three-strike rule ---
    ReplyTemplate(
        key="warning_first",
        title="Eerste waarschuwing",
        text_je=(
            "Dag {author_first_name}, fijn dat je meepraat op onze pagina. "
            "Je reactie onder '{post_title}' gaat helaas in tegen onze gedragscode, meer bepaald tegen "
            "'{article_title}'. "
            "Dit is een eerste waarschuwing. Bij een derde overtreding blokkeren we je op onze pagina. "
            "Je vindt de gedragscode hier: {code_url}\n"
            "Heb je vragen of ben je het niet eens? Antwoord gerust op dit bericht.\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
        text_u=(
            "Dag {author_first_name}, fijn dat u meepraat op onze pagina. "
            "Uw reactie onder '{post_title}' gaat helaas in tegen onze gedragscode, meer bepaald tegen "
            "'{article_title}'. "
            "Dit is een eerste waarschuwing. Bij een derde overtreding blokkeren we u op onze pagina. "
            "U vindt de gedragscode hier: {code_url}\n"
            "Heeft u vragen of bent u het niet eens? Antwoord gerust op dit bericht.\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
    ),
    ReplyTemplate(
        key="warning_second",
        title="Tweede waarschuwing",
        text_je=(
            "Dag {author_first_name}, fijn dat je betrokken bent en reageert op onze berichten. "
            "Toch moeten we je opnieuw wijzen op onze gedragscode: je reactie onder '{post_title}' gaat in tegen "
            "'{article_title}'. "
            "Dit is je tweede waarschuwing. Bij een volgende overtreding blokkeren we je op onze pagina. "
            "Je vindt de gedragscode hier: {code_url}\n"
            "Heb je vragen of ben je het niet eens? Antwoord gerust op dit bericht.\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
        text_u=(
            "Dag {author_first_name}, fijn dat u betrokken bent en reageert op onze berichten. "
            "Toch moeten we u opnieuw wijzen op onze gedragscode: uw reactie onder '{post_title}' gaat in tegen "
            "'{article_title}'. "
            "Dit is uw tweede waarschuwing. Bij een volgende overtreding blokkeren we u op onze pagina. "
            "U vindt de gedragscode hier: {code_url}\n"
            "Heeft u vragen of bent u het niet eens? Antwoord gerust op dit bericht.\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
    ),
    ReplyTemplate(
        key="block_notice",
        title="Blokkering (derde overtreding)",
        text_je=(
            "Dag {author_first_name}, we begrijpen dat dit geen fijn bericht is om te lezen. "
            "Je kreeg eerder al twee waarschuwingen, en ook je reactie onder '{post_title}' gaat in tegen onze "
            "gedragscode ('{article_title}'). "
            "Zoals aangekondigd blokkeren we je daarom op onze pagina. "
            "Je vindt de gedragscode hier: {code_url}\n"
            "Ben je het niet eens met deze beslissing? Neem dan contact op met {organisation} via [contactgegevens].\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
        text_u=(
            "Dag {author_first_name}, we begrijpen dat dit geen fijn bericht is om te lezen. "
            "U kreeg eerder al twee waarschuwingen, en ook uw reactie onder '{post_title}' gaat in tegen onze "
            "gedragscode ('{article_title}'). "
            "Zoals aangekondigd blokkeren we u daarom op onze pagina. "
            "U vindt de gedragscode hier: {code_url}\n"
            "Bent u het niet eens met deze beslissing? Neem dan contact op met {organisation} via [contactgegevens].\n\n"
            "Vriendelijke groeten\n{organisation}"
        ),
    ),
    # --- Frustratie, kritiek, discussies ---
    ReplyTemplate(
        key="frustration_empathy",
        title="Frustratie: begrip tonen",
        text_je=(
            "Dag {author_first_name}, het spijt ons te horen dat je hiermee zit. "
            "We willen graag begrijpen wat er precies misloopt. "
            "Hoe bedoel je? Vertel het ons gerust, hier of in een privébericht."
        ),
        text_u=(
            "Dag {author_first_name}, het spijt ons te horen dat u hiermee zit. "
            "We willen graag begrijpen wat er precies misloopt. "
            "Hoe bedoelt u? Vertel het ons gerust, hier of in een privébericht."
        ),
    ),
    ReplyTemplate(
        key="criticism_thanks",
        title="Kritiek: bedanken en duiden",
        text_je=(
            "Bedankt voor je eerlijke feedback, {author_first_name}. "
            "Goed dat je je bezorgdheid met ons deelt. "
            "[Stand van zaken of wat we eraan doen.] "
            "We geven je opmerking ook door aan {department}."
        ),
        text_u=(
            "Bedankt voor uw eerlijke feedback, {author_first_name}. "
            "Goed dat u uw bezorgdheid met ons deelt. "
            "[Stand van zaken of wat we eraan doen.] "
            "We geven uw opmerking ook door aan {department}."
        ),
    ),
    ReplyTemplate(
        key="discussion_temper",
        title="Discussie temperen (privébericht)",
        text_je=(
            "Dag {author_first_name}, fijn dat je meepraat onder '{post_title}'. "
            "Een stevige discussie mag, maar we merken dat de toon scherper wordt. "
            "Wil je het gesprek respectvol houden, ook tegenover wie er anders over denkt? "
            "Zo blijft onze pagina een aangename plek voor iedereen."
        ),
        text_u=(
            "Dag {author_first_name}, fijn dat u meepraat onder '{post_title}'. "
            "Een stevige discussie mag, maar we merken dat de toon scherper wordt. "
            "Wilt u het gesprek respectvol houden, ook tegenover wie er anders over denkt? "
            "Zo blijft onze pagina een aangename plek voor iedereen."
        ),
    ),
    # --- Misleidende of onjuiste informatie ---
    ReplyTemplate(
        key="misinformation_correction",
        title="Onjuiste informatie corrigeren",
        text_je=(
            "Dag {author_first_name}, we begrijpen dat dit onderwerp je bezighoudt. "
            "Wat je zegt, klopt niet helemaal: {correction} "
            "Meer informatie vind je hier: {correction_url}"
        ),
        text_u=(
            "Dag {author_first_name}, we begrijpen dat dit onderwerp u bezighoudt. "
            "Wat u zegt, klopt niet helemaal: {correction} "
            "Meer informatie vindt u hier: {correction_url}"
        ),
    ),
    ReplyTemplate(
        key="misinformation_unknown",
        title="Onjuiste informatie: we vragen het na",
        text_je=(
            "Dag {author_first_name}, bedankt voor je reactie. "
            "Deze informatie hebben we niet meteen voorhanden. "
            "We sturen je vraag door naar {department}, zij contacteren je hierover."
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw reactie. "
            "Deze informatie hebben we niet meteen voorhanden. "
            "We sturen uw vraag door naar {department}, zij contacteren u hierover."
        ),
    ),
    # --- Buiten het onderwerp ---
    ReplyTemplate(
        key="off_topic_redirect",
        title="Buiten het onderwerp: verder helpen",
        text_je=(
            "Bedankt voor je bericht, {author_first_name}! "
            "Het staat een beetje los van dit onderwerp, maar we helpen je graag verder: "
            "[antwoord of doorverwijzing]. "
            "Iets melden kan ook altijd via ons meldpunt: {meldpunt_url}"
        ),
        text_u=(
            "Bedankt voor uw bericht, {author_first_name}! "
            "Het staat een beetje los van dit onderwerp, maar we helpen u graag verder: "
            "[antwoord of doorverwijzing]. "
            "Iets melden kan ook altijd via ons meldpunt: {meldpunt_url}"
        ),
    ),
    # --- Politiek en commercieel ---
    ReplyTemplate(
        key="political_removed",
        title="Partijpolitiek bericht weggehaald",
        text_je=(
            "Dag {author_first_name}, fijn dat je betrokken bent bij wat er in je buurt gebeurt. "
            "We hebben je reactie onder '{post_title}' wel weggehaald, omdat ze partijpolitiek is. "
            "Onze kanalen zijn er voor informatie over de dienstverlening van {organisation}; "
            "partijpolitieke boodschappen horen daar volgens onze gedragscode ('{article_title}') niet thuis. "
            "Je mening over het beleid blijft uiteraard welkom. "
            "Je vindt de gedragscode hier: {code_url}"
        ),
        text_u=(
            "Dag {author_first_name}, fijn dat u betrokken bent bij wat er in uw buurt gebeurt. "
            "We hebben uw reactie onder '{post_title}' wel weggehaald, omdat ze partijpolitiek is. "
            "Onze kanalen zijn er voor informatie over de dienstverlening van {organisation}; "
            "partijpolitieke boodschappen horen daar volgens onze gedragscode ('{article_title}') niet thuis. "
            "Uw mening over het beleid blijft uiteraard welkom. "
            "U vindt de gedragscode hier: {code_url}"
        ),
    ),
    ReplyTemplate(
        key="commercial_removed",
        title="Commercieel bericht weggehaald",
        text_je=(
            "Dag {author_first_name}, bedankt voor je bericht. "
            "We hebben het wel weggehaald, omdat het reclame bevat. "
            "Onze pagina is er voor informatie over de dienstverlening van {organisation}, en commerciële "
            "berichten zijn volgens onze gedragscode ('{article_title}') niet toegestaan. "
            "Je vindt de gedragscode hier: {code_url}\n"
            "Veel succes met je zaak!"
        ),
        text_u=(
            "Dag {author_first_name}, bedankt voor uw bericht. "
            "We hebben het wel weggehaald, omdat het reclame bevat. "
            "Onze pagina is er voor informatie over de dienstverlening van {organisation}, en commerciële "
            "berichten zijn volgens onze gedragscode ('{article_title}') niet toegestaan. "
            "U vindt de gedragscode hier: {code_url}\n"
            "Veel succes met uw zaak!"
        ),
    ),
    # --- Positief sentiment ---
    ReplyTemplate(
        key="compliment_thanks",
        title="Compliment: bedanken",
        text_je=(
            "Bedankt voor je mooie woorden, {author_first_name}! "
            "Dat doet ons echt plezier. "
            "[We geven je compliment graag door aan {department}.]"
        ),
        text_u=(
            "Bedankt voor uw mooie woorden, {author_first_name}! "
            "Dat doet ons echt plezier. "
            "[We geven uw compliment graag door aan {department}.]"
        ),
    ),
)

REPLY_TEMPLATES: dict[str, ReplyTemplate] = {template.key: template for template in _TEMPLATES}

# Which template a warning uses, by the consequence of the strike (see codeofconduct.ladder).
WARNING_TEMPLATE_BY_CONSEQUENCE: dict[str, str] = {
    "first_warning": "warning_first",
    "second_warning": "warning_second",
    "block": "block_notice",
}
