from __future__ import annotations

import pytest
from django.urls import reverse

from moderation.models import ModerationAction
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_suggested_steps_of_the_tree_for_an_insult(staff_client, connection):
    comment = CommentFactory(connection=connection, insult=True, reasons=[{"code": "insult.swear_word", "evidence": "idioten"}])
    response = staff_client.get(reverse("moderation:comment", args=[comment.pk]))
    steps = [planned.step.action for planned in response.context["planned_steps"]]
    assert "warn" in steps and "reply" in steps
    html = response.content.decode()
    assert "idioten" in html
    assert response.context["article"] is not None and "insult" in response.context["article"].categories


def test_the_next_step_moves_on_when_a_step_is_done(staff_client, connection, staff):
    comment = CommentFactory(connection=connection, insult=True)
    url = reverse("moderation:comment", args=[comment.pk])
    first_next = next(p for p in staff_client.get(url).context["planned_steps"] if p.is_next)
    staff_client.post(reverse("moderation:act", args=[comment.pk, "step_done"]), {"step": first_next.step.action})
    if first_next.step.action in {"reply", "ask_edit", "private_reply", "warn", "delete", "hide"}:
        pytest.skip("first step is a platform step in this tree")
    planned = staff_client.get(url).context["planned_steps"]
    done = next(p for p in planned if p.step.action == first_next.step.action)
    assert done.done is not None and not done.is_next


def test_the_reply_mirrors_the_u_form(staff_client, connection):
    comment = CommentFactory(connection=connection, text="Kan u mij zeggen wanneer uw containerpark open is?")
    context = staff_client.get(reverse("moderation:comment", args=[comment.pk])).context
    assert context["form_of_address"] == "u"


def test_an_outsider_gets_404(outsider_client, connection):
    comment = CommentFactory(connection=connection)
    assert outsider_client.get(reverse("moderation:comment", args=[comment.pk])).status_code == 404


def test_one_click_hide_from_the_inbox_row_returns_the_row(staff_client, connection, staff):
    comment = CommentFactory(connection=connection, insult=True)
    response = staff_client.post(
        reverse("moderation:act", args=[comment.pk, "hide"]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET=f"comment-{comment.pk}",
    )
    assert response.status_code == 200
    assert f'id="comment-{comment.pk}"' in response.content.decode()
    action = ModerationAction.objects.get(comment=comment)
    assert action.kind == "hide" and action.acting_user == staff


def test_an_outsider_cannot_act(outsider_client, connection):
    comment = CommentFactory(connection=connection)
    response = outsider_client.post(reverse("moderation:act", args=[comment.pk, "hide"]))
    assert response.status_code == 404
    assert not ModerationAction.objects.exists()


def test_delete_without_confirmation_is_refused_with_a_message(staff_client, connection):
    comment = CommentFactory(connection=connection, insult=True)
    response = staff_client.post(reverse("moderation:act", args=[comment.pk, "delete"]), {"reason": "x"}, follow=True)
    assert not ModerationAction.objects.exists()
    assert any("undone" in str(m) or "ongedaan" in str(m) for m in response.context["messages"])
