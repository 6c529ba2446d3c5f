"""Upload safety: what a file really is (by its bytes), whether that matches its name, clean names.

The allow-list is checked by content, not only by extension: a PDF renamed ``.docx`` or a Word
file renamed ``.pdf`` is refused, so are HTML, SVG and executables whatever their name.

- A PDF is recognised by its ``%PDF-`` header at offset 0 only (an HTML file with an early
  ``%PDF-`` marker is markup, not a PDF).
- ZIP-based files (DOCX/XLSX/PPTX/ODF/ZIP) are checked from their central directory before
  anything is decompressed: at most ``ZIP_MAX_MEMBERS`` members, ``ZIP_MAX_UNCOMPRESSED`` bytes
  in total and a compression ratio of ``ZIP_MAX_RATIO`` (Python's zipfile never inflates a
  member past its declared size, so these declared sizes bound every later reader).
- Macro-enabled content (VBA projects in OOXML or OLE2, Basic/Scripts in ODF) is refused
  whatever the extension (a ``.docm`` renamed ``.docx`` included).
- Every refusal is one clear sentence (``ValidationError`` with a ``code``).

No SQL; reads the file's bytes once (already in memory: the upload limit is 50 MB).
"""

import io
import os
import re
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
EXECUTABLE_MAGICS = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux
    b"\xcf\xfa\xed\xfe",  # Mach-O 64
    b"\xce\xfa\xed\xfe",  # Mach-O 32
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts with a shebang
)
DANGEROUS_MEMBER_EXTENSIONS = {
    "exe", "dll", "com", "bat", "cmd", "scr", "msi", "js", "vbs", "ps1", "sh", "jar", "apk",
    "html", "htm", "svg", "hta", "lnk",
}  # fmt: skip
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_UNCOMPRESSED = 300 * 1024 * 1024
ZIP_MAX_RATIO = 100
MACRO_MEMBERS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^(Basic|Scripts)/", re.I)
OLE2_MACRO_STREAMS = ["_VBA_PROJECT".encode("utf-16-le")]  # in every VBA project
MARKUP_PATTERN = re.compile(rb"<\s*(!doctype\s+html|html|svg|script|body|head|iframe)\b", re.I)

# What each allowed extension must contain.
EXPECTED_KIND = {
    "pdf": "pdf",
    "doc": "ole2-doc",
    "xls": "ole2-xls",
    "ppt": "ole2-ppt",
    "docx": "docx",
    "xlsx": "xlsx",
    "pptx": "pptx",
    "odt": "odt",
    "ods": "ods",
    "odp": "odp",
    "csv": "text",
    "txt": "text",
    "zip": "zip",
}
KIND_LABELS = {
    "pdf": "PDF",
    "ole2-doc": "Word (.doc)",
    "ole2-xls": "Excel (.xls)",
    "ole2-ppt": "PowerPoint (.ppt)",
    "ole2": "Microsoft Office (OLE2)",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)",
    "odt": "OpenDocument text (.odt)",
    "ods": "OpenDocument spreadsheet (.ods)",
    "odp": "OpenDocument presentation (.odp)",
    "text": _("plain text"),
    "zip": "ZIP",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def _ole2_kind(data):
    """Tell Word, Excel and PowerPoint OLE2 files apart by their main stream's name."""
    if any(stream in data for stream in OLE2_MACRO_STREAMS):
        return "macro"
    for name, kind in (
        ("WordDocument", "ole2-doc"),
        ("Workbook", "ole2-xls"),
        ("Book", "ole2-xls"),
        ("PowerPoint Document", "ole2-ppt"),
    ):
        if name.encode("utf-16-le") in data:
            return kind
    return "ole2"


def _zip_kind(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        return "corrupt-zip"
    names = [member.filename for member in members]
    total = sum(member.file_size for member in members)
    if (
        len(members) > ZIP_MAX_MEMBERS
        or total > ZIP_MAX_UNCOMPRESSED
        or total > ZIP_MAX_RATIO * max(len(data), 1)
    ):
        return "zip-bomb"
    if any(MACRO_MEMBERS.search(name) for name in names):
        return "macro"
    if "[Content_Types].xml" in names:
        try:
            types = archive.read("[Content_Types].xml")
        except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
            return "corrupt-zip"
        if b"macroEnabled" in types or b"vbaProject" in types:
            return "macro"
    if names and names[0] == "mimetype":
        try:
            mimetype = archive.read("mimetype").strip()
        except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
            return "corrupt-zip"
        if mimetype in ODF_MIMETYPES:
            return ODF_MIMETYPES[mimetype]
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(name.startswith(prefix) for name in names):
                return kind
    for name in names:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in DANGEROUS_MEMBER_EXTENSIONS:
            return "zip-dangerous"
    return "zip"


def _looks_like_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def sniff(data):
    """Return the kind of ``data`` by its bytes: pdf, ole2-doc, docx, odt, zip, text, html, svg…"""
    head = data[:2048]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(data)
    if head.startswith(ZIP_MAGICS):
        return _zip_kind(data)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if any(stripped.startswith(magic) for magic in EXECUTABLE_MAGICS):
        return "executable"
    if re.search(rb"<\s*svg\b", head, re.I):
        return "svg"
    if MARKUP_PATTERN.search(head) or stripped.startswith(b"<?xml"):
        return "html"
    if _looks_like_text(data):
        return "text"
    return "unknown"


def allowed_extensions():
    return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", EXPECTED_KIND)]


def extension_of(name):
    base = os.path.basename(name or "")
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def check_upload(name, data, size=None):
    """Raise ``ValidationError`` with a clear message unless the file may be uploaded.

    Returns the detected kind when the file is accepted.
    """
    max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    size = len(data) if size is None else size
    if max_size is not None and size > max_size:
        raise ValidationError(
            _("This file is too big (%(size)s). The maximum size is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_size)},
            code="file_too_large",
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    extension = extension_of(name)
    allowed = [ext for ext in allowed_extensions() if ext in EXPECTED_KIND]
    kind = sniff(data)
    if kind in ("html", "svg"):
        raise ValidationError(
            _("Web pages (HTML) and SVG images are not accepted in the library."), code="markup"
        )
    if kind == "executable":
        raise ValidationError(_("Programs and scripts are not accepted."), code="executable")
    if kind == "zip-bomb":
        raise ValidationError(
            _(
                "This file would take more than %(max)s once decompressed (or is compressed "
                "abnormally), so it is not accepted."
            )
            % {"max": filesizeformat(ZIP_MAX_UNCOMPRESSED)},
            code="zip_bomb",
        )
    if kind == "macro":
        raise ValidationError(
            _(
                "Documents containing macros are not accepted: save it without macros "
                "(for example as .docx or .xlsx) and upload it again."
            ),
            code="macro",
        )
    if kind == "zip-dangerous":
        raise ValidationError(
            _("This ZIP archive contains programs or web pages; they are not accepted."),
            code="dangerous_archive",
        )
    if extension not in allowed:
        raise ValidationError(
            _("Files ending in “.%(extension)s” are not accepted. Accepted types: %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(allowed)},
            code="extension",
        )
    expected = EXPECTED_KIND[extension]
    if kind == expected:
        return kind
    if expected == "zip" and kind in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        return "zip"
    if expected == "text" and kind == "text":
        return kind
    if kind in KIND_LABELS:
        raise ValidationError(
            _(
                "This file is a %(actual)s file but its name ends in “.%(extension)s”. "
                "Rename it with the right extension and upload it again."
            )
            % {"actual": KIND_LABELS[kind], "extension": extension},
            code="mismatch",
        )
    raise ValidationError(
        _("The content of this file is not a valid %(expected)s file.")
        % {"expected": KIND_LABELS[expected]},
        code="invalid_content",
    )


def sanitise_filename(name, max_length=100):
    """ASCII, lower-case, no path, no spaces or odd characters; keeps the extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-._").lower() or "document"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())
    stem = stem[: max_length - len(extension) - 1]
    return f"{stem}.{extension}" if extension else stem
