"""A visitor switches language in a real Chromium."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTPUT = Path(__file__).resolve().parents[2] / "test-results"


def test_switch_from_french_to_english(live_server, page, home_fr):
    from home.demo import english_home

    english_home()
    OUTPUT.mkdir(exist_ok=True)
    external = []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        external.append(route.request.url)
        return route.abort()

    page.route("**/*", guard)
    page.goto(f"{live_server.url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Aller au contenu").count() == 1
    page.locator('nav.lang a[data-lang="en"]').click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "PTF Mali portal"
    page.screenshot(path=str(OUTPUT / "language-switch-en.png"), full_page=True)
    assert external == []
