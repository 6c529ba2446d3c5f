"""Fixtures of the alerts tests: a French and English site with a group, a library, a
calendar and an aid map; the throttle's cache emptied between tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages(home_fr, home_en):
    from aidmap.models import AidMapPage
    from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory
    from library.factories import make_calendar_page, make_library_page

    index = GroupIndexPageFactory(parent=home_fr)
    group = ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    library = make_library_page(home_fr)
    calendar = make_calendar_page(home_fr)
    aid_map = AidMapPage(title="Carte de l'aide", slug="carte-de-l-aide")
    home_fr.add_child(instance=aid_map)
    aid_map.save_revision().publish()
    return {"group": group, "library": library, "calendar": calendar, "aid_map": aid_map}


@pytest.fixture
def group(site_pages):
    return site_pages["group"]


def publish_news(group, title, summary="Résumé de la nouvelle."):
    from groups.models import GroupNewsPage

    news = GroupNewsPage(title=title, summary=summary, slug=title.lower().replace(" ", "-"))
    group.add_child(instance=news)
    news.save_revision().publish()
    news.refresh_from_db()
    return news
