"""Staff wellbeing: count exposure to harmful comments and suggest a break, gently."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from moderation.models import Comment, Exposure


def is_harmful(comment: Comment) -> bool:
    return comment.conduct == "criminal" or comment.category == "insult"


@transaction.atomic
def record_exposure(comment: Comment, *, user: Any) -> int:
    """Count one more harmful comment opened today; returns today's count (0 if not harmful)."""
    today = timezone.localdate()
    if not is_harmful(comment):
        return exposure_today(user=user, organisation=comment.organisation)
    exposure, _created = Exposure.objects.get_or_create(user=user, organisation=comment.organisation, day=today)
    Exposure.objects.filter(pk=exposure.pk).update(count=F("count") + 1)
    exposure.refresh_from_db()
    return exposure.count


def exposure_today(*, user: Any, organisation: Any) -> int:
    return (
        Exposure.objects.filter(user=user, organisation=organisation, day=timezone.localdate())
        .values_list("count", flat=True)
        .first()
        or 0
    )


def should_suggest_break(count: int, *, threshold: int) -> bool:
    """From the organisation's threshold on (0 switches the suggestion off)."""
    return threshold > 0 and count >= threshold
