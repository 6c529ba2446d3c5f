"""Report-calendar reminders: one e-mail to each person responsible for a report series with
editions expected within N days or overdue (not online yet), in the site's first language.

:func:`send` is the whole run; the background job ``library.tasks.send_report_reminders``
calls it (cron: ``report_calendar_reminders --days 14 --enqueue``), and the command calls it in
place without ``--enqueue`` (``--dry-run`` writes the messages instead of sending them).
People without an e-mail address or inactive are skipped and named in the summary.

SQL: one query for the editions (with their series and the responsible people), whatever their
number; sending is one SMTP message per person.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import EditionStatus, ReportEdition


def send(days=14, dry_run=False, write=None, progress=None):
    """Send (or with ``dry_run`` pass to ``write``) the reminders; returns a summary
    ``{"sent", "editions", "skipped": [usernames]}``. ``progress(done, total)`` is told."""
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
    sent, skipped = 0, []
    if progress:
        progress(0, len(by_person))
    with translation.override(settings.LANGUAGE_CODE):
        for done, (user, items) in enumerate(by_person.items(), 1):
            if not user.email or not user.is_active:
                skipped.append(user.get_username())
            else:
                subject = _("Reference reports to acquire: %(count)d") % {"count": len(items)}
                body = render_to_string(
                    "library/emails/reminder.txt",
                    {"user": user, "editions": items, "days": days, "admin_url": admin_url},
                )
                if dry_run:
                    write(f"To: {user.email}\nSubject: {subject}\n\n{body}\n")
                else:
                    send_mail(subject, body, None, [user.email])
                sent += 1
            if progress:
                progress(done)
    return {"sent": sent, "editions": sum(map(len, by_person.values())), "skipped": skipped}
