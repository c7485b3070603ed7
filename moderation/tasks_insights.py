"""Celery tasks of the insights: keep the aggregate tables current and send the weekly digests.

Thin wrappers, one organisation per task, so that one slow or failing organisation does not
hold up the others. Beat entries (config/settings.py, CELERY_BEAT_SCHEDULE):
``refresh_insights`` every five minutes, ``rollup_insights`` nightly, ``send_weekly_digests``
on Monday morning.
"""

from __future__ import annotations

from celery import shared_task

from accounts.models import Organisation


@shared_task
def refresh_insights() -> int:
    """Fan out: recount the days whose comments changed, per organisation."""
    ids = list(Organisation.objects.values_list("pk", flat=True))
    for organisation_id in ids:
        refresh_organisation_insights_task.delay(organisation_id)
    return len(ids)


@shared_task
def refresh_organisation_insights_task(organisation_id: int) -> int:
    from moderation.stats import refresh_changed_days

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return len(refresh_changed_days(organisation)) if organisation else 0


@shared_task
def rollup_insights() -> int:
    """Nightly: recount the last weeks whatever changed (catches edits that bypassed ``save``)."""
    ids = list(Organisation.objects.values_list("pk", flat=True))
    for organisation_id in ids:
        rollup_organisation_insights_task.delay(organisation_id)
    return len(ids)


@shared_task
def rollup_organisation_insights_task(organisation_id: int) -> int:
    from moderation.stats import refresh_recent_days

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return refresh_recent_days(organisation) if organisation else 0


@shared_task
def send_weekly_digests() -> int:
    ids = list(Organisation.objects.values_list("pk", flat=True))
    for organisation_id in ids:
        send_organisation_digests_task.delay(organisation_id)
    return len(ids)


@shared_task
def send_organisation_digests_task(organisation_id: int) -> int:
    from moderation.digest import send_weekly_digests as send

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return send(organisation) if organisation else 0
