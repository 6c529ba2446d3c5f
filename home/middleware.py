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
