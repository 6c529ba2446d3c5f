"""Editors' side: promoted results (Wagtail's search promotions) shown first, in the visitor's
language; searches logged (Wagtail's search terms) and those without results reported."""

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from accounts.factories import UserFactory
from accounts.roles import POOL_TECHNIQUE, role_group
from home.demo import ensure_translation
from home.factories import StandardPageFactory
from search.models import UnansweredSearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def promoted(home_fr, home_en, library_fr):
    page = StandardPageFactory(parent=home_fr, title="Calendrier vaccinal", slug="calendrier")
    ensure_translation(page, "en", title="Vaccination schedule", slug="schedule")
    SearchPromotion.objects.create(
        query=Query.get("vaccins"), page=page, description="Le calendrier officiel.", sort_order=0
    )
    SearchPromotion.objects.create(
        query=Query.get("vaccins"),
        external_link_url="https://www.who.int/fr",
        external_link_text="OMS",
        sort_order=1,
    )
    return page


def test_promotions_come_first_in_the_visitors_language(client, promoted):
    html = client.get("/fr/search/", {"q": "Vaccins"}).content.decode()
    assert "Recommandé" in html
    assert html.index("Calendrier vaccinal") < html.index("https://www.who.int/fr")
    assert "Le calendrier officiel." in html
    english = client.get("/en/search/", {"q": "vaccins"}).content.decode()
    assert "Vaccination schedule" in english and "Calendrier vaccinal" not in english


def test_unpublished_promoted_page_is_not_shown(client, promoted):
    promoted.unpublish()
    html = client.get("/fr/search/", {"q": "vaccins"}).content.decode()
    assert "Calendrier vaccinal" not in html
    assert "OMS" in html


def test_searches_are_logged_and_unanswered_ones_counted(client, library_fr):
    client.get("/fr/search/", {"q": "Introuvable  Mot"})
    client.get("/fr/search/", {"q": "introuvable mot"})
    client.get("/en/search/", {"q": "introuvable mot"})
    client.get("/fr/search/", {"q": "introuvable mot", "page": "2"})  # not a new search
    query = Query.objects.get(query_string="introuvable mot")
    assert query.hits == 3
    rows = {row.language: row.hits for row in UnansweredSearch.objects.filter(query=query)}
    assert rows == {"fr": 2, "en": 1}
    assert all(
        row.date == timezone.localdate() for row in UnansweredSearch.objects.filter(query=query)
    )


def test_unanswered_report_for_the_pool_technique_only(client, library_fr, gt_a, editor_a):
    client.get("/fr/search/", {"q": "<b>rien</b> du tout"})
    pool = UserFactory(username="pool")
    pool.groups.add(role_group(POOL_TECHNIQUE))
    client.force_login(pool)
    response = client.get("/admin/reports/unanswered-searches/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;b&gt;rien&lt;/b&gt; du tout" in html and "<b>rien</b>" not in html
    assert "/admin/searchpicks/add/?query=" in html
    assert client.get("/admin/reports/unanswered-searches/", {"days": "x"}).status_code == 200
    client.force_login(editor_a)
    assert client.get("/admin/reports/unanswered-searches/").status_code in (302, 403)
