"""A small public tree in both languages with one page of every type: home, news, groups
(index, GT, ToR, meeting), library (one document), report calendar, aid map (one activity)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone


@pytest.fixture
def public_tree(home_fr, home_en):
    from aidmap.demo import build as build_map
    from aidmap.models import AidMapPage
    from groups.factories import (
        GroupIndexPageFactory,
        MeetingPageFactory,
        TermsOfReferencePageFactory,
        ThematicGroupPageFactory,
    )
    from home.demo import ensure_translation
    from home.factories import NewsIndexPageFactory, NewsPageFactory
    from iati_publisher.codelists import ensure_codelists
    from library.factories import DocumentFactory, make_calendar_page, make_library_page
    from tests.aidmap.helpers import make_activities

    ensure_codelists()
    cache.clear()
    news_index = NewsIndexPageFactory(parent=home_fr, title="Actualités", slug="actualites")
    ensure_translation(news_index, "en", title="News", slug="news")
    news = NewsPageFactory(parent=news_index, title="Revue conjointe", slug="revue",
                           summary="La revue conjointe s’est tenue.")  # fmt: skip
    ensure_translation(news, "en", title="Joint review", slug="review", summary="Held.")
    index = GroupIndexPageFactory(parent=home_fr, title="Groupes thématiques", slug="groupes")
    ensure_translation(index, "en", title="Thematic groups", slug="groups")
    gt = ThematicGroupPageFactory(parent=index, title="Santé", acronym="Santé", slug="sante")
    ensure_translation(gt, "en", title="Health", slug="health")
    tor = TermsOfReferencePageFactory(parent=gt, title="Termes de référence", slug="tdr")
    ensure_translation(tor, "en", title="Terms of reference", slug="tor")
    meeting = MeetingPageFactory(
        parent=gt,
        title="Réunion du GT Santé",
        slug="reunion",
        start=timezone.now() + datetime.timedelta(days=10),
        place="Bamako",
    )
    ensure_translation(meeting, "en", title="Health group meeting", slug="meeting")
    library = make_library_page(home_fr)
    ensure_translation(library, "en", title="Library", slug="library")
    calendar = make_calendar_page(home_fr)
    ensure_translation(calendar, "en", title="Report calendar", slug="report-calendar")
    document = DocumentFactory(title="Stratégie nationale de santé")
    build_map(None)
    make_activities(1, prefix="H")
    cache.clear()
    return {
        "news": news,
        "index": index,
        "gt": gt,
        "tor": tor,
        "meeting": meeting,
        "library": library,
        "calendar": calendar,
        "document": document,
        "map": AidMapPage.objects.get(locale__language_code="fr"),
        "activity": "XM-DAC-7-H00000",
    }
