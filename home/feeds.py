"""RSS 2.0 and Atom feeds of the news, one per language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import NewsPage


class NewsRssFeed(Feed):
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
