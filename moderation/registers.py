"""The organisation's registers the classifier reads: political terms and known false claims.

``check_*`` validate what an admin typed (hostile input included) and raise ``ValidationError`` with Dutch
messages; ``do_*`` change a register and write the audit row in the same transaction. ``classification_lists``
is what ``classification.context_for`` reads for every sync batch, so it is cached per organisation; every
change gives the organisation a new cache version.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Organisation
from moderation.classify.normalise import fold_phrase, normalise_text
from moderation.classify.rules import MAX_CLAIMS, claim_matches, claim_words
from moderation.models import KnownFalseClaim, PoliticalTerm
from moderation.safety import clean_text, safe_url

MAX_TERMS = 200                 # the rules read at most this many names
CACHE_SECONDS = 3600
_BLANKS = re.compile(r"\s+")


# --- selectors ---------------------------------------------------------------------------------------------------

def political_terms(organisation: Organisation) -> QuerySet[PoliticalTerm]:
    return PoliticalTerm.objects.filter(organisation=organisation)


def false_claims(organisation: Organisation) -> QuerySet[KnownFalseClaim]:
    return KnownFalseClaim.objects.filter(organisation=organisation).select_related("department")


def classification_lists(organisation: Organisation) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(party names, active false claims) for the classifier; cached until the next change."""
    key = f"registers:{_version_key(organisation.pk)}:{_version(organisation.pk)}"
    lists = cache.get(key)
    if lists is None:
        names = tuple(political_terms(organisation).order_by("pk").values_list("term", flat=True)[:MAX_TERMS])
        claims = tuple(
            false_claims(organisation).filter(active=True).order_by("pk").values_list("claim", flat=True)[:MAX_CLAIMS]
        )
        lists = (names, claims)
        cache.set(key, lists, CACHE_SECONDS)
    return lists


def claims_in_text(organisation: Organisation, text: str) -> list[KnownFalseClaim]:
    """The active claims a comment repeats (not the ones it contradicts), for showing their corrections."""
    claims = list(false_claims(organisation).filter(active=True).order_by("pk")[:MAX_CLAIMS])
    matches = claim_matches(normalise_text(text), tuple(claim.claim for claim in claims))
    return [claims[match.index] for match in matches if match.contradiction is None]


def corrections_for(comment: Any) -> list[KnownFalseClaim]:
    """The registered claims a comment classified as repeating one matches, with their corrections; else []."""
    if not any(reason.get("code") == "misinformation.known_false_claim" for reason in comment.reasons or ()):
        return []
    claims = claims_in_text(comment.organisation, comment.text)
    for claim in claims:
        claim.source_url = safe_url(claim.source_url)   # validated on save; checked again where it becomes a link
    return claims


def _version_key(organisation_id: int) -> str:
    # The database's name is part of the key: a test run and a dev server share one file cache on a laptop,
    # and both have an organisation 1.
    database = hashlib.sha256(str(db_connection.settings_dict.get("NAME") or "").encode()).hexdigest()[:12]
    return f"registers-version:{database}:{organisation_id}"


def _version(organisation_id: int) -> str:
    # A lost version key (eviction, restart) yields a new version: never an old list.
    return cache.get_or_set(_version_key(organisation_id), lambda: uuid.uuid4().hex, None)


def forget_classification_lists(organisation_id: int) -> None:
    """New version now, and again after commit: a reader between the write and the commit cached the old list."""

    def bump() -> None:
        cache.set(_version_key(organisation_id), uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


# --- validation --------------------------------------------------------------------------------------------------

def _one_line(value: Any) -> str:
    return _BLANKS.sub(" ", clean_text(value if isinstance(value, str) else "")).strip()


def check_political_term(term: PoliticalTerm) -> tuple[str, str]:
    """The cleaned term and its folded form; refuses blanks, duplicates and a full register."""
    text = _one_line(term.term)
    folded = fold_phrase(text)
    if not term.term:
        return text, folded   # the field's own "required" error says it
    if len(re.sub(r"\W", "", folded)) < 2:
        raise ValidationError({"term": _("A term needs at least two letters or digits.")})
    if len(text) > 120 or len(folded) > 400:
        raise ValidationError({"term": _("A term has at most 120 characters.")})
    others = PoliticalTerm.objects.filter(organisation_id=term.organisation_id).exclude(pk=term.pk)
    if others.filter(folded=folded).exists():
        raise ValidationError({"term": _("This term is already in the list.")})
    if term.pk is None and others.count() >= MAX_TERMS:
        raise ValidationError(_("The list is full (%(count)d terms). Remove a term first.") % {"count": MAX_TERMS})
    return text, folded


def check_false_claim(claim: KnownFalseClaim) -> None:
    """Clean the texts in place; refuse vague claims, duplicates, foreign departments and a full register."""
    claim.claim = _one_line(claim.claim)
    claim.correction = clean_text(claim.correction if isinstance(claim.correction, str) else "").strip()
    claim.source_url = (claim.source_url or "").strip()
    claim.folded = fold_phrase(claim.claim)[:1000]
    errors: dict[str, str] = {}
    if not claim.claim:
        pass   # the field's own "required" error says it
    elif len(claim_words(claim.claim)) < 2:
        errors["claim"] = _(
            "Describe the claim in at least two meaningful words, e.g. “the recycling park closes”."
        )
    elif KnownFalseClaim.objects.filter(organisation_id=claim.organisation_id, folded=claim.folded).exclude(
        pk=claim.pk
    ).exists():
        errors["claim"] = _("This claim is already in the register.")
    if not claim.correction:
        errors["correction"] = _("Say what is true instead.")
    elif len(claim.correction) > 1000:
        errors["correction"] = _("A correction has at most 1000 characters; link to the page for the rest.")
    if claim.department_id and claim.department.organisation_id != claim.organisation_id:
        errors["department"] = _("Choose a department of your own organisation.")
    active_others = KnownFalseClaim.objects.filter(organisation_id=claim.organisation_id, active=True).exclude(pk=claim.pk)
    if claim.active and active_others.count() >= MAX_CLAIMS:
        errors["active"] = _("At most %(count)d claims can be active. Deactivate one first.") % {"count": MAX_CLAIMS}
    if errors:
        raise ValidationError(errors)


# --- actions -----------------------------------------------------------------------------------------------------

def _saved(instance: PoliticalTerm | KnownFalseClaim) -> None:
    """Validate and save; a duplicate that slipped past the check (two admins at once) is a validation error."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError(_("This entry is already in the list.")) from exc


@transaction.atomic
def do_save_political_term(term: PoliticalTerm, *, acting_user: Any) -> PoliticalTerm:
    """Add a term (no pk yet) or save an edited one."""
    verb = "register.term_updated" if term.pk else "register.term_added"
    if term.pk is None:
        term.created_by = acting_user
    _saved(term)
    record_event(
        term.organisation, actor=acting_user, verb=verb, target=term, summary=f"{term.get_kind_display()}: {term.term}"
    )
    forget_classification_lists(term.organisation_id)
    return term


@transaction.atomic
def do_remove_political_term(term: PoliticalTerm, *, acting_user: Any) -> None:
    organisation, summary = term.organisation, f"{term.get_kind_display()}: {term.term}"
    record_event(organisation, actor=acting_user, verb="register.term_removed", target=term, summary=summary)
    term.delete()
    forget_classification_lists(organisation.pk)


@transaction.atomic
def do_save_false_claim(claim: KnownFalseClaim, *, acting_user: Any) -> KnownFalseClaim:
    """Add a claim (no pk yet) or save an edited one."""
    verb = "register.claim_updated" if claim.pk else "register.claim_added"
    if claim.pk is None:
        claim.created_by = acting_user
    claim.updated_by = acting_user
    _saved(claim)
    record_event(
        claim.organisation, actor=acting_user, verb=verb, target=claim, summary=claim.claim,
        data={"active": claim.active, "source_url": claim.source_url},
    )
    forget_classification_lists(claim.organisation_id)
    return claim


@transaction.atomic
def do_set_claim_active(claim: KnownFalseClaim, *, active: bool, acting_user: Any) -> KnownFalseClaim:
    claim.active = active
    claim.updated_by = acting_user
    _saved(claim)
    verb = "register.claim_activated" if active else "register.claim_deactivated"
    record_event(claim.organisation, actor=acting_user, verb=verb, target=claim, summary=claim.claim)
    forget_classification_lists(claim.organisation_id)
    return claim


@transaction.atomic
def do_remove_false_claim(claim: KnownFalseClaim, *, acting_user: Any) -> None:
    organisation = claim.organisation
    record_event(organisation, actor=acting_user, verb="register.claim_removed", target=claim, summary=claim.claim)
    claim.delete()
    forget_classification_lists(organisation.pk)
