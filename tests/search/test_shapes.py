"""The search SQL compiled once per query shape (``search/shapes.py``) is exactly the SQL and the
parameters of a direct compile through Wagtail's search API, for every kind, both sorts, the
bench's typical queries, the bad inputs and words Wagtail must escape; and a shape reused with
other words finds those words' results, never the first ones'."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from modelsearch.query import And, Not, Or, Phrase, PlainText
from wagtail.search.backends import get_search_backend

from search import ranked, shapes
from search.query import parse
from search.sources import KINDS

from .test_bad_input import ODD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL statement"),
]

TYPICAL = [
    "santé", "developpement", "écoles", "eau potable", "termes de référence", '"pool technique"',
    "femmes OR genre", "décentralisation -budget", '-"pool technique" budget', "a OR b c -d",
    '"eau potable" santé OR "sécurité alimentaire"',
]  # fmt: skip
ESCAPED = [
    PlainText("l'état c:\\temp"),
    PlainText("o''brien \\\\"),
    Phrase("l'état de\\ droit"),
    Or([Not(PlainText("x'y")), And([PlainText("zqw0x"), Phrase("zqw1x zz")])]),
    PlainText("santé santé", operator="or"),
]


def queries():
    parsed = [parse(text).search_query for text in TYPICAL + ODD]
    return [query for query in parsed if query is not None] + ESCAPED


def _request(user=None):
    request = RequestFactory().get("/fr/search/")
    request.user = user or AnonymousUser()
    request.session = {}
    return request


def _direct_and_shaped(request, query, sort):
    backend = get_search_backend()
    cap = ranked.PHRASE_CAP if ranked.relaxed(query) is not query else ranked.CAP
    for key, kind in KINDS.items():
        queryset = kind.queryset(request, "fr")
        direct = ranked._kind_sql(backend, queryset, key, query, sort, cap)
        shaped = shapes.compiled(
            ("test", key, sort, str(queryset.query)),
            query,
            lambda q, queryset=queryset, key=key: ranked._kind_sql(
                backend, queryset, key, q, sort, cap
            ),
        )
        yield key, direct, shaped


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_shape_gives_the_sql_and_params_of_a_direct_compile(content, sort):
    shapes.clear()
    request = _request()
    for query in queries():
        for _round in range(2):  # first: compiled with placeholders; then: from the cache
            for key, direct, shaped in _direct_and_shaped(request, query, sort):
                assert shaped[0] == direct[0], (query, key)
                assert shaped[1] == direct[1], (query, key)
                assert shaped[2] == direct[2]
    assert shapes._cache  # the shapes were kept, not compiled each time


def test_a_shape_is_reused_with_other_words_and_finds_their_results(client, content):
    shapes.clear()
    first = client.get("/fr/search/", {"q": "paludisme"}).content.decode()
    size = len(shapes._cache)
    second = client.get("/fr/search/", {"q": "moustiquaires"}).content.decode()
    assert len(shapes._cache) == size  # same shape: nothing compiled again
    third = client.get("/fr/search/", {"q": "zzzqqq"}).content.decode()
    assert len(shapes._cache) == size
    url = content["page"].url
    assert f'href="{url}"' in first and "<mark>paludisme</mark>" in first
    assert "<mark>moustiquaires</mark>" in second.lower() and "<mark>palu" not in second
    assert f'href="{url}"' not in third and "<mark>" not in third


def test_what_the_sql_depends_on_besides_the_words_is_in_the_key(content, django_user_model):
    """A logged-in visitor passes the login restriction of the private page: other SQL, other
    entry, still the direct compile's."""
    shapes.clear()
    query = parse("paludisme").search_query
    visitor = list(_direct_and_shaped(_request(), query, "relevance"))
    user = django_user_model.objects.create_user("lecteur", password="x")  # noqa: S106
    member = list(_direct_and_shaped(_request(user), query, "relevance"))
    for (_key, direct, shaped), (_same, member_direct, member_shaped) in zip(
        visitor, member, strict=True
    ):
        assert shaped[:2] == direct[:2]
        assert member_shaped[:2] == member_direct[:2]
    page_sql = {key: direct[0] for key, direct, _shaped in visitor}["page"]
    member_page_sql = {key: direct[0] for key, direct, _shaped in member}["page"]
    assert page_sql != member_page_sql


def test_a_placeholder_in_the_sql_text_is_not_reused():
    calls = []

    def build(query):
        calls.append(query)
        return f"SELECT '{query.query_string}'", [], None

    shapes.clear()
    assert shapes.compiled("k", PlainText("mot"), build)[0] == "SELECT 'mot'"
    assert shapes.compiled("k", PlainText("autre"), build)[0] == "SELECT 'autre'"
    assert not shapes._cache
