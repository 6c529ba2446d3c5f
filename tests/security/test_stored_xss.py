"""Stored XSS suite: a script payload in every editable text field, checked escaped in every
output where the field appears (HTML, RSS, Atom, iCal, IATI XML, GeoJSON, CSV/XLSX, sitemap,
e-mails; the map popups built in JavaScript are checked in Chromium by
``tests/browser/test_xss_map_popups.py``).

FIELDS maps each field to the outputs checked; ``test_coverage_figures`` counts them (the
figure of the closing note). A field "appears" in an output when its escaped text is found
there: each check asserts presence (escaped) and absence (raw markup)."""

import csv
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar
from lxml import etree
from openpyxl import load_workbook

from .site import build_site

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>window.__xss=1</script><img src=x onerror="window.__xss=1">'
RAW = ("<script>window.__xss", "<img src=x")
ESCAPED = "&lt;script&gt;window.__xss=1&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://evil.example","clic")'

FIELDS = {
    "page title (standard)": ["html", "search", "sitemap"],
    "page intro (standard)": ["html"],
    "rich text block (StreamField)": ["html"],
    "news title": ["html", "rss", "atom"],
    "news summary": ["html", "rss", "atom"],
    "group title": ["html", "rss", "csv", "xlsx"],
    "meeting title": ["html", "rss", "ical"],
    "meeting place": ["html", "rss", "ical"],
    "organisation name (snippet)": ["html"],
    "document title": ["html", "rss"],
    "document description": ["html", "rss"],
    "report series title": ["html", "rss", "ical", "email"],
    "IATI activity title (narrative)": ["html", "geojson", "iati-xml", "xlsx", "popup-js"],
    "IATI activity description (narrative)": ["html", "iati-xml"],
    "IATI reporting organisation name": ["iati-xml", "geojson"],
    "IATI location name": ["geojson", "popup-js"],
    "search query": ["html"],
    "invitation name (e-mail)": ["email"],
}


def assert_escaped_html(html, where):
    for raw in RAW:
        assert raw not in html, where
    assert ESCAPED in html or "&lt;script&gt;" in html, f"payload not shown at all: {where}"


@pytest.fixture
def site(db):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from home.blocks import RICH_TEXT_FEATURES
    from iati_publisher import publication

    site = build_site(PAYLOAD)
    contentstate = {
        "blocks": [
            {
                "key": "x1",
                "text": PAYLOAD,
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
    html = ContentstateConverter(RICH_TEXT_FEATURES).to_database_format(json.dumps(contentstate))
    page = site["standard"]
    page.body = [("paragraph", html)]
    page.save_revision().publish()
    publication.regenerate()
    return site


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_html_pages(client, site):
    from aidmap.models import AidMapPage

    library = site["library"]
    aid_map = AidMapPage.objects.get(locale__language_code="fr")
    for url in (
        site["standard"].url,
        site["news_index"].url,
        site["news"].url,
        site["group"].url,
        site["meeting"].url,
        library.url,
        library.document_url(site["document"]),
        site["calendar"].url,
        aid_map.url,
        f"{aid_map.url}activity/{site['activity'].iati_identifier}/",
        "/fr/",
    ):
        assert_escaped_html(get(client, url), url)
    document_page = get(client, library.document_url(site["document"]))
    assert "Organisation &quot;&gt;&lt;script" in document_page  # the issuing organisation
    assert_escaped_html(get(client, "/fr/search/", q=PAYLOAD), "search query")
    assert_escaped_html(get(client, "/fr/search/", q="Page"), "search results")


def feed_texts(xml):
    tree = etree.fromstring(xml.encode())
    return tree, [node.text or "" for node in tree.iter() if node.text]


@pytest.mark.parametrize(
    "path",
    ["/fr/feeds/news.rss", "library:feeds/rss/", "group:rss/", "calendar:feeds/rss/"],
)
def test_rss_html_elements_are_escaped_for_readers(client, site, path):
    if ":" in path:
        owner, suffix = path.split(":")
        path = site[owner].url + suffix
    tree, _texts = feed_texts(get(client, path))
    items = tree.findall(".//item")
    assert items, path
    carried = False
    for item in items:
        for tag in ("title", "description"):
            node = item.find(tag)
            text = node.text or "" if node is not None else ""
            # a reader renders these as HTML: after XML parsing they must still be escaped
            for raw in RAW:
                assert raw not in text, (path, tag)
            carried |= "&lt;script&gt;" in text
    assert carried, f"payload not in {path}"


def test_atom_summary_is_escaped_and_title_is_text(client, site):
    tree, _texts = feed_texts(get(client, "/fr/feeds/news.atom"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = tree.find("a:entry", ns)
    summary = entry.find("a:summary", ns)
    assert summary.get("type") == "html"
    assert "<script" not in summary.text and "&lt;script&gt;" in summary.text
    title = entry.find("a:title", ns)
    assert title.get("type") in (None, "text")  # plain text: shown as typed, never run


@pytest.mark.parametrize("path", ["group:ical/", "calendar:ical/", "agenda"])
def test_icalendar_carries_text_only(client, site, path):
    if path == "agenda":
        url = site["group"].get_parent().url + "agenda/ical/"
    else:
        owner, suffix = path.split(":")
        url = site[owner].url + suffix
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event.get("summary")) for event in calendar.walk("VEVENT")]
    assert any(PAYLOAD in summary for summary in summaries), url  # text, as typed
    assert "text/calendar" in response["Content-Type"]  # never rendered as a page


def test_iati_xml_narratives_are_text(client, site):
    for url in (
        "/iati/activities.xml",
        f"/iati/{site['activity'].reporting_org.ref}/activities.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        tree = etree.fromstring(content)
        assert not list(tree.iter("script", "img"))
        narratives = [n.text or "" for n in tree.iter("narrative")]
        assert any(PAYLOAD in text for text in narratives), url


def test_geojson_is_data_not_markup(client, site):
    response = client.get("/api/aid/locations.geojson")
    assert response["Content-Type"].startswith(("application/geo+json", "application/json"))
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    assert PAYLOAD.replace('"', '\\"') in text  # the exact text, JSON-escaped, for textContent


def test_spreadsheet_exports_neutralise_formulas(client, superuser, site):  # noqa: C901
    group = site["group"]
    group.title = FORMULA
    group.save_revision().publish()
    activity = site["activity"]
    activity.title_fr = FORMULA
    activity.save()
    client.force_login(superuser)
    from django.utils import timezone

    year = timezone.localdate().year
    rows = list(
        csv.reader(io.StringIO(get(client, "/admin/groups/dashboard/", export="csv", year=year)))
    )
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells
    response = client.get("/admin/groups/dashboard/", {"export": "xlsx", "year": year})
    values = [
        c.value
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
        for c in row
    ]
    assert "'" + FORMULA in values and FORMULA not in values
    response = client.get("/admin/iati-import/template.xlsx", {"prefill": "1"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    values = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert "'" + FORMULA in values and FORMULA not in values
    for value in values:
        assert not (isinstance(value, str) and value.startswith(("=", "+", "@", "\t", "\r")))


def test_sitemap_is_well_formed(client, site):
    response = client.get("/sitemap.xml")
    tree = etree.fromstring(response.content)
    locations = [node.text for node in tree.iter("{*}loc")]
    assert locations and all("<" not in loc for loc in locations)


def test_emails_are_plain_text(client, site):
    from django.utils import timezone

    from accounts.factories import UserFactory

    administrator = UserFactory(username="responsable")
    from library.models import ReportEdition

    series = site["edition"].series
    administrator.email = "resp@example.org"
    administrator.save()
    series.responsible = administrator
    series.save()
    ReportEdition.objects.create(
        series=series, edition="Spéciale", expected_date=timezone.localdate()
    )
    call_command("report_calendar_reminders", "--days", "14")
    reminder = [m for m in mail.outbox if "resp@example.org" in m.to]
    assert reminder and PAYLOAD in reminder[0].body
    assert not getattr(reminder[0], "alternatives", None)  # no HTML part to render it in
    from accounts.invitations import send_invitation

    mail.outbox.clear()
    import accounts.invitations as invitations

    original = invitations.transaction.on_commit
    invitations.transaction.on_commit = lambda func, **kw: func()
    try:
        send_invitation(
            email="x@example.org", first_name=PAYLOAD, last_name="N", groups=[], invited_by=None
        )
    finally:
        invitations.transaction.on_commit = original
    assert PAYLOAD in mail.outbox[0].body and not mail.outbox[0].alternatives


def test_coverage_figures():
    outputs = {output for checked in FIELDS.values() for output in checked}
    pairs = sum(len(checked) for checked in FIELDS.values())
    assert len(FIELDS) == 18 and len(outputs) == 12 and pairs == 43
