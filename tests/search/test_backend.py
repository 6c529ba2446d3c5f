"""The search backend: accent-insensitive, French and English stemming (PostgreSQL), the
library's search using it, and the configuration that moves to Elasticsearch/OpenSearch."""

import importlib
import re

import pytest
from django.core.management import call_command

from home.demo import ensure_translation
from home.factories import StandardPageFactory
from library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


@pytest.fixture
def documents(library_fr):
    DocumentFactory(title="Plan de développement sanitaire", description="Pour le Mali.")
    DocumentFactory(title="Construction d’une école à Mopti", description="Salles de classe.")
    DocumentFactory(title="Campagne de vaccination", description="Rougeole et polio.")
    DocumentFactory(title="Health sector review", description="Annual review.", languages=["en"])
    DocumentFactory(title="Budget de l’État", description="Loi de finances.")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("developpement", ["Plan de développement sanitaire"]),
        ("développement", ["Plan de développement sanitaire"]),
        ("DÉVELOPPEMENT", ["Plan de développement sanitaire"]),
        ("ecoles", ["Construction d’une école à Mopti"]),
        ("vaccins", ["Campagne de vaccination"]),
        ("health", ["Health sector review"]),
        ("reviews", ["Health sector review"]),
        ("etat", ["Budget de l’État"]),
        ("plan de developpement", ["Plan de développement sanitaire"]),
    ],
)
def test_library_search_is_accent_insensitive_and_stemmed(
    client, documents, requires_postgres, term, expected
):
    response = client.get("/fr/bibliotheque/", {"q": term, "sort": "relevance"})
    assert response.status_code == 200
    assert titles(response) == expected


def test_sqlite_and_postgres_both_ignore_accents(client, documents):
    """The quick start (SQLite FTS5, unicode61 tokenizer) ignores accents too, without stemming."""
    response = client.get("/fr/bibliotheque/", {"q": "developpement"})
    assert titles(response) == ["Plan de développement sanitaire"]


def test_each_page_is_indexed_in_its_language(home_fr, home_en, requires_postgres):
    """An English page is stemmed in English ("developing" = "development"), a French one in
    French ("chevaux" = "cheval"), and both ignore accents."""
    from wagtail.models import Page

    french = StandardPageFactory(parent=home_fr, title="Les chevaux du Sahel", slug="chevaux")
    english = ensure_translation(french, "en", title="Rural development in the Sahel", slug="rural")
    call_command("update_index", verbosity=0)

    def found(term, locale):
        return [page.pk for page in Page.objects.filter(locale=locale).search(term)]

    assert found("developing", english.locale) == [english.pk]
    assert found("cheval", french.locale) == [french.pk]
    assert found("Sahél", english.locale) == [english.pk]


def test_query_operators_reach_the_backend(documents, requires_postgres):
    """Phrases, OR and NOT (parsed by search.query) are understood by the backend."""
    from modelsearch.query import Not, Or, Phrase, PlainText
    from wagtail.documents import get_document_model
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    Document = get_document_model()

    def found(query):
        return sorted(d.title for d in backend.search(query, Document.objects.all()))

    assert found(Phrase("plan de developpement")) == ["Plan de développement sanitaire"]
    assert found(Or([PlainText("ecole"), PlainText("vaccins")])) == [
        "Campagne de vaccination",
        "Construction d’une école à Mopti",
    ]
    assert "Budget de l’État" not in found(Not(PlainText("etat")))


def reload_settings(monkeypatch, **env):
    import config.settings.base as base

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        return importlib.reload(base).WAGTAILSEARCH_BACKENDS
    finally:
        for name in env:
            monkeypatch.delenv(name)
        importlib.reload(base)


def test_search_url_selects_the_search_engine(monkeypatch):
    default = reload_settings(monkeypatch)
    assert default["default"]["BACKEND"] == "search.backend"

    engine = reload_settings(monkeypatch, SEARCH_URL="https://search.example.org:9200")
    conf = engine["default"]
    assert conf["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert conf["URLS"] == ["https://search.example.org:9200"]
    analysis = conf["INDEX_SETTINGS"]["settings"]["analysis"]
    default_filters = analysis["analyzer"]["default"]["filter"]
    assert "asciifolding" in default_filters
    assert {"fr_stem", "en_stem"} <= set(default_filters)
    assert analysis["filter"]["fr_stem"]["language"] == "light_french"

    opensearch = reload_settings(
        monkeypatch, SEARCH_URL="http://127.0.0.1:9200", SEARCH_ENGINE="opensearch3"
    )
    assert opensearch["default"]["BACKEND"] == "wagtail.search.backends.opensearch3"
