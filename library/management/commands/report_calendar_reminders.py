"""E-mail each person responsible for a report series about editions due within N days.

Run daily by cron, e.g. ``0 7 * * * cd /srv/ptf && .venv/bin/python manage.py
report_calendar_reminders --days 14``. Overdue editions (expected date passed, not online) are
included too, so nothing is forgotten. ``--dry-run`` prints without sending.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from library.models import EditionStatus, ReportEdition


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

    def handle(self, *args, days, dry_run, **options):
        today = timezone.localdate()
        editions = (
            ReportEdition.objects.filter(expected_date__lte=today + datetime.timedelta(days=days))
            .exclude(status=EditionStatus.ONLINE)
            .filter(series__responsible__isnull=False)
            .select_related("series", "series__responsible")
            .order_by("series__responsible_id", "expected_date", "pk")
        )
        by_person = {}
        for edition in editions:
            by_person.setdefault(edition.series.responsible, []).append(edition)
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("library_to_acquire")
        sent = 0
        with translation.override(settings.LANGUAGE_CODE):
            for user, items in by_person.items():
                if not user.email or not user.is_active:
                    self.stderr.write(f"{user.get_username()}: no e-mail address, skipped")
                    continue
                subject = _("Reference reports to acquire: %(count)d") % {"count": len(items)}
                body = render_to_string(
                    "library/emails/reminder.txt",
                    {"user": user, "editions": items, "days": days, "admin_url": admin_url},
                )
                if dry_run:
                    self.stdout.write(f"To: {user.email}\nSubject: {subject}\n\n{body}\n")
                else:
                    send_mail(subject, body, None, [user.email])
                sent += 1
        self.stdout.write(
            f"{sent} reminder(s) for {sum(len(v) for v in by_person.values())} edition(s)."
        )
