"""RSS feed of a group: its news, meetings and latest documents."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from home.feeds import SafeFeed

from .models import GroupNewsPage, MeetingPage
from .queries import latest_documents


class GroupFeed(SafeFeed):
    feed_type = Rss201rev2Feed
    limit = 20

    def __call__(self, request, page=None):
        self.page = page
        return super().__call__(request)

    def title(self):
        return _("%(group)s — news and documents") % {"group": self.page.title}

    def link(self):
        return self.page.url

    def description(self):
        return _("News, meetings and documents of the group %(acronym)s.") % {
            "acronym": self.page.acronym
        }

    def items(self):
        items = []
        for news in (
            GroupNewsPage.objects.child_of(self.page)
            .live()
            .public()
            .order_by("-date")[: self.limit]
        ):
            moment = timezone.make_aware(datetime.datetime.combine(news.date, datetime.time(12)))
            items.append(
                {"title": news.title, "text": news.summary, "link": news.url, "date": moment}
            )
        meetings = MeetingPage.objects.child_of(self.page).live().public().order_by("-start")
        for meeting in meetings[: self.limit]:
            items.append(
                {
                    "title": meeting.title,
                    "text": meeting.place,
                    "link": meeting.url,
                    "date": meeting.start,
                }
            )
        for document in latest_documents(self.page, self.limit):
            items.append(
                {
                    "title": document.title,
                    "text": "",
                    "link": document.url,
                    "date": document.listed_at or document.created_at,
                }
            )
        items.sort(key=lambda item: item["date"], reverse=True)
        return items[: self.limit]

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["text"]

    def item_link(self, item):
        return item["link"]

    def item_pubdate(self, item):
        return item["date"]
