"""Rules for the service and unwanted categories, links and repetition, and the doxing decision."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from . import lexicon_service as service
from . import lexicon_unwanted as unwanted
from .language import DUTCH_STOP_WORDS
from .normalise import Normalised, fold_phrase
from .patterns import MAX_MATCHES_PER_RULE, is_negated, run_rules
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
    letters = [char for char in original if char.isalpha()]
    if len(letters) >= 10 and original.count("!") >= 2:
        upper = sum(1 for char in letters if char.isupper())
        if upper >= 0.8 * len(letters):
            first = re.search(r"!+", original)
            return [Hit("frustration.shouting", 0.45, first.group(), first.start())]
    exclamations = re.search(r"!{3,}", original)
    if exclamations:
        hits.append(Hit("frustration.exclamation_marks", 0.4, exclamations.group(), exclamations.start()))
    return hits


def _ambiguous_party_names(norm: Normalised) -> list[Hit]:
    original = norm.original
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


@lru_cache(maxsize=64)
def _claim_tokens(claims: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The content words of each claim, without stop words or punctuation."""
    result = []
    for claim in claims[:100]:
        tokens = [token.strip(".,!?;:'\"()") for token in fold_phrase(claim).split() if token not in DUTCH_STOP_WORDS]
        tokens = [token for token in tokens if len(token) > 1 and token not in DUTCH_STOP_WORDS]
        if tokens:
            result.append(tuple(tokens))
    return tuple(result)


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


def _false_claim_hits(norm: Normalised, claims: tuple[str, ...]) -> list[Hit]:
    if not claims:
        return []
    text = norm.text
    words = list(islice(_WORD.finditer(text), 3000))
    first_position: dict[str, re.Match[str]] = {}
    for match in words:
        first_position.setdefault(match.group(), match)
    contradicted = unwanted.DEBUNK.search(text)
    hits = []
    for tokens in _claim_tokens(tuple(claims)):
        span, weight = _claim_span(text, list(tokens), first_position)
        if span is None:
            continue
        if contradicted is not None:
            hits.append(Hit("correction.claim_contradicted", 0.0, norm.evidence(*contradicted.span()), contradicted.start()))
            continue
        hits.append(Hit("misinformation.known_false_claim", weight, norm.evidence(*span), span[0]))
    return hits[:MAX_MATCHES_PER_RULE]


def _claim_span(text: str, tokens: list[str], first_position: dict[str, re.Match[str]]):
    """Where a claim occurs: as a phrase (strong) or by overlap of at least 60 % of its words (weaker)."""
    phrase = re.search(r"(?<!\w)" + r"\W+(?:\w+\W+){0,2}?".join(map(re.escape, tokens)) + r"(?!\w)", text)
    if phrase is not None:
        return phrase.span(), 0.85
    matched = [first_position[token] for token in dict.fromkeys(tokens) if token in first_position]
    if len(tokens) < 2 or len(matched) < 2 or len(matched) / len(set(tokens)) < 0.6:
        return None, 0.0
    start = min(match.start() for match in matched)
    end = max(match.end() for match in matched)
    if end - start > 200:
        longest = max(matched, key=lambda match: len(match.group()))
        return longest.span(), 0.7
    return (start, end), 0.7


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
