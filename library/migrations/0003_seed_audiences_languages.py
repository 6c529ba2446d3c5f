from django.db import migrations

AUDIENCES = ["administration", "partners", "civil_society", "private_sector", "elected", "unions"]
LANGUAGES = ["fr", "en", "ar", "bm", "other"]


def seed(apps, schema_editor):
    Audience = apps.get_model("library", "Audience")
    DocumentLanguage = apps.get_model("library", "DocumentLanguage")
    for code in AUDIENCES:
        Audience.objects.get_or_create(code=code)
    for code in LANGUAGES:
        DocumentLanguage.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_metadata_and_report_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
