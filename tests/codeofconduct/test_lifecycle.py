"""A code of conduct version: draft -> approved -> published; published versions never change."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.models import AuditEvent
from codeofconduct import lifecycle
from codeofconduct.actions import do_warn_author
from codeofconduct.models import Article, CodeOfConduct, PublishedVersionIsImmutable
from codeofconduct.selectors import code_in_force
from moderation.actions import ActionRefused
from moderation.models import ModerationAction
from tests.codeofconduct.conftest import insult_by, publish_new_version
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - timedelta(days=1)


def test_a_new_draft_copies_the_published_version(v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    assert (draft.version, draft.status, draft.based_on) == (2, "draft", v1)
    assert [(a.number, a.title, a.text) for a in draft.articles.all()] == [
        (a.number, a.title, a.text) for a in v1.articles.all()
    ]
    assert AuditEvent.objects.filter(verb="code.draft_created", target_id=draft.pk).exists()


def test_only_one_version_is_prepared_at_a_time(v1, admin_user):
    lifecycle.do_create_draft(v1, acting_user=admin_user)
    with pytest.raises(ActionRefused):
        lifecycle.do_create_draft(v1, acting_user=admin_user)


def test_a_draft_does_not_change_the_code_in_force(organisation, v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    lifecycle.do_update_draft(draft, acting_user=admin_user, title="Nieuwe titel")
    assert code_in_force(organisation) == v1


def test_the_whole_lifecycle_puts_the_new_version_in_force(organisation, v1, admin_user):
    v2 = publish_new_version(v1, admin=admin_user)
    assert code_in_force(organisation) == v2
    assert (v2.college_approved_on, v2.mat_approved_on, v2.approval_reference) == (
        YESTERDAY,
        YESTERDAY,
        "CBS 2025/123",
    )
    assert v2.approved_by == admin_user and v2.published_by == admin_user
    verbs = set(
        AuditEvent.objects.filter(organisation=organisation, verb__startswith="code.").values_list(
            "verb", flat=True
        )
    )
    assert {"code.draft_created", "code.article_saved", "code.approved", "code.published"} <= verbs


def test_a_version_published_for_a_later_date_comes_into_force_then(organisation, v1, admin_user):
    later = timezone.localdate() + timedelta(days=10)
    v2 = publish_new_version(v1, admin=admin_user, effective_on=later)
    assert code_in_force(organisation) == v1
    with time_machine.travel(timezone.now() + timedelta(days=11)):
        assert code_in_force(organisation) == v2


def test_a_draft_cannot_be_published_without_approval(v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    with pytest.raises(ActionRefused):
        lifecycle.do_publish_code(draft, acting_user=admin_user, effective_on=timezone.localdate())


@pytest.mark.parametrize(
    ("college", "mat", "reference"),
    [
        (None, YESTERDAY, "CBS 1"),  # the college's approval is missing
        (YESTERDAY, None, "CBS 1"),  # the MAT's approval is missing
        (YESTERDAY, YESTERDAY, "  "),  # no decision reference
        (timezone.localdate() + timedelta(days=1), YESTERDAY, "CBS 1"),  # approved in the future
    ],
)
def test_an_approval_needs_both_dates_and_a_reference(v1, admin_user, college, mat, reference):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    with pytest.raises(ActionRefused):
        lifecycle.do_approve_code(
            draft,
            acting_user=admin_user,
            college_approved_on=college,
            mat_approved_on=mat,
            reference=reference,
        )
    assert CodeOfConduct.objects.get(pk=draft.pk).status == "draft"


def test_a_version_cannot_come_into_force_in_the_past(v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    lifecycle.do_approve_code(
        draft,
        acting_user=admin_user,
        college_approved_on=YESTERDAY,
        mat_approved_on=YESTERDAY,
        reference="CBS 1",
    )
    with pytest.raises(ActionRefused):
        lifecycle.do_publish_code(draft, acting_user=admin_user, effective_on=YESTERDAY)


def test_an_article_number_and_a_category_are_used_once_per_version(v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    with pytest.raises(ActionRefused):
        lifecycle.do_save_article(
            draft, acting_user=admin_user, number=7, title="Dubbel", text="x", kind="unwanted"
        )
    with pytest.raises(ActionRefused):
        lifecycle.do_save_article(
            draft,
            acting_user=admin_user,
            number=99,
            title="Ook scheldwoorden",
            text="x",
            kind="unwanted",
            categories=["insult"],
        )
    assert draft.articles.count() == v1.articles.count()


# --- Immutability -----------------------------------------------------------------------------


def test_a_published_version_cannot_be_saved_with_changes(v1):
    v1.title = "Stiekem aangepast"
    with pytest.raises(PublishedVersionIsImmutable):
        v1.save()
    assert CodeOfConduct.objects.get(pk=v1.pk).title != "Stiekem aangepast"


def test_a_published_version_cannot_be_unpublished_or_deleted(v1):
    v1.status = CodeOfConduct.Status.DRAFT
    with pytest.raises(PublishedVersionIsImmutable):
        v1.save()
    with pytest.raises(PublishedVersionIsImmutable):
        CodeOfConduct.objects.get(pk=v1.pk).delete()
    with pytest.raises(PublishedVersionIsImmutable):
        CodeOfConduct.objects.filter(pk=v1.pk).update(title="x")


def test_articles_of_a_published_version_cannot_change(v1):
    article = v1.articles.get(number=7)
    article.text = "Alles mag."
    with pytest.raises(PublishedVersionIsImmutable):
        article.save()
    with pytest.raises(PublishedVersionIsImmutable):
        Article.objects.filter(code=v1).update(text="Alles mag.")
    with pytest.raises(PublishedVersionIsImmutable):
        Article.objects.create(code=v1, number=50, title="Extra", text="x", kind="allowed")
    with pytest.raises(PublishedVersionIsImmutable):
        article.delete()
    assert Article.objects.get(pk=article.pk).text != "Alles mag."


def test_an_approved_version_is_frozen_too(v1, admin_user):
    draft = lifecycle.do_create_draft(v1, acting_user=admin_user)
    lifecycle.do_approve_code(
        draft,
        acting_user=admin_user,
        college_approved_on=YESTERDAY,
        mat_approved_on=YESTERDAY,
        reference="CBS 1",
    )
    with pytest.raises(ActionRefused):
        lifecycle.do_update_draft(draft, acting_user=admin_user, title="Na goedkeuring")
    article = draft.articles.first()
    with pytest.raises(ActionRefused):
        lifecycle.do_save_article(
            draft,
            acting_user=admin_user,
            article=article,
            number=article.number,
            title="Na goedkeuring",
            text="x",
            kind=article.kind,
        )
    article.title = "Na goedkeuring"
    with pytest.raises(PublishedVersionIsImmutable):
        article.save()


def test_an_old_action_keeps_citing_the_old_article_after_a_new_version(
    organisation, connection, v1, staff, admin_user
):
    comment = insult_by(AuthorFactory(organisation=organisation), connection)
    strike = do_warn_author(
        comment, acting_user=staff, message="Je reactie gaat in tegen art. 7 van onze gedragscode."
    )
    old_article = strike.article
    old_text = old_article.text
    warning = ModerationAction.objects.get(comment=comment, kind="warn")

    v2 = publish_new_version(v1, admin=admin_user, new_text="Een heel andere tekst voor artikel 7.")

    strike.refresh_from_db()
    warning.refresh_from_db()
    assert strike.article == old_article and strike.code_version == 1
    assert warning.article == old_article
    assert warning.article.text == old_text and warning.article.code.version == 1
    assert v2.articles.get(number=7).text == "Een heel andere tekst voor artikel 7."
    # and a new warning cites the new version
    later = do_warn_author(insult_by(comment.author, connection), acting_user=staff)
    assert later.article.code == v2 and later.code_version == 2


# --- Review reminder ------------------------------------------------------------------------------


def test_admins_are_reminded_once_when_a_review_is_due(
    organisation, admin_user, staff, django_capture_on_commit_callbacks
):
    admin_user.email = "beheerder@velderbeek.example"
    admin_user.save()
    staff.email = "medewerker@velderbeek.example"
    staff.save()
    due = timezone.localdate() + timedelta(days=30)
    lifecycle.do_set_review(
        organisation, acting_user=admin_user, review_due_on=due, review_note="Na de verkiezingen"
    )

    assert lifecycle.do_remind_due_reviews(today=due - timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert lifecycle.do_remind_due_reviews(today=due) == 1
    assert lifecycle.do_remind_due_reviews(today=due + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["beheerder@velderbeek.example"]
    assert "Na de verkiezingen" in mail.outbox[0].body
    assert AuditEvent.objects.filter(organisation=organisation, verb="code.review_due").count() == 1


def test_a_new_review_date_gets_its_own_reminder(organisation, admin_user):
    today = timezone.localdate()
    lifecycle.do_set_review(organisation, acting_user=admin_user, review_due_on=today)
    assert lifecycle.do_remind_due_reviews(today=today) == 1
    lifecycle.do_set_review(organisation, acting_user=admin_user, review_due_on=today + timedelta(days=5))
    assert lifecycle.do_remind_due_reviews(today=today + timedelta(days=5)) == 1
