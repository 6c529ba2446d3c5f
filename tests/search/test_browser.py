"""A visitor searches in a real Chromium: suggestions as they type in the header's box, the
results page without accents typed, a facet followed, nothing loaded from elsewhere."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_journey(live_server, page, content, requires_postgres):
    external = []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        external.append(route.request.url)
        return route.abort()

    page.route("**/*", guard)
    page.goto(f"{live_server.url}/fr/")
    box = page.locator("#site-search")
    box.fill("palu")
    suggestion = page.locator(".suggestions a").first
    suggestion.wait_for(state="visible", timeout=10_000)
    assert "aludisme" in suggestion.inner_text()
    box.fill("ecoles")
    box.press("Enter")
    page.wait_for_url("**/fr/search/?q=ecoles*")
    results = page.locator("ol.results h2")
    assert "Étude sur le paludisme à l’école" in results.all_inner_texts()
    assert page.locator("ol.results mark").first.inner_text().lower().startswith("écol")
    page.locator(".facet a", has_text="Documents").first.click()
    page.wait_for_url("**kind=document*")
    assert page.locator("ol.results li").count() >= 1
    assert external == []
