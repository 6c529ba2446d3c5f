"""Text extraction at upload (PDF with pypdf, DOCX with python-docx, plain text), for search.

Extraction never raises: a corrupt file still uploads, and the result says what went wrong.
"""

import io
import logging
import re
import zipfile
from dataclasses import dataclass

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 1_000_000  # characters kept for the search index


@dataclass
class Extraction:
    status: str  # see ExtractionStatus in library.models
    text: str = ""
    page_count: int | None = None
    message: str = ""


def _clean(text):
    text = text.replace("\x00", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_TEXT_LENGTH]


def extract_pdf(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = reader.pages
    parts = []
    for page in pages:
        parts.append(page.extract_text() or "")
    return _clean("\n".join(parts)), len(pages)


def extract_docx(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    page_count = None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            app = archive.read("docProps/app.xml").decode("utf-8", "ignore")
            match = re.search(r"<Pages>(\d+)</Pages>", app)
            page_count = int(match.group(1)) if match else None
        except KeyError:
            pass
    return _clean("\n".join(parts)), page_count


def extract_text_file(data):
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return _clean(data.decode(encoding)), None
        except UnicodeDecodeError:
            continue
    return "", None


EXTRACTORS = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "txt": extract_text_file,
    "csv": extract_text_file,
}


def extract(data, extension):
    """Return an :class:`Extraction` for the bytes of a file with this extension."""
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return Extraction(status="not_applicable")
    try:
        text, page_count = extractor(data)
    except Exception as error:  # noqa: BLE001 — any parser error means "could not read"
        logger.info("Text extraction failed: %s", error)
        return Extraction(status="failed", message=f"{type(error).__name__}: {error}"[:500])
    if not text:
        return Extraction(status="empty", page_count=page_count)
    return Extraction(status="ok", text=text, page_count=page_count)
