"""Facets with exact counts (factory-built data), combinable in the URL; pagination; sort; and a
number of SQL queries per results page that does not grow with the data."""

import datetime
import html as htmllib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory
from home.factories import StandardPageFactory
from iati_publisher.factories import ActivityFactory, ReportingOrganisationFactory
from library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def facets(response):
    """{facet title: {label: (count, query string)}} as shown."""
    html = response.content.decode()
    found = {}
    for title, body in re.findall(
        r'<section class="facet">\s*<h2>(.*?)</h2>(.*?)</section>', html, re.S
    ):
        options = re.findall(
            r'<a href="\?([^"]*)"[^>]*>(?:<span class="visually-hidden">[^<]*</span>)?'
            r'([^<]*?) <span class="count">\((\d+)\)</span>',
            body,
        )
        found[title] = {
            label: (int(count), htmllib.unescape(query)) for query, label, count in options
        }
    return found


def shown(response):
    found = re.findall(r'<h2><a href="[^"]*">(.*?)</a></h2>', response.content.decode())
    return [re.sub(r"<[^>]+>", "", title) for title in found]


@pytest.fixture
def budget(home_fr, library_fr):
    index = GroupIndexPageFactory(parent=home_fr)
    group_a = ThematicGroupPageFactory(parent=index, title="Finances", slug="finances")
    group_b = ThematicGroupPageFactory(parent=index, title="Gouvernance", slug="gouvernance")
    for n in range(3):
        document = DocumentFactory(
            title=f"Budget rapport {n}",
            publication_date=datetime.date(2024, 1, 1 + n),
            audiences=["partners"],
        )
        document.thematic_groups.set([group_a])
    for n in range(2):
        document = DocumentFactory(
            title=f"Budget étude {n}",
            document_type="study",
            publication_date=datetime.date(2025, 1, 1 + n),
            audiences=["civil_society"],
        )
        document.thematic_groups.set([group_b])
    partner = ReportingOrganisationFactory(
        ref="XM-DAC-7", name_fr="Pays-Bas", name_en="Netherlands"
    )
    activity = ActivityFactory(reporting_org=partner, title_fr="Appui au budget sectoriel")
    activity.thematic_groups.set([group_a])
    activity.save()  # a ParentalManyToManyField is written on save
    StandardPageFactory(parent=group_a, title="Revue conjointe du budget", slug="revue")
    return {"a": group_a, "b": group_b}


def test_facet_counts_are_exact_and_combinable(client, budget, requires_postgres):
    response = client.get("/fr/search/", {"q": "budget"})
    counts = facets(response)
    assert {label: n for label, (n, _q) in counts["Type"].items()} == {
        "Documents": 5,
        "Activités IATI": 1,
        "Pages": 1,
    }
    assert {label: n for label, (n, _q) in counts["Type de document"].items()} == {
        "Rapport": 3,
        "Étude": 2,
    }
    assert {label: n for label, (n, _q) in counts["Groupe thématique"].items()} == {
        "Finances": 5,
        "Gouvernance": 2,
    }
    assert counts["Partenaire"] == {"Pays-Bas": (1, "q=budget&partner=XM-DAC-7")}
    assert {label: n for label, (n, _q) in counts["Année"].items() if label != "2026"} == {
        "2024": 3,
        "2025": 2,
    }
    # Follow the link of a facet value: the URL is the state, shareable.
    query = counts["Type de document"]["Rapport"][1]
    assert query == "q=budget&doctype=report"
    response = client.get(f"/fr/search/?{query}")
    assert sorted(shown(response)) == [f"Budget rapport {n}" for n in range(3)]
    counts = facets(response)
    # Counts of the other values of the same facet stay those of adding them (OR inside a facet)
    assert counts["Type de document"]["Étude"][0] == 2
    assert counts["Type"] == {"Documents": (3, counts["Type"]["Documents"][1])}
    # Two facets combined
    response = client.get(f"/fr/search/?q=budget&group={budget['b'].pk}&kind=document")
    assert sorted(shown(response)) == ["Budget étude 0", "Budget étude 1"]
    response = client.get("/fr/search/?q=budget&doctype=report&doctype=study&year=2025")
    assert sorted(shown(response)) == ["Budget étude 0", "Budget étude 1"]
    response = client.get("/fr/search/?q=budget&audience=partners&year=2025")
    assert shown(response) == []


def test_pagination_and_sort(client, library_fr):
    for n in range(25):
        DocumentFactory(title=f"Budget {n:02d}", publication_date=datetime.date(2000 + n, 1, 1))
    first = client.get("/fr/search/", {"q": "budget", "sort": "date"})
    assert shown(first)[:2] == ["Budget 24", "Budget 23"]
    assert len(shown(first)) == 10
    last = client.get("/fr/search/", {"q": "budget", "sort": "date", "page": "3"})
    assert len(shown(last)) == 5
    assert shown(
        client.get("/fr/search/", {"q": "budget", "sort": "date", "page": "999"})
    ) == shown(last)
    assert shown(client.get("/fr/search/", {"q": "budget", "sort": "date", "page": "x"})) == shown(
        first
    )
    html = last.content.decode()
    assert 'href="?q=budget&amp;sort=date&amp;page=2"' in html


def _count_queries(client, params):
    client.get("/fr/search/", params)  # warm the caches (page chrome, groups, locales)
    with CaptureQueriesContext(connection) as context:
        response = client.get("/fr/search/", params)
    assert response.status_code == 200
    return len(context.captured_queries)


def _more(budget, start, count):
    partner = ReportingOrganisationFactory(ref=f"XM-B-{start}")
    for n in range(start, start + count):
        document = DocumentFactory(
            title=f"Budget complément {n}", audiences=["partners", "elected"]
        )
        document.thematic_groups.set([budget["a"], budget["b"]])
        activity = ActivityFactory(reporting_org=partner, title_fr=f"Budget programme {n}")
        activity.thematic_groups.set([budget["b"]])
        activity.save()
        StandardPageFactory(parent=budget["a"], title=f"Budget page {n}", slug=f"budget-{n}")


def test_sql_queries_do_not_grow_with_the_data(
    client, budget, django_assert_max_num_queries, monkeypatch
):
    """Per kind shown (the display data depends on the kinds on the page), the count is the
    same at two sizes; a mixed first page (with the search log and promotions) stays <= 15."""
    monkeypatch.setattr("home.cache.LOCAL_TIMEOUT", 3600)  # warm caches: see test_sql_budget
    kinds = ("document", "activity", "page")

    def measure():
        return {
            kind: _count_queries(client, {"q": "budget", "kind": kind, "page": "2"})
            for kind in kinds
        }

    _more(budget, 0, 12)
    small = measure()
    _more(budget, 100, 40)
    large = measure()
    assert small == large
    client.get("/fr/search/", {"q": "budget"})
    with django_assert_max_num_queries(15):
        response = client.get("/fr/search/", {"q": "budget"})
    assert response.status_code == 200


def test_a_huge_result_counts_its_best_matches_and_says_so(client, budget, monkeypatch):
    """PostgreSQL keeps the ``CAP`` best candidates of each kind (search/ranked.py): the count,
    the facets and the pages are theirs, and the page tells the visitor."""
    if connection.vendor != "postgresql":
        pytest.skip("the cap is the PostgreSQL path's")
    note = "seuls les meilleurs résultats sont comptés"
    assert note not in client.get("/fr/search/", {"q": "budget"}).content.decode()
    monkeypatch.setattr("search.ranked.CAP", 2)
    response = client.get("/fr/search/", {"q": "budget", "kind": "document", "sort": "date"})
    html = response.content.decode()
    assert note in html
    assert shown(response) == ["Budget étude 1", "Budget étude 0"]  # the newest two
    counts = facets(response)
    assert counts["Type"]["Documents"][0] == 2
    assert {label: n for label, (n, _q) in counts["Type de document"].items()} == {"Étude": 2}
