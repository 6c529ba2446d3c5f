"""The ≤ 15 SQL queries budget of a public page (issue 15), asserted for every public page type
at two data sizes: the tree of tests/conftest.py's ``public_tree`` (one page of every type in
both languages), then the same after adding news, documents, meetings, members, work-programme
activities and IATI activities. Counts are those of a second visit (the first one warms the
cached page chrome), as bench/bench_public.py measures them."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers import count_queries

pytestmark = pytest.mark.django_db
BUDGET = 15
YEAR = timezone.localdate().year


@pytest.fixture
def budget_tree(public_tree):
    """``public_tree`` plus the group pages and Pool Technique pages it does not have."""
    from groups.factories import SubGroupPageFactory
    from groups.models import (
        AnnualReviewPage,
        CapacityBuildingPage,
        GroupNewsPage,
        JointMissionsCalendarPage,
    )
    from home.models import StandardPage
    from reports.factories import PTFWorkProgrammePageFactory

    gt = public_tree["gt"]
    for page in (
        AnnualReviewPage(title="Revue annuelle", slug="revue", year=YEAR),
        CapacityBuildingPage(title="Renforcement des capacités", slug="capacites", year=YEAR),
        JointMissionsCalendarPage(title="Missions conjointes", slug="missions", year=YEAR),
        GroupNewsPage(title="Nouvelle du groupe", slug="nouvelle", summary="Une nouvelle."),
    ):
        gt.add_child(instance=page)
        page.save_revision().publish()
    SubGroupPageFactory(parent=gt, title="Nutrition", acronym="NUT", slug="nutrition")
    PTFWorkProgrammePageFactory(
        parent=StandardPage.objects.get(slug="pool", locale__language_code="fr"),
        title="Programme de travail des PTF",
        slug="programme-ptf",
        year=YEAR,
    )
    return public_tree


def grow(tree):
    """The second data size: several times more of everything a public page lists."""
    from groups.factories import (
        MeetingPageFactory,
        OrganisationFactory,
        add_activities,
        add_attendance,
        add_members,
    )
    from groups.models import WorkProgrammePage
    from home.factories import NewsPageFactory
    from library.factories import bulk_documents
    from tests.aidmap.helpers import make_activities

    gt = tree["gt"]
    NewsPageFactory.create_batch(8, parent=tree["news"].get_parent())
    bulk_documents(30, groups=[gt])
    organisations = OrganisationFactory.create_batch(6)
    add_members(gt, organisations)
    for days in (-40, -20, 20, 40):
        meeting = MeetingPageFactory(
            parent=gt, start=timezone.now() + datetime.timedelta(days=days)
        )
        add_attendance(meeting, organisations)
    programme = WorkProgrammePage.objects.get(slug="pt", locale__language_code="fr")
    add_activities(programme, ["done", "late", "planned", "in_progress"] * 3)
    make_activities(12, prefix="G")


PAGES = {
    "home": "/fr/",
    "home-en": "/en/",
    "standard": "/fr/pool/",
    "ptf-work-programme": "/fr/pool/programme-ptf/",
    "news-index": "/fr/actualites/",
    "news": "/fr/actualites/revue/",
    "news-en": "/en/news/review/",
    "news-rss": "/fr/feeds/news.rss",
    "group-index": "/fr/groupes/",
    "agenda": "/fr/groupes/agenda/",
    "agenda-en": "/en/groups/agenda/",
    "group": "/fr/groupes/sante/",
    "group-en": "/en/groups/health/",
    "group-rss": "/fr/groupes/sante/rss/",
    "sub-group": "/fr/groupes/sante/nutrition/",
    "terms-of-reference": "/fr/groupes/sante/tdr/",
    "work-programme": "/fr/groupes/sante/pt/",
    "annual-review": "/fr/groupes/sante/revue/",
    "capacity-building": "/fr/groupes/sante/capacites/",
    "joint-missions": "/fr/groupes/sante/missions/",
    "group-news": "/fr/groupes/sante/nouvelle/",
    "meeting": "/fr/groupes/sante/reunion/",
    "library": "/fr/bibliotheque/",
    "library-facets": "/fr/bibliotheque/?q=sant%C3%A9&type=report&sort=date",
    "library-en": "/en/library/?type=report",
    "document": "document",
    "calendar": "/fr/calendrier-des-rapports/",
    "map": "/fr/carte-de-l-aide/",
    "map-en": "/en/aid-map/?sector=12220",
    "activity": "/fr/carte-de-l-aide/activity/XM-DAC-7-H00000/",
    "site-map": "/fr/plan-du-site/",
    "search": "/fr/search/?q=sant%C3%A9",
    "search-en": "/en/search/?q=health",
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_public_page_within_budget_at_two_sizes(client, budget_tree, kind):
    url = PAGES[kind]
    if url == "document":
        url = budget_tree["library"].document_url(budget_tree["document"])
    small, _response = count_queries(client, url)
    grow(budget_tree)
    large, _response = count_queries(client, url)
    assert small <= BUDGET and large <= BUDGET, (url, small, large)
