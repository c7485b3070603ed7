"""Evidence dossiers: uploaded screenshots checked, and a ZIP for police, Unia or the platform."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from accounts.audit import record_event
from accounts.models import AuditEvent
from moderation.actions import ActionRefused, do_store_evidence
from moderation.evidence import sha256_hex
from moderation.models import Comment, Evidence

MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def check_screenshot(data: bytes) -> str:
    """The content type of a valid screenshot; ActionRefused with a clear reason otherwise."""
    if not data:
        raise ActionRefused(_("Choose a screenshot file."))
    if len(data) > MAX_SCREENSHOT_BYTES:
        raise ActionRefused(_("The screenshot is larger than 5 MB."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ActionRefused(_("This file is not a PNG, JPEG or WebP image.")) from exc
    if kind not in ALLOWED_FORMATS:
        raise ActionRefused(_("This file is not a PNG, JPEG or WebP image."))
    return ALLOWED_FORMATS[kind]


@transaction.atomic(durable=True)
def do_attach_screenshot(comment: Comment, *, data: bytes, acting_user: Any) -> Evidence:
    """Attach an uploaded screenshot to the newest evidence of the comment (made now if none)."""
    content_type = check_screenshot(data)
    evidence = comment.evidence.order_by("-captured_at").first() or do_store_evidence(comment, acting_user=acting_user)
    evidence.screenshot = data
    evidence.screenshot_content_type = content_type
    evidence.screenshot_sha256 = sha256_hex(data)
    evidence.save(update_fields=["screenshot", "screenshot_content_type", "screenshot_sha256"])
    record_event(
        comment.organisation,
        actor=acting_user,
        verb="evidence.screenshot_added",
        target=comment,
        summary=comment.text[:120],
        data={"evidence_id": evidence.pk, "screenshot_sha256": evidence.screenshot_sha256},
    )
    return evidence


def build_dossier(comment: Comment) -> bytes:
    """A ZIP with every evidence item, their SHA-256, the audit lines and a printable summary."""
    buffer = io.BytesIO()
    items = list(comment.evidence.order_by("captured_at"))
    events = list(AuditEvent.objects.filter(organisation=comment.organisation, target_type="comment", target_id=comment.pk).order_by("created_at"))
    manifest: list[dict[str, Any]] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            prefix = f"bewijs-{item.pk}"
            archive.writestr(f"{prefix}-kaart.png", bytes(item.image_png))
            archive.writestr(f"{prefix}-tekst.txt", item.text)
            entry = {
                "evidence_id": item.pk,
                "captured_at": item.captured_at.isoformat(),
                "card": f"{prefix}-kaart.png",
                "card_sha256": item.image_sha256,
                "text": f"{prefix}-tekst.txt",
                "text_sha256": item.text_sha256,
            }
            if item.screenshot:
                extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(item.screenshot_content_type, "bin")
                archive.writestr(f"{prefix}-screenshot.{extension}", bytes(item.screenshot))
                entry |= {"screenshot": f"{prefix}-screenshot.{extension}", "screenshot_sha256": item.screenshot_sha256}
            manifest.append(entry)
        archive.writestr("manifest.json", json.dumps({"comment_id": comment.pk, "evidence": manifest}, indent=2, ensure_ascii=False))
        archive.writestr("samenvatting.html", _summary_html(comment, items, events))
    return buffer.getvalue()


def _summary_html(comment: Comment, items: list[Evidence], events: list[AuditEvent]) -> str:
    """A plain, printable page (print to PDF from any browser); every value escaped."""
    rows = "".join(
        f"<tr><td>{escape(timezone.localtime(e.created_at).strftime('%d/%m/%Y %H:%M'))}</td><td>{escape(e.actor_name)}</td>"
        f"<td>{escape(e.verb)}</td><td>{escape(e.reason)}</td><td>{escape(e.article)}</td></tr>"
        for e in events
    )
    hashes = "".join(
        f"<li>{escape(timezone.localtime(i.captured_at).strftime('%d/%m/%Y %H:%M'))}: kaart {escape(i.image_sha256)}, tekst {escape(i.text_sha256)}"
        + (f", screenshot {escape(i.screenshot_sha256)}" if i.screenshot else "")
        + "</li>"
        for i in items
    )
    author = comment.author.name if comment.author else "onbekend"
    return (
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Dossier</title>"
        "<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}td,th{border:1px solid #999;padding:4px}"
        "table{border-collapse:collapse}</style></head><body>"
        f"<h1>Dossier — {escape(comment.organisation.name)}</h1>"
        f"<p>Opgemaakt op {escape(timezone.localtime().strftime('%d/%m/%Y %H:%M'))} voor politie, Unia of het platform.</p>"
        f"<h2>Reactie</h2><p><strong>Auteur:</strong> {escape(author)}<br>"
        f"<strong>Geplaatst:</strong> {escape(timezone.localtime(comment.published_at).strftime('%d/%m/%Y %H:%M'))}<br>"
        f"<strong>Platform:</strong> {escape(comment.connection.get_kind_display())}<br>"
        f"<strong>Link:</strong> {escape(comment.permalink or '—')}</p>"
        f"<pre style=\"white-space:pre-wrap\">{escape(comment.text)}</pre>"
        f"<h2>Bewijsstukken (SHA-256)</h2><ul>{hashes}</ul>"
        f"<h2>Genomen stappen</h2><table><tr><th>Wanneer</th><th>Wie</th><th>Wat</th><th>Reden</th><th>Artikel</th></tr>{rows}</table>"
        "</body></html>"
    )


def delete_expired_evidence(*, now: Any = None) -> int:
    """Evidence is personal data: remove it after each organisation's retention period."""
    from accounts.models import Organisation

    now = now or timezone.now()
    removed = 0
    for organisation in Organisation.objects.all():
        limit = now - timedelta(days=organisation.evidence_retention_days)
        removed += Evidence.objects.filter(organisation=organisation, captured_at__lt=limit).delete()[0]
    return removed
