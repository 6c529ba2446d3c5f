"""Language switching on every page type: the switcher and hreflang lead to the same object in
the other language (routable sub-pages and query strings included), absolute hreflang with
self-reference and x-default, sitemap alternates on the real host, the human site map."""

import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "x": "http://www.w3.org/1999/xhtml"}  # fmt: skip


def _switch(client, url, host="testserver"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    html = etree.HTML(response.content)
    link = html.xpath('//nav[@class="lang"]//a[@data-lang]')
    assert len(link) == 1
    hreflang = {
        el.get("hreflang"): el.get("href")
        for el in html.xpath('//head/link[@rel="alternate"][@hreflang]')
    }
    return link[0].get("href"), hreflang


def _pairs(tree):
    library, index, calendar, aidmap = (tree[k] for k in ("library", "index", "calendar", "map"))
    doc = tree["document"]
    return [
        ("/fr/", "/en/"),
        ("/fr/actualites/", "/en/news/"),
        ("/fr/actualites/revue/", "/en/news/review/"),
        ("/fr/groupes/", "/en/groups/"),
        ("/fr/groupes/agenda/", "/en/groups/agenda/"),
        ("/fr/groupes/sante/", "/en/groups/health/"),
        ("/fr/groupes/sante/tdr/", "/en/groups/health/tor/"),
        ("/fr/groupes/sante/reunion/", "/en/groups/health/meeting/"),
        ("/fr/bibliotheque/", "/en/library/"),
        ("/fr/bibliotheque/?q=sant%C3%A9&type=report", "/en/library/?q=sant%C3%A9&type=report"),
        (f"/fr/bibliotheque/document/{doc.pk}/{doc.slug}/",
         f"/en/library/document/{doc.pk}/{doc.slug}/"),
        ("/fr/calendrier-des-rapports/", "/en/report-calendar/"),
        ("/fr/carte-de-l-aide/?sector=12220", "/en/aid-map/?sector=12220"),
        (f"/fr/carte-de-l-aide/activity/{tree['activity']}/",
         f"/en/aid-map/activity/{tree['activity']}/"),
        ("/fr/plan-du-site/", "/en/site-map/"),
        ("/fr/search/?q=eau", "/en/search/?q=eau"),
    ], (library, index, calendar, aidmap)  # fmt: skip


def test_every_page_type_switches_to_the_same_object(client, public_tree):
    pairs, _pages = _pairs(public_tree)
    for fr, en in pairs:
        target, hreflang = _switch(client, fr)
        assert target == en, fr
        back, _ = _switch(client, en)
        assert back == fr, en
        # Absolute, self-referencing, with x-default = the French (default) version.
        assert hreflang == {
            "fr": f"http://testserver{fr}",
            "en": f"http://testserver{en}",
            "x-default": f"http://testserver{fr}",
        }, fr


def test_hreflang_uses_the_host_of_the_request(client, public_tree):
    _target, hreflang = _switch(client, "/fr/actualites/", host="127.0.0.1")
    assert hreflang["en"] == "http://127.0.0.1/en/news/"


def test_page_without_translation_leads_home_and_has_no_hreflang(client, public_tree):
    from home.factories import StandardPageFactory
    from home.models import HomePage

    StandardPageFactory(parent=HomePage.objects.get(locale__language_code="fr"),
                        title="Mentions légales", slug="mentions")  # fmt: skip
    target, hreflang = _switch(client, "/fr/mentions/")
    assert target == "/en/"
    assert hreflang == {}


def test_sitemap_has_alternates_on_the_real_host(client, public_tree):
    response = client.get("/sitemap.xml", HTTP_HOST="ptf-mali.example")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    locations = root.xpath("//s:loc/text()", namespaces=SITEMAP_NS)
    assert locations and all(loc.startswith("http://ptf-mali.example/") for loc in locations)
    url = root.xpath(
        '//s:url[s:loc="http://ptf-mali.example/fr/groupes/sante/"]', namespaces=SITEMAP_NS
    )[0]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in url.xpath("x:link[@rel='alternate']", namespaces=SITEMAP_NS)
    }
    assert alternates == {
        "fr": "http://ptf-mali.example/fr/groupes/sante/",
        "en": "http://ptf-mali.example/en/groups/health/",
        "x-default": "http://ptf-mali.example/fr/groupes/sante/",
    }
    doc = public_tree["document"]
    doc_url = f"http://ptf-mali.example/fr/bibliotheque/document/{doc.pk}/{doc.slug}/"
    entry = root.xpath(f'//s:url[s:loc="{doc_url}"]', namespaces=SITEMAP_NS)[0]
    hreflangs = entry.xpath("x:link/@hreflang", namespaces=SITEMAP_NS)
    assert sorted(hreflangs) == ["en", "fr", "x-default"]
    assert "localhost" not in response.content.decode()


def test_human_site_map_lists_the_tree_in_each_language(client, public_tree):
    fr = client.get("/fr/plan-du-site/")
    assert fr.status_code == 200
    html = etree.HTML(fr.content)
    links = html.xpath('//div[@class="site-map"]//a/@href')
    assert "/fr/groupes/sante/tdr/" in links and "/fr/bibliotheque/" in links
    assert "/fr/groupes/sante/reunion/" not in links  # meetings have their agenda
    assert "/en/" not in "".join(links)
    en = etree.HTML(client.get("/en/site-map/").content)
    assert "/en/groups/health/" in en.xpath('//div[@class="site-map"]//a/@href')
    footer = html.xpath('//footer//a[text()="Plan du site"]/@href')
    assert footer == ["/fr/plan-du-site/"]


def test_site_map_page_queries_are_constant(client, public_tree, django_assert_max_num_queries):
    client.get("/fr/plan-du-site/")
    with django_assert_max_num_queries(3):
        assert client.get("/fr/plan-du-site/").status_code == 200
