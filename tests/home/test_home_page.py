"""The home page built around the visitors' tasks, the identity (logo, icons), the formats
helper and the site's own error pages in development."""

import datetime

import pytest
from django.test import override_settings
from lxml import etree

from home import formats

pytestmark = pytest.mark.django_db


def test_home_leads_to_every_task_with_live_figures(client, public_tree):
    response = client.get("/fr/")
    assert response.status_code == 200
    html = etree.HTML(response.content)
    tasks = html.xpath('//ul[@class="task-list"]//a/@href')
    assert tasks == [
        "/fr/groupes/",
        "/fr/bibliotheque/",
        "/fr/carte-de-l-aide/",
        "/fr/groupes/agenda/",
        "/fr/calendrier-des-rapports/",
    ]
    figures = [
        " ".join(li.itertext()).split() for li in html.xpath('//ul[@class="figure-list"]/li')
    ]
    text = [" ".join(f) for f in figures]
    assert text[0] == "1 groupes et sous-groupes thématiques"
    assert text[3] == "1 documents de référence dans la bibliothèque"
    commitments = html.xpath('//ul[@class="figure-list"]/li[3]//span[@class="figure-value"]/abbr')
    assert commitments[0].text == "1\u00a0million FCFA"  # one activity of 1,000,000 XOF
    assert commitments[0].get("title") == "1\u202f000\u202f000\u00a0FCFA"
    meetings = html.xpath('//section[@class="next-meetings"]//a/text()')
    assert meetings == ["Réunion du GT Santé"]
    documents = html.xpath('//section[@class="latest-documents"]//a')
    doc = public_tree["document"]
    assert documents[0].get("href") == f"/fr/bibliotheque/document/{doc.pk}/{doc.slug}/"
    assert html.xpath('//section[@class="latest-news"]//h3/a/text()') == ["Revue conjointe"]


def test_home_in_english(client, public_tree):
    html = etree.HTML(client.get("/en/").content)
    assert html.xpath('//ul[@class="task-list"]//a/@href')[0] == "/en/groups/"
    value = html.xpath('//ul[@class="figure-list"]/li[3]//span[@class="figure-value"]/abbr')[0]
    assert value.text == "XOF\u00a01\u00a0million" and value.get("title") == "XOF\u00a01,000,000"
    assert html.xpath('//section[@class="next-meetings"]//a/text()') == ["Health group meeting"]


def test_home_queries_are_bounded(client, public_tree, django_assert_max_num_queries):
    from library.factories import DocumentFactory

    client.get("/fr/")
    with django_assert_max_num_queries(15):
        client.get("/fr/")
    DocumentFactory.create_batch(5)
    client.get("/fr/")
    with django_assert_max_num_queries(15):
        assert client.get("/fr/").status_code == 200


def test_identity_logo_favicon_touch_icon(client, home_fr):
    html = etree.HTML(client.get("/fr/").content)
    icons = {
        link.get("rel"): link.get("href")
        for link in html.xpath("//head/link[contains(@rel, 'icon')]")
    }
    assert icons["icon"].endswith(".ico") or icons["icon"].endswith(".svg")
    assert icons["apple-touch-icon"].endswith("apple-touch-icon.png")
    assert html.xpath('//a[@class="brand"]/img/@src')[0].endswith("mark.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.ico")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            ("12\u202f500\u202f000\u00a0FCFA", "1,6\u00a0Mo", "1er juillet 2026", "3 juil. 2026"),
        ),
        ("en", ("XOF\u00a012,500,000", "1.6\u00a0MB", "1 July 2026", "3 Jul 2026")),
    ],
)
def test_formats_per_language(language, expected):
    assert formats.amount(12_500_000, language=language) == expected[0]
    assert formats.filesize(1_677_722, language) == expected[1]
    assert formats.day(datetime.date(2026, 7, 1), language) == expected[2]
    assert formats.short_day(datetime.date(2026, 7, 3), language) == expected[3]
    assert formats.short_day(datetime.date(2026, 6, 3), language) != formats.short_day(
        datetime.date(2026, 7, 3), language
    ).replace("7", "6")
    assert formats.amount(None, language=language) == ""


DEV_MIDDLEWARE = "home.middleware.SiteErrorPagesMiddleware"


def test_dev_server_shows_the_site_404_and_500(client, home_fr, settings, monkeypatch):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, DEV_MIDDLEWARE]
    response = client.get("/fr/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "technical_404" not in response.content.decode()
    assert "Using the URLconf" not in response.content.decode()

    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/fr/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Erreur du serveur" in body and "Server error" in body
    assert "Traceback" not in body and "boom" not in body


def test_dev_settings_add_the_error_pages_middleware():
    from config.settings import dev

    assert (DEV_MIDDLEWARE in dev.MIDDLEWARE) == dev.DEBUG


@override_settings(DEBUG=False)
def test_500_page_has_no_inline_style(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<style" not in html and "style=" not in html
