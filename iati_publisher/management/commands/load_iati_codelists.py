"""Reload the IATI codelists from a folder of official codelist XML files."""

from django.core.management.base import BaseCommand, CommandError
from lxml import etree

from iati_publisher.codelists import CODELISTS_DIR, codelist_files, load_codelists
from iati_publisher.xmlsafe import UnsafeXML


class Command(BaseCommand):
    help = "Load (or reload) the IATI codelists from the official XML files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=str(CODELISTS_DIR), help="Folder of codelist XML files."
        )

    def handle(self, *args, path, **options):
        if not codelist_files(path):
            raise CommandError(f"No codelist XML file under {path}")
        try:
            lists, items = load_codelists(path)
        except (UnsafeXML, etree.XMLSyntaxError, OSError) as exc:
            raise CommandError(f"The codelists were not loaded: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"{lists} codelists, {items} codes loaded."))
