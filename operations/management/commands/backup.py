"""``python manage.py backup DIR``: database dump, every media file and a manifest (counts and
checksums) into a new folder (operations.backup). Exit status 1 on any error."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media files into DIR (a new or empty folder)."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")

    def handle(self, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {folder}: {manifest['database']['vendor']} database "
                f"({rows} rows in {len(manifest['counts'])} tables), "
                f"{len(manifest['media'])} media files."
            )
        )
