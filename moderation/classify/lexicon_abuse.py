"""Lexicon for the criminal and abusive categories: hate speech, threats, insults (folded Dutch/Flemish).

Words are written folded (lowercase, no accents); a blank matches any run of non-word characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import PhraseRule, group, words

W = r"[\w']+ "          # one arbitrary word (use as f"(?:{W}){{0,3}}")
SELF = r"(?:ik\W+|k\W*)"

# Groups protected against hate speech: origin, religion, skin colour, sexual orientation, gender, disability.
GROUPS = group(
    "buitenlanders?", "allochtonen", "allochtoon", "vreemdelingen", "vreemdeling", "migranten", "migrant",
    "immigranten", "asielzoekers?", "vluchtelingen", "vluchteling", "illegalen", "gelukzoekers?",
    "nieuwkomers", "moslims?", "islamieten", "joden", "jood", "marokkanen", "marokkaan", "turken", "turk",
    "afrikanen", "zwarten", "arabieren", "syriers", "afghanen", "roemenen", "bulgaren", "polen",
    "oost-?europeanen", "roma", "zigeuners?", "homos?", "homo's", "holebis?", "holebi's", "lesbiennes?",
    "transgenders?", "transen", "gehandicapten", "mindervaliden", "christenen", "hindoes", "vrouwen", "wijven",
)
# Generic references to "those people" that turn a dehumanising word into a statement about a group.
GROUP_REFERENCE = group("(?:dat|die|zulk|zo'n|hun|al dat|al die) (?:soort )?(?:volk|ras|types?|mensen)")
DEHUMANISING = group(
    "ratten", "parasieten", "ongedierte", "kakkerlakken", "luizen", "beesten", "apen", "varkens", "vee",
    "tuig", "uitschot", "gespuis", "schorremorrie", "onmensen", "barbaren", "wilden", "een plaag",
    "een ziekte", "een kanker", "kanker",
)
GENERALISING = group(
    DEHUMANISING, "honden", "criminelen", "dieven", "verkrachters", "terroristen", "profiteurs",
    "uitvreters", "minderwaardig", "minderwaardige", "primitief", "primitieven", "ziek", "vuil", "vies",
    "smerig", "lui", "dom", "achterlijk", "gevaarlijk", "tijdbommen", "tikkende tijdbommen",
)
# "buiten", "weg", ... exclude only at the end of a clause: "alle vluchtelingen weg uit de kou" is help.
CLAUSE_END = r"(?=\W*$|\W*[!.,;]|\W+(?:met|ermee|nu|allemaal|uit (?:ons|onze|het|dit) land|naar (?:hun|eigen))(?!\w))"
EXCLUSION_VERB = group(
    f"(?:buiten|eruit|weg|terug){CLAUSE_END}", "het land uit", "oprotten", "opkrassen", "opsluiten", "opgesloten",
    "deporteren", "gedeporteerd", "uitzetten", "uitgezet", "vergassen", "vergast", "afschieten",
    "afgeschoten", "afknallen", "uitroeien", "uitgeroeid", "opruimen", "opgeruimd", "dood", "ophangen",
    "op het vliegtuig", "op de boot",
)
VIOLENT_EXCLUSION = group(
    f"(?:buiten|eruit|weg){CLAUSE_END}", "oprotten", "opkrassen", "vergassen", "vergast", "afschieten", "afgeschoten",
    "afknallen", "uitroeien", "uitgeroeid", "opruimen", "opgeruimd", "dood", "opgehangen",
)
HOMELAND = group("land", "landje", "woestijn", "jungle", "hutten", "hut", "bergen", "kamelen", "geiten", "boot")
SLUR_WORDS = group(
    "neger", "negers", "negerin", "nikker", "nikkers", "makak", "makakken", "geitenneukers?", "zandnegers?",
    "bosnegers?", "flikkers?", "spleetogen", "spleetoog", "zigeunertuig", "moslimtuig", "allochtonentuig",
    "halve apen", "apenvolk", "poepchinees", "kankerjoden", "kankerjood",
)

HATE_RULES = (
    PhraseRule("hate_speech.exclusion", 0.9, words(
        f"(?:alle|al die|al de|al dat|allemaal) (?:{W}){{0,2}}{GROUPS} (?:{W}){{0,4}}{EXCLUSION_VERB}",
        f"{GROUPS} (?:moeten|mogen|zouden moeten) (?:allemaal |direct |onmiddellijk |subiet )?"
        f"(?:{W}){{0,2}}{VIOLENT_EXCLUSION}",
        f"{GROUPS} (?:buiten|eruit|oprotten|opkrassen)(?=\\W*$|\\W*[!.]|\\W+(?:met|ermee|nu|allemaal)(?!\\w))",
        f"(?:weg|buiten|weg ermee|buiten ermee) met (?:de |die |alle |al die |dat |al dat )?(?:{GROUPS}|volk|gespuis|tuig)",
        "zet (?:ze|die|hen) (?:allemaal )?op (?:het|een|de) (?:vliegtuig|boot)",
    ), negation_inside=True),
    PhraseRule("hate_speech.exclusion", 0.85, words(
        f"{GROUPS} (?:{W}){{0,3}}(?:horen|hoort) hier (?:niet|nie)(?: thuis)?",
        f"geen {GROUPS} (?:meer )?in (?:onze|ons|mijn|deze) (?:gemeente|straat|wijk|stad|dorp|land|buurt|school)",
    )),
    PhraseRule("hate_speech.back_to_their_country", 0.85, words(
        f"terug naar (?:hun|jullie|je|jouw|uw|ulder|hunne|hun eigen|eigen) (?:eigen )?{HOMELAND}",
        f"(?:rot|rotten|ga|gaan|zwem|zwemmen|oprotten|oprot) (?:{W}){{0,2}}naar (?:je|uw|hun|jullie) (?:eigen )?land",
    )),
    PhraseRule("hate_speech.generalisation", 0.85, words(
        f"{GROUPS} (?:{W}){{0,2}}(?:zijn|blijven|is|worden|zijn en blijven) (?:{W}){{0,2}}{GENERALISING}",
        f"(?:alle|al die|die) {GROUPS} (?:{W}){{0,2}}{DEHUMANISING}",
        f"{GROUPS} (?:{W}){{0,2}}(?:zijn|is) (?:de |het )?(?:oorzaak|schuld|probleem|kanker) van",
    ), negation_inside=True),
    PhraseRule("hate_speech.dehumanising", 0.75, words(
        f"{GROUP_REFERENCE} (?:{W}){{0,3}}(?:zijn|is) (?:{W}){{0,2}}{DEHUMANISING}",
        f"{DEHUMANISING} (?:zijn|is) (?:het|dat|die) (?:allemaal|gewoon)?",
    ), negation_inside=True),
    PhraseRule("hate_speech.slur", 0.9, words(SLUR_WORDS),
               negation="", veto_after=re.compile(r"\W+(?:toch\W+|maar\W+)?op(?!\w)")),
)

# Every hate rule needs one of these; one search saves running them all on ordinary comments.
HATE_TRIGGER = words(GROUPS, SLUR_WORDS, DEHUMANISING, "terug naar", "naar (?:je|uw|hun|jullie) (?:eigen )?land", "volk", "ras",
                     "soort", "types?", "mensen", "zet (?:ze|die|hen)")

OBJECT = group("je", "u", "jou", "hem", "haar", "jullie", "ulder", "gulder", "gij", "ge", "hen")
KILL_VERBS = group(
    "vermoorden", "neerknallen", "afknallen", "neerschieten", "lynchen", "afslachten", "onthoofden",
    "doodschieten", "opknopen", "neersteken",
)
HARM = group(
    "af", "afmaken", "kapot", "kapotmaken", "kapot maken", "vermoorden", "doodmaken", "dood maken",
    "neersteken", "neerschieten", "neerknallen", "afknallen", "in elkaar slaan", "in mekaar slaan",
    "in elkaar trappen", "platslaan", "plat slaan", "te grazen nemen", "een lesje leren", "slaan", "meppen",
    "trappen", "wurgen", "afslachten", "opknopen", "ophangen", "kelen", "villen",
)

# People a threat is aimed at: officials, staff, neighbours, "die vent" (never "die ploeg" or "dat plan").
TARGET = group(
    "schepenen", "schepen", "burgemeesters?", "wethouders?", "ambtenaars?", "ambtenaren", "(?:wijk)?agenten",
    "(?:wijk)?agent", "flikken", "flik", "politiem[ae]n(?:sen)?", "politieagent(?:en)?", "(?:gemeente)?raadsleden",
    "(?:gemeente)?raadslid", "directeur", "directrice", "leraar", "leraren", "leerkracht(?:en)?", "juf", "trainer",
    "coach", "rechter", "(?:over)?buurman", "(?:over)?buurvrouw", "(?:over)?buren", "buurjongen", "(?:bus)?chauffeurs?",
    "(?:parkeer)?controleurs?", "parkeerwachters?", "handhavers?", "inspecteurs?", "journalisten", "journalist",
    "politiekers?", "politici", "minister", "voorzitter", "vent", "venten", "ventje", "gast", "gasten", "kerel",
    "kerels", "wijf", "man", "vrouw", "dame", "madam", "jongen", "gozer", "eigenaar", "dader", "baas",
    "werknemers?", "medewerkers?", "maatschappelijk werker", "bediende", "klootzak", "smeerlap", "hufter", "bende",
)
PERSON_REF = group(
    "hem", "hen", f"(?:die|dat|de|den|dien|zo'n|zo ne|zo nen|ne|nen|uw|jullie|onze|al die|alle) (?:{W})?(?:{TARGET}|{GROUPS})",
)
# First person: "ik", Flemish "'k"/"k", "we", "wij", "wulder", and the contracted "kga", "kzal", ...
FIRST = r"(?:ik|'k|k|we|wij|wulder)"
FIRST_AUX = group(
    f"{FIRST} (?:ga|gaan|zal|zullen|zou|zouden|kom|komen|wil|willen|moet|moeten)", "kga", "kzal", "kzou", "kkom", "kwil",
    "(?:ga|gaan|zal|zullen|kom|komen) (?:ik|k|we|wij)",   # after a condition: "als ..., ga ik hem te lijf"
)
HIT_OBJECT = r"(?:hem|haar|hen|je|jou|u|jullie|ulder|gulder|ze|iedereen)"
# "Ik zou die verkeerslichten wel kunnen wurgen" is a figure of speech, not a plan.
W_NOT_CAN = r"(?:(?!(?:kunnen|kan|kon|konden)\W)[\w']+ )"
# Harm done to a body: nobody "slaat een dossier bont en blauw".
BODILY_HARM = group(
    f"in (?:elkaar|mekaar) (?:{W})?(?:slaan|slagen|timmeren|trappen|rammen|beuken|stampen|meppen|kloppen)",
    "bont en blauw (?:slaan|slagen|meppen|trappen|kloppen)", "afranselen", "aftuigen", "toetakelen",
    "neersteken", "neerschieten", "neerknallen", "neerslaan", "neerkloppen", "afknallen", "doodschieten",
    "doodslaan", "doodsteken", "vermoorden", "wurgen", "lynchen", "onthoofden", "afslachten", "kelen",
    "de nek omdraaien", "de keel (?:door|over)snijden", "in stukken (?:snijden|hakken|slaan)",
    "een kopstoot geven", "een pak (?:slaag|rammel) geven", "van (?:de|een) (?:brug|trap|dak) (?:duwen|gooien|smijten)",
    "in (?:het|de) (?:kanaal|vaart|schelde|rivier) (?:duwen|gooien|smijten|kieperen)",
)
# Harm that needs a person as object ("die wachtlijsten te lijf gaan" is policy, "affiches ophangen" chores).
PERSON_HARM = group(
    BODILY_HARM, "te lijf(?: gaan| gaat)?", "afmaken", "ophangen", "opknopen", "overrijden", "omver ?(?:rijden|rammen)",
    "kapot ?(?:maken|slaan|trappen)", "zo hard (?:slaan|trappen|meppen|kloppen|stampen)",
    "aan (?:een|de) (?:lantaarnpaal|galg|boom|hoogste boom) (?:hangen|ophangen|knopen|opknopen)",
    f"op (?:zijn|haar|z'n|d'r) (?:{W})?(?:bakkes|smoel|muil|bek|kop|gezicht) (?:slaan|meppen|kloppen|timmeren)",
)
# Where a finite verb ended: "sla ik hem bont en blauw", "ik steek hem neer", "trek ik hem uit zijn auto".
HIT_VERB = group(
    "sla", "slaan", "timmer", "timmeren", "trap", "trappen", "steek", "steken", "schiet", "schieten", "snij", "snijden",
    "hak", "hakken", "mep", "meppen", "klop", "kloppen", "rij", "rijden", "ram", "rammen", "beuk", "beuken",
    "stamp", "stampen", "sleur", "sleuren", "sleep", "slepen", "trek", "trekken", "knal", "knallen",
)
HIT_RESULT = group(
    "bont en blauw", "in (?:elkaar|mekaar)", "neer", "dood", "tot moes", "buiten westen", "in stukken",
    "aan (?:zijn|haar|z'n|d'r) haren", "uit (?:zijn|haar|hun|z'n|d'r) (?:bus|auto|wagen|bed|huis|kot|camion|cabine)",
    "het ziekenhuis in", "naar het ziekenhuis", "de vernieling in", "omver",
)
POSSESSIVE = r"(?:zijn|haar|je|uw|jouw|hun|z'n|d'r|ulder|ulle)"
BODY_WORDS = (
    "kop", "kopke", "hoofd", "gezicht", "smoel", "bakkes", "muil", "bek", "kanis", "harses", "hersenen", "schedel",
    "nek", "keel", "strot", "hals", "kaak", "kaken", "neus", "tanden", "oog", "ogen", "ribben", "ribbenkast", "buik",
    "maag", "hart", "lijf", "nieren", "knieen", "knie", "benen", "been", "armen", "arm", "vingers", "poten",
    "knieschijven", "botten",
)
BODY = group(*BODY_WORDS)
BREAK_VERB = group("breken", "brek", "kraken", "inslaan", "inslagen", "intrappen", "insteken", "eraf slaan", "uitslaan",
                   "uittrekken", "uitsteken", "kapotslaan", "kapot slaan", "verbouwen", "verbrijzelen", "omdraaien")
# Weapons: ARMED on its own is a weapon; KITCHEN ones ("mes", "bijl") only count on the way to someone.
ARMED = group(
    "(?:jacht)?geweer", "geweren", "pistool", "pistolen", "revolver", "kalasjnikov", "machete", "boksbeugel",
    "(?:honkbal)?knuppels?", "koevoet", "molotovs?", "molotovcocktails?", "brandbom(?:men)?", "vuurwapens?",
    "(?:een paar |wat )?wapens?", "ijzeren (?:staaf|staven)", "hooivorken", "hooivork", "fakkels", "jerrycan",
)
KITCHEN_WEAPON = group("(?:slag|keuken|stiletto)?mes", "messen", "bijl", "hakbijl", "bijlen", "benzine")
PLACE = group(
    "gemeentehuis", "stadhuis", "administratief centrum", "loket", "kantoor", "politiekantoor", "commissariaat",
    "ocmw", "sociaal huis", "moskee", "kerk", "synagoge", "(?:asiel|opvang)centrum", "azc", "school", "werf",
    "werfkeet", "raadzaal", "provinciehuis", "parlement", "gemeenteraad", "vergadering", "hoorzitting", "zitting",
    "spreekuur", "huis", "woning", "auto", "wagen", "zaak", "winkel", "cafe", "jeugdhuis", "bib", "bibliotheek",
    "sporthal", "zwembad", "cultuurcentrum", "gebouw", "kantine", "clubhuis", "tent", "balie", "dienst",
)
STRIKE = group("mes", "messen", "kogel", "kogels", "vuist", "vuisten", "knie", "kopstoot", "klap", "klappen", "mep",
               "lel", "dreun", "oplawaai", "baksteen", "steen", "knuppel", "hamer", "bijl", "schaar", "schroevendraaier")
# A struck blow reported in the past tense is news, not a threat.
PAST_BEFORE = re.compile(r"(?:kreeg|kregen|gekregen|had|hadden|heeft|hebben|werd|werden|liep|opgelopen|gooide|"
                         r"gooiden|is een|was een|als een)\W+(?:[\w']+\W+){0,3}$")
# Wished on someone: death or injury.
WISHED_HARM = group(
    "een kogel", "de kogel", "kogel", "tegen de muur", "opgehangen", "opgeknoopt", "aan de hoogste boom",
    "aan (?:een|de) (?:lantaarnpaal|galg|strop|boom|touw)", "aan de galg", "de strop", "afgeschoten", "doodgeschoten",
    "neergeschoten", "neergeknald", "afgeknald", "neergestoken", "gelyncht", "afgemaakt", "vermoord", "onthoofd", "gestenigd",
    "geexecuteerd", "doodgeslagen", "dood", "doodvallen", "kapotgeslagen", "afgeranseld", "afgetuigd", "toegetakeld",
    "in (?:elkaar|mekaar) (?:geslagen|getimmerd|getrapt|gestampt|gemept)", "bont en blauw (?:geslagen|gemept)",
    "een pak slaag", "een pak rammel", "een rammeling", "een kopstoot", "een mes", "overreden",
    f"van (?:de|een|het) (?:trap|brug|dak|toren|balkon) (?:{W}){{0,2}}?(?:vallen|donderen|kukelen|gegooid|geduwd|"
    "duwen|gooien|flikkeren|sodemieteren)",
    f"onder (?:een|de) (?:bus|tram|trein|vrachtwagen|auto|camion) (?:{W}){{0,2}}?(?:komen|belanden|lopen|gegooid|geduwd)",
)
DEATH = group(
    "sterft", "sterven", "creveert", "creveren", "crepeert", "creperen", "verrekt", "verrekken", "doodgaat",
    "dood gaat", "verongelukt", "verongelukken", "kanker krijgt", "verzuipt", "verzuipen", "verdrinkt",
    "verdrinken", "verbrandt", "verbranden", "doodvalt", "doodvallen", "een hartaanval krijgt",
    "onder (?:een|de) (?:bus|tram|trein|vrachtwagen|auto|camion) (?:komt|komen|belandt|loopt)",
    "te pletter (?:rijdt|valt|slaat)", "van (?:de|een) (?:trap|brug|dak) (?:valt|vallen|dondert|kukelt)",
)
DEATH_INFINITIVE = group("sterven", "creveren", "creperen", "verrekken", "verongelukken", "verzuipen", "verdrinken",
                         "verbranden", "doodgaan", "kanker krijgen", "doodvallen", "te pletter (?:rijden|vallen)")
# Not a subject to wish harm on: "ik hoop dat de gemeente ingrijpt voor er iemand verongelukt".
WISH_GAP = r"(?:(?!(?:voor|voordat|vooraleer|er|iemand|niemand|nog|zodat|omdat|anders|want|geen|niet)\W)[\w']+ )"
HARM_DONE = group(
    "neerschiet", "neersteekt", "neerknalt", "afknalt", "doodschiet", "doodslaat", "vermoordt", "afranselt",
    "aftuigt", "toetakelt", "overrijdt", "omver ?rijdt", "lyncht", "wurgt", "opknoopt",
    "in (?:elkaar|mekaar) (?:slaat|timmert|trapt|ramt|beukt)", "te lijf gaat", "een kogel",
)
# Things of someone that a veiled threat hopes "stay intact": "mag hopen dat zijn remmen het blijven doen".
KEPT_SAFE = group(
    "remmen", "remleidingen", "banden", "ruiten", "ramen", "auto", "wagen", "huis", "kinderen", "kind", "gezin",
    "vrouw", "man", "hond", "kat", "gevel", "fiets", "voordeur", "garage", "zaak", "winkel", "brievenbus",
)
BUILDING = group(
    "gemeentehuis", "stadhuis", "administratief centrum", "politiekantoor", "commissariaat", "ocmw", "moskee",
    "kerk", "synagoge", "(?:asiel|opvang)centrum", "azc", "provinciehuis", "parlement", "raadhuis", "jeugdhuis",
    "kantoor", "werfkeet", "gebouw", "huis", "woning", "auto", "wagen", "bibliotheek", "bib", "school", "sporthal",
    "cafe", "zaak", "winkel", "gevangenis", "kazerne", "windmolens?", "tent", "loods", "hangar", "garage", "schuur",
    "caravan", "camionette",
)
ON_FIRE = group("branden", "afbranden", "in vlammen op(?:gaan)?", "in de (?:fik|hens|brand)", "in brand", "ontploffen",
                "de lucht in(?:vliegen)?", "tegen de grond")
# Lights, not fire: "het stadhuis gaat branden in regenboogkleuren".
LIT_UP_AFTER = re.compile(r"\W+(?:in (?:alle )?(?:kleuren|regenboogkleuren|het (?:rood|blauw|groen|geel|oranje|roze|paars))|"
                          r"van (?:de )?(?:lichtjes|lampjes|kaarsjes))")
# Someone's (home) address, then a visit: "haar adres is ..., we gaan vanavond eens langs".
ADDRESS_OF_SOMEONE = group(
    f"{POSSESSIVE} (?:huis)?adres", "adres van (?:die|dat|de|den|dien|hem|haar)",
    f"(?:hij|zij|die|dat wijf|die vent|die gast|je|ge|gij|jij|jullie) (?:{W}){{0,2}}?(?:woont|wonen)",
    f"{POSSESSIVE} (?:voordeur|huis|woning|thuis)",
    "bij (?:hem|haar|hen|u|je) thuis",
)
# Not "kom gerust eens langs".
W_NOT_FRIENDLY = r"(?:(?!(?:gerust|zeker|gezellig|vrijblijvend|graag)\W)[\w']+ )"
MENACING_VISIT = group(
    f"(?:een )?bezoekje (?:{W}){{0,2}}?(?:brengen|afleggen)", f"(?:brengen|breng|brengt) (?:{W}){{0,2}}?een bezoekje",
    f"(?:{FIRST} (?:ga|gaan|kom|komen)|(?:ga|gaan|kom|komen) (?:ik|k|we|wij)|kga|kkom) {W_NOT_FRIENDLY}{{0,3}}?"
    "(?:langs|op bezoek|aanbellen)",
    "bezoek (?:krijgen|krijgt|van ons|van mij|van de mannen)", "rekenen op (?:een )?bezoek(?:je)?",
    f"(?:komen|kom) (?:{W}){{0,2}}?(?:je|u|hem|haar|hen|jullie|ulder) (?:{W})?halen",
)
# Clause-final violence or force: "..., met de vuist." / "en als het moet met harde hand."
FORCE = group("harde hand", "geweld", "de vuist", "de vuisten", "vuisten", "knuppels", "de knuppel", "wapens",
              "stenen", "fakkels", "benzine", "bijlen", "messen", "de wapens")
ENFORCEMENT_BEFORE = re.compile(r"(?:politie|agenten|leger|justitie|overheid|staat|handhaving|parket|rechter|"
                                r"rechters|regering|minister)\W+(?:[\w']+\W+){0,8}$")
VIOLENCE_CUE_VETO = re.compile(r"\W+(?:op (?:de )?tafel|optreden|ingrijpen|aanpakken|handhaven|verdedigen|"
                               r"beschermen|opgetreden|bestrijden|tegengaan)(?!\w)")
ELECTION_BEFORE = re.compile(r"(?:verkiezingen|stembus|stemhokje|kieshokje|stembusgang|kiezers?)\W+(?:[\w']+\W+){0,6}$")
ELECTION_AFTER = re.compile(r"\W+(?:[\w']+\W+){0,4}?(?:verkiezingen|stembus|stemhokje|kieshokje|stembusgang|kiezers?|"
                            r"stemmen|oktober)(?!\w)")
# Someone should "disappear", and the writer offers to help: incitement.
HELPING_HAND = words(
    "(?:desnoods|anders|zo nodig|als het moet|indien nodig|als het nodig is|als ze niet willen) "
    "(?:help|helpen|steek|steken) (?:ik|k|we|wij) (?:(?:graag|wel|zelf|persoonlijk|eens|ze|hem|haar) ){0,2}"
    "(?:een handje|een handje mee|mee|daarbij|daarmee|een handje toe)",
)
PERSON_GONE = words(
    f"(?:iedereen|wie|hij|zij|jullie|die mensen|dat volk|dat tuig|die gasten|{PERSON_REF}|{GROUPS}) (?:{W}){{0,10}}?"
    "(?:verdwijnen|verdwijnt|dood|opgeruimd|opgehangen|afgemaakt|uitgeroeid|de grond in|onder de grond)",
)

THREAT_RULES = (
    PhraseRule("threat.violence", 0.9, words(
        f"(?:{SELF}|we |wij )(?:maak|maken|ga|gaan|zal|zullen|kom|komen|wil|willen) {OBJECT} (?:{W}){{0,2}}{HARM}",
        f"{KILL_VERBS} (?:die|dat|dien|den|hem|haar|ze|hen|alle|al die|heel)",
        f"(?:hem|haar|hen|jou|jullie|ulder|die gast|die vent|die kerel|dat wijf|die gasten|die mannen|dat ventje) "
        f"(?:{W})?(?:{KILL_VERBS}|afmaken|ophangen|doodslaan|kapotslaan|in elkaar slaan|in elkaar stampen)",
        f"(?:sla|sloeg|trap|schiet) (?:ik |ek )?(?:{W}){{0,2}}(?:zijn|haar|uw|je|jouw|hun) (?:kop|kopke|hoofd|smoel|bakkes|kanis|tanden) "
        f"(?:in|eraf|kapot|uit)",
        "(?:kop|kopke|hoofd|smoel|bakkes|kanis|tanden|gezicht|harses) (?:in|eraf|kapot|uit) ?(?:slaan|slagen|meppen|trappen|schieten|rammen|knallen)",
        "kogel door (?:zijn|haar|je|uw|hun|de|z'n|d'r|jouw) (?:kop|hoofd|kopke|hersenen|harses|kanis)",
        f"(?:hem|haar|ze|hen|je|u|jou|jullie|die|dat|hun) (?:{W}){{0,2}}(?:een )?lesje (?:leren|geven)",
        "(?:dan )?(?:gaan|zullen) er klappen vallen",
    ), negation="", negation_inside=True),
    PhraseRule("threat.kill_wish", 0.85, words(
        f"(?:die|hij|zij|ze|gij|ge|je|jij|jullie|dat wijf|die vent|die gast|die schepen|de burgemeester|die burgemeester) "
        f"(?:moet|moeten|verdient|verdienen|mag|mogen|zou|zouden|hoort|horen) (?:{W}){{0,3}}"
        "(?:een kogel|de kogel|kogel|tegen de muur|opgehangen|opgeknoopt|aan de hoogste boom|afgeschoten|"
        "doodgeschoten|neergeschoten|neergeknald|gelyncht|afgemaakt|vermoord|onthoofd|gestenigd|doodgeslagen|"
        "dood|doodvallen|kapotgeslagen|in elkaar geslagen|een pak slaag|een pak rammel|een rammeling|een kopstoot)",
        f"{SELF}?hoop (?:dat )?(?:je|ge|gij|jij|hij|zij|ze|jullie|die|u) (?:{W}){{0,4}}"
        "(?:sterft|sterven|creveert|creveren|crepeert|creperen|verrekt|verrekken|doodgaat|dood gaat|"
        "verongelukt|kanker krijgt|verzuipt|verdrinkt|verbrandt|doodvalt)",
    ), negation_inside=True),
    PhraseRule("threat.knows_address", 0.85, words(
        f"(?:{SELF}weet|(?:we|wij) weten|kweet) waar (?:je|ge|gij|u|jij|jullie|hij|zij|ze|die|uw {W[:-1]}|je {W[:-1]}|"
        f"jouw {W[:-1]}|die {W[:-1]}) (?:{W})?(?:woont|woon|wonen|woonde|werkt|werken|slaapt|uithangt)",
    )),
    PhraseRule("threat.arson", 0.8, words(
        f"(?:steek|steken|gooi|gooien) (?:{W}){{0,3}}in (?:de )?(?:brand|fik)",
        "in (?:de )?(?:brand|fik) (?:steken|zetten)",
    ), negation=""),
    PhraseRule("threat.intimidation", 0.8, words(
        "je bent (?:er )?(?:geweest|dood|zo dood)", "ge zijt (?:er )?(?:geweest|dood)", "gij zijt (?:er )?geweest",
        "jullie zijn (?:er )?geweest", f"{SELF}krijg (?:je|u|jou|jullie|hem|haar) (?:nog |wel |nog wel )",
        "wacht maar (?:tot|als|totdat) (?:ik|we|wij|k)", "kijk (?:maar )?uit (?:als|wanneer) (?:ik|ge|je)",
        "(?:je|uw|jouw|jullie|zijn|haar) dagen (?:zijn geteld|geteld zijn)", "let (?:maar )?op (?:je|uw) tellen",
        "pas (?:maar )?op (?:voor )?(?:jezelf|uzelf)",
        "dan zal (?:hij|zij|ze|die|je|ge) (?:eens )?zien wat er van komt",
    )),
)

# The words every rule of a group needs (at least one of them, a word beginning or a pair of words): a comment
# without any skips the group, which keeps the common comment fast (see ``rules_abuse``).
@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()


vocabulary = Vocabulary


VIOLENCE_WORDS = vocabulary(
    words=(
        "elkaar", "mekaar", "blauw", "afgetuigd", "toegetakeld", "afgeknald", "afgeschoten", "gelyncht", "kelen",
        "stukken", "kopstoot", "slaag", "brug", "trap", "dak", "toren", "balkon", "kanaal", "vaart", "schelde",
        "rivier", "lijf", "afmaken", "afgemaakt", "ophangen", "opgehangen", "hangen", "opgeknoopt", "overreden",
        "hard", "lantaarnpaal", "galg", "boom", "strop", "touw", "moes", "westen", "haren", "ziekenhuis",
        "vernieling", "muur", "gestenigd", "geexecuteerd", "sterft", "sterven", "pletter", "hartaanval", "kanker",
        "trek", "trekken", "sleur", "sleuren", "geweld",
        "wapen", "wapens", "fakkels", "benzine", "eraan", "klappen", "klap", "dreun", "oplawaai", "mep", "lel",
        "knie", "kogel", "kogels", "steen", "stenen", "baksteen", "bakstenen", "knuppel", "knuppels", "hamer",
        "schaar", "schroevendraaier", *BODY_WORDS,
    ),
    prefixes=(
        "afrans", "afgeransel", "aftuig", "toetakel", "neer", "afkna", "dood", "vermoord", "wurg", "lynch",
        "onthoofd", "afslacht", "rammel", "opknop", "overrij", "omver", "kapot", "crep", "crev", "verrek",
        "verongeluk", "verzuip", "verdrink", "verbrand", "vuist", "mes", "kassei", "molotov", "brandbom", "bijl",
    ),
    pairs=(("er", "aan"), ("harde", "hand"), *((word, vehicle) for word in ("onder", "uit") for vehicle in (
        "bus", "tram", "trein", "vrachtwagen", "camion", "auto", "wagen", "cabine"))),
)
WEAPON_WORDS = vocabulary(prefixes=(
    "geweer", "jachtgeweer", "geweren", "pistol", "pistool", "revolver", "kalasjnikov", "machete", "boksbeugel",
    "knuppel", "honkbalknuppel", "koevoet", "molotov", "brandbom", "vuurwapen", "wapen", "ijzeren", "hooivork",
    "fakkel", "jerrycan", "mes", "keukenmes", "slagmes", "stilettomes", "bijl", "hakbijl", "benzine",
))
ADDRESS_WORDS = vocabulary(words=("waar", "adres", "huisadres", "woonplaats", "nummerplaat", "langs", "aanbellen",
                                  "halen"), prefixes=("bezoek",))
FIRE_WORDS = vocabulary(words=("vlammen", "hens", "lucht", "grond"),
                        prefixes=("brand", "fik", "ontploff", "platbrand", "afbrand"))
VEILED_WORDS = vocabulary(words=("hopen", "blij", "jammer", "zonde", "spijtig", "erg", "voelen", "zien"))

# Rules that run only when a word of their group's vocabulary occurs.
GATED_THREAT_RULES = (
    (VIOLENCE_WORDS, (
        # First person and harm to a body: "ik ga die gast in elkaar slaan", "sla ik hem bont en blauw".
        PhraseRule("threat.violence", 0.9, words(
            f"{FIRST_AUX} {W_NOT_CAN}{{0,2}}?(?:{HIT_OBJECT}|{PERSON_REF}) {W_NOT_CAN}{{0,5}}?{BODILY_HARM}",
            f"{FIRST_AUX} {W_NOT_CAN}{{0,2}}?{PERSON_REF} {W_NOT_CAN}{{0,5}}?{PERSON_HARM}",
            f"{FIRST} {HIT_VERB} (?:{HIT_OBJECT}|{PERSON_REF}) (?:{W}){{0,4}}?{HIT_RESULT}",
            f"{HIT_VERB} (?:{HIT_OBJECT}|{PERSON_REF}) (?:maar |gewoon |eens |direct |meteen |subiet |allemaal |goed ){{1,3}}"
            f"(?:{W})?{HIT_RESULT}",
            f"{HIT_VERB} (?:ik|k|we|wij) (?!(?:me|mij|mezelf|ons|onszelf|mijn|mijne)\\W)(?:{W}){{0,5}}?{HIT_RESULT}",
            f"(?:{FIRST_AUX} |{FIRST} )(?:{W}){{0,5}}?{POSSESSIVE} (?:{W})?{BODY} {BREAK_VERB}",
            f"(?:{FIRST} )?(?:breek|breken|brak|sla|slaan|ram|rammen|trap|trappen|snij|snijden) (?:ik |k |we |wij )?"
            f"(?:{W}){{0,5}}?{POSSESSIVE} (?:{W})?{BODY} (?:in|kapot|eraf|af|uit|door|over)",
            f"(?:breek|breken|kraak|kraken) (?:ik|k|we|wij) (?:{W}){{0,4}}?{POSSESSIVE} (?:{W})?{BODY}",
            f"{FIRST} (?:breek|breken|kraak|kraken) (?:{W}){{0,3}}?{POSSESSIVE} (?:{W})?{BODY}",
        ), negation="", negation_inside=True),
        # A blow or a blade into someone's body: "krijgt hij een mes tussen zijn ribben", "mijn vuist in zijn gezicht".
        PhraseRule("threat.violence", 0.85, words(
            f"{STRIKE} (?:{W}){{0,2}}?(?:in|tussen|door|tegen|op) {POSSESSIVE} (?:{W})?{BODY}",
            f"(?:steen|stenen|baksteen|bakstenen|kassei|kasseien|molotovs?|molotovcocktails?|brandbom) (?:{W}){{0,2}}?door "
            f"(?:{POSSESSIVE}|de|het) (?:{W}){{0,3}}?(?:raam|ruit|ruiten|ramen|voorruit|venster|vensters)",
        ), negation="", veto_before=PAST_BEFORE,
            veto_after=re.compile(r"\W+(?:[\w']+\W+){0,4}?(?:gegooid|gesmeten|gekeild|gekregen|gehad|opgelopen)(?!\w)")),
        # Force "if need be", closing a clause: "we willen ze hier niet, en als het moet met harde hand".
        PhraseRule("threat.violence", 0.8, words(
            f"(?:als het moet|desnoods|zo nodig|indien nodig|als het nodig is|als het niet anders kan|of anders) ?(?:ook )?met {FORCE}",
            "met (?:de vuist|de vuisten|knuppels|de knuppel|harde hand)(?=\\W*$|\\W*[.!;:])",
            f"met {FORCE} (?:als het moet|als het niet anders kan|als het nodig is|indien nodig|desnoods|zo nodig)",
        ), veto_before=ENFORCEMENT_BEFORE, veto_after=VIOLENCE_CUE_VETO),
        # Harm wished on a named kind of person, or asked of others: "iemand zou die wethouder in elkaar moeten slaan".
        PhraseRule("threat.kill_wish", 0.85, words(
            f"{PERSON_REF} (?:{W}){{0,3}}?(?:moet|moeten|verdient|verdienen|mag|mogen|zou|zouden|hoort|horen|gaat|gaan) "
            f"(?:{W}){{0,3}}?{WISHED_HARM}",
            f"(?:iemand|ze|men|je|ge|gij|jullie|we|wij|mensen) (?:zou|zouden|moet|moeten|mag|mogen|moest|moesten|moogt|"
            f"kan|kunnen|mocht) (?:{W}){{0,2}}?{PERSON_REF} (?:{W}){{0,5}}?{PERSON_HARM}",
            f"{PERSON_REF} (?:{W}){{0,4}}?(?:moet|moeten|moogt|mag|mogen|zou|zouden|kunt|kunde|kan) (?:ge|je|gij|jij|men|ze|we|wij|jullie) "
            f"(?:{W}){{0,3}}?{PERSON_HARM}",
            f"(?:{SELF}?hoop|hopelijk) (?:echt |vurig )?(?:dat )?(?:er )?(?:iemand|ze|men|mensen) (?:{W}){{0,4}}?"
            f"(?:{HARM_DONE}|{BODILY_HARM})",
            f"zet (?:{PERSON_REF}|ze|hen) (?:{W}){{0,3}}?tegen de muur",
            f"{PERSON_REF} (?:{W}){{0,5}}?(?:mag|mogen) (?:van mij|voor mij|wat mij betreft|gerust) (?:{W}){{0,3}}?{DEATH_INFINITIVE}",
            f"{PERSON_REF} (?:{W}){{0,5}}?(?:verdient|verdienen) (?:het )?(?:om )?(?:{W}){{0,3}}?te {DEATH_INFINITIVE}",
            f"(?:ophangen|opknopen|lynchen|afknallen|neerknallen|neerschieten)[,!:]+ (?:die|dat|de|den|dien|al die|alle|heel|hele) "
            f"(?:{W})?(?:{TARGET}|{GROUPS})",
            f"wie (?:{W}){{0,4}}?(?:wordt|zal worden|krijgt) (?:{W}){{0,2}}?{WISHED_HARM}",
        ), negation_inside=True),
        # Wished death or injury after "ik hoop dat ...", with a person as subject (not "er", "niemand", "iemand").
        PhraseRule("threat.kill_wish", 0.85, words(
            f"(?:{SELF}?hoop|hopelijk) (?:echt |vurig )?(?:dat )?(?:je|ge|gij|jij|hij|zij|ze|jullie|die|dat|de|den|dien|het|"
            f"heel|hele|u|uw|zijn|haar|hun|al die|alle) {WISH_GAP}{{0,4}}{DEATH}",
            f"hopelijk {DEATH} (?:je|ge|gij|jij|hij|zij|ze|jullie|die|dat|de|den|dien|heel|hele|al die|alle)",
        ), negation_inside=True, veto_after=re.compile(r"\W+(?:is|zijn|was|waren|werd)(?!\w)")),
        # "Je gaat eraan", "gulder zijt er allemaal aan" (but not "ge gaat eraan wennen", "ge zijt eraan voor de moeite").
        PhraseRule("threat.intimidation", 0.8, words(
            f"(?:je|ge|gij|jij|jullie|gulder|ulder|{PERSON_REF}) (?:{W}){{0,3}}?(?:gaat|gaan|zijt|zijn|zijde|bent|is) "
            "(?:er ?aan|er allemaal aan|er ook aan)",
            f"(?:krijgt|krijgen|krijg) (?:{W}){{0,3}}?van (?:ons|mij|me|de mannen|onze mannen) (?:nog )?(?:{W}){{0,2}}?"
            "(?:een pak slaag|een pak rammel|een rammeling|een kopstoot|een kogel|een mes|klappen|een dreun|een oplawaai)",
            "(?:krijgt|krijgen|krijg) (?:[\\w']+ ){0,2}?met (?:onze|mijn|m'n) (?:vuisten|vuist|knuppels|knuppel|messen|mes) te maken",
        ), negation_inside=True, veto_before=ELECTION_BEFORE,
            veto_after=re.compile(r"(?!\W*$|\W*[.!,;:]|\W+(?:als|as|wanneer|zodra|let|wacht|echt|hoor|vriend|maat|man|jong|"
                                  r"ventje|manneke|ik|we|wij|ge|gij|je|straks|vanavond|morgen|binnenkort)(?!\w))")),
    )),
    (WEAPON_WORDS, (
        # Weapons on the way to someone: "kom ik met een koevoet naar dat kantoor", "ik neem mijn knuppel mee".
        PhraseRule("threat.violence", 0.85, words(
            f"{FIRST} (?:kom|komen|sta|staan|verschijn|verschijnen|stap|stappen) (?:{W}){{0,4}}?met (?:{W}){{0,5}}?(?:{ARMED}|{KITCHEN_WEAPON})",
            f"(?:kom|komen|sta|staan|verschijn|verschijnen) (?:ik|k|we|wij) (?:{W}){{0,3}}?met (?:{W}){{0,5}}?(?:{ARMED}|{KITCHEN_WEAPON})",
            f"{FIRST} (?:ga|gaan) (?:{W}){{0,3}}?met (?:{W}){{0,2}}?{ARMED} (?:{W}){{0,3}}?naar",
            f"(?:ga|gaan) (?:ik|k|we|wij) (?:{W}){{0,2}}?met (?:{W}){{0,2}}?{ARMED}",
            f"(?:{FIRST} )?(?:neem|nemen|breng|brengen|pak|pakken) (?:ik |k |we |wij )?(?:{W}){{0,2}}?{ARMED} mee",
            f"(?:{ARMED}|{KITCHEN_WEAPON}) (?:{W}){{0,2}}?mee naar (?:{W}){{0,2}}?{PLACE}",
            f"met (?:{W}){{0,2}}?(?:{ARMED}|{KITCHEN_WEAPON}) (?:{W}){{0,3}}?naar (?:{W}){{0,3}}?{PLACE}",
        ), negation="", negation_inside=True,
            veto_before=re.compile(r"(?:man|vrouw|jongeman|jongen|dader|verdachte|iemand|persoon|tiener|kerel|"
                                   r"overvaller|overvallers|daders)\W+$")),
    )),
    (ADDRESS_WORDS, (
        # "We weten waar de burgemeester zijn kinderen naar school brengt", "ik ken je adres".
        PhraseRule("threat.knows_address", 0.85, words(
            f"(?:{SELF}weet|(?:we|wij) weten|kweet) (?:goed |heel goed |precies |perfect )?waar "
            f"(?:(?!(?:mijn|onze|ons|m'n|ik|we|wij|men|kan|kunt|kunnen|moet|moeten|mag|mogen|best|beter)\\W)[\\w']+ ){{1,5}}?"
            "(?:woont|wonen|werkt|werken|slaapt|slapen|parkeert|parkeren|sport|traint|op kot zit|naar school|op school|"
            "school lopen|school loopt|uithangt|uithangen|boodschappen doet|gaat lopen|gaat joggen|ophaalt|afzet)",
            f"(?:{SELF}|we |wij )(?:ken|kennen|weet|weten) (?:{W})?(?:je|uw|jouw|jullie|u|ulder|gulder) "
            "(?:eigen )?(?:huis)?(?:adres|woonplaats|nummerplaat)",
            f"(?:{SELF}|we |wij )(?:heb|hebben) (?:{W})?(?:je|uw|jouw|jullie|ulder) (?:huis)?adres (?:{W})?"
            "(?:gevonden|opgezocht|achterhaald|ontdekt|gekregen)",
        ), negation="", negation_inside=True),
        # Someone's address, then a visit: "haar adres is ..., we brengen vanavond een bezoekje".
        PhraseRule("threat.knows_address", 0.8, words(
            f"{ADDRESS_OF_SOMEONE} (?:{W}){{0,12}}?{MENACING_VISIT}",
            f"{MENACING_VISIT} (?:{W}){{0,6}}?{ADDRESS_OF_SOMEONE}",
        ), veto_after=re.compile(r"\W+(?:gerust|zeker|graag|vrijblijvend|welkom|voor (?:een )?(?:koffie|babbel|tas))(?!\w)")),
    )),
    (FIRE_WORDS, (
        # A building "gaat branden", "brand ik hem plat".
        PhraseRule("threat.arson", 0.8, words(
            f"{BUILDING} (?:{W}){{0,3}}?(?:gaat|gaan|zal|zullen) (?:ook )?(?:nog |wel |eens |ooit |echt |zeker |binnenkort |snel |"
            f"gegarandeerd |vannacht )?(?:{ON_FIRE})",
            f"(?:gaat|gaan|zal|zullen) (?:het|de|dat|die|jullie|uw|zijn|haar|hun) (?:{W})?{BUILDING} (?:{W}){{0,2}}?(?:{ON_FIRE})",
        ), negation="", negation_inside=True, veto_after=LIT_UP_AFTER),
        # "Brand ik hem plat", "brand dat kantoor plat" (but "de brand legde het dak plat" is news).
        PhraseRule("threat.arson", 0.8, words(
            f"(?:brand|branden|fik|fikken) (?:ik|k|we|wij) (?:{W}){{0,3}}?(?:plat|af)",
            f"{FIRST_AUX} (?:{W}){{0,4}}?(?:platbranden|plat branden|afbranden|in de fik (?:steken|zetten)|in brand (?:steken|zetten))",
            f"(?:brand|fik) (?:het|dat|die|de|den|dien|zijn|haar|hun|jullie|uw) (?:{W}){{0,4}}?(?:plat|af)",
        ), negation="", negation_inside=True, veto_before=re.compile(r"(?:de|die|een|grote|zware|hevige|deze|zo'n|elke)\W+$")),
    )),
    (VEILED_WORDS, (
        # "Die gaat het voelen" is a threat, "... bij de verkiezingen" a vote.
        PhraseRule("threat.intimidation", 0.8, words(
            "die gaat het (?:eens |nog )?voelen",
            "(?:die|hij|gij|ge|jij) zal (?:het )?(?:eens |nog )?(?:voelen|zien wat er van komt)",
        ), veto_after=ELECTION_AFTER),
        # Veiled: "mag hopen dat zijn remmen het blijven doen", "mag blij zijn als hij heelhuids thuiskomt".
        PhraseRule("threat.intimidation", 0.8, words(
            f"(?:mag|mogen|moogt|moet|moeten) (?:{W}){{0,2}}?hopen dat {POSSESSIVE} (?:{W}){{0,2}}?{KEPT_SAFE} (?:{W}){{0,4}}?"
            "(?:blijven|blijft|heel|werken|werkt|doen|doet|staan|staat|overeind|intact|"
            "(?:niet|geen) (?:[\\w']+ )?(?:lek|kapot|stuk|plat|in brand|ontploft|ontploffen|breken|begeven))",
            f"(?:mag|mogen|moogt|moet|moeten) (?:{W})?blij zijn (?:als|wanneer|indien) (?:{W}){{0,5}}?"
            "(?:levend|heelhuids|in een stuk|overleeft|overleven|nog kan lopen)",
            f"(?:mag|mogen|moogt|moet|moeten) (?:{W})?blij zijn dat (?:ik|k|we|wij) (?:{W})?geen "
            "(?:wapen|wapens|geweer|mes|pistool|vuurwapen|knuppel)",
            f"(?:zou|zal) (?:toch |wel |echt )?(?:jammer|zonde|spijtig|erg) zijn (?:moest|mocht|als|wanneer) (?:er )?"
            f"(?:{W}){{0,2}}?(?:iets )?(?:met|aan) {POSSESSIVE} (?:{W})?(?:huis|auto|wagen|kinderen|kind|gezin|zaak|winkel|"
            "dochter|zoon|vrouw|man|ruiten|hond)",
            f"(?:jammer|zonde|spijtig) zijn (?:moest|mocht|als|wanneer) (?:{W}){{0,2}}?(?:hem|haar|je|jou|u|jullie|hen|ulder) "
            "(?:nog )?(?:iets|wat) (?:overkomt|overkwam|overkomen|zou overkomen)",
            f"(?:jammer|zonde|spijtig) zijn (?:moest|mocht|als|wanneer) (?:{W}){{0,5}}?(?:afbrandt|afbrandde|afbranden|"
            "in brand vliegt|in vlammen opgaat|in de fik gaat|ontploft|ontplofte|de lucht in vliegt)",
        )),
    )),
)

# Insults: person nouns are insulting on their own; adjectives only when aimed at a person.
INSULT_NOUNS_STRONG = group(
    "onnozelaars?", "idioten", "idioot", "klootzakken", "klootzak", "sukkels?", "debielen", "tettekoppen",
    "tettekop", "zakkenwassers?", "proleten", "proleet", "nietsnutten", "nietsnut", "imbecielen", "imbeciel",
    "mongolen", "mongool", "mongooltje", "eikels?", "lullen", "lul", "hufters?", "schoften", "schoft",
    "smeerlappen", "smeerlap", "etterbakken", "etterbak", "ettertje", "trutten", "trut", "teven", "teef",
    "hoeren", "hoer", "kutwijf", "kutwijven", "stommelingen", "stommeling", "domkoppen", "domkop",
    "dommeriken", "dommerik", "randdebielen", "randdebiel", "halve garen", "halve gare", "zeverzakken",
    "snullen", "snul", "dikzakken", "dikzak", "vetzakken", "vetzak", "kloothommels?",
    "flapdrollen", "flapdrol", "mafkezen", "mafkees", "pummels?", "boerenpummels?", "leeghoofden",
    "leeghoofd", "zagevent", "zagewijf", "zageman", "prutsers?", "graaiers?", "luie zakken", "luie zak",
    "kwallen", "kwal", "apenkoppen", "viezeriken", "viezerik",
)
INSULT_NOUNS_MILD = group(
    "dwazen", "dwaas", "losers?", "clowns?", "pipo's", "pipo", "zakkenvullers?", "leugenaars?", "oplichters?",
    "profiteurs?", "uitvreters?", "(?:gewone |vuile |stelletje )dieven", "dieven zijn (?:het|jullie)",
    "krapuul", "crapuul", "lafaards?", "zeveraars?", "amateurs", "fascisten", "fascist", "nazi's", "nazis", "nazi",
    "ambetanterik", "ambetanteriken", "schijterds?",
)
# Nouns that are only insults when aimed at someone ("gij zak", "nen ezel"), not in "PMD-zakken" or "kiekens".
INSULT_NOUNS_DIRECTED_ONLY = group(
    "zak", "zakken", "kieken", "kiekens", "ezel", "ezels", "kalf", "koe", "varken", "aap", "dieven", "kleuter",
    "kleuters", "beest", "rund", "schaap", "schapen",
)
DIRECTED_STRICT_BEFORE = re.compile(
    r"(?:^|\W)(?:gij|jij|ge|jullie|gulder|ulder|stelletje|bende|zo'n|zo ne|zo nen|wat een|wat ne|wat nen|ne|nen|"
    r"vuile|vuilen|smerige|domme|stomme|gore|dikke|achterlijke|luie|echte|onnozele)\W+$"
)
NOT_A_PERSON_AFTER = re.compile(r"\W+(?:friet|frieten|chips|patatten|aardappelen|snoep|afval|vuilnis|zand|cement|"
                                r"potgrond|geld|pmd|melk|vlees)(?!\w)")
INSULT_ADJECTIVES = group(
    "dom", "domme", "stom", "stomme", "achterlijk", "achterlijke", "debiel", "debiele", "onnozel", "onnozele",
    "zot", "zotte", "gestoord", "gestoorde", "idiote", "incompetent", "incompetente", "waardeloos",
    "waardeloze", "lelijk", "lelijke", "vuile", "vieze", "dwaze", "gek", "gekke", "hersenloos", "hersenloze",
    "mislukt", "mislukte", "corrupt", "corrupte", "geschift", "geschifte", "onbekwaam", "onbekwame",
    "luie", "lui", "zielig", "zielige", "triestig", "triestige", "onnozel",
)
# Adjectives harsh enough to signal frustration when aimed at a situation ("wat een achterlijke regel").
HARSH_ADJECTIVES = frozenset({
    "dom", "domme", "stom", "stomme", "achterlijk", "achterlijke", "debiel", "debiele", "onnozel", "onnozele",
    "idiote", "waardeloos", "waardeloze", "hersenloos", "hersenloze", "belachelijk", "belachelijke",
})
PERSON_NOUNS = group(
    "mens", "mensen", "vent", "venten", "ventje", "gast", "gasten", "gastje", "gastjes", "kerel", "kerels",
    "man", "mannen", "wijf", "wijven", "vrouw", "vrouwmens", "kind", "kinderen", "jong", "jongen", "politiekers?",
    "politici", "politicus", "burgemeester", "schepen", "schepenen", "ambtenaars?", "ambtenaren", "agenten",
    "agent", "flikken", "flik", "bestuur", "bestuurders?", "college", "gemeentebestuur", "stadsbestuur",
    "raadslid", "raadsleden", "bende", "volk", "buren", "buurman", "buurvrouw", "lijers?", "moderators?",
    "beheerders?", "admin", "chauffeurs?", "personeel", "medewerkers?", "directeur", "ministers?", "regering",
    "partij", "kliek", "zak", "zakken", "reactie", "vuilnismannen", "werfleider", "aannemer", "aannemers",
    "trut", "kieken", "boer", "boeren", "ploeg", "zootje", "typ", "type", "types", "vrouwen",
)
SWEAR_PREFIX = re.compile(r"(?<!\w)(kut|klote|kanker|kk|tyfus|tering|shit|pleuris|kolere|klere)(\w{3,})")
PERSON_SUFFIXES = re.compile(rf"(?:{PERSON_NOUNS}|hoer|hoeren|lijer|lijers|mongool|zak|zakken|flik|flikken|jood|joden)\Z")
GROUP_SUFFIXES = re.compile(rf"{GROUPS}\Z")

SWEARING_RULES = (
    PhraseRule("frustration.swearing", 0.5, words(
        "verdomme", "godverdomme", "godverdoeme", "potverdomme", "potverdorie", "verdorie", "miljaar",
        "miljaardedju", "nondedju", "nondju", "godverdikke", "shit", "fuck", "fck", "kut", "klote", "tering",
        "tyfus", "damn", "merde", "putain", "allemachtig",
    ), negation="", veto_after=re.compile(r"\W+(?:you|u|jou|jullie|off|ulder|gulder)(?!\w)")),
    PhraseRule("insult.curse", 0.8, words(
        "fuck (?:you|u|jou|jullie|off|ulder|gulder|die|dat|deze|den|dien|de gemeente|het gemeentebestuur)",
        "(?:krijg|krijgt|krijge) (?:de|het|nen|een) (?:kanker|tering|tyfus|pest|klere|kolere|pleuris)",
        "(?:rot|flikker|kanker|sodemieter|donder|hoepel|tyf|kras|tief) (?:toch |maar |nu )?op"
        r"(?=\W*$|\W*[!.,]|\W+(?:met|naar|jij|gij|man|gast|vent|jullie)(?!\w))",
        "zwijg (?:toch|maar|nu|jij|gij|ge)",
        "houd? (?:uw|je|jouw) (?:bek|smoel|muil|kop|bakkes)",
    ), negation=""),
)
# Words that place an insult on a person directly before it ("jij onnozelaar", "stelletje nietsnutten").
DIRECTED_BEFORE = re.compile(
    r"(?:^|\W)(?:jij|gij|ge|je|jullie|u|gulder|ulder|zijt|bent|stelletje|bende|zo'n|zo ne|zo nen|zon|"
    r"wat een|wat ne|wat nen|ne|nen|vuile|vuilen|smerige|domme|stomme|gore|dikke|achterlijke|luie|echte|"
    r"allemaal)\W+(?:[\w']+\W+)?$"
)
SELF_REFERENCE_BEFORE = re.compile(
    r"(?:^|\W)(?:(?:ik|'k|k)\W*(?:ben|zen|was|voel me|voel mij)|kzen|ik)\W+(?:[\w']+\W+){0,2}$"
)
SUBJECT_COPULA_BEFORE = re.compile(
    rf"(?:^|\W)(?:(?:jij|gij|ge|je|jullie|u|gulder|ulder|hij|zij|ze|die|allemaal|{PERSON_NOUNS})\W+(?:[\w']+\W+)?"
    r"(?:bent|zijt|zijn|is|blijft|blijven|ben|waren|was)|(?:zijt|bent|zijn|zijde|is)\W+(?:gij|ge|jij|je|jullie|gulder|die|hij|ze))"
    r"\W+(?:(?:echt|toch|gewoon|zo|zot|compleet|volledig|allemaal|nogal|precies|wel|ne|nen|een|heel|erg|zwaar|"
    r"totaal|ook|nu|gewoonweg|zo|te|daar|hier|of)\W+){0,3}$"
)
PERSON_AFTER = re.compile(rf"\W+(?:[\w']+\W+)?{PERSON_NOUNS}(?!\w)")
SUBJECT_COPULA_AFTER = re.compile(r"\W+(?:dat|da) (?:ge|gij|jij|je|jullie|gulder|hij|zij|die) (?:zijt|bent|zijn|is)(?!\w)")
VAN_OR_INTENSIFIER_AFTER = re.compile(r"\W+(?:van|goed|mooi|leuk|plezant|lekker|wijs|tof|schoon|gezellig)(?!\w)")
INSULT_NOUN_PATTERN_STRONG = words(INSULT_NOUNS_STRONG)
INSULT_NOUN_PATTERN_MILD = words(INSULT_NOUNS_MILD)
INSULT_NOUN_PATTERN_DIRECTED_ONLY = words(INSULT_NOUNS_DIRECTED_ONLY)
INSULT_ADJECTIVE_PATTERN = words(INSULT_ADJECTIVES)
