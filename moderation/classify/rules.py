"""Rules for the service and unwanted categories, links and repetition, and the doxing decision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from rapidfuzz import fuzz, process

from . import lexicon_service as service
from . import lexicon_unwanted as unwanted
from .language import DUTCH_STOP_WORDS
from .normalise import Normalised, fold_phrase
from .patterns import MAX_MATCHES_PER_RULE, NEGATION, has_negation, is_negated, run_rules
from .personal_data import find_personal_data
from .results import ClassificationContext, Hit

SERVICE_RULES = (
    service.REPORT_RULES + service.QUESTION_RULES + service.CRITICISM_RULES + service.FRUSTRATION_RULES
    + service.SYMPATHY_RULES + service.COMPLIMENT_RULES + service.POLITICAL_RULES + service.OFF_TOPIC_RULES
    + (service.FRUSTRATION_EMOJI, service.SYMPATHY_EMOJI, service.COMPLIMENT_EMOJI)
)
UNWANTED_RULES = (
    (unwanted.SPAM_BAIT,) + unwanted.SPAM_RULES + unwanted.COMMERCIAL_RULES
    + (unwanted.PARTY_NAMES, unwanted.AMBIGUOUS_AFTER_CAMPAIGN) + unwanted.CAMPAIGN_RULES
    + (unwanted.MISINFORMATION_CUES,)
)
_QUESTION_MARK = re.compile(r"\?+(?!\w)")
_CLAUSE_START = re.compile(r"[.!?\n][^.!?\n]*$")
_EXCLAMATORY_CLAUSE = re.compile(r"\W*(?:serieus|echt|allez|pardon|wablieft|ja|nee|neen|zeker|toch|he|hallo|niet|"
                                 r"nee toch|echt waar|of wat|of niet)\W*$")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n])\s*$")
_PARTY_VERB_AFTER = re.compile(r" (?:zou|zouden|heeft|had|wil|wilde|gaat|zegt|zei|stelt|stelde|vraagt|vroeg|stemde|stemt|"
                               r"zal|doet|deed|beloofde|belooft|steunt|kiest|wint|won|verliest|haalt|komt met)\b")
BASE_WEIGHTS = {
    "phone_number": 0.55, "email_address": 0.55, "iban": 0.6, "national_number": 0.9,
    "street_address": 0.4, "licence_plate": 0.45,
}


def service_hits(norm: Normalised) -> list[Hit]:
    hits = run_rules(SERVICE_RULES, norm)
    hits += _question_hits(norm)
    hits += _shouting_hits(norm)
    return hits


def unwanted_hits(norm: Normalised, context: ClassificationContext) -> list[Hit]:
    hits = run_rules(UNWANTED_RULES, norm)
    hits += _ambiguous_party_names(norm)
    hits += _custom_party_names(norm, context.party_names)
    hits += _false_claim_hits(norm, context.false_claims)
    return hits


def _question_hits(norm: Normalised) -> list[Hit]:
    text = norm.text
    hits = []
    for match in _QUESTION_MARK.finditer(text):
        clause = _CLAUSE_START.search(text, max(0, match.start() - 120), match.start())
        clause_start = clause.start() + 1 if clause else max(0, match.start() - 120)
        if _EXCLAMATORY_CLAUSE.match(text, clause_start, match.start()):
            continue
        hits.append(Hit("question.question_mark", 0.75, norm.evidence(clause_start, match.end()), clause_start))
        if len(hits) >= 3:
            break
    for match in service.QUESTION_START.finditer(text):
        if not hits and match.group("q") == "wie":
            continue   # without a question mark "Wie meer afval maakt, ..." is a relative clause
        hits.append(Hit("question.question_word", 0.6, norm.evidence(*match.span("q")), match.start("q")))
        if len(hits) >= 6:
            break
    return hits


def _shouting_hits(norm: Normalised) -> list[Hit]:
    """Caps lock with exclamation marks: a weak frustration cue that never decides a category on its own."""
    original = norm.original
    hits = []
    if original.count("!") >= 2:   # checked first: counting letters costs more
        letters = [char for char in original if char.isalpha()]
        upper = sum(1 for char in letters if char.isupper())
        if len(letters) >= 10 and upper >= 0.8 * len(letters):
            first = re.search(r"!+", original)
            return [Hit("frustration.shouting", 0.45, first.group(), first.start())]
    exclamations = re.search(r"!{3,}", original)
    if exclamations:
        hits.append(Hit("frustration.exclamation_marks", 0.4, exclamations.group(), exclamations.start()))
    return hits


def _ambiguous_party_names(norm: Normalised) -> list[Hit]:
    original = norm.original
    if unwanted.AMBIGUOUS_PARTY_NAMES.search(original) is None:
        return []   # the common case, decided before the caps-lock check below
    letters = [char for char in original[:2000] if char.isalpha()]
    if letters and sum(char.isupper() for char in letters) >= 0.6 * len(letters):
        return []   # in caps lock "GROEN" or "DENK" are just words
    hits = []
    for match in unwanted.AMBIGUOUS_PARTY_NAMES.finditer(original):
        if (
            _SENTENCE_START.search(original, 0, match.start())
            and match.group() not in ("SP", "BBB", "NSC", "SGP")
            and not _PARTY_VERB_AFTER.match(original, match.end())
        ):
            continue   # "Groen" or "Anders" opening a sentence is usually just the word
        hits.append(Hit("party_political.party_name", 0.75, match.group(), match.start()))
        if len(hits) >= MAX_MATCHES_PER_RULE:
            break
    return hits


@lru_cache(maxsize=64)
def _party_name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = [fold_phrase(name) for name in names[:200]]
    alternatives = [r"\W+".join(map(re.escape, name.split())) for name in folded if len(name) >= 2]
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?!\w)")


def _custom_party_names(norm: Normalised, names: tuple[str, ...]) -> list[Hit]:
    pattern = _party_name_pattern(tuple(names))
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(norm.text):
        hits.append(Hit("party_political.custom_name", 0.75, norm.evidence(*match.span()), match.start()))
        if len(hits) >= MAX_MATCHES_PER_RULE:
            break
    return hits


# Matching known false claims (the organisation's register). A claim matches as a phrase (its content words in
# order, at most two words apart) or as a paraphrase: most of its content words within one stretch of the comment,
# each word found exactly, as an inflection (rapidfuzz ratio, "sluit"/"sluiten") or inside a compound
# ("afvalbelasting" for "belasting"). Long words and numbers weigh double: "3 jaar" is what makes "De werken duren 3
# jaar" false, so a question "Hoe lang duren de werken?" does not match. Thresholds come from
# tests/moderation/test_claim_matching.py (paraphrases, near misses and the demo page's comments).
WORD_SIMILARITY = 80       # fuzz.ratio per word: "afgelast"/"afgelasten" 89, "sluit"/"sluiten" 83, "werken"/"werkt" 73
CLAIM_COVERAGE = 0.85      # weighted share of a claim's content words a paraphrase must contain
MAX_CLAIMS = 100
_COMPOUND_HEAD = 6         # "afvalbelasting" contains the claim word "belasting" (6+ letters) as its head
_PHRASE_WEIGHT, _PARAPHRASE_WEIGHT = 0.85, 0.7
# Verbs carry a claim's meaning ("gaat dicht" is news, "is dicht" a complaint about opening hours), so the common
# ones count, in one form ("gaan" for "gaat"/"ging"). Negations stay out of the words: they decide whether the
# comment repeats or denies the claim.
_CLAIM_STOP_WORDS = (DUTCH_STOP_WORDS | {"is", "was", "waren"}) - {
    "gaat", "wordt", "worden", "werd", "moet", "moeten", "mogen", "zal", "zou", "kan", "kunnen", "komt", "heeft",
}
_VERB_FORMS = {
    form: verb
    for verb, forms in {
        "gaan": "ga gaat gaan ging gingen gegaan", "worden": "word wordt worden werd werden geworden",
        "moeten": "moet moeten moest moesten", "zullen": "zal zullen zou zouden", "kunnen": "kan kunnen kon konden",
        "komen": "kom komt komen kwam kwamen gekomen", "hebben": "heeft hebben had hadden",
    }.items()
    for form in forms.split()
}
_FORMS_OF = {verb: sorted(form for form, lemma in _VERB_FORMS.items() if lemma == verb) for verb in set(_VERB_FORMS.values())}
_NEGATION_BEFORE = re.compile(rf"(?<!\w){NEGATION}\s+(?:\w+\s+)?$")   # "niet", "geen echt", not across a comma
_DEBUNK_GAP = re.compile(r"[^.!?;:,\n]{0,40}")   # "klopt niet dat <claim>": no punctuation in between


@dataclass(frozen=True)
class _Claim:
    tokens: tuple[str, ...]        # content words in order, without stop words
    weights: tuple[int, ...]       # 2 for long words and numbers, 1 for the rest
    prefixes: frozenset[str]       # first four letters of the long words: the cheap prefilter
    phrase: re.Pattern[str]
    negated: bool                  # the claim itself says "niet"/"geen"


@dataclass(frozen=True)
class ClaimMatch:
    """Where one known false claim occurs in a comment (positions in the folded text)."""

    index: int                                # which of the context's claims
    span: tuple[int, int]
    weight: float
    contradiction: tuple[int, int] | None     # the debunking words or the negation, when the comment denies it


def claim_words(claim: str) -> tuple[str, ...]:
    """The content words a claim is matched on (for validating a register entry)."""
    words = (_VERB_FORMS.get(token, token) for token in _WORD.findall(fold_phrase(claim)[:1000]))
    return tuple(token for token in words if _is_content_word(token))


def _is_content_word(token: str) -> bool:
    return token not in _CLAIM_STOP_WORDS and (len(token) > 1 or token.isdigit())


@lru_cache(maxsize=64)
def _prepared_claims(claims: tuple[str, ...]) -> tuple[_Claim | None, ...]:
    prepared: list[_Claim | None] = []
    for claim in claims[:MAX_CLAIMS]:
        tokens = claim_words(claim)
        if not tokens:
            prepared.append(None)
            continue
        weights = tuple(2 if len(token) >= 5 or token.isdigit() else 1 for token in tokens)
        phrase = re.compile(r"(?<!\w)" + r"\W+(?:\w+\W+){0,2}?".join(map(_word_pattern, tokens)) + r"(?!\w)")
        prefixes = frozenset(token[:4] for token, weight in zip(tokens, weights, strict=True) if weight == 2)
        prepared.append(_Claim(tokens, weights, prefixes, phrase, has_negation(fold_phrase(claim))))
    return tuple(prepared)


def _word_pattern(token: str) -> str:
    forms = _FORMS_OF.get(token)
    return "(?:" + "|".join(map(re.escape, forms)) + ")" if forms else re.escape(token)


def claim_matches(norm: Normalised, claims: tuple[str, ...]) -> list[ClaimMatch]:
    """Every known false claim the comment repeats, paraphrases or contradicts."""
    prepared = [(index, claim) for index, claim in enumerate(_prepared_claims(tuple(claims))) if claim is not None]
    if not prepared:
        return []
    text = norm.text
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for match in islice(_WORD.finditer(text), 3000):
        word = _VERB_FORMS.get(match.group(), match.group())
        if _is_content_word(word):
            occurrences.setdefault(word, []).append(match.span())
    words = tuple(occurrences)
    prefixes = {word[:4] for word in words}
    debunks = [match.span() for match in islice(unwanted.DEBUNK.finditer(text), 20)]
    found = []
    for index, claim in prepared:
        span, weight = _claim_span(text, claim, occurrences, words, prefixes)
        if span is None:
            continue
        contradiction = _debunked(text, span, debunks) or _negation_difference(text, span, claim)
        found.append(ClaimMatch(index, span, weight, contradiction))
        if len(found) >= MAX_MATCHES_PER_RULE:
            break
    return found


def _false_claim_hits(norm: Normalised, claims: tuple[str, ...]) -> list[Hit]:
    hits = []
    for match in claim_matches(norm, claims):
        if match.contradiction is not None:
            start, end = match.contradiction
            hits.append(Hit("correction.claim_contradicted", 0.0, norm.evidence(start, end), start))
        else:
            hits.append(Hit("misinformation.known_false_claim", match.weight, norm.evidence(*match.span), match.span[0]))
    return hits


def _debunked(text: str, span: tuple[int, int], debunks: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Debunking words just after the claim, or introducing it ("het klopt niet dat ..."), deny it.

    "Klopt niet, de werken duren 3 jaar" denies someone else and then repeats the claim: not a denial of it.
    """
    for start, end in debunks:
        if span[0] <= start <= span[1] + 150 or (end <= span[0] and _DEBUNK_GAP.fullmatch(text, end, span[0])):
            return start, end
    return None


def _negation_difference(text: str, span: tuple[int, int], claim: _Claim) -> tuple[int, int] | None:
    """"Het zomerfeest is niet afgelast" denies the claim "Het zomerfeest is afgelast" (and the other way round)."""
    start, end = span
    negated = has_negation(text[start:end]) or bool(_NEGATION_BEFORE.search(text, max(0, start - 40), start))
    return span if negated != claim.negated else None


def _claim_span(text: str, claim: _Claim, occurrences, words, prefixes) -> tuple[tuple[int, int] | None, float]:
    """Where a claim occurs: as a phrase (strong) or as a paraphrase (weaker), else (None, 0)."""
    if not claim.prefixes & prefixes and not any(token in occurrences for token in claim.tokens):
        return None, 0.0   # no long word of the claim starts like any word of the comment: skip the fuzzy work
    phrase = claim.phrase.search(text)
    if phrase is not None:
        return phrase.span(), _PHRASE_WEIGHT
    if len(claim.tokens) < 2:
        return None, 0.0
    found: list[tuple[int, int, int]] = []   # (start, end, which token)
    for position, token in enumerate(claim.tokens):
        for word in _similar_words(token, words):
            found.extend((start, end, position) for start, end in occurrences[word])
    return _best_window(claim, sorted(found))


def _similar_words(token: str, words: tuple[str, ...]) -> list[str]:
    """The comment's words that are ``token``, an inflection of it or a compound ending in it."""
    if len(token) < 4 or token.isdigit():
        return [token] if token in words else []
    similar = [word for word, _score, _index in process.extract(
        token, words, scorer=fuzz.ratio, score_cutoff=WORD_SIMILARITY, limit=5
    )]
    if len(token) >= _COMPOUND_HEAD:
        similar += [word for word in words if word.endswith(token) and word not in similar]
    return similar


def _best_window(claim: _Claim, found: list[tuple[int, int, int]]) -> tuple[tuple[int, int] | None, float]:
    """The stretch of the comment (at most twice the claim's length plus 80 characters) covering most of it."""
    total = sum(claim.weights)
    width = 2 * sum(len(token) + 1 for token in claim.tokens) + 80
    counts: dict[int, int] = {}
    covered, left, best, best_span = 0, 0, 0, None
    for _start, end, position in found:
        counts[position] = counts.get(position, 0) + 1
        covered += claim.weights[position] if counts[position] == 1 else 0
        while end - found[left][0] > width:
            gone = found[left][2]
            counts[gone] -= 1
            covered -= claim.weights[gone] if counts[gone] == 0 else 0
            left += 1
        if covered > best and sum(1 for count in counts.values() if count) >= 2:
            best, best_span = covered, (found[left][0], end)
    if best_span is None or best / total < CLAIM_COVERAGE:
        return None, 0.0
    return best_span, _PARAPHRASE_WEIGHT


def link_hits(norm: Normalised, context: ClassificationContext, hits: list[Hit]) -> list[Hit]:
    """Links, URL shorteners, link plus bait, and repetition of an earlier text with a link or bait."""
    own_domains = tuple(domain.lower().strip().lstrip("@") for domain in context.own_email_domains if domain.strip())
    links = []
    for match in unwanted.URL.finditer(norm.text):
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", match.group()).split("/", 1)[0].split("?", 1)[0]
        if any(host == domain or host.endswith("." + domain) for domain in own_domains):
            continue
        links.append((match, host))
        if len(links) >= MAX_MATCHES_PER_RULE:
            break
    found: list[Hit] = []
    for match, host in links:
        code, weight = ("spam.url_shortener", 0.65) if host in unwanted.SHORTENER_HOSTS else ("spam.link", 0.0)
        found.append(Hit(code, weight, norm.evidence(*match.span()), match.start()))
    bait = next((hit for hit in hits if hit.code in ("spam.bait", "spam.money_bait")
                 and (hit.evidence.lower() != "gratis" or _suspicious_link(links))), None)
    if links and bait is not None:
        found.append(Hit("spam.link_with_bait", 0.85, found[0].evidence, found[0].start))
    if _is_repeated(norm, context.author_previous_texts):
        if links or bait is not None:
            evidence = found[0].evidence if links else bait.evidence
            found.append(Hit("spam.repeated_with_link", 0.85, evidence, 0))
        else:
            found.append(Hit("author.repeated_text", 0.0, "", 0))
    return found


def _suspicious_link(links) -> bool:
    """A shortener or a throw-away top-level domain: "gratis" next to such a link is bait, not an event."""
    return any(host in unwanted.SHORTENER_HOSTS or host.rsplit(".", 1)[-1] in unwanted.SUSPICIOUS_TLDS
               for _, host in links)


def _is_repeated(norm: Normalised, previous_texts: tuple[str, ...]) -> bool:
    current = " ".join(norm.text.split())
    if not current:
        return False
    current_words = set(_WORD.findall(current))
    for previous in previous_texts[:50]:
        folded = fold_phrase(previous)
        if folded == current:
            return True
        previous_words = set(_WORD.findall(folded))
        union = current_words | previous_words
        if len(union) >= 4 and len(current_words & previous_words) / len(union) >= 0.9:
            return True
    return False


def personal_data_hits(norm: Normalised, context: ClassificationContext, hits: list[Hit]) -> list[Hit]:
    """Personal data is doxing unless it is the organisation's own, the author's own, or part of an ad."""
    findings = find_personal_data(
        norm, own_phone_numbers=context.own_phone_numbers, own_email_domains=context.own_email_domains
    )
    if not findings:
        return []
    text = norm.text
    strong_cue = next((m for m in unwanted.DOXING_CUES_STRONG.finditer(text) if not is_negated(text, m.start())), None)
    weak_cue = unwanted.DOXING_CUES_WEAK.search(text)
    self_cue = unwanted.SELF_DISCLOSURE.search(text)
    cue = strong_cue or (weak_cue if self_cue is None else None)
    categories = {hit.category for hit in hits}
    found: list[Hit] = []
    for finding in findings:
        evidence = norm.evidence(finding.start, finding.end)
        if finding.own:
            found.append(Hit("personal_data.organisation_contact", 0.0, evidence, finding.start))
        elif cue is not None:
            found.append(Hit(f"doxing.{finding.kind}", max(BASE_WEIGHTS[finding.kind], 0.75), evidence, finding.start))
        elif self_cue is not None:
            found.append(Hit("personal_data.self_disclosed", 0.0, evidence, finding.start))
        elif "spam" in categories:
            found.append(Hit("spam.contact_details", 0.5, evidence, finding.start))
        elif "commercial" in categories:
            found.append(Hit("commercial.contact_details", 0.5, evidence, finding.start))
        else:
            found.append(Hit(f"doxing.{finding.kind}", BASE_WEIGHTS[finding.kind], evidence, finding.start))
    if cue is not None and any(hit.category == "doxing" for hit in found):
        found.append(Hit("doxing.exposure_cue", 0.9, norm.evidence(*cue.span()), cue.start()))
    return found
