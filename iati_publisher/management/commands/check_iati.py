"""Run the IATI checks on every activity (e.g. after an import) and store the results."""

from django.core.management.base import BaseCommand

from iati_publisher.admin_views import run_check
from iati_publisher.models import Activity


class Command(BaseCommand):
    help = "Check every IATI activity (latest version) and refresh the validation report."

    def handle(self, *args, **options):
        errors = warnings = 0
        activities = Activity.objects.select_related("reporting_org", "latest_revision")
        for activity in activities.iterator(chunk_size=200):
            problems = run_check(activity)
            errors += sum(p.severity == "error" for p in problems)
            warnings += sum(p.severity == "warning" for p in problems)
        self.stdout.write(
            f"{activities.count()} activities checked: {errors} errors, {warnings} warnings"
        )
        if errors:
            raise SystemExit(1)
