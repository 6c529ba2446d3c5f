"""The aid map in Chromium, with every request outside the test server blocked (offline)."""

from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from .helpers import MOPTI, SEGOU, SIKASSO, make_activities, reporting_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offline_page(page, live_server):
    """Playwright's page, refusing anything that is not the live server (tiles included)."""
    blocked = []
    local = {"127.0.0.1", "localhost", "[::1]"}

    def route(request_route):
        if urlparse(request_route.request.url).hostname in local:
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.blocked = blocked
    return page


def test_map_filters_list_and_popup_offline(offline_page, live_server, home_fr, home_en):
    from aidmap.demo import build as build_demo

    cache.clear()
    map_fr = build_demo(None)
    other = reporting_org("FR-6", "Agence française de développement", "French Development Agency")
    make_activities(12, prefix="S", points=(SEGOU, SIKASSO))
    make_activities(1, prefix="M", org=other, points=(MOPTI,))
    make_activities(2, prefix="R", org=other, points=(), admin_codes=("MLI.9_1",))
    page = offline_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + map_fr.url)
    root = page.locator("#aidmap[data-ready='true']")
    root.wait_for(state="attached")
    assert root.get_attribute("data-locations") == "25"
    assert root.get_attribute("data-areas") == "1"  # the Tombouctou région circle
    assert page.locator(".marker-cluster").count() >= 2  # Ségou and Sikasso clusters
    assert page.locator(".leaflet-overlay-pane path").count() >= 2  # outline + circle
    assert page.locator("[data-aidmap-list] tbody tr").count() == 15

    page.select_option("#filter-partner", "FR-6")
    page.wait_for_function("document.location.search === '?partner=FR-6'")
    root = page.locator("#aidmap[data-ready='true'][data-locations='1']")
    root.wait_for(state="attached")
    assert page.locator("[data-aidmap-list] tbody tr").count() == 3
    assert page.locator(".marker-cluster").count() == 0
    assert "Total (3" in page.locator("[data-aidmap-list] tfoot").inner_text()

    page.locator(".aidmap-dot").first.click()
    link = page.locator(".leaflet-popup a.aidmap-open")
    link.wait_for()
    assert "Projet M00000" in page.locator(".leaflet-popup").inner_text()
    href = link.get_attribute("href")
    assert href == f"{map_fr.url}activity/FR-6-M00000/"
    page.screenshot(path="test-results/aidmap-filtered.png", full_page=True)
    link.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").inner_text() == "Projet M00000"
    page.locator("#aidmap.leaflet-container").wait_for()  # the small map of its locations
    page.screenshot(path="test-results/aidmap-activity.png", full_page=True)

    assert errors == []
    assert page.blocked, "the map tried no tile: the offline check proved nothing"
    assert all(urlparse(url).hostname not in {"127.0.0.1", "localhost"} for url in page.blocked)


def test_location_widgets_in_the_activity_editor_offline(offline_page, live_server, superuser):
    import re

    from django.test import Client
    from django.urls import reverse

    from iati_publisher import geo

    [activity] = make_activities(1, prefix="W", points=(SEGOU,))
    client = Client()
    client.force_login(superuser)
    page = offline_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    edit = reverse("wagtailsnippets_iati_publisher_activity:edit", args=[activity.pk])
    page.goto(live_server.url + edit)
    page.get_by_role("tab", name=re.compile("Geograph|Géograph")).click()
    page.locator(".iati-point-picker").scroll_into_view_if_needed()  # maps start when seen
    page.locator(".iati-point-picker-map .leaflet-marker-icon").wait_for()  # on the row's point
    lat, lon = "#id_locations-0-latitude", "#id_locations-0-longitude"

    page.locator(".iati-point-picker-map").click(position={"x": 60, "y": 200})
    new_lat, new_lon = float(page.input_value(lat)), float(page.input_value(lon))
    assert (new_lat, new_lon) != (13.431, -6.265)
    assert new_lat < 13.431 and new_lon < -6.265  # clicked south-west of Ségou
    assert geo.in_mali(new_lat, new_lon)

    page.fill(lat, "-6.265")
    page.fill(lon, "13.431")
    warning = page.locator(".iati-point-picker-warning")
    assert "swapped" in warning.inner_text() or "inversées" in warning.inner_text()

    page.fill(lat, "")
    page.fill(lon, "")
    page.select_option("#id_locations-0-admin_unit_code", "ML-4-03")  # Bla, a cercle of Ségou
    assert page.input_value(lat) == "12.948"
    assert page.input_value(lon) == "-5.76"
    assert page.input_value("#id_locations-0-admin_unit_level") == "cercle"
    assert warning.inner_text() == ""
    page.screenshot(path="test-results/aidmap-location-widget.png")
    assert errors == []
    assert all(urlparse(url).hostname not in {"127.0.0.1", "localhost"} for url in page.blocked)
