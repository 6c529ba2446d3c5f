"""A minimal PDF writer (text only, Helvetica, WinAnsi) for demo documents, tests and benches."""

import textwrap


def _escape(text):
    data = text.encode("cp1252", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages, title="Document"):
    """Return the bytes of a PDF whose pages hold ``pages`` (a list of strings, wrapped)."""
    objects = []  # bytes of objects 1..n, filled in order
    page_count = len(pages)
    font_id = 3
    first_page_id = 4
    kids = " ".join(f"{first_page_id + 2 * i} 0 R" for i in range(page_count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for index, text in enumerate(pages):
        content_id = first_page_id + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        lines = []
        for paragraph in text.split("\n"):
            lines.extend(textwrap.wrap(paragraph, 90) or [""])
        stream = (
            b"BT /F1 11 Tf 50 790 Td 14 TL "
            + b"".join(b"(" + _escape(line) + b") Tj T* " for line in lines[:54])
            + b"ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = _escape(title)
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /Info << /Title (" % (len(objects) + 1)
        + info
        + b") >> >>\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
