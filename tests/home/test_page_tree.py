"""The page tree's rules: which page type may live where (Wagtail's own assertions)."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from aidmap.models import AidMapPage
from groups.models import GroupIndexPage, MeetingPage, SubGroupPage, ThematicGroupPage
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from library.models import LibraryPage, ReportCalendarPage
from training.models import TrainingIndexPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_children(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                NewsIndexPage,
                GroupIndexPage,
                LibraryPage,
                ReportCalendarPage,
                AidMapPage,
                TrainingIndexPage,
            },
        )

    def test_news_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_groups_hierarchy(self):
        self.assertAllowedParentPageTypes(ThematicGroupPage, {GroupIndexPage})
        self.assertAllowedParentPageTypes(SubGroupPage, {ThematicGroupPage})
        self.assertCanNotCreateAt(GroupIndexPage, SubGroupPage)
        self.assertCanNotCreateAt(HomePage, MeetingPage)
