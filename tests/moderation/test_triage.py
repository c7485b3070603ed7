from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.models import AuditEvent
from moderation.actions import ActionRefused, do_request_action, execute_action
from moderation.approvals import do_decide_reply
from moderation.dossier import build_dossier, check_screenshot, do_attach_screenshot
from moderation.evidence import sha256_hex
from moderation.models import Comment, FollowUp, ModerationAction, SavedView
from moderation.presence import save_draft, touch
from moderation.tasks import fire_due_follow_ups
from moderation.triage import do_assign, do_bulk, do_label, do_schedule_follow_up
from moderation.wellbeing import record_exposure, should_suggest_break
from tests.factories import CommentFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_assign_to_a_colleague_and_refuse_an_outsider(connection, staff, lead, outsider):
    comment = CommentFactory(connection=connection)
    do_assign(comment, assignee=lead, acting_user=staff)
    assert Comment.objects.get(pk=comment.pk).assigned_to == lead
    with pytest.raises(ActionRefused):
        do_assign(comment, assignee=outsider, acting_user=staff)
    assert AuditEvent.objects.filter(verb="comment.assigned", target_id=comment.pk).count() == 1


def test_labelling_sets_conduct_and_priority_and_clears_review(connection, staff):
    comment = CommentFactory(connection=connection, category="question", needs_review=True)
    do_label(comment, category="threat", acting_user=staff)
    comment.refresh_from_db()
    assert (comment.category, comment.conduct, comment.priority, comment.needs_review) == ("threat", "criminal", 0, False)
    event = AuditEvent.objects.get(verb="comment.labelled", target_id=comment.pk)
    assert event.data == {"from": "question", "to": "threat"}


def test_bulk_hide_a_wave_of_spam_skips_what_cannot_be_done(connection, staff):
    spam = CommentFactory.create_batch(4, connection=connection, category="spam", conduct="unwanted")
    Comment.objects.filter(pk=spam[0].pk).update(platform_state="hidden")
    spam[0].refresh_from_db()
    result = do_bulk(spam, operation="hide", acting_user=staff)
    assert result == {"done": 3, "refused": 1}
    assert ModerationAction.objects.filter(kind="hide", state="pending").count() == 3


def test_bulk_label_and_assign_through_the_view(staff_client, connection, lead):
    comments = CommentFactory.create_batch(3, connection=connection, category="other")
    response = staff_client.post(
        reverse("moderation:bulk"), {"ids": [c.pk for c in comments], "operation": "label", "category": "spam"}
    )
    assert response.status_code == 302
    assert set(Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("category", flat=True)) == {"spam"}
    staff_client.post(reverse("moderation:bulk"), {"ids": [comments[0].pk], "operation": "assign", "assignee": lead.pk})
    assert Comment.objects.get(pk=comments[0].pk).assigned_to == lead


def test_bulk_never_touches_another_organisations_comments(outsider_client, connection):
    comment = CommentFactory(connection=connection)
    outsider_client.post(reverse("moderation:bulk"), {"ids": [comment.pk], "operation": "mark_handled"})
    assert Comment.objects.get(pk=comment.pk).status == "open"


def test_a_follow_up_fires_from_beat_with_the_condition_checked(connection, staff):
    comment = CommentFactory(connection=connection, insult=True, content_hash="abc")
    follow_up = do_schedule_follow_up(comment, kind="delete_if_unchanged", hours=24, acting_user=staff)
    assert fire_due_follow_ups() == 0
    FollowUp.objects.filter(pk=follow_up.pk).update(due_at=timezone.now() - timedelta(seconds=1))
    assert fire_due_follow_ups() == 1
    follow_up.refresh_from_db()
    assert "Not edited" in follow_up.outcome or "Niet aangepast" in follow_up.outcome


def test_a_follow_up_notices_an_edit(connection, staff):
    comment = CommentFactory(connection=connection, insult=True, content_hash="before")
    follow_up = do_schedule_follow_up(comment, kind="delete_if_unchanged", hours=1, acting_user=staff)
    Comment.objects.filter(pk=comment.pk).update(content_hash="after")
    FollowUp.objects.filter(pk=follow_up.pk).update(due_at=timezone.now() - timedelta(seconds=1))
    fire_due_follow_ups()
    follow_up.refresh_from_db()
    assert "edited" in follow_up.outcome or "aangepast" in follow_up.outcome


def test_saved_views_belong_to_one_user(staff_client, staff, lead, organisation):
    staff_client.post(reverse("moderation:save_view"), {"name": "Strafbaar", "query": "conduct=criminal"})
    assert SavedView.objects.get(user=staff).query == "conduct=criminal"
    lead_html = client_for(lead).get(reverse("moderation:inbox")).content.decode()
    assert "Strafbaar" not in lead_html.split("saved-views")[1][:400]


def test_a_stale_form_is_refused_when_a_colleague_acted_first(connection, staff, lead):
    comment = CommentFactory(connection=connection, insult=True)
    seen = comment.version
    do_request_action(comment, kind="mark_handled", acting_user=lead, seen_version=seen)
    with pytest.raises(ActionRefused) as refused:
        do_request_action(comment, kind="hide", acting_user=staff, seen_version=seen)
    assert lead.get_full_name() in str(refused.value) or lead.username in str(refused.value)
    assert not ModerationAction.objects.filter(kind="hide").exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_handling_the_same_comment_at_once_do_it_once(organisation, connection, staff, lead):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection as db_connection

    if db_connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    comment = CommentFactory(connection=connection)

    def attempt(user):
        try:
            do_request_action(Comment.objects.get(pk=comment.pk), kind="mark_handled", acting_user=user, seen_version=0)
            return "done"
        except ActionRefused:
            return "refused"
        finally:
            db_connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(attempt, [staff, lead]))
    assert results == ["done", "refused"]
    assert ModerationAction.objects.filter(comment=comment, kind="mark_handled").count() == 1


def test_presence_shows_a_colleague_and_what_they_write(connection, staff, lead):
    comment = CommentFactory(connection=connection)
    assert touch(comment, staff) == []
    save_draft(comment, lead, "Dag Jan, bedankt voor je vraag")
    viewers = touch(comment, lead)
    assert [v.user_id for v in viewers] == [staff.pk]
    seen_by_staff = touch(comment, staff)
    assert seen_by_staff[0].user_id == lead.pk and "bedankt" in seen_by_staff[0].draft


def test_presence_panel_view_escapes_drafts(staff_client, connection, lead):
    comment = CommentFactory(connection=connection)
    save_draft(comment, lead, "<script>alert(1)</script>")
    touch(comment, lead)
    html = staff_client.get(reverse("moderation:presence", args=[comment.pk])).content.decode()
    assert "&lt;script&gt;" in html and "<script>alert" not in html


def test_staff_replies_wait_for_a_lead_when_the_organisation_asks(connection, staff, lead):
    connection.organisation.replies_need_approval = True
    connection.organisation.save()
    comment = CommentFactory(connection=connection)
    action = do_request_action(comment, kind="reply", acting_user=staff, text="Bedankt voor je vraag!")
    assert action.state == ModerationAction.State.AWAITING_APPROVAL
    with pytest.raises(ActionRefused):
        do_decide_reply(action, acting_user=staff, approve=True)
    do_decide_reply(action, acting_user=lead, approve=True, text="Bedankt voor je vraag! Tot 18 uur.")
    execute_action(action.pk)
    action.refresh_from_db()
    assert action.state == "done" and action.approved_by == lead and action.text.endswith("Tot 18 uur.")


def test_a_lead_reply_needs_no_approval(connection, lead):
    connection.organisation.replies_need_approval = True
    connection.organisation.save()
    action = do_request_action(CommentFactory(connection=connection), kind="reply", acting_user=lead, text="Dag!")
    assert action.state == ModerationAction.State.PENDING


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("data", [b"", b"GIF89a not really", b"<svg onload=alert(1)>", b"\x89PNG broken"])
def test_a_screenshot_must_be_a_real_image(data):
    with pytest.raises(ActionRefused):
        check_screenshot(data)


def test_the_dossier_holds_every_item_with_matching_hashes(connection, staff):
    comment = CommentFactory(connection=connection, hateful=True)
    action = do_request_action(comment, kind="delete", acting_user=staff, reason="haatspraak")
    do_attach_screenshot(comment, data=png_bytes(), acting_user=staff)
    execute_action(action.pk)
    archive = zipfile.ZipFile(io.BytesIO(build_dossier(comment)))
    manifest = json.loads(archive.read("manifest.json"))
    item = manifest["evidence"][0]
    assert sha256_hex(archive.read(item["card"])) == item["card_sha256"]
    assert sha256_hex(archive.read(item["screenshot"])) == item["screenshot_sha256"]
    assert archive.read(item["text"]).decode() == comment.text
    summary = archive.read("samenvatting.html").decode()
    assert "haatspraak" in summary and "delete.done" in summary


def test_the_dossier_download_is_scoped(outsider_client, staff_client, connection, staff):
    comment = CommentFactory(connection=connection, hateful=True)
    do_request_action(comment, kind="evidence", acting_user=staff)
    url = reverse("moderation:dossier", args=[comment.pk])
    assert staff_client.get(url)["Content-Type"] == "application/zip"
    assert outsider_client.get(url).status_code == 404


def test_harmful_comments_are_counted_and_a_break_suggested(connection, staff):
    connection.organisation.exposure_break_threshold = 2
    harmful = CommentFactory(connection=connection, insult=True)
    harmless = CommentFactory(connection=connection)
    assert record_exposure(harmless, user=staff) == 0
    assert record_exposure(harmful, user=staff) == 1
    assert record_exposure(harmful, user=staff) == 2
    assert should_suggest_break(2, threshold=2) and not should_suggest_break(1, threshold=2)


def test_harmful_text_is_folded_away_on_the_comment_page(staff_client, connection):
    comment = CommentFactory(connection=connection, insult=True)
    html = staff_client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert '<details class="sensitive">' in html


def test_author_page_lists_the_authors_comments_only_in_this_organisation(staff_client, outsider_client, connection):
    comment = CommentFactory(connection=connection, text="Eerste reactie van deze auteur")
    url = reverse("moderation:author", args=[comment.author_id])
    assert "Eerste reactie van deze auteur" in staff_client.get(url).content.decode()
    assert outsider_client.get(url).status_code == 404


def test_department_members_cannot_bulk(department_user, connection):
    comment = CommentFactory(connection=connection)
    response = client_for(department_user).post(reverse("moderation:bulk"), {"ids": [comment.pk], "operation": "hide"})
    assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_moderators_lock_on_a_comment_does_not_hold_up_the_sync_linking_a_reply_to_it(organisation, connection, staff, lead):
    """Moderators lock comments FOR NO KEY UPDATE: a sync linking a reply (its foreign-key check takes KEY SHARE
    on the parent) goes on. A FOR UPDATE lock made them wait for each other and, in a load run, deadlock."""
    import threading

    from django.db import OperationalError, transaction
    from django.db import connection as db_connection

    from moderation.triage import do_assign

    if db_connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    parent = CommentFactory(connection=connection)
    reply = CommentFactory(connection=connection, parent_remote_id=parent.remote_id)
    outcome: list[str] = []

    def sync_links_the_reply():
        try:
            with transaction.atomic():
                with db_connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '3s'")
                linked = Comment.objects.get(pk=reply.pk)
                linked.parent = parent
                linked.save(update_fields=["parent"])
            outcome.append("linked")
        except OperationalError as exc:
            outcome.append(f"waited: {exc}")
        finally:
            db_connection.close()

    with transaction.atomic():
        do_assign(parent, assignee=staff, acting_user=lead)   # holds the parent's row lock until this block ends
        worker = threading.Thread(target=sync_links_the_reply)
        worker.start()
        worker.join(timeout=10)
    assert outcome == ["linked"]
    assert Comment.objects.get(pk=reply.pk).parent_id == parent.pk
