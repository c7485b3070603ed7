"""A GIN index for Dutch full-text search over comment text (PostgreSQL only).

The inbox's search filters on ``to_tsvector('dutch'::regconfig, text)`` (moderation.search),
the exact expression indexed here. SQLite has no full-text configuration; there the inbox
falls back to a case-insensitive substring match.
"""

from __future__ import annotations

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS comment_text_dutch_fts ON moderation_comment "
    "USING gin (to_tsvector('dutch'::regconfig, text))"
)
DROP = "DROP INDEX IF EXISTS comment_text_dutch_fts"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_triage")]
    operations = [migrations.RunPython(create, drop)]
