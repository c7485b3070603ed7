"""Lexicon for unwanted but legal messages (spam, ads, party politics, misinformation) and the cue words
that decide whether personal data is doxing. Written folded; a blank matches any non-word run."""

from __future__ import annotations

import re

from .patterns import PhraseRule, words

W = r"[\w']+ "
MONEY = r"(?:€ ?\d[\d.,]*|\d[\d.,]* ?(?:€|euro|eur|eur\.)(?!\w))"

URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![@\w.-])[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*\.(?:com|net|org|info|biz|xyz|top|click|shop|site|"
    r"online|store|live|ru|cn|io|co|be|nl|eu|ly|me|gl|gd|cc|at|ee|id|tk|app)(?:/[^\s<>\"']*)?(?![\w.-]*@)(?!\w)"
)
SUSPICIOUS_TLDS = frozenset({"xyz", "top", "click", "site", "online", "live", "ru", "cn", "tk", "info", "biz", "shop"})
SHORTENER_HOSTS = frozenset({
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly", "rb.gy", "shorturl.at",
    "tiny.cc", "t.ly", "rebrand.ly", "s.id", "linktr.ee", "wa.me", "t.me", "bitly.com", "shorturl.com", "v.gd",
})

SPAM_BAIT = PhraseRule("spam.bait", 0.45, words(
    "gratis", "win", "winnen", "gewonnen", "winnaar", "prijs (?:te )?claimen", "claim (?:uw|je) prijs",
    "klik hier", "klik (?:snel )?op (?:de|deze) link", "klik snel", "iphone(?: ?\\d+)?", "ipad", "samsung galaxy",
    "playstation", "bitcoin", "btc", "crypto", "cryptomunt(?:en)?", "forex", "trading", "investeer", "investering",
    "beleggen", "rijk worden", "passief inkomen", "thuiswerk", "(?:werk|werken) van(?: ?uit)? thuis(?: ?uit)?",
    "van thuis uit", "cadeaubon", "gift ?card", "giveaway", "weggeefactie", "like en deel", "deel en win",
    "tag (?:\\d|drie|twee) vrienden", "beperkte tijd", "laatste kans", "nu of nooit",
    "100 ?% (?:gratis|zeker|gegarandeerd)", "onlyfans", "sugar ?daddy", "hot singles", "casino", "loterij",
    "jackpot", "whatsapp (?:me|mij)", "inbox me", "check (?:mijn|my) (?:profiel|bio)", "link in (?:mijn )?bio",
    "(?:u|je) bent geselecteerd", "vul (?:je|uw) gegevens in", "gratis cursus", "bon van",
))
SPAM_RULES = (
    PhraseRule("spam.money_bait", 0.75, words(
        f"(?:verdien|verdienen|verdiende|bijverdienen) (?:nu |tot |meer dan |gemakkelijk |makkelijk |al )?(?:{W}){{0,3}}{MONEY}",
        f"{MONEY} (?:per|/|a|in een) (?:dag|week|uur|maand) (?:verdienen|bijverdienen|extra|van thuis)",
        "(?:snel|makkelijk|gemakkelijk) geld verdienen",
    )),
    PhraseRule("spam.phishing", 0.85, words(
        f"(?:uw|je|jouw) (?:account|pagina|profiel) (?:wordt|zal worden|is|werd|zal) (?:{W}){{0,3}}"
        "(?:geblokkeerd|verwijderd|opgeschort|uitgeschakeld|gedeactiveerd|beperkt)",
        "verifieer (?:uw|je|jouw) (?:account|gegevens|identiteit|pagina)",
        "bevestig (?:uw|je) (?:gegevens|account|identiteit|login)",
        "(?:schending|overtreding) van (?:de |onze )?(?:community ?richtlijnen|richtlijnen|auteursrechten|handelsmerk)",
        "meta (?:support|team|business|verification|verify)", "facebook (?:security|support|team|protect)",
        "meta-support", "(?:uw|je) (?:inloggegevens|wachtwoord|bankgegevens|kaartgegevens)",
    )),
)

COMMERCIAL_RULES = (
    PhraseRule("commercial.promotion", 0.75, words(
        "-\\d{1,2} ?%", "\\d{1,2} ?% korting", "korting van \\d+", "kortingscode",
        "bezoek (?:onze|ons) (?:winkel|zaak|webshop|website|shop|showroom|stand|restaurant|bakkerij)",
        "(?:onze|ons) (?:winkel|zaak|webshop|shop|showroom|producten|diensten|collectie|assortiment|gamma)",
        "openingsuitverkoop", "opening van onze", "uitverkoop", "solden", "dm voor (?:prijzen|prijs|info|meer info)",
        "pm voor (?:prijzen|prijs|info)", "pb voor (?:prijzen|prijs|info)", "bestel (?:nu|hier|vandaag|online|via|voor)",
        "nu (?:te )?bestellen", "actieprijs", "gratis (?:levering|verzending|koffie|proefles)",
        "vrijblijvende? offerte", "offerte aanvragen", "reserveer (?:nu|snel)", "nieuw in ons (?:gamma|assortiment)",
        "(?:wij|we) (?:leveren|installeren|verkopen|bieden|herstellen)", "levert nu ook",
        "(?:tweede|2de) [\\w']+(?: [\\w']+)? gratis", "gratis (?:[\\w']+ ){0,2}bij (?:bakkerij|frituur|slagerij|onze|ons)", "2\\+1 gratis", "1\\+1 gratis", "black friday",
        "(?:zijn|blijven) (?:wij|we) (?:gewoon )?open",
    )),
    PhraseRule("commercial.sales_words", 0.45, words(
        "promo", "promotie", "promoties", "korting", "aanbieding", "te koop", "sale", "koopje", "tweedehands",
        f"voor {MONEY}", f"{MONEY} per (?:uur|stuk|kilo|kg|persoon)", "stuur (?:mij|me|ons) een (?:pb|berichtje|bericht|dm)",
        "stuur een berichtje", "pb", "pm", "interesse\\W+(?:stuur|pb|bel|contacteer|mail)", "contacteer ons",
        "info (?:en|&) reservaties?", "reservaties?", "kom (?:zeker |gerust )?(?:eens )?langs", "bakkerij",
        "slagerij", "frituur", "kapsalon", "webshop", "zaakvoerder", "klusjes", "bijles", "af te halen",
        "nieuw bij",
    )),
)

PARTY_NAMES = PhraseRule("party_political.party_name", 0.75, words(
    "n-?va", "cd ?& ?v", "cd ?en ?v", "open ?vld", "vlaams ?-?belang", "pvda(?:-ptb)?", "ptb", "team fouad ahidar",
    "vvd", "pvv", "d66", "cda", "gl-?pvda", "groen ?links", "boerburgerbeweging", "ja21", "forum voor democratie",
    "fvd", "christenunie", "partij voor de dieren", "nieuw sociaal contract", "ecolo", "les engages",
))
# Party names that are also common words: counted only in their exact spelling, or after a campaign verb.
AMBIGUOUS_PARTY_NAMES = re.compile(r"(?<![\w-])(?:Groen|Vooruit|Anders|Volt|SP|BBB|DENK|NSC|SGP)(?![\w-])")
AMBIGUOUS_AFTER_CAMPAIGN = PhraseRule("party_political.party_name", 0.75, words(
    "(?:stem|stemmen|stemt|stem ik|kies|kiezen) (?:\\w+ ){0,3}(?:op |voor )?(?:groen|vooruit|anders|volt|sp|bbb|denk|nsc|sgp)",
    "(?:lijst|partij) (?:groen|vooruit|anders|volt|sp|bbb|denk)",
))
CAMPAIGN_RULES = (
    PhraseRule("party_political.campaign", 0.7, words(
        "stem (?:op|voor) (?:lijst (?:nr\\.? ?|nummer )?\\d+|lijst|nummer|nr|\\d+|mij)", "stem (?:op )?\\d+ oktober", "op \\d+ oktober",
        "(?:op |stem )?lijst (?:nr\\.? ?|nummer )?\\d+", "voorkeurstem(?:men)?", "(?:onze|mijn) kandidaa?t(?:en)?",
        "kandidaat (?:op|voor) (?:de )?lijst", "geef (?:je|uw) stem", "onze partij", "(?:onze|mijn) lijst",
        "verkiezingsprogramma", "in oktober weet (?:ge|je|u) wat (?:te doen|gedaan)", "denk eraan in oktober",
        "denk daaraan op \\d+", "(?:wij|we) beloven", "onze infoavond", "eigen volk eerst",
    )),
    PhraseRule("party_political.election_cue", 0.4, words(
        "verkiezingen", "lijsttrekker", "kieslijst", "partijprogramma", "stem ik", "stemmen we", "kies voor",
    )),
)

MISINFORMATION_CUES = PhraseRule("misinformation.conspiracy_cue", 0.45, words(
    "ze verzwijgen", "verzwijgen (?:het|dat|alles)", "wordt (?:allemaal )?verzwegen", "5g", "chemtrails?",
    "het staat allemaal (?:al )?vast", "(?:alles|dat) staat (?:al )?vast", "(?:de )?media liegen", "media liegt",
    "leugenpers", "mainstream media", "doe (?:je|uw) eigen onderzoek", "zoek het (?:maar )?op", "word(?:t)? wakker",
    "wakker worden mensen", "plandemie", "plandemic", "great reset", "omvolking", "nwo", "new world order",
    "big pharma", "gif in (?:het|ons|onze) (?:water|drinkwater|lucht)", "ze willen ons (?:\\w+ )?(?:vergiftigen|controleren|uitroeien)",
    "het is allemaal (?:een )?(?:complot|toneel)", "complot", "ze liegen (?:ons )?(?:allemaal )?voor", "deel dit",
    "zeg het voort", "de gemeente zegt dat (?:gewoon )?niet", "dat zegt iedereen", "zeggen ze",
    "(?:mijn|een) (?:buurman|buurvrouw|schoonbroer|neef) werkt bij", "stond in (?:de krant|het nieuwsblad)",
    "dat staat in de krant", "op youtube",
))
DEBUNK = words(
    "(?:klopt|is) (?:helemaal |echt )?(?:niet|nie) (?:waar|juist|correct)", "dat klopt niet", "klopt niet",
    "is fout", "is een fabel(?:tje)?", "is een hoax", "is onzin", "onzin dat", "niet waar dat", "is een mythe",
    "geen sprake van", "factcheck", "fact check", "is niet waar",
)

# Words that turn personal data into exposure of someone else. Strong cues beat a self-disclosure cue.
DOXING_CUES_STRONG = words(
    "bel (?:hem|haar|die|dat wijf|die vent|hen)", "bel maar allemaal", "iedereen weet nu", "nu weet iedereen",
    "ga (?:eens|maar) langs", "ga maar eens langs", "stuur (?:hem|haar)", "spam (?:hem|haar)", "deel dit (?:zodat|dat)",
    "(?:hier|daar) wonen ze", "hier woont", "daar woont", "(?:dit|dat) is het nummer van",
    "nummer van (?:de|die|dat|zijn|haar) (?:vrouw|man|vriendin|vriend|dochter|zoon|moeder|vader|ma|pa|buurvrouw|buurman)",
    "(?:is|zit) (?:overdag )?thuis in",
)
DOXING_CUES_WEAK = words(
    "woont (?:in|op|aan|te|hier|daar|naast|vlak)",
    "(?:zijn|haar|hun|z'n|d'r) (?:adres|nummer|gsm|gsm-?nummer|telefoonnummer|rekeningnummer|nummerplaat|mail|e-?mail|emailadres)",
    "adres van (?:die|dat|zijn|haar|hem|de buurman|de buurvrouw)", "(?:dit|dat) is (?:zijn|haar)", "nummerplaat van", "van wie is", "eigenaar van",
    "(?:die|zij|hij|ze|dat wijf|die vent|die vrouw|die man|dat ventje|die gast) he{2}t",
)
SELF_DISCLOSURE = words(
    "(?:mijn|m'n|mn|onze|ons) (?:nummer|gsm|gsm-?nummer|telefoonnummer|adres|mail|e-?mail|emailadres|rekeningnummer)",
    "(?:bel|contacteer|mail|sms|whatsapp) (?:mij|me|ons)", "bereikbaar (?:op|via)", "(?:ik|wij|we) (?:woon|wonen) (?:in|op|aan)",
    "ik woon", "(?:mij|me|ons) (?:bellen|terugbellen|contacteren|mailen|bereiken)", "(?:stort|storten|overschrijven|overmaken) (?:op|naar)",
    "steunrekening", "rekeningnummer van de actie", "(?:mij|ons) bereiken", "(?:mijn|ons) huis",
    "(?:mijn|ons|onze|m'n) (?:moeder|vader|ma|pa|oma|opa|grootmoeder|grootvader|schoonvader|schoonmoeder|zoon|dochter|"
    "familie|buurvrouw|buurman|garage|oprit|auto|wagen)",
)
