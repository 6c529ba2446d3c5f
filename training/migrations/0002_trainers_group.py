"""The "Formateurs" Wagtail group exists from the first migrate (its permissions and page rights
are given by ``accounts.roles.sync_roles`` and ``training.permissions`` after migrate)."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Formateurs")


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_training_pages_sessions_progress"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
