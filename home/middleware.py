"""Project middleware (small adjustments of Django's own, on our own classes)."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language_from_path


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 answered by a view stays a 404.

    Django redirects any 404 of a path without a language prefix to ``/fr/<path>`` when that
    path would resolve — and with Wagtail's catch-all page route every path does. For the
    URLs that live outside the language prefix (``/api/``, ``/iati/``, ``/documents/``…), a
    view that found nothing must answer 404, not send the client to a French page.
    """

    def process_response(self, request, response):
        routed = getattr(request, "resolver_match", None) is not None
        if response.status_code == 404 and routed and not get_language_from_path(request.path):
            return response
        return super().process_response(request, response)


class SiteErrorPagesMiddleware:
    """Development only (``config/settings/dev.py``): the site's own 404 and 500 pages with
    ``DEBUG`` on, as visitors see them in production, instead of Django's technical pages.

    The traceback of a 500 is still printed by the dev server (logger ``django.request``).
    ``DEBUG_ERROR_PAGES=django`` in the environment gives Django's debug pages back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import logging

        from django.core.exceptions import PermissionDenied, SuspiciousOperation
        from django.http import Http404

        from . import views

        if isinstance(exception, Http404):
            return views.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied | SuspiciousOperation):
            return None  # Django's own 403/400 handling
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception
        )
        return views.server_error(request)
