"""Data migration: the title and description narratives that imports kept verbatim in an
activity's ``iati_source`` and the fields do not hold become ``ActivityNarrative`` rows (each
sealed with its narrative and position), and the source is marked ``"narratives": "rows"``
(``iati_publisher.narratives``): the export then writes them from the rows, the unedited ones
verbatim. Cost: one pass over the imported activities, one bulk insert per activity.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from iati_publisher import kept, narratives
    from iati_publisher import models as current

    Activity = apps.get_model("iati_publisher", "Activity")
    ActivityNarrative = apps.get_model("iati_publisher", "ActivityNarrative")
    for activity in Activity.objects.exclude(iati_source={}).iterator(chunk_size=200):
        source = activity.iati_source or {}
        if not source.get("xml") or source.get(narratives.RELATION) == "rows":
            continue
        ActivityNarrative.objects.filter(activity_id=activity.pk).delete()
        rows = []
        for position, (fields, at, xml) in enumerate(narratives.source_rows(source["xml"])):
            row = ActivityNarrative(activity_id=activity.pk, sort_order=position, **fields)
            digest = kept.digest(row, current.ActivityNarrative)
            row.iati_source = {"xml": xml, "digest": digest, "at": at}
            rows.append(row)
        ActivityNarrative.objects.bulk_create(rows)
        activity.iati_source = {**source, narratives.RELATION: "rows"}
        activity.save(update_fields=["iati_source"])


class Migration(migrations.Migration):
    dependencies = [("iati_publisher", "0011_activity_narratives")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
