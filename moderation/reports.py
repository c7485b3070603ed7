"""Forwarding a citizen report ("melding") to the organisation's meldpunt, with a reference."""

from __future__ import annotations

from typing import Any

import requests
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from moderation.actions import ActionRefused, bump_version
from moderation.models import Comment
from moderation.safety import safe_url

WEBHOOK_TIMEOUT = (3.05, 10)


def local_reference(comment: Comment) -> str:
    return f"RW-{timezone.localtime(comment.published_at):%Y}-{comment.pk:06d}"


def _post_to_webhook(url: str, payload: dict[str, Any]) -> str:
    """POST the report; the meldpunt's own reference when it answers with one."""
    try:
        response = requests.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
    except requests.RequestException as exc:
        raise ActionRefused(_("The report point could not be reached: %(error)s") % {"error": exc.__class__.__name__}) from exc
    if response.status_code >= 400:
        raise ActionRefused(_("The report point refused the report (HTTP %(status)d).") % {"status": response.status_code})
    try:
        data = response.json()
    except ValueError:
        return ""
    reference = data.get("reference") if isinstance(data, dict) else None
    return str(reference)[:60] if reference else ""


def do_forward_report(comment: Comment, *, acting_user: Any) -> str:
    """Send the report to the meldpunt (webhook and/or e-mail); returns the recorded reference."""
    organisation = comment.organisation
    if comment.report_reference:
        raise ActionRefused(_("This report was already forwarded (reference %(ref)s).") % {"ref": comment.report_reference})
    webhook = safe_url(organisation.meldpunt_webhook_url)
    if not webhook and not organisation.meldpunt_email:
        raise ActionRefused(_("No report point is configured: an admin sets its e-mail or webhook in the settings."))
    reference = local_reference(comment)
    payload = {
        "reference": reference,
        "organisation": organisation.slug,
        "text": comment.text,
        "published_at": comment.published_at.isoformat(),
        "platform": comment.connection.kind,
        "permalink": comment.permalink,
        "post": comment.post.title if comment.post else "",
    }
    if webhook:
        reference = _post_to_webhook(webhook, payload) or reference
    if organisation.meldpunt_email:
        send_mail(
            _("Citizen report via social media (%(ref)s)") % {"ref": reference},
            _("A citizen reported on social media:\n\n%(text)s\n\nPost: %(post)s\nReference: %(ref)s")
            % {"text": comment.text[:4000], "post": payload["post"], "ref": reference},
            None,
            [organisation.meldpunt_email],
        )
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(report_reference=reference, report_forwarded_at=timezone.now())
        bump_version(comment)
        record_event(
            organisation, actor=acting_user, verb="report.forwarded", target=comment, summary=comment.text[:120],
            data={"reference": reference},
        )
    comment.report_reference = reference
    return reference
