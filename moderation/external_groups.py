"""Signals from groups the organisation cannot moderate ("Ge zijt van ..."): tracked, forwarded, never answered."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import Department, Organisation
from moderation.actions import ActionRefused
from moderation.dossier import check_screenshot
from moderation.escalation import recipients_of
from moderation.evidence import sha256_hex
from moderation.models import ExternalSignal
from moderation.safety import clean_text, safe_url


@transaction.atomic
def do_record_signal(
    organisation: Organisation, *, group_name: str, link: str, text: str, screenshot: bytes, acting_user: Any
) -> ExternalSignal:
    if not group_name.strip() or not text.strip():
        raise ActionRefused(_("Name the group and describe what you saw."))
    if link.strip() and not safe_url(link):
        raise ActionRefused(_("The link must start with http:// or https://."))
    content_type = check_screenshot(screenshot) if screenshot else ""
    signal = ExternalSignal.objects.create(
        organisation=organisation,
        group_name=clean_text(group_name)[:200],
        link=safe_url(link),
        text=clean_text(text)[:20000],
        screenshot=screenshot or None,
        screenshot_content_type=content_type,
        screenshot_sha256=sha256_hex(screenshot) if screenshot else "",
        recorded_by=acting_user,
    )
    record_event(organisation, actor=acting_user, verb="signal.recorded", target=signal, summary=f"{signal.group_name}: {signal.text[:100]}")
    return signal


@transaction.atomic
def do_forward_signal(signal: ExternalSignal, *, department: Department, acting_user: Any) -> None:
    if department.organisation_id != signal.organisation_id:
        raise ActionRefused(_("Unknown department."))
    signal.department = department
    signal.forwarded_at = timezone.now()
    signal.save(update_fields=["department", "forwarded_at"])
    recipients = recipients_of(department)
    if recipients:
        send_mail(
            # one line: a newline in a subject would be a header injection (Django refuses it)
            _("Signal from an external group: %(group)s") % {"group": " ".join(signal.group_name.split())},
            _("The communication team saw this in \"%(group)s\" (%(link)s):\n\n%(text)s\n\nFor your information; we do not react in that group.")
            % {"group": signal.group_name, "link": signal.link or "-", "text": signal.text[:4000]},
            None,
            recipients,
        )
    record_event(signal.organisation, actor=acting_user, verb="signal.forwarded", target=signal, summary=signal.group_name, data={"department": department.name})
