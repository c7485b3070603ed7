"""What the text model sees: folded text, and word classes that let it generalise beyond the seed set.

The text model learns from a few thousand labelled comments, too few to see every protected group, weapon or
official by name. So words from a few small word classes also count as their class: "vrouwen horen niet in de
politiek" also reads "<group> horen niet ...", which the model learned from "moslims horen hier niet". The
classes are domain knowledge written here (and reused from the rule lexicons), not learned from the test set.

Everything here is a plain module-level function, so a pickled pipeline can find it again. Pure: no ORM.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalise import MAX_ANALYSED_CHARS, Normalised, normalise_text

_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
MAX_TOKENS = 400        # word classes look at the first 400 words (the n-gram features see 10,000 characters)
WINDOW = 4              # class pairs ("<group> ... <dehumanising>") within this many words

# Each class: exact (folded) words, and prefixes for Dutch compounds ("gemeenteraadsleden", "asielcentrum").
_CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "grp": (
        (
            "buitenlanders", "buitenlander", "allochtonen", "allochtoon", "vreemdelingen", "vreemden", "migranten",
            "immigranten", "asielzoekers", "asielzoeker", "vluchtelingen", "vluchteling", "illegalen",
            "gelukzoekers", "nieuwkomers", "moslims", "moslim", "islamieten", "joden", "jood", "marokkanen",
            "marokkaanse", "turken", "turkse", "afrikanen", "zwarten", "zwarte", "gekleurd", "gekleurde",
            "arabieren", "syriers", "afghanen", "roemenen", "bulgaren", "polen", "roma", "zigeuners", "homo's",
            "homos", "homo", "holebi's", "holebis", "lesbiennes", "transgenders", "transen", "gehandicapten",
            "mindervaliden", "christenen", "hindoes", "vrouwen", "vrouw", "wijven", "feministen", "blanken",
            "doven", "dove", "blinden", "ouderen", "bejaarden", "hoofddoek", "hoofddoeken", "huidskleur",
            "ras", "rassen", "volk", "soort", "regenbooggemeenschap", "afkomst", "geloof",
        ),
        ("allochto", "moslim", "islam", "asielzoek", "vluchteling", "migrant", "marokka", "afrika", "joods",
         "homo", "transgender", "gehandicapt", "syrisch", "roemeen", "hoofddoek"),
    ),
    "dehum": (
        (
            "ratten", "rat", "parasieten", "ongedierte", "kakkerlakken", "luizen", "beesten", "apen", "varkens",
            "vee", "tuig", "uitschot", "gespuis", "schorremorrie", "onmensen", "barbaren", "wilden", "plaag",
            "ziekte", "kanker", "honden", "criminelen", "dieven", "verkrachters", "terroristen", "profiteurs",
            "uitvreters", "minderwaardig", "minderwaardige", "primitief", "primitieven", "pervers", "perverse",
            "ziek", "ziekelijk", "ziekelijke", "vuil", "vies", "smerig", "lui", "dom", "achterlijk", "achterlijke",
            "gevaarlijk", "oplichters", "oplichter", "minder", "inferieur", "nature", "allemaal", "omvolking",
            "vervangen", "gevaar", "emotioneel", "beperkt", "verstand",
        ),
        ("criminel", "parasiet", "profiteur", "uitvreter"),
    ),
    "harm": (
        (
            "af", "afmaken", "kapot", "kapotmaken", "vermoorden", "vermoord", "doden", "dood", "doodmaken",
            "neersteken", "neerschieten", "neerknallen", "afknallen", "slaan", "sla", "slaat", "meppen", "trappen",
            "wurgen", "afslachten", "opknopen", "ophangen", "opgehangen", "kelen", "villen", "breek", "breken",
            "brand", "branden", "fik", "steek", "steken", "schiet", "schieten", "klap", "klappen", "klop",
            "pak", "rammel", "kogel", "galg", "executeren", "geexecuteerd", "overrijden", "overreden", "omver",
            "verzuipen", "verzuipt", "verdrinken", "stikken", "creperen", "sterven", "sterft", "afzien",
            "toetakelen", "afgetuigd", "aftuigen", "afrekenen", "vereffenen", "opwachten", "wacht", "sleur",
            "sleuren", "sleep", "snij", "snijden", "stukken", "verbouwen", "plat", "ongeluk", "ongelukje",
            "ongeluk'", "heelhuids", "levend", "overleven", "bezoekje", "bezoeken", "halen", "geweten",
            "gif", "vergif", "vergiftigen", "lynchen", "stenigen", "doodslaan", "neerkloppen", "platbranden",
        ),
        ("vermoord", "doodsla", "doodschiet", "neergesch", "neergeknald", "afgemaakt", "kapotgesla", "platbrand",
         "rattengif", "toegetakel", "geexecut", "opgeknoopt"),
    ),
    "weapon": (
        (
            "mes", "messen", "geweer", "jachtgeweer", "pistool", "revolver", "wapen", "wapens", "bijl", "hamer",
            "knuppel", "honkbalknuppel", "koevoet", "benzine", "jerrycan", "molotov", "bom", "bommen", "kogels",
            "steen", "stenen", "baksteen", "kettingzaag", "zuur", "lont", "aansteker", "lucifers", "gif",
            "explosief", "explosieven", "vuist", "vuisten", "kalasjnikov",
        ),
        ("jachtgewe", "honkbalkn", "molotov", "explosie"),
    ),
    "target": (
        (
            "schepen", "burgemeester", "agent", "agenten", "flik", "flikken", "politieman", "politiemensen",
            "ambtenaar", "ambtenaren", "ambtenaars", "raadslid", "raadsleden", "gemeenteraad", "wethouder",
            "controleur", "controleurs", "parkeerwachter", "handhaver", "leraar", "leerkracht", "juf", "meester",
            "directeur", "trainer", "rechter", "buurman", "buurvrouw", "buren", "overburen", "buurjongen",
            "chauffeur", "buschauffeur", "personeel", "gemeentepersoneel", "medewerker", "medewerkers",
            "werker", "wegenwerkers", "moderator", "politiekers", "politici", "minister", "commandant",
            "brandweercommandant", "opvangcentrum", "asielcentrum", "moskee", "gemeentehuis", "stadhuis",
            "politiekantoor", "loket", "jij", "jou", "gij", "hem", "haar",
        ),
        ("gemeenteraad", "schepen", "burgemeester", "ambtena", "politie", "controleur", "handhav",
         "opvangcentr", "asielcentr"),
    ),
    "self": (
        ("ik", "k", "'k", "kga", "kzal", "kkom", "we", "wij", "mij", "me", "ons", "onze", "mannen", "maten"),
        (),
    ),
    "cond": (
        ("als", "wie", "volgende", "nog", "tegenkom", "zie", "vind", "anders", "straks", "vanavond", "morgen"),
        (),
    ),
    "wish": (
        ("moet", "moeten", "zou", "zouden", "verdient", "verdienen", "hoop", "hopen", "mag", "mogen", "blij",
         "zal", "zullen", "ga", "gaan", "gaat", "kom", "komen", "laten", "krijgt", "krijgen"),
        (),
    ),
    "insult": (
        (
            "onnozelaar", "onnozelaars", "idioten", "idioot", "klootzak", "klootzakken", "sukkel", "sukkels",
            "debielen", "debiel", "zakkenwasser", "zakkenwassers", "nietsnut", "nietsnutten", "imbeciel",
            "eikel", "eikels", "lul", "hufter", "hufters", "schoft", "schoften", "smeerlap", "smeerlappen",
            "trut", "teef", "hoer", "kutwijf", "stommeling", "domkop", "randdebiel", "zeverzak", "snul",
            "dikzak", "vetzak", "flapdrol", "mafkees", "pummel", "leeghoofd", "prutser", "prutsers", "graaier",
            "graaiers", "kwal", "apenkop", "viezerik", "clown", "clowns", "pipo", "loser", "losers", "zakkenvuller",
            "zakkenvullers", "leugenaar", "leugenaars", "dwaas", "dwazen", "lafaard", "zeveraar", "rotwijf",
        ),
        ("kutwijf", "klootzak", "zakkenwas", "smeerlap", "randdebiel"),
    ),
}
_EXACT: dict[str, str] = {}
for _tag, (_words, _prefixes) in _CLASSES.items():
    for _word in _words:
        _EXACT.setdefault(_word, _tag)
_PREFIX = {tag: re.compile("|".join(re.escape(prefix) for prefix in prefixes)) for tag, (_w, prefixes) in _CLASSES.items()}
_SWEAR_PREFIX = re.compile(r"(?:kut|klote|kanker|kk|tyfus|tering|rot)\w{3,}")


def prepare_text(text: str) -> str:
    """The folded text the n-gram features read: lowercase, accents and stretched letters folded, digits as 0.

    Caps lock therefore never changes a prediction (the code of conduct calls it unintended).
    """
    return prepared_from(normalise_text(text))


def prepared_from(norm: Normalised) -> str:
    """``prepare_text`` for a text already normalised."""
    return _DIGIT.sub("0", norm.text)


@lru_cache(maxsize=65_536)
def word_class(token: str) -> str | None:
    """The class of one folded token, or None."""
    tag = _EXACT.get(token)
    if tag is not None:
        return tag
    if len(token) < 5:
        return None
    for tag, prefix in _PREFIX.items():
        if prefix.match(token):
            return tag
    if _SWEAR_PREFIX.match(token):
        return "insult"
    return None


def class_features(prepared: str) -> list[str]:
    """Class unigrams, class+word bigrams and class pairs within a window: "<grp>", "<grp>_horen", ...

    An analyzer for a scikit-learn vectorizer; the input is ``prepare_text`` output.
    """
    tokens = _TOKEN.findall(prepared[:MAX_ANALYSED_CHARS])[:MAX_TOKENS]
    classes = [word_class(token) for token in tokens]
    features: list[str] = []
    for index, tag in enumerate(classes):
        if tag is None:
            continue
        features.append(f"<{tag}>")
        if index + 1 < len(tokens):
            features.append(f"<{tag}>_{tokens[index + 1]}")
        if index > 0:
            features.append(f"{tokens[index - 1]}_<{tag}>")
        for other in classes[index + 1:index + 1 + WINDOW]:
            if other is not None:
                features.append(f"<{tag}>~<{other}>")
    return features
