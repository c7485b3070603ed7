"""Full-text search in Dutch: PostgreSQL's dutch configuration with a GIN index, else LIKE."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, Q, QuerySet


class DutchDocument(Func):
    """to_tsvector('dutch', text): the exact expression of the index in migration 0004."""

    template = "to_tsvector('dutch'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def matching_text(queryset: QuerySet, query: str) -> QuerySet:
    """Comments whose text matches ``query`` (stemmed on PostgreSQL), or whose author matches."""
    if connection.vendor == "postgresql":
        search = SearchQuery(query, config="dutch", search_type="websearch")
        from moderation.models import Author

        # Author names through a subquery on the small table, so the text match keeps its GIN index.
        authors = Author.objects.filter(name__icontains=query).values("pk")
        return queryset.alias(document=DutchDocument(F("text"))).filter(Q(document=search) | Q(author_id__in=authors))
    return queryset.filter(Q(text__icontains=query) | Q(author__name__icontains=query))
