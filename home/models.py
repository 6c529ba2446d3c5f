"""Site-wide page types: home, standard pages and news."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from . import chrome
from .blocks import BodyBlock
from .mixins import ListedInMenuMixin, SocialMetaMixin


class HomePage(SocialMetaMixin, Page):
    """The root of a language tree (one per locale), built around the visitors' tasks: entry
    points (groups, library, map, agenda, report calendar), key figures, next meetings, latest
    documents, reports and news — contributed by the apps through ``home.sections``."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.NewsIndexPage",
        "groups.GroupIndexPage",
        "library.LibraryPage",
        "library.ReportCalendarPage",
        "aidmap.AidMapPage",
        "training.TrainingIndexPage",
    ]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        # One home page per locale: translations are created by wagtail-localize.
        return super().can_create_at(parent) and cls.objects.count() < Locale.objects.count()

    def get_context(self, request, *args, **kwargs):
        from .sections import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request, self, chrome.locale_codes()[self.locale_id]))
        return context


class StandardPage(ListedInMenuMixin, SocialMetaMixin, Page):
    """A free page: about the Pool Technique, SHA, CT-CSCLP, legal notices…"""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    # The Pool Technique's page holds the PTF work programmes and quarterly reports (reports/).
    subpage_types = [
        "home.StandardPage",
        "reports.PTFWorkProgrammePage",
        "reports.QuarterlyReportPage",
    ]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(ListedInMenuMixin, SocialMetaMixin, Page):
    """The list of news, newest first, paginated; feeds are advertised here."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    template = "home/news_index_page.html"
    page_size = 10

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .order_by("-date", "-pk")
        )
        paginator = Paginator(news, self.page_size)
        try:
            context["news"] = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            context["news"] = paginator.page(1)
        return context


class NewsPage(SocialMetaMixin, Page):
    """A news item: date, summary, body and an optional image."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=500)
    image = models.ForeignKey(
        "library.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    fallback_image_field = "image"
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    template = "home/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
