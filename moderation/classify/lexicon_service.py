"""Lexicon for the service categories: questions, reports, opinions, sympathy, compliments, ads, spam.

Words are written folded (lowercase, no accents); a blank matches any run of non-word characters.
"""

from __future__ import annotations

import re

from .patterns import PhraseRule, symbols, words

W = r"[\w']+ "

DEVICES = (
    r"(?:licht|lichten|lamp|lampen|verlichting|straatverlichting|straatlicht|straatlichten|straatlamp|straatlampen|verkeerslicht|verkeerslichten|lantaarnpaal|"
    r"app|website|site|e-?loket|lift|roltrap|automaat|betaalautomaat|parkeerautomaat|parkeermeter|fontein|pomp|"
    r"slagboom|poort|toilet|toiletten|wc|douche|douches|verwarming|kraan|sirene|klok|kerkklok|laadpaal|laadpalen|"
    r"qr-?code|link|telefoon|telefoonlijn|bel|deurbel|drukknop|knop|signalisatie|camera|wifi|internet)"
)
REPORT_RULES = (
    PhraseRule("report.not_working", 0.8, words(
        f"{DEVICES}\\w* (?:{W}){{0,7}}(?:werkt|werken|brandt|branden|doet|doen|gaat|gaan) (?:{W}){{0,3}}(?:niet|nie|ni)"
        "(?: meer)?",
        f"{DEVICES}\\w* (?:{W}){{0,4}}(?:is|zijn|staat|staan|valt|vallen) (?:{W}){{0,2}}(?:uit|uitgevallen|stuk|kapot|defect)",
        "(?:heeft|hebben|is|zijn) geen (?:verlichting|licht|stroom|water)",
        "(?:geeft|geven) (?:een )?foutmelding", "defect", "buiten werking", "uitgevallen",
        "geen (?:water|stroom|elektriciteit|gas|licht|verlichting) (?:meer|in (?:onze|de|mijn|het|ons))",
        "knipperlicht", "(?:knippert|flikkert|knipperen|flikkeren) (?:de hele|al|constant|voortdurend|nog)",
    )),
    PhraseRule("report.problem", 0.6, words(
        "(?:wijst|wijzen) (?:[\\w']+ ){0,2}verkeerde", "(?:staat|staan|hangt|hangen) scheef", "(?:valt|vallen) (?:bijna )?om",
        "(?:modder|glasscherven|olie|kabels|zakken|bekertjes) over (?:heel )?(?:de|het|mijn|onze)",
        "(?:niet|nie) bedeeld", "(?:moet|moeten) (?:nog )?aangepast worden", "(?:even )?nakijken (?:aub|a\\.u\\.b|graag|svp)",
        "blokkeert", "blokkeren", "(?:nog )?de oude kalender", "(?:ligt|liggen) (?:nog )?een hoop", "glasscherven",
        "(?:bij mij|bij ons|verkeerd) terechtgekomen", "verkeerd adres",
        "(?:containers?|zakken|vuilnis|afval) (?:staat|staan|liggen|ligt) (?:er )?(?:nog|al)",
        "(?:vuilniszakken|zakken|afval|vuilnis|containers?) (?:[\\w']+ ){0,5}op (?:straat|het voetpad|de stoep|het fietspad)",
        "(?:ligt|liggen|staat|zit) vol (?:glas|glasscherven|afval|vuil|modder|olie|zwerfvuil|putten)",
    )),
    PhraseRule("report.street_light", 0.75, words("straatlicht(?:en)?", "straatlamp(?:en)?", "straatverlichting")),
    PhraseRule("report.road_damage", 0.8, words(
        "(?:diepe |grote |gevaarlijke )?(?:put|putten|gat|gaten) in (?:de|het|onze) "
        "(?:weg|straat|baan|wegdek|fietspad|voetpad|rijweg|asfalt)",
        "losliggende (?:tegels?|stenen|klinkers|kasseien|stoeptegels?)", "(?:gevaarlijk|los) putdeksel",
        "putdeksel (?:ligt|is) (?:los|weg|kapot)", "voetpad (?:ligt|is) (?:open|kapot|opgebroken)",
        "(?:modder|olie|glas|glasscherven|zand) (?:over|op) (?:heel )?(?:de|het) (?:weg|straat|fietspad|voetpad)",
    )),
    PhraseRule("report.illegal_dumping", 0.8, words(
        "sluikstort\\w*", "gesluikstort", "(?:afval|vuil|zakken) (?:gedumpt|achtergelaten)", "gedumpt",
        "zwerfvuil", "hondenpoep", "graffiti", "vandalisme", "vernield", "vernielingen",
    )),
    PhraseRule("report.waste_collection", 0.8, words(
        f"(?:niet|nie|vergeten) (?:{W})?(?:opgehaald|geledigd|geleegd|leeggemaakt|meegenomen)",
        "(?:straat|container|containers|vuilnis|afval|zakken) (?:[\\w']+ ){0,5}vergeten",
        "(?:vuilkar|vuilniswagen|ophaling) (?:is |zijn )?(?:[\\w']+ ){0,2}(?:niet|nie) (?:gekomen|gepasseerd|langs geweest)",
    )),
    PhraseRule("report.danger", 0.75, words(
        "gevaarlijke situaties?", "gevaarlijk kruispunt", "gevaarlijke oversteek", "levensgevaarlijk",
        "(?:omgevallen|omgewaaide|omgewaaid) (?:boom|bomen|paal|hek|signalisatie)", "boom (?:is )?(?:omgevallen|omgewaaid)",
        "(?:is|zijn) (?:[\\w']+ )?omgevallen", "hangen kabels uit",
        "(?:kast|stroomkast|elektriciteitskast|deur|poort|hek|put|putdeksel|kelderluik) (?:staat|ligt|is) open", "eikenprocessierups\\w*",
        "niet gestrooid", "spiegelglad", "ijzel", "pas op met de kinderen",
        "in (?:brand|de fik) (?:gestoken|gezet|gevlogen)", "brand(?:je)? gesticht",
    )),
    PhraseRule("report.water", 0.75, words(
        "(?:water|gas)lek", "lekkage", "lekke (?:waterleiding|leiding|buis|kraan|dakgoot|goot)", "lekt", "lek", "wateroverlast", "ondergelopen", "overstroomd",
        f"(?:staat|staan|loopt|lopen) (?:{W}){{0,2}}onder water", "verstopte? (?:riool|rioolput|kolk|afvoer|rioolkolk)",
        "riool (?:is|zit) verstopt", "water in (?:de|onze) kelder",
    ), negation=""),
    PhraseRule("report.broken", 0.7, words("kapot", "kapotte", "kapotgereden", "kapotgemaakt", "stuk", "afgebroken",
                                           "omver gereden", "omvergereden"),
               negation="",
               veto_before=re.compile(
                   r"(?:(?:^|\W)(?:ik|k|we|wij|ze|zij|hij|je|ge|gij)\W+(?:ben|zen|zijn|is|was|waren|zijt|bent)\W+"
                   r"(?:[\w']+\W+){0,2}|(?:^|\W)kzen\W+(?:[\w']+\W+){0,2}|"
                   r"(?:^|\W)(?:een|nen|ne|'n|dat|dit|het|groot|klein|hele|ieder|elk|laatste|eerste)\W+)$"),
               veto_after=re.compile(r"\W+(?:van|beter|verder)(?!\w)")),
    PhraseRule("report.explicit", 0.75, words(
        "ik wil (?:graag )?(?:iets )?melden", "(?:een )?melding (?:maken|doen|van)", "even melden", "^melding",
        "graag opvolgen",
    )),
)

QUESTION_START = re.compile(
    r"(?:^|[.!?\n:;()]|\b(?:hallo|dag|hoi|hey|beste|goeiedag|goeiemorgen|goedemorgen|goedemiddag|goedenavond|"
    r"vraagje|vraag))\W*?"
    r"(?P<q>wanneer|waar(?!\W+(?:zijn|is)\W+(?:we|wij)\W+mee)|hoe(?!\W+(?:mooi|schoon|leuk|jammer|erg|triest|fijn|"
    r"zalig|tof|prachtig|spijtig|belachelijk|gezellig|knap|is het mogelijk|durven)(?!\w))|"
    r"wat(?!\W+(?:een|ne|nen|e|mooi|leuk|jammer|schoon|zalig|fijn|goed|erg|triest|zonde|lekker|prachtig|spijtig|"
    r"belachelijk|schande|tof|knap|fantastisch|straf|gezellig|een miserie|miserie|heeft die|zijt gij|zijn jullie)(?!\w))|"
    r"wa(?!\W+(?:een|ne|nen|schoon|mooi)(?!\w))|wie(?!\W+(?:heeft dat nu weer))|waarom|welke?|hoeveel|hoelang|"
    r"vanaf wanneer|tot wanneer|kan ik|kunnen we|kunnen wij|kun je|kunt u|kunt ge|kunde|kan je|kan u|mag ik|mogen we|"
    r"mogen wij|moet ik|moeten we|moeten wij|is het|is er|zijn er|wordt er|komt er|gaat er|geldt|is dat|"
    r"weet iemand|weet er iemand|heeft iemand|kent iemand|zijn jullie|hebben jullie|krijgen (?:we|wij|de)|"
    r"wordt (?:het|de|dat)|rijdt|mogen (?:honden|kinderen)|waarvoor|hoezo)(?!\w)"
)
QUESTION_RULES = (
    PhraseRule("question.info_request", 0.6, words(
        "graag (?:meer )?info(?:rmatie)?", "meer info graag", "ik zou graag weten", "ik vroeg me af",
        "ik vraag me (?:af|hetzelfde af)", "iemand een idee", "weet iemand", "weet er iemand", "kan iemand",
        "heeft iemand", "iemand die weet", "info (?:aub|a\\.u\\.b)", "kan je mij", "kunnen jullie mij", "kan u mij",
        "kunt u mij", "graag een antwoord", "laat (?:iets |mij |me )?weten", "wie weet",
    )),
)

CRITICISM_RULES = (
    PhraseRule("criticism.opinion", 0.6, words(
        f"ik vind (?:het|dat) (?:{W}){{0,6}}(?:moet|moeten|zou|zouden|meer|minder|beter)",
        f"ik vind (?:het|dat) (?:{W}){{0,4}}(?:jammer|spijtig|niet (?:ok|oke|goed|kunnen|normaal|correct|juist|eerlijk)|"
        "slecht|onaanvaardbaar|raar|vreemd|teleurstellend|oneerlijk)",
        "jammer dat", "spijtig dat", "zonde dat", "jammer genoeg", "spijtig genoeg", "niet akkoord",
        "(?:ben|zijn) het (?:er )?niet mee eens", "oneens", "met alle respect", "eerlijk gezegd",
        "(?:er )?(?:niks|niets) van (?:gebakken|terechtgebracht|terecht gebracht)",
        "dat is (?:geen goed|slecht) bestuur", "geen goed bestuur", "(?:dat )?klopt (?:niet|nie)(?: helemaal)?",
        "(?:is|was) (?:het |dat )?(?:ook |toch |echt |helemaal )?(?:niet|nie) (?:goed|ok|oke|normaal|eerlijk|correct|logisch|duidelijk)",
    )),
    PhraseRule("criticism.could_be_better", 0.6, words(
        f"waarom (?:niet|nie|geen) (?:{W}){{0,2}}(?:beter|eerst|gewoon|meteen|ook|samen)",
        "waarom wordt (?:er )?(?:zoiets )?(?:niet|nie|nooit)", "had (?:\\w+ )?beter gekund", "kon (?:echt )?beter",
        "kan (?:veel |een stuk |stukken |echt )?beter", "moet (?:veel |dringend )?beter", "mag (?:wat )?beter",
        "had(?:den)? (?:[\\w']+ ){0,4}moeten (?:komen|gebeuren|zijn|doen)", "gemiste kans",
        "(?:mijn |een |ons )?voorstel", "ik stel voor", "zou het niet beter zijn", "het zou beter zijn",
        "beter zou zijn", "misschien (?:eerst )?eens", "denk (?:er )?eens (?:over )?na",
    )),
    PhraseRule("criticism.poor_execution", 0.6, words(
        "slecht (?:georganiseerd|geregeld|gepland|onderhouden|bereikbaar|aangepakt|gecommuniceerd|bewegwijzerd|"
        "aangegeven|nagedacht|doordacht|beleid|bestuur)",
        "niet (?:goed |duidelijk |logisch )?(?:georganiseerd|gecommuniceerd|doordacht|aangekondigd|verwittigd)",
        "onduidelijk", "onlogisch", "ondoordacht", "geldverspilling", "weggegooid geld", "verspilling",
        "ondermaats", "onvoldoende", "onverantwoord", "onbegrijpelijk", "oneerlijk", "scheef",
        "te ingewikkeld", "is (?:dat )?gevaarlijk voor",
    ), negation="compliment.negated_criticism"),
    PhraseRule("criticism.negative_word", 0.5, words(
        "slecht", "slechte", "jammer", "spijtig", "teleurgesteld", "teleurstellend", "ontgoocheld", "ontgoochelend",
        "te duur", "veel te duur", "te laat", "te weinig", "geen respect", "weinig respect", "zwak",
    ), negation="compliment.negated_criticism",
        veto_after=re.compile(r"\W+(?:georganiseerd|geregeld|gepland|onderhouden|bereikbaar|bestuur|beleid)(?!\w)")),
)

FRUSTRATION_RULES = (
    PhraseRule("frustration.exasperation", 0.7, words(
        "(?:ik\\W+|k\\W*)word (?:hier |er |daar )?(?:[\\w']+ )?(?:gek|zot|knettergek|horendol|stapelgek|gestoord|moedeloos)"
        "(?: (?:van|hiervan|ervan))?",
        "(?:ik\\W+|k\\W*)ontplof", "(?:ik\\W+|k\\W*)(?:ga|zal) (?:nog )?ontploffen", "mijn bloed kookt", "ik zie rood",
        "(?:ik\\W+|k\\W*)(?:ben|zen) (?:het |er )?(?:\\w+ )?(?:\\w+ )?beu", "beu", "kotsbeu", "spuugzat", "strontbeu",
        "(?:het )?hangt (?:mij|me|ons) (?:de keel )?uit", "genoeg is genoeg", "ik heb er genoeg van",
        "ik ben het zat", "de maat is vol", "ik geef het op", "om moedeloos van te worden", "een mens kan niet meer",
        "niet meer normaal", "niemand (?:luistert|die er iets aan doet|heeft ons verwittigd)", "een ramp",
        "(?:ik )?betaal (?:mij|me) blauw", "niemand snapt er (?:nog )?(?:iets|iet|niks) van",
    )),
    PhraseRule("frustration.outrage", 0.65, words(
        "belachelijk", "belachelijke", "schandalig", "schandalige", "schande", "onaanvaardbaar", "onvoorstelbaar",
        "ridicuul", "lachwekkend", "te gek voor woorden", "een aanfluiting", "absurd", "schandaal", "triestig",
        "triest", "hallucinant", "hoe is het mogelijk", "dit kan toch niet", "dat kan toch niet",
        "waar zijn we (?:mee )?bezig", "wat een miserie", "miserie", "zo gaat dat hier", "waar is de logica",
        "altijd (?:maar )?hetzelfde", "ieder jaar hetzelfde", "elk jaar hetzelfde",
        "(?:laat|doe) me niet lachen",
    ), negation=""),
    PhraseRule("frustration.still_not_fixed", 0.6, words(
        "nog (?:altijd|steeds) (?:niet|nie|geen|niks|niets|ni)", "nog (?:niet|nie) opgelost", "weeral", "alweer",
        "(?:elke|iedere) keer (?:weer|opnieuw)", "^weer", "telkens (?:weer|opnieuw)", "(?:voor )?de zoveelste keer",
        "al (?:de )?(?:tweede|derde|vierde|vijfde) keer", "nooit iemand",
    )),
    PhraseRule("frustration.waiting", 0.45, words(
        "al (?:\\d+ |twee |drie |vier |vijf |zes |acht |enkele |een paar |verschillende |zoveel )?(?:weken|maanden|jaren|dagen)"
        "(?! geleden)",
        "zucht", "pf+", "gr+", "argh", "bah", "amai", "serieus", "allez",
    )),
    PhraseRule("frustration.sarcasm", 0.7, words(
        "(?:bedankt|merci|dank u|dank je) (?:[\\w']+ )?voor (?:niks|niets|nie|de moeite niet)", "goed bezig(?: jullie)?\\W*(?:not|niet)",
    )),
)
FRUSTRATION_EMOJI = PhraseRule("frustration.angry_emoji", 0.55, symbols("😡", "🤬", "😤", "🙄", "😠", "👎", "💩", "🤦"))

SYMPATHY_RULES = (
    PhraseRule("sympathy.condolence", 0.85, words(
        "gecondoleerd", "condoleances?", "(?:heel )?veel sterkte", "sterkte (?:aan|voor|gewenst|toegewenst|allemaal|iedereen)",
        "sterkte", "(?:innige|oprechte|mijn|onze) deelneming", "deelneming", "rust zacht", "rust in vrede", "rip",
        "r\\.i\\.p", "slaap zacht", "(?:mijn|ons|onze|veel) medeleven", "medeleven", "ik leef mee", "we leven mee",
        f"(?:onze|mijn) gedachten (?:zijn|gaan) (?:{W}){{0,3}}(?:bij|uit naar)", "in gedachten bij",
        "(?:veel|heel veel) moed", "veel kracht", "courage", "(?:een )?groot verlies", "te vroeg (?:gegaan|vertrokken)",
        "vaarwel", "(?:droevig|verdrietig|verschrikkelijk|triest) (?:nieuws|bericht)", "is heengegaan",
        "diep triest",
    )),
)
SYMPATHY_EMOJI = PhraseRule("sympathy.emoji", 0.55, symbols("🕯", "💔", "🥀", "🖤", "💐", "🙏"))

COMPLIMENT_RULES = (
    PhraseRule("compliment.thanks", 0.7, words(
        "bedankt", "dank (?:u|je|jullie|aan)", "dankjewel", "dankuwel", "dank u wel", "dank je wel", "merci",
        "mercikes", "mercie", "thx", "dikke merci", "alvast bedankt",
    ), veto_after=re.compile(r"\W+(?:[\w']+\W+)?voor\W+(?:niks|niets|nie|de moeite niet)(?!\w)")),
    PhraseRule("compliment.praise", 0.7, words(
        "proficiat", "profiat", "gefeliciteerd", "felicitaties", "goed gedaan", "knap gedaan", "goed bezig",
        "chapeau", "(?:een )?(?:dikke )?pluim", "complimenten", "bravo", "alle lof", "respect voor", "respect",
        "zo moet het", "goed gezegd", "goed gecommuniceerd", "duidelijke (?:uitleg|brief|info)",
        "(?:vriendelijk|snel|correct|goed|vlot) geholpen", "snel opgelost", "aanrader", "zeer goed", "heel goed",
        "super goed", "goed (?:geregeld|georganiseerd|initiatief|idee)", "goede zaak", "heel correct",
        "(?:mooi|leuk|goed|super|tof|fijn) initiatief", "handig", "proper gewerkt", "netjes",
    ), negation="criticism.negated_compliment"),
    PhraseRule("compliment.positive_word", 0.65, words(
        "super", "topper", "toppers", "fantastisch", "schitterend", "prachtig", "mooi", "mooie",
        "tof", "toffe", "plezant", "geweldig", "geweldige", "fijn", "fijne", "zalig", "zalige", "prachtige",
        "schitterende", "fantastische", "leuke", "knappe", "heerlijk", "heerlijke", "knap", "dik in orde", "helemaal in orde",
        "gezellig", "tevreden", "blij", "wauw", "wow", "eindelijk (?:een|wordt|is)", "lief",
    ), negation="criticism.negated_compliment",
        veto_after=re.compile(r"\W+(?:niet|slecht|traag|lang|vervelend|gevaarlijk|druk|duur|vuil|lelijk|irritant|"
                              r"frustrerend|erg|triest|spijtig|jammer|stil|gemeen)(?!\w)")),
    PhraseRule("compliment.positive_word", 0.65, words("top", "toppie"), negation="criticism.negated_compliment",
               veto_before=re.compile(r"(?:^|\W)(?:de|het|aan|tot|naar|een|op|in|bovenaan)\W+$")),
    PhraseRule("compliment.flemish_praise", 0.55, words("straf", "straffe", "schoon", "bangelijk", "wreed goed", "wreed schoon"),
               negation="criticism.negated_compliment",
               veto_before=re.compile(r"(?:^|\W)(?:een|de|zijn|haar|geen|als|hun|uw|je|die|maak|maken|houden|hou)\W+$"),
               veto_after=re.compile(r"\W+(?:maken|gemaakt|houden|gehouden|schip|genoeg)(?!\w)")),
)
COMPLIMENT_EMOJI = PhraseRule("compliment.emoji", 0.6, symbols(
    "👍", "👏", "❤", "😍", "🥰", "💪", "🙌", "😊", "👌", "💯", "🌟", "⭐", "😀", "😃", "🤩", "♥", "💚", "💙", "🧡",
    "💛", "🎉", "🔝", "😁", "☺",
))

POLITICAL_RULES = (
    PhraseRule("political.politics", 0.55, words(
        "beleid", "beleidsmakers", "het college", "schepencollege", "college van burgemeester", "burgemeester",
        "schepen", "schepenen", "(?:dit|dat|ons|het huidige) college", "gemeenteraad", "gemeenteraadsleden", "gemeentebestuur", "stadsbestuur", "bestuur",
        "politiek", "politieke", "politiekers", "politici", "oppositie", "meerderheid", "coalitie", "belastingen",
        "belastinggeld", "belastingbetaler", "belastingcenten", "regering", "minister", "verkiezingen", "mandatarissen",
        "democratie", "kiezers", "verkozen", "de huidige ploeg", "partij",
    )),
)

OFF_TOPIC_RULES = (
    PhraseRule("off_topic.unrelated", 0.5, words(
        "recept", "ingredienten", "voorverwarmde oven", "in de oven",
        f"(?:kat|poes|kater|hond|hondje|konijn|papegaai|parkiet) (?:{W}){{0,3}}(?:kwijt|vermist|weggelopen|ontsnapt)",
        "(?:vermiste|weggelopen) (?:kat|poes|hond)", "deel dit bericht", "kopieer en plak", "copy ?paste",
        "kettingbrief", "te huur", "happy birthday", "gelukkige verjaardag", "^(?:gevonden|verloren)", "kent iemand een (?:goede )?\\w+",
    )),
)
