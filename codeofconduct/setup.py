"""Installing the seed's default code of conduct for a new organisation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation
from codeofconduct import default_code
from codeofconduct.models import Article, CodeOfConduct


@transaction.atomic
def install_default_code(organisation: Organisation, *, appeal_contact: str = "") -> CodeOfConduct:
    """Version 1, published now, unless the organisation already has a code (idempotent)."""
    existing = CodeOfConduct.objects.filter(organisation=organisation).order_by("version").first()
    if existing is not None:
        return existing
    code = CodeOfConduct.objects.create(
        organisation=organisation,
        version=1,
        title=default_code.DEFAULT_TITLE,
        intro=default_code.DEFAULT_INTRO,
        procedure=default_code.DEFAULT_PROCEDURE,
        status=CodeOfConduct.Status.PUBLISHED,
        published_at=timezone.now(),
        appeal_contact=appeal_contact,
    )
    Article.objects.bulk_create(
        Article(
            code=code,
            number=article.number,
            title=article.title,
            text=article.text,
            kind=article.kind,
            categories=list(article.categories),
        )
        for article in default_code.DEFAULT_ARTICLES
    )
    return code
