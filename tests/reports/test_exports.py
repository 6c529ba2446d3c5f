"""PDF and DOCX of a quarterly report, generated from the page and read back, in both languages;
the public page and its downloads."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from reports.exports import build_docx, build_pdf
from reports.generate import narrative_titles
from reports.models import QuarterlyReportPage
from reports.summaries import section_titles

from .quarter_data import build_quarter

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(pool_page, gt_a, gt_b):
    period, _theme = build_quarter(pool_page, [gt_a])
    call_command("quarterly_report", period.code, stdout=io.StringIO())
    return QuarterlyReportPage.objects.get()


@pytest.fixture
def report_en(report, home_en):
    """The English translation, as a translator would leave it (headings translated)."""
    page = report.copy_for_translation(home_en.locale, copy_parents=True)
    with translation.override("en"):
        english = list(section_titles().values()) + list(narrative_titles().values())
    with translation.override("fr"):
        french = list(section_titles().values()) + list(narrative_titles().values())
    mapping = dict(zip(french, english, strict=True))
    page.title = f"Quarterly activity report — {report.period.code}"
    page.slug = f"quarterly-report-{report.period.code.lower()}"
    page.body = [
        (block.block_type, mapping.get(block.value, block.value))
        if block.block_type == "heading"
        else (block.block_type, block.value)
        for block in page.body
    ]
    page.save_revision().publish()
    return page


def pdf_text(data):
    assert data.startswith(b"%PDF-")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_parts(data):
    document = Document(io.BytesIO(data))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    cells = " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    return document, headings, cells


def normalise(text):
    return " ".join(text.replace("\u2019", "'").split())


def test_pdf_in_french(report):
    text = normalise(pdf_text(build_pdf(report)))
    assert normalise("Réunions et programmes de travail des groupes") in text
    assert normalise("Avancement par thème prioritaire") in text  # a table caption
    assert "Capital humain" in text and "Santé (SANTE)" in text
    assert normalise("Perspectives pour le trimestre suivant") in text


def test_pdf_in_english(report_en):
    text = normalise(pdf_text(build_pdf(report_en)))
    assert "Meetings and work programmes of the groups" in text
    assert "Progress per priority theme" in text and "Participation rate" in text
    assert "Outlook for the next quarter" in text


def test_docx_in_both_languages(report, report_en):
    document, headings, cells = docx_parts(build_docx(report))
    assert document.core_properties.language == "fr"
    assert headings[0] == report.title
    assert "Réunions et programmes de travail des groupes" in headings
    assert "Perspectives pour le trimestre suivant" in headings
    assert "Santé (SANTE)" in cells and "50 %" in cells and "Capital humain" in cells
    assert "Taux de participation" in cells
    document, headings, cells = docx_parts(build_docx(report_en))
    assert document.core_properties.language == "en"
    assert "Meetings and work programmes of the groups" in headings
    assert "Participation rate" in cells and "Technical and financial partners" in cells


def test_generated_paragraph_survives_in_docx(report):
    document, _headings, _cells = docx_parts(build_docx(report))
    text = " ".join(p.text for p in document.paragraphs)
    assert "taux de participation des organisations membres a été de 50 %" in text


def test_published_report_page_and_downloads(client, report, django_assert_max_num_queries):
    report.save_revision().publish()
    report.refresh_from_db()
    client.get(report.url)
    with django_assert_max_num_queries(15):
        response = client.get(report.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Avancement par thème prioritaire" in html and "Télécharger (PDF)" in html
    pdf = client.get(report.url + "pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f'filename="{report.slug}.pdf"' in pdf["Content-Disposition"]
    docx = client.get(report.url + "docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_draft_is_not_public_but_its_editors_download_it(client, report, pool_user, editor_a):
    assert client.get(report.url + "pdf/").status_code == 404 if report.url else True
    client.force_login(editor_a)
    denied = client.get(f"/admin/reports/quarterly/{report.pk}/pdf/")
    assert denied.status_code in (302, 403)
    client.force_login(pool_user)
    response = client.get(f"/admin/reports/quarterly/{report.pk}/docx/")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert client.get(f"/admin/reports/quarterly/{report.pk}/exe/").status_code == 404
