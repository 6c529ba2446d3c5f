"""Quarterly report: pre-fill figures (exact counts), the command and the admin button, bad
input, the same figures as the dashboard, constant SQL per section."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from groups.factories import ThematicGroupPageFactory
from reports import figures as figures_module
from reports.figures import period_figures
from reports.models import QuarterlyReportPage
from reports.periods import Period
from tests.helpers import speak

from .quarter_data import build_quarter

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(pool_page, gt_a, gt_b):
    return build_quarter(pool_page, [gt_a])


def test_prefill_figures_are_exact(quarter):
    period, theme = quarter
    data = period_figures(period)
    groups = {row["acronym"]: row for row in data["groups"]["rows"]}
    a = groups["SANTE"]
    assert (a["meetings"], a["attended"], a["expected"], a["attendance_pct"]) == (2, 4, 8, 50)
    assert (a["activities"], a["done"], a["late"]) == (4, 1, 1)
    assert groups["EDU"]["meetings"] == 0 and not groups["EDU"]["has_programme"]
    assert data["groups"]["totals"]["groups_meeting"] == 1
    (theme_row,) = data["themes"]["rows"]
    assert (theme_row["activities"], theme_row["done"], theme_row["late"]) == (2, 1, 1)
    assert theme_row["last_meeting"]["kind"] == "group"
    audiences = {row["audience"]: row["count"] for row in data["documents"]["rows"]}
    assert audiences == {
        "administration": 0,
        "partners": 2,
        "civil_society": 1,
        "private_sector": 0,
        "elected": 1,
        "unions": 0,
    }
    assert data["documents"]["totals"]["documents"] == 3
    assert [row["edition"] for row in data["calendar"]["online"]] == ["A0"]
    assert [row["edition"] for row in data["calendar"]["late"]] == ["B0"]
    assert data["iati"]["totals"] == {"published": 1, "updated": 1}
    assert data["iati"]["commitments"] == [
        {"currency": "EUR", "total": "500"},
        {"currency": "XOF", "total": "1000"},
    ]


def test_command_creates_a_prefilled_draft(quarter):
    period, _theme = quarter
    out = io.StringIO()
    call_command("quarterly_report", period.code, stdout=out)
    page = QuarterlyReportPage.objects.get()
    assert not page.live and page.latest_revision is not None
    assert "/admin/pages/" in out.getvalue()
    assert (page.year, page.quarter) == (period.year, period.quarter)
    assert page.title.endswith(f"T{period.quarter} {period.year}")
    kinds = [block.block_type for block in page.body]
    assert kinds.count("figures") == 5
    headings = [block.value for block in page.body if block.block_type == "heading"]
    assert "Réunions et programmes de travail des groupes" in headings
    assert "Perspectives pour le trimestre suivant" in headings
    paragraphs = " ".join(
        block.value.source for block in page.body if block.block_type == "paragraph"
    )
    assert "2 réunions ont été tenues par 1 groupe(s)" in paragraphs
    assert "taux de participation des organisations membres a été de 50 %" in paragraphs


def test_report_figures_equal_the_dashboard_figures(client, pool_user, quarter):
    period, _theme = quarter
    call_command("quarterly_report", period.code, stdout=io.StringIO())
    page = QuarterlyReportPage.objects.get()
    client.force_login(pool_user)
    response = client.get(f"/admin/reports/dashboard/?period={period.code}")
    dashboard = {s["name"]: s["data"] for s in response.context["sections"]}
    stored = json.loads(json.dumps(page.figures))
    for name in figures_module.SECTIONS:
        assert stored[name] == json.loads(json.dumps(dashboard[name])), name
    # The dashboard now links to the report instead of offering to create it.
    assert response.context["report"] == page.page_ptr or response.context["report"] == page


def _report_tables(html):
    """Every figures table of a page, as (caption, rows of cell texts)."""
    from lxml import html as lxml_html

    tables = []
    for table in lxml_html.fromstring(html).xpath('//table[contains(@class, "report-table")]'):
        caption = " ".join(table.xpath("string(caption)").split())
        rows = [
            [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
            for row in table.xpath(".//tr")
        ]
        tables.append((caption, rows))
    return tables


def test_published_report_shows_the_dashboard_tables_cell_for_cell(client, pool_user, quarter):
    """What a reader of the published report sees is what the dashboard shows for the quarter:
    every table, caption, row and cell (both rendered from ``reports.figures``)."""
    period, _theme = quarter
    call_command("quarterly_report", period.code, stdout=io.StringIO())
    page = QuarterlyReportPage.objects.get()
    page.save_revision().publish()
    client.force_login(pool_user)
    speak(pool_user, "fr")
    dashboard = _report_tables(
        client.get(f"/admin/reports/dashboard/?period={period.code}").content.decode()
    )
    client.logout()
    report = client.get(page.url)
    assert report.status_code == 200
    published = _report_tables(report.content.decode())
    assert len(dashboard) >= 5 and published == dashboard
    captions = " ".join(caption for caption, _rows in published)
    cells = {cell for _caption, rows in published for row in rows for cell in row}
    assert "SANTE" in " ".join(cells) and "50 %" in " ".join(cells), (captions, cells)


@pytest.mark.parametrize(
    "text,message",
    [
        ("2099-Q1", "pas encore commencé"),
        ("2026-Q7", "n’est pas une période"),
        ("2026", "trimestre"),
        ("", "n’est pas une période"),
    ],
)
def test_command_bad_input_changes_nothing(quarter, text, message):
    with translation.override("fr"), pytest.raises(CommandError) as error:
        call_command("quarterly_report", text, stdout=io.StringIO())
    assert message in str(error.value)
    assert not QuarterlyReportPage.objects.exists()


def test_quarter_without_data_and_duplicates_are_refused(quarter):
    period, _theme = quarter
    with translation.override("fr"), pytest.raises(CommandError) as error:
        call_command("quarterly_report", "2001-Q1", stdout=io.StringIO())
    assert "aucun rapport n’a été créé" in str(error.value)
    call_command("quarterly_report", period.code, stdout=io.StringIO())
    with translation.override("fr"), pytest.raises(CommandError) as error:
        call_command("quarterly_report", period.code, stdout=io.StringIO())
    assert "existe déjà" in str(error.value)
    assert QuarterlyReportPage.objects.count() == 1


def test_admin_button_creates_the_draft_and_opens_it(client, pool_user, quarter):
    period, _theme = quarter
    client.force_login(pool_user)
    speak(pool_user, "fr")
    page = client.get(f"/admin/reports/dashboard/?period={period.code}")
    assert "Créer le rapport trimestriel" in page.content.decode()
    response = client.post("/admin/reports/quarterly/create/", {"period": period.code})
    report = QuarterlyReportPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{report.pk}/edit/"
    edit = client.get(response["Location"])
    assert edit.status_code == 200 and "Télécharger le PDF" in edit.content.decode()


@pytest.mark.parametrize("text", ["2099-Q2", "n'importe quoi", "2026\x00-Q1", "2001-Q1"])
def test_admin_button_bad_input_is_a_message(client, pool_user, quarter, text):
    client.force_login(pool_user)
    speak(pool_user, "en")
    response = client.post("/admin/reports/quarterly/create/", {"period": text}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not QuarterlyReportPage.objects.exists()


def test_admin_button_is_for_the_pool_only(client, editor_a, quarter):
    period, _theme = quarter
    client.force_login(editor_a)
    response = client.post("/admin/reports/quarterly/create/", {"period": period.code})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not QuarterlyReportPage.objects.exists()


def test_sql_per_section_is_constant(pool_page, gt_a, gt_b, group_index):
    period, theme = build_quarter(pool_page, [gt_a])

    def counts():
        result = {}
        for name in ("groups", "documents", "calendar", "iati"):
            build = getattr(figures_module, f"{name}_section")
            with CaptureQueriesContext(connection) as queries:
                build(period)
            result[name] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            figures_module.themes_section(period)
        result["themes"] = len(queries)
        return result

    before = counts()
    more = [
        ThematicGroupPageFactory(parent=group_index, title=f"G{i}", acronym=f"G{i}", slug=f"g{i}")
        for i in range(3)
    ]
    build_quarter(pool_page, more, period=period, theme=theme)
    after = counts()
    assert after == before
    assert period_figures(period)["groups"]["totals"]["meetings"] == 8  # the data did grow
    # A quarter without any document costs the same queries as one with documents.
    warm = {}
    for quarter in (period, Period(2001, 1)):
        with CaptureQueriesContext(connection) as queries:
            data = figures_module.documents_section(quarter)
        warm[bool(data["totals"]["documents"])] = len(queries)
    assert warm[True] == warm[False]


def test_future_quarter_message_in_english(quarter):
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("quarterly_report", "2099-Q4", stdout=io.StringIO())
    assert "has not started yet" in str(error.value)
    assert Period.parse("2099-Q4").is_future()
