"""Create the editions of every reference-report series expected in the next 12 months.

Idempotent; run it monthly by cron (``manage.py generate_report_editions``) or after adding a series.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from library.models import ReportSeries


class Command(BaseCommand):
    help = "Generate the report editions expected in the next N months from each series' RFC 5545 rule."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=12)

    def handle(self, *args, months, **options):
        created = 0
        for series in ReportSeries.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
            created += len(series.generate_editions(months=months))
        self.stdout.write(f"{created} edition(s) created.")
