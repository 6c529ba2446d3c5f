"""Print the "who can do what" table (Markdown, English) read from the real permissions.

The README carries it between ``<!-- roles-table -->`` markers; a test checks they match.
"""

from django.core.management.base import BaseCommand
from django.utils import translation

from accounts.roles_table import markdown


class Command(BaseCommand):
    help = "Print the roles table (who can do what) from the permissions in the database."

    def handle(self, *args, **options):
        with translation.override("en"):
            self.stdout.write(markdown())
