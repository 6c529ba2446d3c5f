"""The GeoJSON endpoint: filters, totals per région, only published activities, cache."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import cache as shared_cache

from .helpers import MOPTI, SEGOU, SIKASSO, make_activities, reporting_org

URL = "/api/aid/locations.geojson"


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def get(client, HTTP_ACCEPT_LANGUAGE="fr", **params):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE=HTTP_ACCEPT_LANGUAGE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    return json.loads(response.content)


def locations(data):
    return [f for f in data["features"] if f["properties"]["kind"] == "location"]


def areas(data, kind="region"):
    return {
        f["properties"]["region"]: f["properties"]
        for f in data["features"]
        if f["properties"]["kind"] == kind
    }


@pytest.mark.django_db
def test_points_and_totals(client):
    make_activities(3, points=(SEGOU, MOPTI))
    data = get(client)
    assert data["type"] == "FeatureCollection"
    assert len(data["activities"]) == 3
    points = locations(data)
    assert len(points) == 6
    assert points[0]["geometry"]["coordinates"] == [-6.265, 13.431]  # GeoJSON: lon, lat
    assert {p["properties"]["region"] for p in points} == {"ML-4", "ML-5"}
    assert data["totals"] == {
        "activities": 3,
        "commitments": 3_000_000,
        "disbursements": 1_200_000,
        "currency": "XOF",
    }
    activity = next(iter(data["activities"].values()))
    assert activity["title"].startswith("Projet")
    assert activity["partner"] == "Pays-Bas"
    assert activity["commitments"] == 1_000_000


@pytest.mark.django_db
def test_language_of_titles(client):
    make_activities(1)
    data = get(client, lang="en")
    activity = next(iter(data["activities"].values()))
    assert activity["title"].startswith("Project")
    assert activity["partner"] == "Netherlands"


@pytest.mark.django_db
def test_unpublished_activities_are_never_shown(client):
    make_activities(2, prefix="LIVE")
    make_activities(3, prefix="DRAFT", live=False, points=(MOPTI,), admin_codes=("ML-1",))
    data = get(client)
    assert len(data["activities"]) == 2
    assert all("DRAFT" not in key for key in data["activities"])
    assert "ML-1" not in areas(data)
    assert len(locations(data)) == 2
    # a draft is not reachable through a filter either
    assert get(client, region="ML-1")["activities"] == {}


@pytest.mark.django_db
def test_admin_unit_and_national_activities_are_aggregated_per_region(client):
    make_activities(2, prefix="S", points=(), admin_codes=("ML-4",))  # Ségou région
    make_activities(1, prefix="C", points=(), admin_codes=("ML-5-02", "ML-4"))  # Bandiagara cercle
    make_activities(1, prefix="N", points=(), commitment=Decimal("500000"))  # national
    data = get(client)
    assert locations(data) == []
    regions = areas(data)
    assert set(regions) == {"ML-4", "ML-5"}
    segou = regions["ML-4"]
    assert len(segou["activities"]) == 3
    assert segou["commitments"] == 2_500_000  # 2 × 1 000 000 + half of the two-région one
    assert regions["ML-5"]["commitments"] == 500_000
    ml4 = next(f for f in data["features"] if f["properties"]["region"] == "ML-4")
    assert ml4["geometry"]["coordinates"] == [-6.265, 13.431]  # at Ségou, the capital
    national = areas(data, "national")
    assert national["ML"]["commitments"] == 500_000
    assert national["ML"]["name"] == "Niveau national (tout le Mali)"
    english = get(client, lang="en", HTTP_ACCEPT_LANGUAGE="fr")  # lang= wins
    assert areas(english, "national")["ML"]["name"] == "National level (all of Mali)"
    assert len(national["ML"]["activities"]) == 1


@pytest.mark.django_db
def test_filters(client):
    other = reporting_org("FR-6", "France", "France")
    make_activities(2, prefix="H", sector="12220", points=(SEGOU,))
    make_activities(3, prefix="E", sector="11220", points=(SIKASSO,), org=other, status="3")
    make_activities(1, prefix="Y", sector="11220", points=(MOPTI,), org=other, year=2023)

    assert len(get(client)["activities"]) == 6
    assert len(get(client, sector="12220")["activities"]) == 2
    assert len(get(client, sector="112")["activities"]) == 4  # DAC category
    assert len(get(client, partner="FR-6")["activities"]) == 4
    assert len(get(client, status="3")["activities"]) == 3
    by_region = get(client, region="ML-3")
    assert len(by_region["activities"]) == 3
    assert {p["properties"]["region"] for p in locations(by_region)} == {"ML-3"}
    assert get(client, region="MLI.8_1")["activities"] == by_region["activities"]  # GADM id
    assert get(client, region="ML-3-01")["activities"].keys() == get(client)["activities"].keys()
    by_year = get(client, year="2023")
    assert list(by_year["activities"]) == ["FR-6-Y00000"]
    assert len(get(client, partner="FR-6", year="2025")["activities"]) == 3
    # malformed values are ignored, not errors
    assert len(get(client, region="<script>", year="abc")["activities"]) == 6


@pytest.mark.django_db
def test_filter_by_thematic_group(client, home_fr):
    from groups.models import GroupIndexPage, ThematicGroupPage

    index = home_fr.add_child(instance=GroupIndexPage(title="Groupes", slug="groupes"))
    health = index.add_child(
        instance=ThematicGroupPage(title="Santé", slug="sante", acronym="GT-S")
    )
    first = make_activities(2, prefix="G")
    make_activities(2, prefix="X")
    first[0].thematic_groups.add(health)
    first[0].save()
    data = get(client, group=str(health.pk))
    assert list(data["activities"]) == [first[0].iati_identifier]


@pytest.mark.django_db
def test_query_count_does_not_grow_with_data(client):
    make_activities(2, prefix="SMALL", points=(SEGOU,), admin_codes=())
    make_activities(1, prefix="SMALLA", points=(), admin_codes=("ML-2",))

    def count():
        shared_cache.invalidate("aidmap")
        with CaptureQueriesContext(connection) as queries:
            get(client)
        return len(queries)

    get(client)  # warms the per-process caches (content types, site), as in production
    small = count()
    make_activities(60, prefix="BIG", points=(SEGOU, MOPTI, SIKASSO), admin_codes=())
    make_activities(30, prefix="BIGA", points=(), admin_codes=("ML-2", "ML-6"))
    assert count() == small
    assert small <= 10


@pytest.mark.django_db
def test_cached_then_invalidated_on_publish_and_unpublish(client, superuser):
    [activity] = make_activities(1, prefix="P")
    assert len(get(client)["activities"]) == 1
    with CaptureQueriesContext(connection) as queries:
        get(client)
    assert len(queries) == 0  # served from the cache

    activity.refresh_from_db()
    activity.unpublish(user=superuser)
    assert get(client)["activities"] == {}

    activity.refresh_from_db()
    activity.save_revision(user=superuser).publish(user=superuser)
    assert len(get(client)["activities"]) == 1


@pytest.mark.django_db
def test_amounts_converted_to_xof():
    from aidmap.data import Filters, build

    make_activities(
        1, prefix="EUR", currency="EUR", commitment=Decimal("1000"), disbursement=Decimal("0")
    )
    data = build(Filters(), "fr")
    assert data["totals"]["commitments"] == 655_957


@pytest.mark.django_db
def test_served_gzipped_to_browsers_that_accept_it(client):
    import gzip

    make_activities(2)
    response = client.get(URL, headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    data = json.loads(gzip.decompress(response.content))
    assert len(data["activities"]) == 2
