"""Small site-wide views: health check (``home.health``), the human site map and the error pages.

``server_error`` answers a database outage with the bilingual 503 page (rendered without any
context processor: nothing touches the database), marked as already logged so Django writes
no traceback per request (``home.health`` logs the outage once); other errors get the 500
page, which says the team has been told only when error notification is configured.

SQL cost: ``site_map`` none when the chrome is cached (one query for the tree when cold).
"""

import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import get_language
from wagtail.models import Site

from . import chrome, health
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


def site_map(request):
    """“Plan du site”: every public page of the visitor's language as a nested list."""
    site = Site.find_for_request(request)
    tree = chrome.page_tree(site, get_language()) if site else []
    return render(request, "home/site_map.html", {"tree": tree})


def favicon(request):
    """``/favicon.ico`` (asked by browsers and feed readers whatever the page says): the icon."""
    response = HttpResponsePermanentRedirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
