"""In Chromium: the map popups show stored text through textContent (a payload stays text),
and neither the public pages nor the admin break the Content-Security-Policy."""

from urllib.parse import urlparse

import pytest

from tests.security.site import build_site
from tests.security.test_stored_xss import PAYLOAD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def watched_page(page):
    """Playwright's page, offline (only the live server), recording CSP violations."""
    violations, errors = [], []

    def route(request_route):
        host = urlparse(request_route.request.url).hostname
        if host in {"127.0.0.1", "localhost"}:
            request_route.continue_()
        else:
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
        else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.violations, page.errors = violations, errors
    return page


def test_map_popup_keeps_the_payload_as_text(watched_page, live_server):
    from aidmap.models import AidMapPage

    site = build_site(PAYLOAD)
    page = watched_page
    map_page = AidMapPage.objects.get(locale__language_code="fr")
    page.goto(live_server.url + map_page.url)
    page.locator("#aidmap[data-ready='true']").wait_for(state="attached")
    page.locator(".aidmap-dot, .leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    text = popup.inner_text()
    assert "<script>window.__xss=1</script>" in text  # shown as text
    assert popup.locator("img, script").count() == 0
    assert page.evaluate("window.__xss") is None
    page.goto(live_server.url + f"{map_page.url}activity/{site['activity'].iati_identifier}/")
    page.locator("#aidmap.leaflet-container").wait_for()
    assert page.evaluate("window.__xss") is None
    page.goto(live_server.url + site["news"].url)
    assert page.evaluate("window.__xss") is None
    assert page.violations == [], page.violations
    assert page.errors == [], page.errors


def test_admin_works_under_its_policy(watched_page, live_server, superuser):
    from django.test import Client

    site = build_site("Bamako")
    client = Client()
    client.force_login(superuser)
    page = watched_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for path in ("/admin/", f"/admin/pages/{site['news'].pk}/edit/", "/admin/documents/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert page.locator("[data-side-panel-toggle], .w-tabs, main").count() > 0
    assert page.violations == [], page.violations
    assert page.errors == [], page.errors
