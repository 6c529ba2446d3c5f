"""Every public page type in both languages, in Debian's Chromium at 1280 and 360 px: nothing
wider than the viewport, axe-core (vendored, tests/browser/vendor/) finds no serious or
critical violation, page weight of a first visit ≤ 300 KB (the map's vendored Leaflet
excepted), no third-party request, language switcher and keyboard paths that work.

Screenshots of every page at both widths are kept under ``test-results/public/`` (CI
artefacts) with ``summary.json`` (axe counts, weights, widths per page)."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTPUT = Path(__file__).resolve().parents[2] / "test-results" / "public"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
MAX_WEIGHT = 300 * 1024
WIDTHS = (1280, 360)


def public_urls(tree):
    doc, activity = tree["document"], tree["activity"]
    pages = {
        "home": ("/fr/", "/en/"),
        "standard": ("/fr/pool/", "/en/pool/"),
        "news-index": ("/fr/actualites/", "/en/news/"),
        "news": ("/fr/actualites/revue/", "/en/news/review/"),
        "group-index": ("/fr/groupes/", "/en/groups/"),
        "agenda": ("/fr/groupes/agenda/", "/en/groups/agenda/"),
        "group": ("/fr/groupes/sante/", "/en/groups/health/"),
        "tor": ("/fr/groupes/sante/tdr/", "/en/groups/health/tor/"),
        "work-programme": ("/fr/groupes/sante/pt/", "/en/groups/health/wp/"),
        "meeting": ("/fr/groupes/sante/reunion/", "/en/groups/health/meeting/"),
        "library": ("/fr/bibliotheque/?type=report", "/en/library/?type=report"),
        "document": (f"/fr/bibliotheque/document/{doc.pk}/{doc.slug}/",
                     f"/en/library/document/{doc.pk}/{doc.slug}/"),
        "calendar": ("/fr/calendrier-des-rapports/", "/en/report-calendar/"),
        "map": ("/fr/carte-de-l-aide/", "/en/aid-map/"),
        "activity": (f"/fr/carte-de-l-aide/activity/{activity}/",
                     f"/en/aid-map/activity/{activity}/"),
        "search": ("/fr/search/?q=sant%C3%A9", "/en/search/?q=health"),
        "site-map": ("/fr/plan-du-site/", "/en/site-map/"),
    }  # fmt: skip
    return pages


def _is_tile(url):
    from django.conf import settings

    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(settings.MAP_TILES_URL))
    return bool(settings.MAP_TILES_URL) and url.startswith(origin)


def _audit(context, base, path, width, name):
    page = context.new_page()
    sizes, external, tiles = {}, [], []

    def guard(route):
        if route.request.url.startswith(base):
            return route.continue_()
        # The map's tile server is configuration (MAP_TILES_URL, allowed by the CSP): its
        # requests are refused to stay offline and counted apart; any other is a problem.
        (tiles if _is_tile(route.request.url) else external).append(route.request.url)
        return route.abort()

    def on_response(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            sizes.setdefault(response.url, 0)

    page.route("**/*", guard)
    page.on("response", on_response)
    response = page.goto(base + path, wait_until="load")
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(OUTPUT / f"{name}-{width}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"""
    )
    leaflet = sum(size for url, size in sizes.items() if "/vendor/leaflet" in url)
    weight = sum(sizes.values()) - leaflet
    page.close()
    return {
        "path": path,
        "width": width,
        "scroll_width": scroll_width,
        "weight": weight,
        "leaflet": leaflet,
        "external": external,
        "tiles": len(tiles),
        "violations": violations,
    }


def test_every_public_page_type_in_chromium(live_server, browser, public_tree):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    results, problems = [], []
    for width in WIDTHS:
        # bypass_csp only lets the test inject axe-core; the site's CSP is checked elsewhere.
        context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
        for kind, paths in public_urls(public_tree).items():
            for language, path in zip(("fr", "en"), paths, strict=True):
                result = _audit(context, live_server.url, path, width, f"{kind}-{language}")
                results.append({"kind": kind, "language": language, **result})
                bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
                if result["scroll_width"] > width:
                    problems.append(f"{path} @{width}: {result['scroll_width']} px wide")
                if bad:
                    problems.append(f"{path} @{width}: {bad}")
                if result["weight"] > MAX_WEIGHT:
                    problems.append(f"{path}: {result['weight']} bytes")
                if result["external"]:
                    problems.append(f"{path}: third-party requests {result['external']}")
        context.close()
    (OUTPUT / "summary.json").write_text(json.dumps(results, indent=1))
    assert problems == []


def test_keyboard_and_phone_paths(live_server, browser, public_tree):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    # Library on a phone: the facets panel is closed, the first result is near the top and
    # "skip to results" moves the focus there.
    page.goto(live_server.url + "/fr/bibliotheque/?type=report")
    assert page.locator("details.facets-panel").get_attribute("open") is None
    first = page.locator("ol.documents li").first.bounding_box()
    assert first["y"] < 1100
    page.keyboard.press("Tab")  # skip to content
    skip = page.get_by_role("link", name="Aller au résultat (1)")  # one document: singular
    skip.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"
    # The menu collapses behind its button and opens with it; Escape closes it.
    page.goto(live_server.url + "/fr/")
    menu = page.locator("#main-menu")
    assert not menu.is_visible()
    page.get_by_role("button", name="Menu").click()
    assert menu.is_visible()
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    # Focus ring: a dark outline (not only the yellow halo) on a white background.
    page.goto(live_server.url + "/fr/")
    page.locator(".task a").first.focus()
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineColor + '|' + "
        "getComputedStyle(document.activeElement).outlineStyle"
    )
    assert outline.startswith("rgb(11, 12, 12)") and outline.endswith("solid")
    # The switcher of a routable sub-page leads to the same sub-page in English.
    page.goto(live_server.url + "/fr/groupes/agenda/")
    page.locator('nav.lang a[data-lang="en"]').click()
    page.wait_for_url(live_server.url + "/en/groups/agenda/")
    context.close()
    # The header's search suggestions, once shown, keep every page within the viewport.
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(live_server.url + "/fr/")
        page.locator("#site-search").press_sequentially("santé", delay=20)
        page.locator("#site-search-suggestions li").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        box = page.locator("#site-search-suggestions").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        context.close()
