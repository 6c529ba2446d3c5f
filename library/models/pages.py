"""Public pages: the library (search, facets, one page per document, feeds) and the calendar."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.mixins import ListedInMenuMixin, SingletonPerLocaleMixin, SocialMetaMixin

from .documents import AudienceCode
from .reports import EditionStatus, ReportEdition, ReportSeries


class LibraryPage(
    SingletonPerLocaleMixin, ListedInMenuMixin, SocialMetaMixin, RoutablePageMixin, Page
):
    """The public document library (one per locale): search, facets, document pages, feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "library/library_page.html"
    page_size = 20

    class Meta:
        verbose_name = _("document library")

    def document_url(self, document):
        return self.url + self.reverse_subpage("document", args=(document.pk, document.slug))

    def full_document_url(self, document, request=None):
        return self.get_full_url(request) + self.reverse_subpage(
            "document", args=(document.pk, document.slug)
        )

    @path("")
    def index(self, request):
        from ..queries import FACETS, LibraryQuery, facet_counts, search_documents

        query = LibraryQuery.from_request(request)
        documents = search_documents(request, query)
        translated = get_language() != settings.LANGUAGE_CODE
        locale_id = self.locale_id if translated else None
        fields = (
            "pk", "title", "file", "file_size", "description", "document_type",
            "publication_date", "page_count", "collection_id",
        )  # fmt: skip
        if query.q:
            # One full-text scan gives the matching ids in order; facets and the page use them.
            ordered = list(documents.values_list("pk", flat=True))
            facets, total = facet_counts(ordered, locale_id=locale_id)
            page_obj = Paginator(ordered, self.page_size).get_page(request.GET.get("page"))
            found = documents.model.objects.filter(pk__in=list(page_obj.object_list)).only(*fields)
            by_pk = {document.pk: document for document in found}
            page_obj.object_list = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
        else:
            facets, total = facet_counts(documents, locale_id=locale_id)
            paginator = Paginator(documents.only(*fields), self.page_size)
            paginator.__dict__["count"] = total  # already counted with the facets: no COUNT query
            page_obj = paginator.get_page(request.GET.get("page"))
        base_params = request.GET.copy()
        base_params.pop("page", None)
        facet_groups = []
        for name in FACETS:
            options = []
            for value, label, count in facets[name]:
                params = base_params.copy()
                current = params.getlist(name)
                selected = str(value) in current
                params.setlist(
                    name,
                    [v for v in current if v != str(value)] if selected else [*current, str(value)],
                )
                options.append(
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "selected": selected,
                        "query": params.urlencode(),
                    }
                )
            facet_groups.append({"name": name, "label": FACET_LABELS[name], "options": options})
        group_feeds = [
            (
                option["label"],
                self.url + self.reverse_subpage("group_feed", args=(option["value"],)),
            )
            for group in facet_groups
            if group["name"] == "group"
            for option in group["options"]
            if option["selected"]
        ]
        for item in page_obj.object_list:
            item.public_url = self.document_url(item)
        return self.render(
            request,
            context_overrides={
                "query": query,
                "documents": page_obj,
                "facet_groups": facet_groups,
                "extra_query": (base_params.urlencode() + "&") if base_params else "",
                "sort_options": SORT_LABELS,
                "audiences": AudienceCode.choices,
                "group_feeds": group_feeds,
            },
        )

    @path("document/<int:pk>/<slug:slug>/", name="document")
    @path("document/<int:pk>/", name="document_noslug")
    def document(self, request, pk, slug=None):
        from ..queries import document_labels, hidden_collections_q, visible_documents

        hidden = hidden_collections_q(request)
        document = (
            visible_documents(request, hidden)
            .filter(pk=pk)
            .prefetch_related("issuing_organisations", "thematic_groups")
            .first()
        )
        if document is None:
            raise Http404
        if slug != document.slug:
            return HttpResponsePermanentRedirect(self.document_url(document))
        audiences, languages, tags = document_labels(document)
        group_ids = [group.pk for group in document.thematic_groups.all()]
        related = list(
            visible_documents(request, hidden)
            .exclude(pk=document.pk)
            .filter(Q(thematic_groups__in=group_ids) | Q(document_type=document.document_type))
            .distinct()
            .order_by("-publication_date", "-pk")
            .only("pk", "title", "publication_date", "document_type")[:5]
        )
        for item in related:
            item.public_url = self.document_url(item)
        return self.render(
            request,
            template="library/document_page.html",
            context_overrides={
                "document": document,
                "related": related,
                "library": self,
                "audiences": audiences,
                "languages": languages,
                "tags": tags,
            },
        )

    @path("feeds/rss/", name="feed")
    def feed(self, request):
        from ..feeds import LibraryFeed

        return LibraryFeed(self)(request)

    @path("feeds/rss/group/<int:group_id>/", name="group_feed")
    def group_feed(self, request, group_id):
        from groups.models import ThematicGroupPage

        from ..feeds import LibraryFeed

        group = ThematicGroupPage.objects.filter(pk=group_id).first()
        if group is None:
            raise Http404
        return LibraryFeed(self, group=group)(request)

    @path("feeds/rss/audience/<str:code>/", name="audience_feed")
    def audience_feed(self, request, code):
        from ..feeds import LibraryFeed

        if code not in AudienceCode.values:
            raise Http404
        return LibraryFeed(self, audience=code)(request)

    def get_sitemap_urls(self, request=None):
        from ..queries import visible_documents

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        for document in visible_documents(None).only("pk", "title", "created_at").order_by("pk"):
            urls.append(
                {
                    "location": base
                    + self.reverse_subpage("document", args=(document.pk, document.slug)),
                    "lastmod": document.created_at,
                }
            )
        return urls


FACET_LABELS = {
    "type": _("Document type"),
    "audience": _("Audience"),
    "group": _("Thematic group"),
    "year": _("Year"),
    "language": _("Language"),
    "tag": _("Tag"),
}
SORT_LABELS = [("date", _("Newest first")), ("relevance", _("Relevance")), ("title", _("Title"))]


class ReportCalendarPage(
    SingletonPerLocaleMixin, ListedInMenuMixin, SocialMetaMixin, RoutablePageMixin, Page
):
    """The public calendar of reference reports (one per locale), with iCalendar and RSS feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "library/report_calendar_page.html"

    class Meta:
        verbose_name = _("reference report calendar")

    def series_titles(self, editions):
        """Titles of the editions' series in this page's language (one query)."""
        keys = {edition.series.translation_key for edition in editions}
        titles = dict(
            ReportSeries.objects.filter(
                translation_key__in=keys, locale_id=self.locale_id
            ).values_list("translation_key", "title")
        )
        for edition in editions:
            edition.series_title = titles.get(edition.series.translation_key, edition.series.title)
        return editions

    def upcoming_editions(self, today=None):
        today = today or timezone.localdate()
        editions = list(
            ReportEdition.objects.filter(
                expected_date__gte=today.replace(day=1),
                expected_date__lte=today + relativedelta(months=12),
            )
            .exclude(status=EditionStatus.ONLINE)
            .select_related("series", "series__publisher")
            .order_by("expected_date", "series__title")
        )
        return self.series_titles(editions)

    def recent_online_editions(self, limit=10):
        editions = list(
            ReportEdition.objects.filter(status=EditionStatus.ONLINE)
            .select_related("series", "series__publisher", "document")
            .order_by("-put_online_at", "-expected_date")[:limit]
        )
        return self.series_titles(editions)

    def document_links(self, editions):
        library = LibraryPage.objects.live().filter(locale_id=self.locale_id).first()
        for edition in editions:
            edition.document_url = (
                library.document_url(edition.document) if library and edition.document else ""
            )
        return editions

    @path("")
    def index(self, request):
        return self.render(
            request,
            context_overrides={
                "upcoming": self.upcoming_editions(),
                "recent": self.document_links(self.recent_online_editions()),
            },
        )

    @path("ical/", name="ical")
    def ical(self, request):
        from ..feeds import calendar_response

        return calendar_response(self, request)

    @path("feeds/rss/", name="feed")
    def feed(self, request):
        from ..feeds import CalendarFeed

        return CalendarFeed(self)(request)
