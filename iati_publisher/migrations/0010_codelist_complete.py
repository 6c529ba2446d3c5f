"""Codelists: the ``complete`` flag of each list (open lists only refuse withdrawn codes), so
that the validator reads the database like the editor; filled from the shipped files."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from iati_publisher.codelists import codelist_files, parse_codelist

    Codelist = apps.get_model("iati_publisher", "Codelist")
    open_lists = []
    for path in codelist_files():
        fields, _items = parse_codelist(path)
        if not fields["complete"]:
            open_lists.append(fields["name"])
    Codelist.objects.filter(name__in=open_lists).update(complete=False)


class Migration(migrations.Migration):
    dependencies = [("iati_publisher", "0009_adopt_kept_parts")]

    operations = [
        migrations.AddField(
            model_name="codelist",
            name="complete",
            field=models.BooleanField(
                default=True,
                help_text="Off for an open list: any code is accepted but its withdrawn ones.",
                verbose_name="complete",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
