"""The public site in both languages: routing, switcher, feeds, health, sitemap, queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from home.demo import ensure_translation
from home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_tree(home_fr, home_en):
    index = NewsIndexPageFactory(parent=home_fr, title="Actualités", slug="actualites")
    index_en = ensure_translation(index, "en", title="News", slug="news")
    items = []
    for i in range(3):
        news = NewsPageFactory(
            parent=index,
            title=f"Nouvelle {i}",
            slug=f"nouvelle-{i}",
            summary=f"Résumé {i}",
            date=datetime.date(2026, 1, 1 + i),
        )
        ensure_translation(
            news, "en", title=f"News item {i}", slug=f"news-{i}", summary=f"Summary {i}"
        )
        items.append(news)
    return index, index_en, items


def test_home_pages_have_their_language(client, home_fr, home_en):
    fr = client.get("/fr/")
    en = client.get("/en/")
    assert fr.status_code == 200 and en.status_code == 200
    assert b'<html lang="fr">' in fr.content
    assert b'<html lang="en">' in en.content
    assert "Accueil" in fr.content.decode()
    assert "Skip to content" in en.content.decode()


@pytest.mark.parametrize(
    ("accept", "target"),
    [("en-GB,en;q=0.9", "/en/"), ("fr-FR,fr;q=0.9", "/fr/"), ("de", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_by_accept_language(client, home_fr, home_en, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_language_switcher_leads_to_the_translation(client, news_tree):
    response = client.get("/fr/actualites/nouvelle-1/")
    assert response.status_code == 200
    html = etree.HTML(response.content)
    link = html.xpath('//nav[@class="lang"]//a[@data-lang="en"]')[0]
    assert link.get("href") == "/en/news/news-1/"
    assert html.xpath('//link[@rel="alternate"][@hreflang="en"]/@href') == [
        "http://testserver/en/news/news-1/"
    ]
    english = client.get(link.get("href"))
    assert b'<html lang="en">' in english.content
    assert b"News item 1" in english.content


def test_language_switcher_falls_back_to_the_other_home(client, home_fr, home_en):
    NewsIndexPageFactory(parent=home_fr, title="Seulement en français", slug="seul")
    response = client.get("/fr/seul/")
    link = etree.HTML(response.content).xpath('//nav[@class="lang"]//a[@data-lang="en"]')[0]
    assert link.get("href") == "/en/"


def test_rss_feed_is_rss2_with_latest_items_in_the_language(client, news_tree):
    response = client.get("/fr/feeds/news.rss")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    titles = root.xpath("//item/title/text()")
    assert titles == ["Nouvelle 2", "Nouvelle 1", "Nouvelle 0"]
    en = etree.fromstring(client.get("/en/feeds/news.rss").content)
    assert en.xpath("//item/title/text()")[0] == "News item 2"
    assert en.xpath("//item/link/text()")[0].endswith("/en/news/news-2/")


def test_atom_feed_is_atom(client, news_tree):
    response = client.get("/en/feeds/news.atom")
    root = etree.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.xpath("//a:entry/a:title/text()", namespaces=ns)[:2] == [
        "News item 2",
        "News item 1",
    ]


def test_feeds_are_advertised_on_every_page(client, news_tree):
    html = etree.HTML(client.get("/fr/actualites/").content)
    assert "/fr/feeds/news.rss" in html.xpath('//link[@type="application/rss+xml"]/@href')
    assert "/fr/feeds/news.atom" in html.xpath('//link[@type="application/atom+xml"]/@href')


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_reports_a_broken_database(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_sitemap_lists_both_languages(client, news_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locs = etree.fromstring(response.content).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert any(loc.endswith("/fr/actualites/nouvelle-0/") for loc in locs)
    assert any(loc.endswith("/en/news/news-0/") for loc in locs)


def test_open_graph_and_share_links(client, news_tree):
    html = etree.HTML(client.get("/fr/actualites/nouvelle-0/").content)
    assert html.xpath('//meta[@property="og:title"]/@content') == ["Nouvelle 0"]
    assert html.xpath('//meta[@property="og:type"]/@content') == ["article"]
    assert html.xpath('//meta[@property="og:description"]/@content') == ["Résumé 0"]
    share = html.xpath('//aside[@class="share"]//a/@href')
    assert any(href.startswith("https://www.facebook.com/sharer/") for href in share)


def test_unknown_page_gives_the_bilingual_404(client, home_fr):
    response = client.get("/fr/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def _home_queries(client, cold=False):
    """SQL of one home page; ``cold``: with its sections to build (as after a publication)."""
    if cold:
        from home import pagecache

        pagecache.invalidate()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/fr/")
    assert response.status_code == 200
    return len(ctx)


def test_home_page_queries_do_not_grow_with_news(client, home_fr, home_en):
    index = NewsIndexPageFactory(parent=home_fr, slug="actualites")
    NewsPageFactory.create_batch(10, parent=index)
    client.get("/fr/")  # warm caches (site root paths)
    built_at_10, at_10 = _home_queries(client, cold=True), _home_queries(client)
    NewsPageFactory.create_batch(90, parent=index)  # (a publication: the sections are rebuilt)
    built_at_100, at_100 = _home_queries(client), _home_queries(client)
    assert (built_at_10, at_10) == (built_at_100, at_100)
    assert at_100 < built_at_100 <= 15
