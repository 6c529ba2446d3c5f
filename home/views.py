"""Small site-wide views: health check, the human site map and the error pages.

SQL cost: ``site_map`` none when the chrome is cached (one query for the tree when cold).
"""

from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from . import chrome


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means "unhealthy"
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


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
