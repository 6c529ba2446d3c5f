"""The public aid map: one page per locale, with a public page per published activity."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.mixins import ListedInMenuMixin, SingletonPerLocaleMixin, SocialMetaMixin
from iati_publisher import gazetteer

from . import activity as activity_data
from .data import Filters, list_data
from .labels import js_labels
from .options import filter_options

#: Rows of the list per page (the totals always cover every matching activity).
LIST_SIZE = 100

FILTER_LABELS = [
    ("sector", _("Sector")),
    ("group", _("Thematic group")),
    ("partner", _("Partner")),
    ("status", _("Status")),
    ("region", _("Région")),
    ("year", _("Year")),
]


def with_value(options, value):
    """The options, plus the applied value when it is not one of them (a DAC category given
    in a link, a partner with no activity left…), so that the form and the URL agree."""
    if value and value not in {option for option, _label in options}:
        return [(value, value), *options]
    return options


class AidMapPage(
    SingletonPerLocaleMixin, ListedInMenuMixin, SocialMetaMixin, RoutablePageMixin, Page
):
    """Where the aid goes in Mali: the map of published IATI activities, filters, a list with
    totals, and the public page of each activity (``activity/<IATI identifier>/``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "aidmap/aid_map_page.html"

    class Meta:
        verbose_name = _("aid map")

    @property
    def language(self):
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE

    def map_context(self, request):
        filters = Filters.from_query(request.GET)
        data = list_data(filters, self.language, base_url=self.get_url(request))
        options = filter_options(self.language)
        selected = filters.as_query()
        return {
            "filters": filters,
            "filter_fields": [
                {
                    "name": name,
                    "label": label,
                    "options": with_value(options.get(name, []), selected.get(name, "")),
                    "value": selected.get(name, ""),
                }
                for name, label in FILTER_LABELS
            ],
            "map_data": data,
            "activity_rows": self.list_page(request, data),
            "list_size": LIST_SIZE,
            "filter_query": urlencode(selected) + "&" if selected else "",
            "outline_json": gazetteer.outline(),
            "js_labels": js_labels(),
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        }

    def list_page(self, request, data):
        """The page of the list asked for (``?page=``), LIST_SIZE rows, sorted by title."""
        rows = sorted(
            ({"identifier": key, **values} for key, values in data["activities"].items()),
            key=lambda row: row["title"].casefold(),
        )
        paginator = Paginator(rows, LIST_SIZE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            return paginator.page(1)

    @path("")
    def map_view(self, request):
        context = self.get_context(request)
        context.update(self.map_context(request))
        return TemplateResponse(request, self.template, context)

    @re_path(r"^activity/(?P<identifier>[^/]+)/$", name="activity")
    def activity_view(self, request, identifier):
        data = activity_data.cached_context(identifier, self.language)
        if data is None:
            raise Http404
        context = self.get_context(request)
        context.update(data)
        context.update(
            {
                "outline_json": gazetteer.outline(),
                "tiles_url": settings.MAP_TILES_URL,
                "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
                "map_url": self.url,
            }
        )
        return TemplateResponse(request, "aidmap/activity_page.html", context)
