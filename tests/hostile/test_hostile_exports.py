"""Every hostile case through what leaves the app: evidence cards, dossiers, CSV/JSON exports, e-mails."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Department
from codeofconduct.actions import do_warn_author
from codeofconduct.csvsafe import FORMULA_STARTS
from codeofconduct.selectors import code_in_force
from moderation.actions import do_request_action
from moderation.dossier import build_dossier
from moderation.escalation import send_escalation_email
from moderation.evidence import EvidenceCard, render_card
from moderation.external_groups import do_forward_signal, do_record_signal
from moderation.models import Escalation
from tests.hostile.corpus import CASES
from tests.hostile.inert import assert_inert

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_an_evidence_card_renders_even_raw_input(case):
    """Raw, uncleaned text (NUL, lone surrogates, 1 MB) must still give a PNG, never an exception."""
    now = timezone.now()
    card = EvidenceCard(
        organisation="Gemeente Velderbeek",
        platform="Facebook",
        post_title=case.as_text[:300],
        author_name=case.author or case.as_text[:300],
        author_remote_id="123",
        published_at=now,
        captured_at=now,
        text=case.as_text,
        permalink=case.as_text[:300],
    )
    png = render_card(card)
    assert png.startswith(PNG_SIGNATURE) and len(png) < 2_000_000


def test_stored_evidence_and_the_dossier_summary_are_escaped(staff, hostile):
    for name, comment in hostile.items():
        do_request_action(comment, kind="evidence", acting_user=staff, reason=comment.text[:2000])
        archive = zipfile.ZipFile(io.BytesIO(build_dossier(comment)))
        card = next(n for n in archive.namelist() if n.endswith("-kaart.png"))
        assert archive.read(card).startswith(PNG_SIGNATURE), name
        assert json.loads(archive.read("manifest.json"))["comment_id"] == comment.pk
        summary = archive.read("samenvatting.html").decode()
        # the summary's own <style> and <pre style> are ours (an offline file); the rest must be inert
        head, _, rest = summary.partition("<style>")
        ours_removed = (head + rest.partition("</style>")[2]).replace(
            '<pre style="white-space:pre-wrap">', "<pre>"
        )
        assert_inert(ours_removed, f"dossier {name}")
    script_summary = zipfile.ZipFile(io.BytesIO(build_dossier(hostile["script_tag"]))).read(
        "samenvatting.html"
    )
    assert b"&lt;script&gt;window.__pwned=1" in script_summary


def test_the_strikes_csv_never_starts_a_cell_like_a_formula(lead, lead_client, hostile):
    article = code_in_force(lead.memberships.get().organisation).articles.first()
    for comment in hostile.values():
        if comment.author_id and not comment.author.strikes.exists():
            do_warn_author(comment, acting_user=lead, article=article, reason=comment.text[:500])
    response = lead_client.get(reverse("codeofconduct:strikes_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) > len(hostile) // 2
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    assert "'=cmd|' /C calc'!A0" in cells  # kept readable, only defused


def test_the_author_json_export_is_valid_json(admin_client_, hostile):
    for name, comment in hostile.items():
        response = admin_client_.get(reverse("codeofconduct:author_export", args=[comment.author_id]))
        assert response.status_code == 200 and response["Content-Type"] == "application/json", name
        json.loads(response.content)


def test_escalation_e_mails_have_a_clean_subject_and_a_plain_body(lead, hostile):
    department = Department.objects.create(
        organisation=lead.memberships.get().organisation, name="Wegen", email="wegen@velderbeek.example"
    )
    for name, comment in hostile.items():
        escalation = Escalation.objects.create(
            organisation=comment.organisation,
            comment=comment,
            department=department,
            question=comment.text[:4000],
            asked_by=lead,
        )
        mail.outbox.clear()
        assert send_escalation_email(escalation) == 1, name
        (message,) = mail.outbox
        _assert_clean_message(message, name)
        assert comment.text[:200] in message.body, name


def test_forwarding_a_hostile_signal_sends_a_clean_e_mail(staff, hostile):
    organisation = staff.memberships.get().organisation
    department = Department.objects.create(
        organisation=organisation, name="Politie", email="politie@example.org"
    )
    for case in CASES:
        signal = do_record_signal(
            organisation,
            group_name=(case.author or case.as_text)[:200],
            link="",
            text=case.as_text[:20000],
            screenshot=b"",
            acting_user=staff,
        )
        mail.outbox.clear()
        do_forward_signal(signal, department=department, acting_user=staff)
        (message,) = mail.outbox
        _assert_clean_message(message, case.name)


def _assert_clean_message(message, name: str) -> None:
    assert "\n" not in message.subject and "\r" not in message.subject, name
    mime = message.message()  # builds the headers: refuses (raises) on header injection
    assert mime["Bcc"] is None and message.bcc == [], name
    assert mime.get_content_type() == "text/plain", name
