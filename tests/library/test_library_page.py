"""The public library: search, facets with counts, sort, pagination, document pages, privacy."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from library.factories import DocumentFactory, bulk_documents

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


@pytest.fixture
def private_collection():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Documents internes du Pool Technique")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_search_facets_and_shareable_url(client, library_fr, groups_fr):
    health = DocumentFactory(
        title="Stratégie nationale de santé",
        description="Politique de santé communautaire.",
        document_type="strategy",
        publication_date=datetime.date(2024, 3, 1),
        audiences=["administration", "partners"],
    )
    health.thematic_groups.set([groups_fr[0]])
    health.tags.add("santé")
    school = DocumentFactory(
        title="Termes de référence du GT Éducation",
        description="Mandat du groupe.",
        document_type="tor",
        publication_date=datetime.date(2025, 1, 1),
        audiences=["civil_society"],
        languages=["fr", "en"],
    )
    school.thematic_groups.set([groups_fr[1]])
    DocumentFactory(title="Brouillon sans métadonnées", is_listed=False)

    response = client.get("/fr/bibliotheque/")
    assert response.status_code == 200
    assert titles(response) == [
        "Termes de référence du GT Éducation",
        "Stratégie nationale de santé",
    ]
    html = response.content.decode()
    assert "Brouillon" not in html
    assert re.search(r"type=tor[^\"]*\" rel=\"nofollow\">[^<]+<span class=\"count\">\(1\)", html)
    assert re.search(r"audience=partners\" rel=\"nofollow\">[^<]+<span class=\"count\">\(1\)", html)

    # Two facets together (the URL is the state: it can be shared)
    response = client.get(f"/fr/bibliotheque/?type=strategy&group={groups_fr[0].pk}")
    assert titles(response) == ["Stratégie nationale de santé"]
    response = client.get("/fr/bibliotheque/?audience=civil_society&language=en")
    assert titles(response) == ["Termes de référence du GT Éducation"]
    response = client.get("/fr/bibliotheque/?year=2024")
    assert titles(response) == ["Stratégie nationale de santé"]
    response = client.get("/fr/bibliotheque/?tag=santé")
    assert titles(response) == ["Stratégie nationale de santé"]
    # OR inside a facet
    response = client.get("/fr/bibliotheque/?type=strategy&type=tor")
    assert len(titles(response)) == 2
    # Full-text search, French stemming on PostgreSQL: "communautaires" finds "communautaire"
    response = client.get("/fr/bibliotheque/?q=mandat")
    assert titles(response) == ["Termes de référence du GT Éducation"]
    response = client.get("/fr/bibliotheque/?q=santé&sort=relevance&type=tor")
    assert titles(response) == []
    # Garbage in the URL is ignored, never an error
    response = client.get("/fr/bibliotheque/?type=<script>&year=abc&group=x&sort=evil&page=999")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_extracted_text_is_searchable(client, library_fr, requires_postgres):
    DocumentFactory(title="Rapport A", description="Sans rapport.")
    target = DocumentFactory(title="Rapport B", description="Autre.")
    target.extracted_text = "Les chevaux du Sahel et la transhumance."
    target.save()
    from wagtail.search.backends import get_search_backend

    get_search_backend().add(target)
    response = client.get("/fr/bibliotheque/?q=cheval")  # French stemming on PostgreSQL
    assert titles(response) == ["Rapport B"]


def test_sort_and_pagination(client, library_fr):
    bulk_documents(45)
    response = client.get("/fr/bibliotheque/?sort=title")
    first = titles(response)
    assert len(first) == 20
    assert first == sorted(first)
    page3 = titles(client.get("/fr/bibliotheque/?sort=title&page=3"))
    assert len(page3) == 5
    assert 'href="?sort=title&amp;page=2"' in response.content.decode()


def test_document_page(client, library_fr, groups_fr):
    document = DocumentFactory(title="Rapport sur le développement humain", document_type="report")
    document.thematic_groups.set([groups_fr[0]])
    related = DocumentFactory(title="Autre rapport", document_type="report")
    url = library_fr.document_url(document)
    assert url == f"/fr/bibliotheque/document/{document.pk}/rapport-sur-le-developpement-humain/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert document.url in html  # download through Wagtail's serve view
    assert "PDF" in html and "octets" in html
    assert library_fr.document_url(related) in html
    assert "Santé" in html
    assert '<meta property="og:title" content="Rapport sur le développement humain">' in html
    assert f'<meta name="description" content="{document.description}">' in html
    # wrong slug redirects to the canonical URL
    redirect = client.get(f"/fr/bibliotheque/document/{document.pk}/autre/")
    assert redirect.status_code == 301 and redirect["Location"] == url
    assert client.get(f"/fr/bibliotheque/document/{document.pk + 99}/x/").status_code == 404


def test_unlisted_document_has_no_public_page(client, library_fr):
    draft = DocumentFactory(is_listed=False)
    assert client.get(library_fr.document_url(draft)).status_code == 404


def test_private_collection_is_never_listed_nor_served(
    client, library_fr, private_collection, superuser
):
    public = DocumentFactory(title="Document public")
    secret = DocumentFactory(title="Note confidentielle", collection=private_collection)
    response = client.get("/fr/bibliotheque/")
    assert titles(response) == ["Document public"]
    assert (
        client.get("/fr/bibliotheque/?q=confidentielle")
        .content.decode()
        .count("Note confidentielle")
        == 0
    )
    assert client.get(library_fr.document_url(secret)).status_code == 404
    # Wagtail's serve view refuses the file (redirect to the login page), serves the public one
    served = client.get(secret.url)
    assert served.status_code == 302 and "login" in served["Location"]
    assert client.get(public.url).status_code == 200
    # Feeds and sitemap do not leak it either
    assert "confidentielle" not in client.get("/fr/bibliotheque/feeds/rss/").content.decode()
    assert not any("confidentielle" in str(u["location"]) for u in library_fr.get_sitemap_urls())
    # A signed-in user passes the restriction
    client.force_login(superuser)
    assert "Note confidentielle" in titles(client.get("/fr/bibliotheque/"))
    assert client.get(secret.url).status_code == 200


def test_subcollection_of_private_collection_is_private(client, library_fr, private_collection):
    child = private_collection.add_child(name="Sous-dossier")
    DocumentFactory(title="Dans un sous-dossier", collection=child)
    assert titles(client.get("/fr/bibliotheque/")) == []


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_data(client, library_fr, groups_fr, private_collection):
    url = f"/fr/bibliotheque/?q=santé&type=report&group={groups_fr[0].pk}&sort=relevance"
    plain = "/fr/bibliotheque/"
    bulk_documents(12, groups=groups_fr)
    client.get(plain)  # warm the per-process caches (site chrome…)
    small = (count_queries(client, url), count_queries(client, plain))
    small_detail = count_queries(client, library_fr.document_url(DocumentFactory()))
    bulk_documents(300, groups=groups_fr, start=12)
    large = (count_queries(client, url), count_queries(client, plain))
    assert large == small
    assert max(large) <= 15
    assert count_queries(client, library_fr.document_url(DocumentFactory())) == small_detail <= 15


def test_english_library_uses_group_translations(client, home_en, library_fr, groups_fr):
    from home.demo import ensure_translation

    library = library_fr
    english = ensure_translation(library, "en", title="Library", slug="library")
    translated_group = ensure_translation(groups_fr[0], "en", title="Health")
    assert translated_group.title == "Health"
    document = DocumentFactory(title="Health sector review")
    document.thematic_groups.set([groups_fr[0]])
    response = client.get("/en/library/")
    assert response.status_code == 200
    assert "Health <span" in response.content.decode()
    english.refresh_from_db()
    assert english.document_url(document).startswith("/en/library/document/")
    assert client.get(english.document_url(document)).status_code == 200


@pytest.mark.parametrize("term", ["'", "!", "a & b | c", "(", ":*", "l’état", "x" * 300])
def test_odd_search_terms_never_fail(client, library_fr, term):
    DocumentFactory(title="Budget de l’État")
    response = client.get("/fr/bibliotheque/", {"q": term, "sort": "relevance"})
    assert response.status_code == 200
