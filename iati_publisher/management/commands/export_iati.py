"""Write the published activities as an IATI 2.03 file."""

from django.core.management.base import BaseCommand, CommandError

from iati_publisher.export import published_activities, write_activities
from iati_publisher.models import ReportingOrganisation


class Command(BaseCommand):
    help = "Export the published IATI activities (all, or one reporting organisation's) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="File to write ('-' for stdout).")
        parser.add_argument("--org", help="Only this reporting organisation (its IATI identifier).")

    def handle(self, *args, output, org=None, **options):
        if org and not ReportingOrganisation.objects.filter(ref=org).exists():
            raise CommandError(f"Unknown reporting organisation: {org}")
        queryset = published_activities(org)
        if not queryset.exists():
            # an <iati-activities/> without activity is not valid IATI: publish nothing
            raise CommandError(
                "No published activity"
                + (f" for {org}" if org else "")
                + ": nothing was written (an IATI file needs at least one activity)."
            )
        try:
            if output == "-":
                count = write_activities(self.stdout._out.buffer, queryset)
            else:
                count = write_activities(output, queryset)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc}") from exc
        if output != "-":
            self.stdout.write(self.style.SUCCESS(f"{count} activities written to {output}"))
