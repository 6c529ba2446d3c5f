"""Bad input: a normal page (never a 500), a helpful message, nothing unescaped."""

import pytest

from library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ODD = [
    "",
    "   ",
    "x" * 5000,
    "développement " * 400,
    '"',
    '"paludisme',
    '""',
    "AND",
    "OR",
    "-",
    "--",
    "-paludisme",
    "paludisme AND OR -",
    "a OR b OR",
    "%",
    "%%%",
    "\\",
    "\\'",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "😀🦟",
    "paludisme 😀",
    "l’état",
    ":*",
    "a & b | c ! d",
    "(((",
    "_",
]


@pytest.fixture
def documents(library_fr):
    DocumentFactory(title="Lutte contre le paludisme", description="Moustiquaires.")


@pytest.mark.parametrize("term", ODD)
def test_odd_queries_give_a_normal_page(client, documents, term):
    response = client.get("/fr/search/", {"q": term})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "paludisme", "page": "-1"},
        {"q": "paludisme", "page": "abc"},
        {"q": "paludisme", "page": "99999999999999999999"},
        {"q": "paludisme", "page": "0"},
        {"q": "paludisme", "kind": "<script>"},
        {"q": "paludisme", "year": "abc"},
        {"q": "paludisme", "year": "99999999999999"},
        {"q": "paludisme", "group": "x"},
        {"q": "paludisme", "group": "-3"},
        {"q": "paludisme", "audience": "nobody"},
        {"q": "paludisme", "doctype": "%"},
        {"q": "paludisme", "partner": "' OR 1=1 --"},
        {"q": "paludisme", "sort": "evil"},
        {"q": ["paludisme", "other"], "kind": ["document"] * 50},
    ],
)
def test_odd_parameters_give_a_normal_page(client, documents, params):
    response = client.get("/fr/search/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_messages_explain(client, documents):
    html = client.get("/fr/search/", {"q": "x" * 5000}).content.decode()
    assert "200 premiers caractères" in html
    html = client.get("/fr/search/", {"q": "-paludisme"}).content.decode()
    assert "Ajoutez au moins un mot" in html
    html = client.get("/fr/search/", {"q": "😀 %"}).content.decode()
    assert "lettres ou des chiffres" in html
    html = client.get("/fr/search/", {"q": "introuvablissime"}).content.decode()
    assert "Aucun résultat" in html and "orthographe" in html


def test_control_characters_are_refused_before_the_view(client, documents):
    assert client.get("/fr/search/", {"q": "palu\x00disme"}).status_code == 400


def test_suggestions_endpoint(client, documents):
    response = client.get("/fr/search/suggest/", {"q": "palu"})
    assert response.status_code == 200
    data = response.json()
    assert data["suggestions"][0]["title"] == "Lutte contre le paludisme"
    assert data["suggestions"][0]["url"].startswith("/fr/bibliotheque/document/")
    for odd in ["", "<", "x" * 5000, "😀", "'"]:
        response = client.get("/fr/search/suggest/", {"q": odd})
        assert response.status_code == 200
        assert isinstance(response.json()["suggestions"], list)
