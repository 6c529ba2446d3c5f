"""PDF and DOCX downloads of a quarterly report, generated from the page in its own language.

- PDF: ``home.pdf.render_pdf`` (WeasyPrint, the product's one PDF library) of
  ``reports/quarterly_report_pdf.html``, which renders the page's body like the page itself.
- DOCX: python-docx, walking the same body: headings, rich-text paragraphs (bold, italic and
  lists kept), the figures tables (``reports.tables``, the same layout as HTML), editors'
  tables.

Cost: no SQL beyond the page's own (figures are the stored snapshot); PDF ~1 s, DOCX ~50 ms.
"""

import io

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import html as lxml_html

from home.pdf import render_pdf

from .tables import section_tables

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meta(page):
    period = page.period
    return _("Period: %(period)s (%(start)s – %(end)s)") % {
        "period": period.label,
        "start": period.start.strftime("%d/%m/%Y"),
        "end": period.end.strftime("%d/%m/%Y"),
    }


def build_pdf(page, request=None):
    language = page.locale.language_code
    with translation.override(language):
        return render_pdf(
            "reports/quarterly_report_pdf.html",
            {"page": page, "report_figures": page.figures, "meta": _meta(page)},
            request=request,
        )


# --- DOCX -----------------------------------------------------------------------------------


def _runs(paragraph, element, bold=False, italic=False):
    """Add ``element``'s text to ``paragraph`` as runs, keeping bold and italic."""
    if element.text:
        run = paragraph.add_run(element.text)
        run.bold, run.italic = bold, italic
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        _runs(
            paragraph,
            child,
            bold=bold or tag in ("b", "strong"),
            italic=italic or tag in ("i", "em"),
        )
        if child.tail:
            run = paragraph.add_run(child.tail)
            run.bold, run.italic = bold, italic


def _rich_text(document, source):
    """Paragraphs, level-3 headings and lists of a Wagtail rich-text value."""
    if not source or not source.strip():
        return
    fragments = lxml_html.fragments_fromstring(source)
    for element in fragments:
        if isinstance(element, str):
            if element.strip():
                document.add_paragraph(element.strip())
            continue
        tag = element.tag
        if tag in ("h2", "h3", "h4"):
            document.add_heading(element.text_content().strip(), level=3)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for item in element.iter("li"):
                _runs(document.add_paragraph(style=style), item)
        else:
            _runs(document.add_paragraph(), element)


def _table(document, table):
    document.add_paragraph(table.caption, style="Caption")
    rows = [cells for cells, _sub in table.rows]
    if not rows and table.empty:
        document.add_paragraph(table.empty)
        return
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for cells in rows + ([table.footer] if table.footer else []):
        for cell, text in zip(grid.add_row().cells, cells, strict=True):
            cell.text = str(text)
    if table.footer:
        for cell in grid.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True


def _typed_table(document, value):
    """An editor's table (``home.blocks.TableBlock``) as plain text cells."""
    columns = [column["heading"] for column in value.columns]
    if not columns:
        return
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, columns, strict=True):
        cell.text = str(text)
    for row in value.rows:
        for cell, block in zip(grid.add_row().cells, row, strict=False):
            text = getattr(block, "source", block)
            cell.text = lxml_html.fromstring(f"<div>{text}</div>").text_content() if text else ""


def build_docx(page):
    language = page.locale.language_code
    with translation.override(language):
        document = Document()
        document.core_properties.title = page.title
        document.core_properties.language = language
        document.styles["Normal"].font.size = Pt(10.5)
        document.add_heading(page.title, level=0)
        meta = document.add_paragraph(_meta(page))
        meta.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for block in page.body:
            kind = block.block_type
            if kind == "heading":
                document.add_heading(block.value, level=1)
            elif kind == "paragraph":
                _rich_text(document, block.value.source if block.value else "")
            elif kind == "figures":
                data = (page.figures or {}).get(block.value["section"])
                for table in section_tables(block.value["section"], data) if data else []:
                    _table(document, table)
            elif kind == "table":
                _typed_table(document, block.value)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def download(page, fmt, request=None):
    """The PDF or DOCX of ``page`` as an attachment named after its slug."""
    if fmt == "pdf":
        body, content_type = build_pdf(page, request), "application/pdf"
    else:
        body, content_type = build_docx(page), DOCX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.{fmt}"'
    response["Content-Length"] = str(len(body))
    return response
