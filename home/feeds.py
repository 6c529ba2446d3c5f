"""RSS 2.0 and Atom feeds of the news, one per language, and what every feed of the site uses.

:class:`SafeFeed` (base of every feed: news, library, calendar, groups) tolerates any stored
text and escapes for feed readers: control characters XML cannot carry are removed from every
string, and the HTML-typed elements (RSS ``<description>`` and ``<title>``, Atom ``<summary
type="html">``) carry escaped text, so a reader shows ``<script>`` as text instead of running
it. :func:`ical_bytes` does the same cleaning for iCalendar files. No SQL of their own.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import NewsPage
from .text import clean_text


def _clean(value):
    return clean_text(str(value)) if isinstance(value, (str, Promise)) else value


class SafeFeed(Feed):
    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        html_titles = not issubclass(self.feed_type, Atom1Feed)
        feed.feed = {key: _clean(value) for key, value in feed.feed.items()}
        for item in feed.items:
            for key, value in list(item.items()):
                item[key] = _clean(value)
            if item.get("description"):
                item["description"] = escape(item["description"])
            if html_titles and item.get("title"):
                item["title"] = escape(item["title"])
        return feed


def ical_bytes(calendar):
    """The iCalendar file of ``calendar`` without the control characters it cannot carry."""
    return clean_text(calendar.to_ical().decode("utf-8")).encode("utf-8")


class NewsRssFeed(SafeFeed):
    feed_type = Rss201rev2Feed
    title = _("PTF Mali portal — News")
    description = _(
        "Latest news from the Pool Technique of the technical and financial partners of Mali."
    )
    limit = 30

    def link(self):
        return f"/{get_language()}/"

    def feed_url(self):
        return reverse(self.url_name)

    url_name = "news_rss"

    def items(self):
        locale = Locale.objects.filter(language_code=get_language()).first()
        return (
            NewsPage.objects.live()
            .public()
            .filter(locale=locale)
            .order_by("-date", "-pk")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return timezone.make_aware(
            timezone.datetime.combine(item.date, timezone.datetime.min.time())
        )

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    url_name = "news_atom"
    subtitle = NewsRssFeed.description
