"""Small site-wide views: health check (``home.health``) and error pages.

``server_error`` answers a database outage with the bilingual 503 page (rendered without any
context processor: nothing touches the database), marked as already logged so Django writes
no traceback per request (``home.health`` logs the outage once); other errors get the 500
page, which says the team has been told only when error notification is configured."""

import sys

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

from . import health
from .health import healthz  # noqa: F401  (URL /healthz)

RETRY_AFTER_SECONDS = 30


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def service_unavailable():
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    error = sys.exc_info()[1]
    if error is not None and health.database_unavailable(error):
        health.report_database_down(error)
        response = service_unavailable()
        response._has_been_logged = True  # Django's log_response: no traceback per request
        return response
    html = loader.get_template("500.html").render(
        {"team_notified": settings.ERROR_NOTIFICATION_CONFIGURED}
    )
    return HttpResponse(html, status=500)
