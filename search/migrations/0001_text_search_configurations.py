"""PostgreSQL text search configurations of the site search (nothing on other databases).

``ptf_fr`` / ``ptf_en``: the French / English configuration with ``unaccent`` before the
Snowball stemmer, so that "developpement" and "développement" give the same lexeme.
``ptf_simple``: ``unaccent`` and no stemming (suggestions as you type).
``unaccent`` is a trusted extension (PostgreSQL 13+): the database owner may create it.
After this migration, ``python manage.py update_index`` rebuilds the index with them.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIGS = {"ptf_fr": "french", "ptf_en": "english", "ptf_simple": "simple"}
WORDS = "word, hword, hword_part, asciiword, asciihword, hword_asciipart"


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, base in CONFIGS.items():
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone():
                continue
            stemmer = "simple" if base == "simple" else f"{base}_stem"
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORDS} "
                f"WITH unaccent, {stemmer}"
            )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configurations, drop_configurations),
    ]
