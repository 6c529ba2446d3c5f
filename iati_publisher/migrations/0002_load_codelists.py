"""Load the official IATI codelists shipped in iati_publisher/data/codelists."""

from django.db import migrations


def load(apps, schema_editor):
    from iati_publisher.codelists import load_codelists

    load_codelists(
        Codelist=apps.get_model("iati_publisher", "Codelist"),
        CodelistItem=apps.get_model("iati_publisher", "CodelistItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("iati_publisher", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
