"""A GIN index on the expression Wagtail's PostgreSQL backend searches: ``title || body``.

``modelsearch``'s compiler filters ``(title || body) @@ query``; the backend's own GIN indexes
are on ``title`` and on ``body`` separately, which that expression cannot use: every search
was a sequential scan detoasting and concatenating every entry's vectors (650 ms on 10,000
documents). This index matches the expression exactly (check with ``EXPLAIN``: *Bitmap Index
Scan on search_indexentry_title_body_gin*). PostgreSQL only; nothing on other databases.
"""

from django.db import migrations

NAME = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailsearch_indexentry "
        "USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_unanswered_searches"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
