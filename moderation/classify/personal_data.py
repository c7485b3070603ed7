"""Finding personal data in a text: phone numbers, e-mail addresses, national register numbers, IBANs,
street addresses and Belgian licence plates. Whether a finding is doxing is decided in ``rules``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn

from .normalise import Normalised

MAX_CANDIDATES = 25

_PHONE_CANDIDATE = re.compile(r"(?<![\w+/.,-])(?:\+|00|\()?\d[\d \-./()\u00a0]{6,20}\d(?![\w/])")
_NATIONAL_NUMBER = re.compile(r"(?<![\d+])\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[-. ]?\d{2}(?!\d)")
_IBAN_CANDIDATE = re.compile(r"(?<![a-z0-9])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![a-z0-9])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_STREET_SUFFIX = (
    r"(?:straat|laan|weg|plein|dreef|steenweg|lei|kaai|markt|baan|dijk|singel|gracht|kade|dries|kouter|vest|"
    r"wegel|hof|park|pad)"
)
_ADDRESS = re.compile(
    rf"(?<!\w)([a-z][a-z'-]{{1,40}}{_STREET_SUFFIX})\W{{1,3}}(?:nummer |nr\.? ?)?(\d{{1,4}}(?!\d)(?: ?[a-z](?![a-z]))?"
    rf"(?: ?(?:bus|b) ?\d{{1,4}})?)(?![,.]\d)(?! ?(?:km|m|meter|minuten|min|uur|u|euro|jaar|weken|dagen|keer|%|€)(?!\w))"
)
_DIGIT = re.compile(r"\d")
_PLATE = re.compile(r"(?<![\w-])(?:[1-9]-?[a-z]{3}-?\d{3}|[a-z]{3}-\d{3})(?![\w-])")


@dataclass(frozen=True)
class Finding:
    kind: str       # "phone_number", "email_address", "national_number", "iban", "street_address", "licence_plate"
    start: int      # position in the folded text
    end: int
    own: bool = False   # the organisation's own number, address or e-mail domain

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def find_personal_data(
    norm: Normalised, *, own_phone_numbers: tuple[str, ...], own_email_domains: tuple[str, ...]
) -> list[Finding]:
    text = norm.text
    findings: list[Finding] = []
    if "@" not in text and not _DIGIT.search(text):
        return findings
    own_phones = _own_phone_keys(tuple(own_phone_numbers))
    own_domains = tuple(domain.lower().strip().lstrip("@") for domain in own_email_domains if domain.strip())
    for match in _EMAIL.finditer(text) if "@" in text else ():
        domain = match.group().rsplit("@", 1)[1].lower()
        own = any(domain == own or domain.endswith("." + own) for own in own_domains)
        findings.append(Finding("email_address", *match.span(), own=own))
    for match in _limited(_NATIONAL_NUMBER.finditer(text)):
        if stdnum_nn.is_valid(re.sub(r"\D", "", match.group())):
            findings.append(Finding("national_number", *match.span()))
    for match in _limited(_IBAN_CANDIDATE.finditer(text)):
        span = _valid_iban_span(match.group())
        if span is not None:
            findings.append(Finding("iban", match.start(), match.start() + span))
    _add_phone_numbers(text, findings, own_phones)
    for match in _limited(_ADDRESS.finditer(text)):
        if not _taken(findings, *match.span()):
            findings.append(Finding("street_address", *match.span()))
    for match in _limited(_PLATE.finditer(text)):
        if not _taken(findings, *match.span()):
            findings.append(Finding("licence_plate", *match.span()))
    return sorted(findings, key=lambda finding: finding.start)


def _add_phone_numbers(text: str, findings: list[Finding], own_phones: frozenset[str]) -> None:
    for candidate in _limited(_PHONE_CANDIDATE.finditer(text)):
        if _taken(findings, *candidate.span()):
            continue
        for region in ("BE", "NL"):
            matches = list(phonenumbers.PhoneNumberMatcher(candidate.group(), region,
                                                           leniency=phonenumbers.Leniency.VALID, max_tries=5))
            if not matches:
                continue
            for found in matches:
                key = phonenumbers.format_number(found.number, phonenumbers.PhoneNumberFormat.E164)
                start = candidate.start() + found.start
                findings.append(Finding("phone_number", start, candidate.start() + found.end, own=key in own_phones))
            break


@lru_cache(maxsize=64)
def _own_phone_keys(numbers: tuple[str, ...]) -> frozenset[str]:
    keys = set()
    for number in numbers:
        for region in ("BE", "NL"):
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                continue
            keys.add(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
            break
    return frozenset(keys)


def _valid_iban_span(candidate: str) -> int | None:
    """The length of the longest prefix of ``candidate`` that is a valid IBAN, trimming trailing groups."""
    end = len(candidate)
    for _ in range(4):
        if stdnum_iban.is_valid(candidate[:end].upper()):
            return end
        cut = candidate.rfind(" ", 0, end)
        if cut <= 4:
            return None
        end = cut
    return None


def _taken(findings: list[Finding], start: int, end: int) -> bool:
    return any(finding.overlaps(start, end) for finding in findings)


def _limited(matches):
    for count, match in enumerate(matches):
        if count >= MAX_CANDIDATES:
            return
        yield match
