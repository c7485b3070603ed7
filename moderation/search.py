"""Full-text search in Dutch: PostgreSQL's dutch configuration with a GIN index, else LIKE."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Expression, F, Func, Q, QuerySet

if TYPE_CHECKING:
    from accounts.models import Organisation


class SearchDocument(Expression):
    """The comment's stored ``search_document`` column: to_tsvector('dutch', text), see migration 0011."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.search_document", []


# At most this many matching author names count: more than that is not a name search any more.
MAX_MATCHING_AUTHORS = 200


class AnyOf(Func):
    """``value = ANY(array)``: true when ``value`` is one of the array's elements."""

    output_field = BooleanField()
    conditional = True

    def as_sql(self, compiler, connection, **extra_context):
        value, array = self.get_source_expressions()
        value_sql, value_params = compiler.compile(value)
        array_sql, array_params = compiler.compile(array)
        return f"{value_sql} = ANY({array_sql})", (*value_params, *array_params)


def matching_text(queryset: QuerySet, query: str, *, organisation: Organisation) -> QuerySet:
    """The organisation's comments whose text matches ``query`` (stemmed on PostgreSQL), or whose author's name does."""
    if connection.vendor == "postgresql":
        from moderation.models import Author

        search = SearchQuery(query, config="dutch", search_type="websearch")
        # The author ids as an array evaluated once, so PostgreSQL can OR two index scans (GIN on
        # the text, b-tree on the author); a hashed subplan would make it test every row instead.
        author_ids = ArraySubquery(
            Author.objects.filter(organisation=organisation, name__icontains=query).values("pk")[:MAX_MATCHING_AUTHORS]
        )
        matches = Q(document=search) | Q(AnyOf(F("author_id"), author_ids))
        return queryset.alias(document=SearchDocument()).filter(matches)
    return queryset.filter(Q(text__icontains=query) | Q(author__name__icontains=query))

