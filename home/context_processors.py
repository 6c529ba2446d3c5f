"""Values every public template needs: the main navigation of the current language."""

from django.utils.translation import get_language
from wagtail.models import Page, Site


def site_chrome(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}

    def navigation():
        site = Site.find_for_request(request)
        if site is None:
            return []
        lang = get_language()
        home = (
            Page.objects.filter(
                translation_key=site.root_page.translation_key, locale__language_code=lang
            ).first()
            or site.root_page
        )
        return list(home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth", "locale_id"))

    # Evaluated lazily and once per request.
    cache = {}

    def lazy():
        if "nav" not in cache:
            cache["nav"] = navigation()
        return cache["nav"]

    return {"main_navigation": lazy}
