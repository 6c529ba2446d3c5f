"""Build the demo content from code (idempotent).

Each app may provide a ``demo.py`` module with a ``build(command)`` function; they run in
INSTALLED_APPS order, so the home tree exists before the groups, library and IATI demo data.
"""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create (or update) the bilingual demo content, demo accounts included. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has content (used by `make run`).",
        )

    def handle(self, *args, force=False, if_empty=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: demo accounts have public passwords. "
                "Use --force if this really is a test or demo server."
            )
        if if_empty:
            from home.models import NewsPage

            if NewsPage.objects.exists():
                self.stdout.write("Demo content already present: nothing to do.")
                return
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            with transaction.atomic():
                module.build(self)
            self.stdout.write(self.style.SUCCESS(f"✓ {config.verbose_name}"))
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
