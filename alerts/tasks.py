"""Background job of the alerts (``operations.jobs``): one digest run (``alerts.digest.run``).

Cron queues it with ``python manage.py send_alert_digests --enqueue`` (the queue's worker runs
it; ``unique_key`` keeps one queued run at a time) or runs it in place without ``--enqueue``.
The job's progress is the number of deliveries handled; its result the run's summary. A job
that fails as a whole (database down) is retried once; single messages have their own retries
on their ``Delivery`` rows.
"""

from django.utils.translation import gettext_lazy as _

from operations.jobs import job_task

LABEL = _("E-mail alert digests")
UNIQUE_KEY = "alerts:send-digests"


@job_task(retries=1, retry_delay=300)
def send_alert_digests(job):
    from .digest import run

    return run(progress=job.progress)
