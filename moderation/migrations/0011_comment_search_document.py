"""Dutch full-text search on a stored tsvector column (PostgreSQL only).

Migration 0004 indexed the expression ``to_tsvector('dutch', text)``. The index finds matching
rows, but every row the planner walks past in a filtered, limited scan (a queue, a facet count)
had its text parsed again. A stored generated column is parsed once, on write; its GIN index
replaces the expression index. SQLite has no full-text configuration and keeps the substring
fallback (moderation.search).
"""

from __future__ import annotations

from django.db import migrations

FORWARD = (
    "ALTER TABLE moderation_comment ADD COLUMN IF NOT EXISTS search_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, text)) STORED",
    "CREATE INDEX IF NOT EXISTS comment_search_document ON moderation_comment USING gin (search_document)",
    "DROP INDEX IF EXISTS comment_text_dutch_fts",
)
BACKWARD = (
    "CREATE INDEX IF NOT EXISTS comment_text_dutch_fts ON moderation_comment "
    "USING gin (to_tsvector('dutch'::regconfig, text))",
    "DROP INDEX IF EXISTS comment_search_document",
    "ALTER TABLE moderation_comment DROP COLUMN IF EXISTS search_document",
)


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0010_review_index")]
    operations = [migrations.RunPython(forward, backward)]
