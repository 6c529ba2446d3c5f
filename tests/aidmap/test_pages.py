"""The map page (server-rendered list, filters) and each activity's public page, fr and en."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aidmap.demo import build as build_demo
from aidmap.models import AidMapPage
from home import cache as shared_cache

from .helpers import MOPTI, SEGOU, make_activities, reporting_org


@pytest.fixture
def map_pages(home_fr, home_en):
    from iati_publisher.codelists import ensure_codelists

    ensure_codelists()  # loaded by a migration, but a browser test's flush may have wiped them
    cache.clear()
    fr = build_demo(None)
    en = AidMapPage.objects.get(locale__language_code="en")
    return fr, en


@pytest.mark.django_db
def test_demo_is_idempotent(map_pages):
    build_demo(None)
    assert AidMapPage.objects.count() == 2
    assert not AidMapPage.can_create_at(map_pages[0].get_parent())


@pytest.mark.django_db
def test_map_page_lists_activities_with_totals_without_js(client, map_pages):
    fr, en = map_pages
    make_activities(2, prefix="M")
    make_activities(1, prefix="D", live=False)
    response = client.get(fr.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Projet M00000" in html and "Projet M00001" in html
    assert "D00000" not in html
    assert 'id="aidmap"' in html and "leaflet.js" in html and "aidmap.js" in html
    assert ">2\xa0000\xa0000</td>" in html  # total of commitments, French format
    assert "/api/aid/locations.geojson" in html
    assert f'href="{fr.url}activity/XM-DAC-7-M00000/"' in html

    html_en = client.get(en.url).content.decode()
    assert "Project M00000" in html_en
    assert f'href="{en.url}activity/XM-DAC-7-M00000/"' in html_en


@pytest.mark.django_db
def test_map_page_filters_from_the_query_string(client, map_pages):
    fr, _en = map_pages
    other = reporting_org("FR-6", "France", "France")
    make_activities(2, prefix="NL")
    make_activities(1, prefix="FR", org=other, points=(MOPTI,))
    html = client.get(fr.url, {"partner": "FR-6"}).content.decode()
    assert "Projet FR00000" in html
    assert "Projet NL00000" not in html
    assert '<option value="FR-6" selected>' in html
    # a value that is not among the choices (a DAC category) stays selected in the form
    html = client.get(fr.url, {"sector": "122"}).content.decode()
    assert '<option value="122" selected>' in html


@pytest.mark.django_db
def test_map_page_query_count_is_constant(client, map_pages):
    fr, _en = map_pages
    make_activities(2, prefix="S", points=(SEGOU,))

    def count():
        shared_cache.invalidate("aidmap")  # cold map data, as after a publication
        with CaptureQueriesContext(connection) as queries:
            assert client.get(fr.url).status_code == 200
        return len(queries)

    count()  # warms Wagtail's own caches (site root paths…)
    small = count()
    make_activities(80, prefix="B", points=(SEGOU, MOPTI), admin_codes=("ML-6",))
    assert count() == small
    # base.html (site chrome, menus, alternates, breadcrumbs) alone costs 15 queries; the map's
    # data (5) and filter choices (6) add 11 when the cache is cold, none when it is warm.
    assert small <= 15 + 11
    with CaptureQueriesContext(connection) as warm:
        client.get(fr.url)
    assert len(warm) <= 15


@pytest.mark.django_db
def test_activity_page_in_both_languages(client, map_pages):
    fr, en = map_pages
    [activity] = make_activities(1, prefix="P", points=(SEGOU,), admin_codes=("ML-5-02",))
    url_fr = f"{fr.url}activity/{activity.iati_identifier}/"
    response = client.get(url_fr)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Projet P00000</h1>" in html
    assert "Description en français." in html
    assert "Pays-Bas" in html
    assert "Bandiagara" in html
    assert 'id="aidmap-points"' in html and '"lat": 13.431' in html
    assert 'href="/iati/XM-DAC-7/activities.xml"' in html  # the partner's IATI file
    assert "Engagement sortant" in html  # transaction types named from the codelists

    html_en = client.get(f"{en.url}activity/{activity.iati_identifier}/").content.decode()
    assert "<h1>Project P00000</h1>" in html_en
    assert "Description in English." in html_en
    assert "Netherlands" in html_en
    assert "Outgoing Commitment" in html_en


@pytest.mark.django_db
def test_activity_page_falls_back_to_the_other_language(client, map_pages):
    _fr, en = map_pages
    [activity] = make_activities(1, prefix="F")
    activity.title_en = ""
    activity.save()
    html = client.get(f"{en.url}activity/{activity.iati_identifier}/").content.decode()
    assert "<h1>Projet F00000</h1>" in html


@pytest.mark.django_db
def test_unpublished_activity_has_no_public_page(client, map_pages):
    fr, _en = map_pages
    [draft] = make_activities(1, prefix="X", live=False)
    assert client.get(f"{fr.url}activity/{draft.iati_identifier}/").status_code == 404
    assert client.get(f"{fr.url}activity/NOPE/").status_code == 404


@pytest.mark.django_db
def test_long_lists_are_paginated_and_keep_the_filters(client, map_pages, monkeypatch):
    import aidmap.models

    monkeypatch.setattr(aidmap.models, "LIST_SIZE", 2)
    fr, _en = map_pages
    make_activities(5, prefix="L", status="3")
    html = client.get(fr.url, {"status": "3"}).content.decode()
    assert len(re.findall(r'<td[^>]*><a href="', html)) == 2  # one linked row per activity
    assert 'href="?status=3&amp;page=2"' in html
    assert "Total (5 " in html  # totals cover every matching activity
    html = client.get(fr.url, {"status": "3", "page": "3"}).content.decode()
    assert len(re.findall(r'<td[^>]*><a href="', html)) == 1


@pytest.mark.django_db
def test_thematic_group_tag_lists_the_group_activities_with_a_small_map(map_pages, home_fr):
    from django.template import Context, Template

    from groups.models import GroupIndexPage, ThematicGroupPage

    fr, _en = map_pages
    index = home_fr.add_child(instance=GroupIndexPage(title="Groupes", slug="groupes"))
    health = index.add_child(
        instance=ThematicGroupPage(title="Santé", slug="sante", acronym="GT-S")
    )
    linked = make_activities(2, prefix="G")
    make_activities(1, prefix="O")
    for activity in linked:
        activity.thematic_groups.add(health)
        activity.save()
    html = Template("{% load aidmap_tags %}{% aid_map_for_group page %}").render(
        Context({"page": health})
    )
    assert "Projet G00000" in html and "Projet G00001" in html
    assert "Projet O00000" not in html
    assert f'data-query="group={health.pk}"' in html
    assert f'href="{fr.url}?group={health.pk}"' in html
    assert "leaflet.js" in html
    empty = index.add_child(instance=ThematicGroupPage(title="Eau", slug="eau", acronym="GT-E"))
    assert "aidmap" not in Template("{% load aidmap_tags %}{% aid_map_for_group page %}").render(
        Context({"page": empty})
    )


@pytest.mark.django_db
def test_activity_page_queries_and_cache(client, map_pages, superuser):
    fr, _en = map_pages
    [activity] = make_activities(1, prefix="Q", points=(SEGOU, MOPTI), admin_codes=("ML-6",))
    url = f"{fr.url}activity/{activity.iati_identifier}/"
    client.get(url)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    assert len(warm) <= 15  # the site chrome only: the activity's data come from the cache
    activity.refresh_from_db()
    activity.title_fr = "Titre modifié"
    activity.save_revision(user=superuser).publish(user=superuser)
    assert "<h1>Titre modifié</h1>" in client.get(url).content.decode()
