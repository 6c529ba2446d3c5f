"""``manage.py quarterly_report 2026-Q3``: create the quarter's draft report (exit 1 on error)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from reports.generate import ReportError, create_quarterly_report
from reports.periods import Period, PeriodError


class Command(BaseCommand):
    help = (
        "Create the draft quarterly activity report of the Pool Technique for a quarter "
        "(e.g. 2026-Q3), pre-filled from the site's data."
    )

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="The quarter, e.g. 2026-Q3 (or 2026-T3).")
        parser.add_argument("--user", help="Username recorded as the author of the draft.")

    def handle(self, *args, quarter, user=None, **options):
        try:
            period = Period.parse(quarter)
        except PeriodError as error:
            raise CommandError(str(error)) from error
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user named “{user[:60]}”.")
        try:
            page = create_quarterly_report(period, user=author)
        except ReportError as error:
            raise CommandError(str(error)) from error
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.stdout.write(self.style.SUCCESS(f"Draft created: “{page.title}” — edit it at {edit}"))
