"""Send the e-mail alert digests that are due (cron: every hour, or at least once a day).

Exit status 0 even when some messages failed: they are recorded and retried by the next run
(see ``alerts.digest``); the summary line says how many.
"""

from django.core.management.base import BaseCommand

from alerts import digest


class Command(BaseCommand):
    help = "Send the e-mail alert digests that are due, retrying failed deliveries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Put deliveries that failed after every retry back in the queue first.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the run as a background task instead of running it here.",
        )

    def handle(self, *args, **options):
        if options["retry_failed"]:
            count = digest.retry_failed()
            self.stdout.write(f"{count} failed deliveries queued again")
        if options["enqueue"]:
            from alerts.tasks import send_alert_digests

            result = send_alert_digests.enqueue()
            self.stdout.write(f"enqueued: {result.id}")
            return
        summary = digest.run()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in sorted(summary.items())))
