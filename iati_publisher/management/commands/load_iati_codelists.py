"""Reload the IATI codelists from a folder of official codelist XML files."""

from django.core.management.base import BaseCommand, CommandError

from iati_publisher.codelists import CODELISTS_DIR, codelist_files, load_codelists


class Command(BaseCommand):
    help = "Load (or reload) the IATI codelists from the official XML files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=str(CODELISTS_DIR), help="Folder of codelist XML files."
        )

    def handle(self, *args, path, **options):
        if not codelist_files(path):
            raise CommandError(f"No codelist XML file under {path}")
        lists, items = load_codelists(path)
        self.stdout.write(self.style.SUCCESS(f"{lists} codelists, {items} codes loaded."))
