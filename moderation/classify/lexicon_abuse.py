"""Lexicon for the criminal and abusive categories: hate speech, threats, insults (folded Dutch/Flemish).

Words are written folded (lowercase, no accents); a blank matches any run of non-word characters.
"""

from __future__ import annotations

import re

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

THREAT_RULES = (
    PhraseRule("threat.violence", 0.9, words(
        f"(?:{SELF}|we |wij |ze |zij )(?:maak|maken|ga|gaan|zal|zullen|kom|komen|wil|willen) {OBJECT} (?:{W}){{0,2}}{HARM}",
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
        "(?:je|uw|jouw|jullie|zijn|haar) dagen zijn geteld", "let (?:maar )?op (?:je|uw) tellen",
        "pas (?:maar )?op (?:voor )?(?:jezelf|uzelf)", "die gaat het (?:eens |nog )?voelen",
        "(?:die|hij|gij|ge|jij) zal (?:het )?(?:eens |nog )?(?:voelen|zien wat er van komt)",
        "dan zal (?:hij|zij|ze|die|je|ge) (?:eens )?zien wat er van komt",
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
