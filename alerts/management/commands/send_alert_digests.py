"""Send the e-mail alert digests that are due (cron: every hour, or at least once a day).

``--enqueue`` hands the run to the background queue (``operations.jobs``; visible in
*Account › Background jobs*); without it the run happens here. Exit status 0 even when some
messages failed: they are recorded and retried by the next runs (see ``alerts.digest``); the
summary line says how many.
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
            help="Queue the run as a background job (the worker sends) instead of running it here.",
        )

    def handle(self, *args, **options):
        if options["retry_failed"]:
            count = digest.retry_failed()
            self.stdout.write(f"{count} failed deliveries queued again")
        if options["enqueue"]:
            from alerts.tasks import LABEL, UNIQUE_KEY, send_alert_digests
            from operations.jobs import enqueue_on_commit

            job = enqueue_on_commit(send_alert_digests, label=LABEL, unique_key=UNIQUE_KEY)
            self.stdout.write(f"job {job.pk}: {job.status}")
            return
        summary = digest.run()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in sorted(summary.items())))
