"""Fixtures for the code of conduct and the register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from codeofconduct import lifecycle
from codeofconduct.selectors import code_in_force
from tests.factories import AuthorFactory, CommentFactory, ConnectionFactory


@pytest.fixture
def v1(organisation):
    return code_in_force(organisation)


def publish_new_version(
    source,
    *,
    admin,
    change_article=7,
    new_text="Scheldwoorden en beledigingen horen hier niet thuis.",
    effective_on=None,
):
    """Draft from ``source``, change one article, approve and publish: the whole lifecycle."""
    draft = lifecycle.do_create_draft(source, acting_user=admin)
    article = draft.articles.get(number=change_article)
    lifecycle.do_save_article(
        draft,
        acting_user=admin,
        article=article,
        number=article.number,
        title=article.title,
        text=new_text,
        kind=article.kind,
        categories=article.categories,
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    lifecycle.do_approve_code(
        draft,
        acting_user=admin,
        college_approved_on=yesterday,
        mat_approved_on=yesterday,
        reference="CBS 2025/123",
    )
    return lifecycle.do_publish_code(
        draft, acting_user=admin, effective_on=effective_on or timezone.localdate()
    )


@pytest.fixture
def offender(organisation):
    return AuthorFactory(organisation=organisation, name="Herhaalde Heethoofd")


@pytest.fixture
def instagram_connection(organisation):
    return ConnectionFactory(
        organisation=organisation, kind="instagram", name="Velderbeek op Instagram", options={}
    )


def insult_by(author, connection):
    return CommentFactory(connection=connection, author=author, insult=True)
