import re

import pytest

from home.demo import ensure_translation
from home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_fr, home_en):
    index = NewsIndexPageFactory(parent=home_fr, slug="actualites")
    ensure_translation(index, "en", title="News", slug="news")
    item = NewsPageFactory(
        parent=index,
        title="Revue des chevaux du Sahel",
        slug="chevaux",
        summary="Les chevaux et la transhumance.",
    )
    ensure_translation(item, "en", title="Review of Sahel horses", slug="horses", summary="Horses.")
    return item


def test_search_finds_pages_in_the_current_language_only(client, news):
    response = client.get("/fr/search/", {"q": "Sahel"})
    assert response.status_code == 200
    html = re.sub(r"</?mark>", "", response.content.decode())  # matched words are marked
    assert "Revue des chevaux du Sahel" in html
    assert "Review of Sahel horses" not in html
    english = re.sub(r"</?mark>", "", client.get("/en/search/", {"q": "Sahel"}).content.decode())
    assert "Review of Sahel horses" in english and "Revue des chevaux" not in english


def test_search_escapes_the_query(client, news):
    html = client.get("/fr/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_search_stems_french_on_postgres(client, news, requires_postgres):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = re.sub(r"</?mark>", "", client.get("/fr/search/", {"q": "cheval"}).content.decode())
    assert "Revue des chevaux du Sahel" in html
