"""What the simulated page of "Gemeente Velderbeek" says: posts, authors and an endless comment stream.

Pure and deterministic (stdlib only): ``demo_comment(seed, index)`` always returns the same comment,
whichever other indices were generated before. Each comment's category is the generator's intent, so
tests can compare a classifier against it. The texts live in ``demo_texts``.

Like on Facebook, threads are one level deep: a reply's parent is always a top-level comment on the
same post, at most ``REPLY_WINDOW`` indices earlier.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from functools import lru_cache

from moderation.platforms import demo_texts as texts


@dataclass(frozen=True)
class DemoPost:
    key: str
    title: str
    message: str
    hours_before_start: int  # how long before the page's start the post was published


@dataclass(frozen=True)
class DemoAuthor:
    key: str
    name: str
    repeat_offender: bool = False


@dataclass(frozen=True)
class DemoComment:
    index: int
    remote_id: str  # "demo_c{index:06d}"
    post_key: str
    author_key: str
    text: str
    parent_index: int | None  # an earlier top-level comment on the same post, or None
    expected_category: str
    expected_sentiment: str  # negative | neutral | positive


POSTS: tuple[DemoPost, ...] = (
    DemoPost(
        "roadworks",
        "Wegenwerken Stationsstraat",
        "Vanaf maandag starten de rioleringswerken in de Stationsstraat, tussen het Dorpsplein en de Molenstraat. "
        "De werken duren ongeveer vier maanden; fietsers en plaatselijk verkeer kunnen altijd door, de omleiding "
        "loopt via de Beekstraat. Meer info op velderbeek.be/stationsstraat.",
        72,
    ),
    DemoPost(
        "festival",
        "Zomerfeest op het Dorpsplein",
        "Op zaterdag 6 juli is het weer Zomerfeest op het Dorpsplein! Vanaf 14 uur kinderanimatie, 's avonds "
        "optredens van lokale groepen en om 23 uur vuurwerk aan de vijver. De toegang is gratis.",
        48,
    ),
    DemoPost(
        "tax_letter",
        "Aanslagbiljet afvalbelasting",
        "Deze week valt het aanslagbiljet van de afvalbelasting in uw brievenbus. Het bedrag stijgt dit jaar door "
        "hogere verwerkingskosten; wie een verhoogde tegemoetkoming krijgt, betaalt minder. Vragen? Kom langs bij "
        "de dienst financiën of mail naar financien@velderbeek.be.",
        120,
    ),
    DemoPost(
        "condolence",
        "In memoriam oud-burgemeester Jef Van Gansbeke",
        "Met grote droefheid melden we het overlijden van Jef Van Gansbeke, burgemeester van Velderbeek van 1983 "
        "tot 2006. Hij werd 86 jaar. In het gemeentehuis ligt een rouwregister; onze gedachten zijn bij zijn familie.",
        30,
    ),
    DemoPost(
        "waste",
        "Nieuwe ophaalregeling huisvuil",
        "Vanaf 1 september wordt het restafval om de twee weken opgehaald en het GFT elke week. De nieuwe "
        "ophaalkalender zit in uw brievenbus en staat in de Recycle!-app.",
        10,
    ),
)

_SPAM = (
    ("win_prijzen", "Win Prijzen België"),
    ("crypto_kansen", "Crypto Kansen Vlaanderen"),
    ("meta_support", "Meta Pagina Support"),
)
_BUSINESSES = (("bakkerij", "Bakkerij De Zoete Inval"), ("frituur", "Frituur 't Pleintje"))
_PARTY = ("samen_velderbeek", "Lokale afdeling Samen Velderbeek")
_OFFENDERS = (
    ("ronny_verbruggen", "Ronny Verbruggen"),
    ("gino_vanhaelewyn", "Gino Vanhaelewyn"),
    ("nancy_dhooghe", "Nancy D'Hooghe"),
)
ELDERLY_AUTHOR_KEY = "jeanine_vandenbroeck"
_CITIZENS = (
    ("marc_peeters", "Marc Peeters"),
    ("an_janssens", "An Janssens"),
    ("luc_maes", "Luc Maes"),
    ("sofie_willems", "Sofie Willems"),
    ("jan_claes", "Jan Claes"),
    ("els_goossens", "Els Goossens"),
    ("dirk_wouters", "Dirk Wouters"),
    ("katrien_desmet", "Katrien De Smet"),
    ("koen_mertens", "Koen Mertens"),
    ("patrick_vermeulen", "Patrick Vermeulen"),
    ("greet_vandamme", "Greet Van Damme"),
    ("bart_jacobs", "Bart Jacobs"),
    ("lieve_hermans", "Lieve Hermans"),
    ("tom_michiels", "Tom Michiels"),
    ("sarah_lambrechts", "Sarah Lambrechts"),
    ("wim_debacker", "Wim De Backer"),
    ("hilde_pauwels", "Hilde Pauwels"),
    ("kevin_aerts", "Kevin Aerts"),
    ("jolien_verstraeten", "Jolien Verstraeten"),
    ("jeroen_dhaese", "Jeroen D'Haese"),
    ("mieke_vanaken", "Mieke ❤️ Van Aken"),
    ("jos_vdb", "Jos Vdb"),
    (ELDERLY_AUTHOR_KEY, "Jeanine Van den Broeck"),
    ("joost_vandermeer", "Joost van der Meer"),
    ("sanne_devries", "Sanne de Vries"),
    ("yassine_elamrani", "Yassine El Amrani"),
    ("samira_bouzid", "Samira Bouzid"),
    ("mohamed_aitlahcen", "Mohamed Ait Lahcen"),
    ("elif_yilmaz", "Elif Yılmaz"),
    ("mehmet_demir", "Mehmet Demir"),
    ("kasia_nowak", "Kasia Nowak"),
    ("piotr_kowalczyk", "Piotr Kowalczyk"),
    ("helene_lefevre", "Hélène Lefèvre"),
)
AUTHORS: tuple[DemoAuthor, ...] = (
    *(DemoAuthor(key, name) for key, name in _CITIZENS),
    *(DemoAuthor(key, name, repeat_offender=True) for key, name in _OFFENDERS),
    *(DemoAuthor(key, name) for key, name in (*_SPAM, *_BUSINESSES, _PARTY)),
)
SPAM_AUTHOR_KEYS = frozenset(key for key, _name in _SPAM)
BUSINESS_AUTHOR_KEYS = frozenset(key for key, _name in _BUSINESSES)
PARTY_AUTHOR_KEY = _PARTY[0]
REPEAT_OFFENDER_KEYS = frozenset(key for key, _name in _OFFENDERS)
ORGANISATION_AUTHOR_KEYS = SPAM_AUTHOR_KEYS | BUSINESS_AUTHOR_KEYS | {PARTY_AUTHOR_KEY}
_AUTHOR_NAMES = {author.key: author.name for author in AUTHORS}

# Who writes: regulars more often than most, the three repeat offenders most of all.
_WRITER_WEIGHTS = {
    **{key: 2 for key, _name in _CITIZENS},
    **dict.fromkeys(("marc_peeters", "els_goossens", "jos_vdb", "samira_bouzid"), 4),
    # From the tuple, not the frozenset: a set's order changes from process to process.
    **dict.fromkeys((key for key, _name in _OFFENDERS), 3),
}

CATEGORY_WEIGHTS = {
    "question": 20,
    "report": 12,
    "compliment": 12,
    "sympathy": 6,
    "frustration": 12,
    "criticism": 10,
    "insult": 7,
    "party_political": 4,
    "political": 3,
    "spam": 4,
    "commercial": 3,
    "misinformation": 4,
    "off_topic": 2,
    "hate_speech": 1,
    "threat": 1,
    "doxing": 1,
    "other": 1,
}
# Replies: answers from other citizens ("other"), thanks ("compliment") and arguments.
REPLY_CATEGORY_WEIGHTS = {
    **CATEGORY_WEIGHTS,
    "other": 18,
    "compliment": 14,
    "criticism": 14,
    "question": 8,
    "report": 2,
    "spam": 2,
    "commercial": 1,
    "insult": 9,
    "sympathy": 8,
}
CATEGORIES = tuple(CATEGORY_WEIGHTS)
_OFFENDER_CATEGORY_WEIGHTS = {"insult": 4, "frustration": 4, "party_political": 2}
_SENTIMENTS = {
    "compliment": "positive",
    "frustration": "negative",
    "criticism": "negative",
    "insult": "negative",
    "spam": "negative",
    "misinformation": "negative",
    "hate_speech": "negative",
    "threat": "negative",
    "doxing": "negative",
}  # the rest is neutral; the seed counts sympathy, political and commercial posts as neutral
_ORDINARY_POSTS = {"roadworks": 30, "festival": 20, "tax_letter": 25, "waste": 25}
_POST_WEIGHTS = {
    "sympathy": {"condolence": 90, "roadworks": 10},
    "off_topic": {"condolence": 30, **_ORDINARY_POSTS},
    "political": {"condolence": 30, **_ORDINARY_POSTS},
    "report": {"roadworks": 40, "festival": 15, "tax_letter": 15, "waste": 30},
    "compliment": {"roadworks": 20, "festival": 40, "tax_letter": 15, "waste": 25},
}

REPLY_SHARE = 0.26
REPLY_WINDOW = 30
ODD_SHARE = 1 / 60
# "Odd but legitimate" input the app must survive, with the category each one stands for.
_ODD_KINDS = {
    "script_spam": "spam",
    "html_question": "question",
    "long_rant": "frustration",
    "foreign": "other",
    "emoji_only": "compliment",
    "caps_question": "question",
}
_NO_PARENT_CATEGORIES = frozenset({"spam", "commercial"})
_PARENT_PREFERENCES = {  # what a reply of this category most likely answers
    "other": ("question",),
    "question": ("question", "report"),
    "compliment": ("other", "compliment"),
    "sympathy": ("sympathy",),
    "frustration": ("frustration", "criticism", "report"),
    "criticism": ("frustration", "criticism", "misinformation", "insult", "party_political"),
    "insult": ("criticism", "frustration", "party_political", "political", "compliment"),
    "misinformation": ("question", "criticism", "frustration"),
    "party_political": ("frustration", "criticism"),
}
_SLOT = re.compile(r"\{(\w+)\}")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{6,}")


@dataclass(frozen=True)
class _Draft:
    """What is decided about a comment before its text: enough to find parents cheaply."""

    post_key: str
    author_key: str
    category: str
    wants_reply: bool
    odd: str | None


def _rng(seed: int, index: int, purpose: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{index}:{purpose}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(tuple(weights), weights=tuple(weights.values()))[0]


@lru_cache(maxsize=4096)
def _draft(seed: int, index: int) -> _Draft:
    rng = _rng(seed, index, "draft")
    odd = _weighted(rng, dict.fromkeys(_ODD_KINDS, 1)) if rng.random() < ODD_SHARE else None
    wants_reply = odd is None and rng.random() < REPLY_SHARE
    author = _weighted(rng, _WRITER_WEIGHTS)
    if odd:
        category = _ODD_KINDS[odd]
    elif author in REPEAT_OFFENDER_KEYS and rng.random() < 0.6:
        category = _weighted(rng, _OFFENDER_CATEGORY_WEIGHTS)
    elif author == ELDERLY_AUTHOR_KEY and rng.random() < 0.7:
        category = "question"
    else:
        category = _weighted(rng, REPLY_CATEGORY_WEIGHTS if wants_reply else CATEGORY_WEIGHTS)
    if category == "spam" and not odd:
        author = rng.choice([key for key, _name in _SPAM])
    elif category == "commercial" and rng.random() < 0.75:
        author = rng.choice([key for key, _name in _BUSINESSES])
    elif category == "party_political" and author not in REPEAT_OFFENDER_KEYS and rng.random() < 0.35:
        author = PARTY_AUTHOR_KEY
    post = _weighted(rng, _POST_WEIGHTS.get(category, _ORDINARY_POSTS))
    return _Draft(post, author, category, wants_reply, odd)


def _find_parent(seed: int, index: int, draft: _Draft, rng: random.Random) -> int | None:
    """An earlier top-level comment on the same post, preferring one this reply fits."""
    candidates = [
        earlier
        for earlier in range(index - 1, max(-1, index - 1 - REPLY_WINDOW), -1)
        if (other := _draft(seed, earlier)).post_key == draft.post_key
        and not other.wants_reply
        and other.category not in _NO_PARENT_CATEGORIES
        and other.author_key != draft.author_key
    ]
    if not candidates:
        return None
    preferred = _PARENT_PREFERENCES.get(draft.category, ())
    fitting = [earlier for earlier in candidates if _draft(seed, earlier).category in preferred]
    return rng.choice(fitting or candidates)


def _pick(pool: texts.Pool, post_key: str, rng: random.Random) -> tuple[str, str | None]:
    """A template for this post and its sentiment override, if any."""
    own = pool.get(post_key, ())
    # Under the condolence post only its own texts fit; elsewhere generic ones add variety.
    template = rng.choice(own if own and post_key == "condolence" else own + pool.get("*", ()))
    return template if isinstance(template, tuple) else (template, None)


def _fill(template: str, rng: random.Random, parent_name: str = "") -> str:
    if not parent_name:  # organisations are not addressed by first name
        template = re.sub(r",?\s*\{parent\}", "", template)

    def slot(match: re.Match[str]) -> str:
        name = match.group(1)
        return parent_name if name == "parent" else rng.choice(texts.SLOTS[name])

    return _SLOT.sub(slot, template)


def _first_name(author_key: str) -> str:
    if author_key in ORGANISATION_AUTHOR_KEYS:
        return ""
    return _AUTHOR_NAMES[author_key].split()[0]


def _long_rant(post_key: str, rng: random.Random) -> str:
    sentences = list(texts.RANT.get(post_key, ()) + texts.RANT["*"])
    rng.shuffle(sentences)
    parts: list[str] = []
    while sum(len(part) + 1 for part in parts) < 2900:
        again = "En ik zeg het nog eens: " if len(parts) >= len(sentences) else ""
        parts.append(again + _fill(sentences[len(parts) % len(sentences)], rng))
        if rng.random() < 0.15:
            parts[-1] += "\n\n"
    return " ".join(parts).replace("\n\n ", "\n\n").strip() + " Ik ben het BEU!!!"


def _odd_text(draft: _Draft, rng: random.Random) -> str:
    if draft.odd == "long_rant":
        return _long_rant(draft.post_key, rng)
    if draft.odd == "caps_question":
        return (
            _fill(_pick(texts.TOP_LEVEL["question"], draft.post_key, rng)[0], rng).upper().rstrip("?") + "??"
        )
    return _pick(texts.ODD[str(draft.odd)], draft.post_key, rng)[0]  # shown verbatim: never slot-filled


def _decorate(text: str, draft: _Draft, sentiment: str, rng: random.Random) -> str:
    """A citizen's own voice: openers, sign-offs, dialect, typos, emoji, caps lock."""
    category = draft.category
    if category in texts.OPENERS and rng.random() < 0.4:
        opener = rng.choice(texts.OPENERS[category])
        text = f"{opener} {text if opener[-1] in '.!?' else text[0].lower() + text[1:]}"
    if category in texts.CLOSERS and rng.random() < 0.4:
        text = f"{text} {_fill(rng.choice(texts.CLOSERS[category]), rng)}"
    if rng.random() < 0.18:
        for pattern, replacement in texts.DIALECT:
            text = re.sub(pattern, replacement, text)
    if rng.random() < 0.12 and (words := list(_WORD.finditer(text))):
        start = rng.choice(words).start() + rng.randrange(1, 4)
        text = text[:start] + text[start + 1] + text[start] + text[start + 2 :]  # swap two letters
    if rng.random() < 0.08:
        text = text.lower().rstrip(".")
    elif rng.random() < 0.1:
        text = (
            text.rstrip("?") + "???"
            if text.endswith("?")
            else text.rstrip(".!") + rng.choice(("!!", "!!!", "..."))
        )
    if rng.random() < 0.3:
        mood = "sympathy" if draft.post_key == "condolence" else category
        emoji = rng.choice(texts.EMOJI.get(mood, texts.EMOJI[sentiment]))
        text = f"{text} {emoji * rng.choice((1, 1, 2, 3))}"
    if category == "question" and rng.random() < 0.03:
        text = text.upper()
    return text


def _compose(draft: _Draft, parent: _Draft | None, rng: random.Random) -> tuple[str, str]:
    """The comment's text and expected sentiment."""
    category, author, post = draft.category, draft.author_key, draft.post_key
    sentiment = _SENTIMENTS.get(category, "neutral")
    if draft.odd:
        return _odd_text(draft, rng), sentiment
    if author in SPAM_AUTHOR_KEYS:
        return rng.choice(texts.SPAM_TEXTS[author]), sentiment
    if author in BUSINESS_AUTHOR_KEYS:
        return _fill(rng.choice(texts.BUSINESS_TEXTS[author]), rng), sentiment
    if author == PARTY_AUTHOR_KEY:
        return _fill(rng.choice(texts.PARTY_TEXTS), rng), sentiment
    if author == ELDERLY_AUTHOR_KEY and category == "question":
        return rng.choice(texts.ELDERLY_QUESTIONS[post]), sentiment
    pools = texts.TOP_LEVEL
    replies = texts.REPLIES.get(category, {})
    fits = parent is not None and parent.category in _PARENT_PREFERENCES.get(category, ())
    if fits and (replies.get(post) or replies.get("*")):
        pools = texts.REPLIES  # an answer, a thank-you or an argument that fits what it replies to
    template, override = _pick(pools["misc_commercial" if category == "commercial" else category], post, rng)
    sentiment = override or sentiment
    parent_name = _first_name(parent.author_key) if parent else ""
    text = _decorate(_fill(template, rng, parent_name), draft, sentiment, rng)
    if parent and parent_name and "{parent}" not in template and rng.random() < 0.3:  # tagged, as on Facebook
        text = f"{_AUTHOR_NAMES[parent.author_key] if rng.random() < 0.5 else parent_name} {text}"
    return text, sentiment


def demo_comment(seed: int, index: int) -> DemoComment:
    """The page's comment number ``index`` in the stream ``seed``; the same arguments, the same comment."""
    if index < 0:
        raise ValueError("index must be zero or more")
    draft = _draft(seed, index)
    rng = _rng(seed, index, "text")
    parent_index = _find_parent(seed, index, draft, rng) if draft.wants_reply else None
    parent = _draft(seed, parent_index) if parent_index is not None else None
    text, sentiment = _compose(draft, parent, rng)
    return DemoComment(
        index=index,
        remote_id=f"demo_c{index:06d}",
        post_key=draft.post_key,
        author_key=draft.author_key,
        text=text,
        parent_index=parent_index,
        expected_category=draft.category,
        expected_sentiment=sentiment,
    )


def demo_comments(seed: int, start: int, stop: int) -> list[DemoComment]:
    """Comments ``start`` up to (not including) ``stop``."""
    return [demo_comment(seed, index) for index in range(start, stop)]
