"""E-mail each person responsible for a report series about editions due within N days.

Daily (cron or ``deploy/systemd/ptf-reminders.timer``): ``python manage.py
report_calendar_reminders --days 14 --enqueue`` — the run becomes a background job
(``library.tasks.send_report_reminders``: retried twice, 5 then 10 minutes apart; status and
progress in *Account › Background jobs*; one queued at a time) that the worker executes.
Without ``--enqueue`` the run happens here (``library.reminders``). Overdue editions
(expected date passed, not online) are included too, so nothing is forgotten. ``--dry-run``
prints the e-mails instead of sending them (always in place).
"""

from django.core.management.base import BaseCommand

from library import reminders


class Command(BaseCommand):
    help = (
        "E-mail the persons responsible for reference reports due within N days (and overdue ones)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=14, help="Look this many days ahead (default 14)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the e-mails instead of sending them."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the run as a background job (the worker sends) instead of running it here.",
        )

    def handle(self, *args, days, dry_run, enqueue, **options):
        if enqueue and not dry_run:
            from library.tasks import REMINDERS_KEY, REMINDERS_LABEL, send_report_reminders
            from operations.jobs import enqueue_on_commit

            job = enqueue_on_commit(
                send_report_reminders, days, label=REMINDERS_LABEL, unique_key=REMINDERS_KEY
            )
            self.stdout.write(f"job {job.pk}: {job.status}")
            return
        summary = reminders.send(days=days, dry_run=dry_run, write=self.stdout.write)
        for username in summary["skipped"]:
            self.stderr.write(f"{username}: no e-mail address, skipped")
        self.stdout.write(f"{summary['sent']} reminder(s) for {summary['editions']} edition(s).")
