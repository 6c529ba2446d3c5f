"""Text extraction (PDF with pypdf, DOCX with python-docx, plain text), for search.

Extraction never raises: a corrupt file still uploads, and the result says what went wrong.
:func:`extract_bounded` runs the parser in a forked child process limited to
``EXTRACTION_MEMORY`` bytes of extra memory and ``EXTRACTION_SECONDS`` seconds: a hostile file
costs at most that, then the document is marked "could not be read". It is called by the
background task ``library.tasks.extract_document_text`` (run inline by the immediate backend
until a worker exists). No SQL here.
"""

import io
import logging
import multiprocessing
import os
import re
import zipfile
from dataclasses import asdict, dataclass

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 1_000_000  # characters kept for the search index
EXTRACTION_SECONDS = 60
EXTRACTION_MEMORY = 512 * 1024 * 1024


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


def _virtual_size():
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(connection, data, extension, memory):
    try:
        import resource

        if memory:
            limit = _virtual_size() + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        result = extract(data, extension)
    except MemoryError:
        result = Extraction(status="failed", message="MemoryError")
    except BaseException as error:  # noqa: BLE001 — report anything to the parent
        result = Extraction(status="failed", message=f"{type(error).__name__}: {error}"[:500])
    try:
        connection.send(asdict(result))
    finally:
        connection.close()


def extract_bounded(data, extension, seconds=None, memory=None):
    """:func:`extract` in a child process bounded in time and memory (never raises)."""
    if extension not in EXTRACTORS:
        return Extraction(status="not_applicable")
    seconds = EXTRACTION_SECONDS if seconds is None else seconds
    memory = EXTRACTION_MEMORY if memory is None else memory
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: parse in process (the ZIP checks still hold)
        return extract(data, extension)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, extension, memory))
    process.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            try:
                return Extraction(**receiver.recv())
            except (EOFError, OSError):
                return Extraction(status="failed", message="The reader stopped (out of memory?)")
        return Extraction(
            status="failed", message=f"Reading the file took more than {seconds} seconds"
        )
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
