"""Background job of the alerts (django-tasks): one digest run (``alerts.digest.run``).

``python manage.py send_alert_digests`` (cron) runs it now; with a queue backend and its
worker configured it can be enqueued instead (``send_alert_digests --enqueue``).
"""

from django_tasks import task


@task()
def send_alert_digests():
    from .digest import run

    return run()
