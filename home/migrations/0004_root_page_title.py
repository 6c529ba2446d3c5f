"""The root page and the root collection are shown to editors (breadcrumbs, choosers, the
collection field): call them after the portal rather than Wagtail's "Root"."""

from django.db import migrations

TITLE = "Portail PTF Mali"


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=TITLE, draft_title=TITLE)
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=1, name="Root").update(name=TITLE)


def restore_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=TITLE).update(title="Root", draft_title="Root")
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=1, name=TITLE).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [("home", "0003_create_homepage"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(rename_root, restore_root)]
