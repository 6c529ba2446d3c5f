"""``python manage.py restore DIR [--force]``: check a backup's checksums, then replace the
database and the media files with it (operations.backup). Refuses a database that already
holds content unless ``--force``. Exit status 1 on any error."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (database and media files)."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds content."
        )

    def handle(self, folder, force=False, **options):
        try:
            manifest = restore(folder, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {folder} (made {manifest['created_at']}): row counts match the "
                f"manifest, {len(manifest['media'])} media files."
            )
        )
