"""Advice on a reply's tone, from the seed's general guidelines: pure string checks."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from moderation.decision import mirror_form_of_address

LONG_REPLY = 600
# Ambtelijke taal that a citizen should not have to decode (the seed: "heldere taal").
JARGON = (
    "conform", "inzake", "teneinde", "desbetreffende", "middels", "voormeld", "onderhavig", "alsdan",
    "dienaangaande", "derhalve", "hieromtrent", "ingevolge", "vigerend", "reglementering", "procedureel",
    "bevoegdheidsverdeling", "vergunningsplichtig", "ressorteert", "kwestieus", "gelieve",
)
POSITIVE_OPENINGS = (
    "bedankt", "dank", "merci", "fijn", "goed dat", "leuk", "dag", "hallo", "hoi", "beste", "spijt",
    "begrijp", "jammer", "sorry", "proficiat", "wat fijn", "goeiedag", "goedemorgen", "goedemiddag",
)
_WORD = re.compile(r"[\wÀ-ÿ]+", re.UNICODE)


def tone_hints(draft: str, *, citizen_text: str) -> list[str]:
    """Short, friendly hints; an empty list means nothing to remark."""
    hints: list[str] = []
    text = draft.strip()
    if not text:
        return hints
    first_sentence = re.split(r"[.!?\n]", text, maxsplit=1)[0].lower()
    if not any(opening in first_sentence for opening in POSITIVE_OPENINGS):
        hints.append(_("Start positive: thank the person or show empathy first."))
    if len(text) > LONG_REPLY:
        hints.append(_("This reply is long (%(count)d characters); shorter is clearer.") % {"count": len(text)})
    words = {w.lower() for w in _WORD.findall(text)}
    jargon = sorted(words & set(JARGON))
    if jargon:
        hints.append(_("Clear language: avoid %(words)s.") % {"words": ", ".join(jargon)})
    wanted = mirror_form_of_address(citizen_text)
    used = mirror_form_of_address(text) if words & {"u", "uw", "je", "jij", "jouw", "jullie"} else wanted
    if wanted == "u" and used == "je":
        hints.append(_("The citizen writes 'u': mirror that and answer with 'u'."))
    return hints
