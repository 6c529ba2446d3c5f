"""Values every public template needs: the main navigation of the current language (cached)."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from . import chrome


def site_chrome(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}

    def navigation():
        site = Site.find_for_request(request)
        return chrome.navigation(site, get_language()) if site else []

    return {"main_navigation": SimpleLazyObject(navigation)}
