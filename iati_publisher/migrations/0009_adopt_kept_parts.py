"""Data migration: what imports kept verbatim and the models now hold moves into them.

- Policy markers, humanitarian scopes, tags, other identifiers and related activities kept in an
  activity's ``iati_source`` become rows (each sealed with its element) and leave the source,
  which is marked ``"parts": "rows"`` (``extra_parts``): nothing is published twice.
- The humanitarian flag of an activity and the recipient country / region of a transaction are
  filled from their element; a row nobody edited is sealed again (it is still re-published
  verbatim), an edited one keeps its fingerprint (it is still merged).

Fingerprints list the fields of the current models (``kept.digest``), as the import computed
them. Cost: one pass over the imported activities and transactions, bulk writes per activity.
"""

from django.db import migrations

NEW_ACTIVITY_FIELDS = ("humanitarian",)
NEW_TRANSACTION_FIELDS = ("recipient_country", "recipient_region")
MODELS = {
    "other_identifiers": "OtherIdentifier",
    "tags": "ActivityTag",
    "humanitarian_scopes": "HumanitarianScope",
    "policy_markers": "PolicyMarker",
    "related_activities": "RelatedActivity",
}


def _reseal(obj, current_model, new_fields):
    from iati_publisher import extra_parts, kept

    source = obj.iati_source
    before = kept.digest(obj, current_model, exclude=new_fields)
    extra_parts.complete(obj, source["xml"])
    if source.get("digest") == before:
        obj.iati_source = {**obj.iati_source, "digest": kept.digest(obj, current_model)}


def forwards(apps, schema_editor):
    from iati_publisher import extra_parts, kept
    from iati_publisher import models as current

    Activity = apps.get_model("iati_publisher", "Activity")
    Transaction = apps.get_model("iati_publisher", "Transaction")
    models = {name: apps.get_model("iati_publisher", model) for name, model in MODELS.items()}
    for activity in Activity.objects.exclude(iati_source={}).iterator(chunk_size=200):
        source = activity.iati_source or {}
        if not source.get("xml"):
            continue
        _reseal(activity, current.Activity, NEW_ACTIVITY_FIELDS)
        if source.get("parts") != "rows":
            for model in models.values():  # rows left by an earlier version are stale
                model.objects.filter(activity_id=activity.pk).delete()
            for relation, rows in extra_parts.lifted_fields(source["xml"]).items():
                model = models[relation]
                objects = []
                for position, (fields, xml) in enumerate(rows):
                    row = model(activity_id=activity.pk, sort_order=position, **fields)
                    current_model = getattr(current, MODELS[relation])
                    row.iati_source = {"xml": xml, "digest": kept.digest(row, current_model)}
                    objects.append(row)
                model.objects.bulk_create(objects)
            extra_parts.adopt(activity)
        activity.save(update_fields=["iati_source", "humanitarian"])
    transactions = Transaction.objects.filter(iati_source__xml__icontains="<recipient-")
    for row in transactions.iterator(chunk_size=500):
        _reseal(row, current.Transaction, NEW_TRANSACTION_FIELDS)
        row.save(update_fields=["iati_source", "recipient_country", "recipient_region"])


class Migration(migrations.Migration):
    dependencies = [("iati_publisher", "0008_activity_classifications")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
