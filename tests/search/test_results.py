"""The results page: one ranked list over every kind, in the visitor's language, with type,
date, group, highlighted extract and link; what a visitor may not see never appears."""

import re

import pytest

from library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def results(response):
    """[(type, title without markup, url)] of the results shown."""
    html = response.content.decode()
    items = re.findall(
        r'<li class="result result-(\w+)">.*?<h2><a href="([^"]*)">(.*?)</a></h2>', html, re.S
    )
    return [(kind, re.sub(r"<[^>]+>", "", title), url) for kind, url, title in items]


def test_one_list_over_every_kind(client, content):
    response = client.get("/fr/search/", {"q": "paludisme"})
    assert response.status_code == 200
    found = results(response)
    kinds = {kind for kind, _title, _url in found}
    assert kinds == {"page", "document", "activity", "series", "edition", "organisation"}
    titles = [title for _kind, title, _url in found]
    assert "Lutte contre le paludisme" in titles
    assert "Paludisme et vaccination à Tombouctou" in titles
    assert "Rapport sur le paludisme dans le monde 2019" in titles
    urls = {title: url for _kind, title, url in found}
    assert urls["Lutte contre le paludisme"] == content["page"].url
    assert urls["Paludisme et vaccination à Tombouctou"].startswith("/fr/carte-de-l-aide/activity/")
    report = content["report"]
    assert urls[report.title] == f"/fr/bibliotheque/document/{report.pk}/{report.slug}/"
    html = response.content.decode()
    assert "<mark>paludisme</mark>" in html  # highlighted extract
    assert "PDF" in html and "Santé" in html  # format of documents, group of the result


def test_nothing_a_visitor_may_not_see(client, content):
    titles = [title for _k, title, _u in results(client.get("/fr/search/", {"q": "paludisme"}))]
    for hidden in (
        "Paludisme : note interne",  # private page
        "Paludisme : page brouillon",  # draft page (never published)
        "Paludisme : budget confidentiel",  # document of a private collection
        "Paludisme non publié",  # not listed in the library
        "Paludisme (brouillon)",  # unpublished activity
        "Rapport sur le paludisme dans le monde 2031",  # edition not published yet
    ):
        assert hidden not in titles


def test_results_are_in_the_visitors_language(client, content):
    english = results(client.get("/en/search/", {"q": "malaria"}))
    titles = [title for _k, title, _u in english]
    assert "Malaria control" in titles
    assert "Malaria and vaccination in Timbuktu" in titles
    assert "Lutte contre le paludisme" not in titles  # the French page
    urls = {title: url for _k, title, url in english}
    assert urls["Malaria control"] == "/en/thematic-groups/health/malaria/"
    french = [title for _k, title, _u in results(client.get("/fr/search/", {"q": "malaria"}))]
    assert "Malaria control" not in french


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Tombouctou", "Paludisme et vaccination à Tombouctou"),
        ("vaccins", "Paludisme et vaccination à Tombouctou"),
        ("moustiquaire", "Lutte contre le paludisme"),
        ("ecole", "Étude sur le paludisme à l’école"),
        ("XM-DAC-41122", "Paludisme et vaccination à Tombouctou"),
    ],
)
def test_accents_stems_and_identifiers(client, content, requires_postgres, term, expected):
    titles = [title for _k, title, _u in results(client.get("/fr/search/", {"q": term}))]
    assert expected in titles


def test_highlighted_extract_escapes_everything(client, library_fr):
    DocumentFactory(
        title="<b>Paludisme</b> & co",
        description='Avant <script>alert("x")</script> le paludisme <img src=x onerror=alert(1)>.',
    )
    response = client.get("/fr/search/", {"q": "paludisme"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Paludisme" not in html
    assert "&lt;script&gt;alert" in html
    assert "<mark>paludisme</mark>" in html
    assert "&lt;b&gt;<mark>Paludisme</mark>&lt;/b&gt; &amp; co" in html


def test_query_syntax(client, content):
    def titles(q):
        return [title for _k, title, _u in results(client.get("/fr/search/", {"q": q}))]

    assert titles('"plan stratégique"') == ["Plan stratégique contre le paludisme"]
    both = titles("moustiquaires OR absenteisme")
    assert "Lutte contre le paludisme" in both and "Étude sur le paludisme à l’école" in both
    assert "Étude sur le paludisme à l’école" not in titles("paludisme -ecole")


def test_a_phrase_is_checked_in_order_on_every_kind(client, content, requires_postgres):
    """The GIN index preselects the candidates having all the words of a phrase; the phrase
    itself (the words in that order) is then checked on each candidate."""

    def titles(q):
        return [title for _k, title, _u in results(client.get("/fr/search/", {"q": q}))]

    assert titles('"plan stratégique"') == ["Plan stratégique contre le paludisme"]
    assert titles('"strategique plan"') == []
    assert "Lutte contre le paludisme" in titles('"lutte contre" OR "strategique plan"')
    excluded = titles('paludisme -"plan strategique"')
    assert excluded and "Plan stratégique contre le paludisme" not in excluded
