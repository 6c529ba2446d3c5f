"""Upload safety: allow-list by content, clear refusals, sanitised names, quiet extraction failures."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library.models import CustomDocument, ExtractionStatus
from library.pdf import make_pdf
from library.upload import check_upload, sanitise_filename, sniff


def make_docx(text="Termes de référence du groupe Santé"):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def make_odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


OLE2_DOC = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\x00" * 500
    + "WordDocument".encode("utf-16-le")
    + b"\x00" * 100
)
OLE2_XLS = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\x00" * 500
    + "Workbook".encode("utf-16-le")
    + b"\x00" * 100
)
PDF = make_pdf(["Rapport sur le développement humain au Mali"])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rapport.pdf", PDF),
        ("tdr.docx", make_docx()),
        ("note.doc", OLE2_DOC),
        ("budget.xls", OLE2_XLS),
        ("compte-rendu.odt", make_odt()),
        ("donnees.csv", "région;montant\nSégou;12\n".encode()),
        ("lisez-moi.txt", "Texte en cp1252 : é".encode("cp1252")),
        ("archive.zip", make_zip({"a.pdf": PDF, "b.txt": "b"})),
        ("tableau.xlsx", make_zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"})),
    ],
)
def test_allowed_files_pass(name, data):
    check_upload(name, data)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("page.html", b"<!DOCTYPE html><html><body>x</body></html>", "markup"),
        ("page.txt", b"  <html><script>alert(1)</script></html>", "markup"),
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
            "markup",
        ),
        ("image.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "markup"),
        ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 100, "executable"),
        ("rapport.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "executable"),
        ("outil.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "executable"),
        ("script.csv", b"#!/bin/sh\nrm -rf /\n", "executable"),
        ("rapport.docx", PDF, "mismatch"),  # a PDF renamed .docx
        ("tdr.pdf", make_docx(), "mismatch"),  # a DOCX renamed .pdf
        ("note.xls", OLE2_DOC, "mismatch"),  # a Word file renamed .xls
        ("faux.docx", make_zip({"a.txt": "x"}), "mismatch"),  # a plain ZIP renamed .docx
        ("paquet.zip", make_zip({"virus.exe": b"MZ"}), "dangerous_archive"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "extension"),
        ("vide.pdf", b"", "empty"),
        ("binaire.txt", b"\x00\x01\x02\x03" * 10, "invalid_content"),
    ],
)
def test_bad_files_refused_with_a_clear_message(name, data, code):
    with pytest.raises(ValidationError) as error:
        check_upload(name, data)
    assert error.value.code == code
    assert str(error.value.messages[0])


def test_size_limit_from_settings(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError) as error:
        check_upload("gros.pdf", PDF + b" " * 2000)
    assert error.value.code == "file_too_large"
    check_upload("petit.pdf", PDF[:900] if len(PDF) > 1000 else PDF)


def test_sniff_kinds():
    assert sniff(PDF) == "pdf"
    assert sniff(make_docx()) == "docx"
    assert sniff(make_odt()) == "odt"
    assert sniff(OLE2_DOC) == "ole2-doc"


@pytest.mark.parametrize(
    ("original", "clean"),
    [
        ("Rapport Développement Humain 2025.PDF", "rapport-developpement-humain-2025.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\awa\\TdR GT Santé (v2).docx", "tdr-gt-sante-v2.docx"),
        ("<script>.pdf", "script.pdf"),
        ("ééé.pdf", "eee.pdf"),
        ("؟؟.pdf", "document.pdf"),
    ],
)
def test_sanitise_filename(original, clean):
    assert sanitise_filename(original) == clean


# --- Through the admin ----------------------------------------------------------------------


def post_add(admin_client, name, data, **extra):
    from wagtail.models import Collection

    payload = {
        "title": extra.pop("title", "Un document"),
        "file": SimpleUploadedFile(name, data),
        "collection": Collection.get_first_root_node().pk,
        "country_scope": "mali",
        **extra,
    }
    return admin_client.post(reverse("wagtaildocs:add"), payload)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("page.html", b"<html><body>x</body></html>", "markup"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "markup"),
        ("setup.exe", b"MZ" + b"\x00" * 64, "executable"),
        ("rapport.docx", PDF, "mismatch"),
        ("tdr.pdf", make_docx(), "mismatch"),
        ("faux.pdf", b"just some words, not a PDF", "mismatch"),
    ],
)
def test_admin_refuses_bad_files_and_saves_nothing(admin_client, name, data, code):
    import os

    from django.conf import settings

    before = (
        set(os.listdir(settings.MEDIA_ROOT + "/documents"))
        if os.path.isdir(settings.MEDIA_ROOT + "/documents")
        else set()
    )
    response = post_add(admin_client, name, data)
    assert response.status_code == 200  # the form again, with the error
    form = response.context["form"]
    assert form.has_error("file", code=code)
    assert form.errors["file"][0] in response.content.decode().replace("&quot;", '"').replace(
        "&#x27;", "'"
    )
    assert CustomDocument.objects.count() == 0
    after = (
        set(os.listdir(settings.MEDIA_ROOT + "/documents"))
        if os.path.isdir(settings.MEDIA_ROOT + "/documents")
        else set()
    )
    assert after == before


@pytest.mark.django_db
def test_admin_upload_sanitises_name_and_extracts_text(admin_client):
    response = post_add(admin_client, "Rapport Santé 2025 (final).pdf", PDF)
    assert response.status_code == 302
    document = CustomDocument.objects.get()
    assert document.file.name.startswith("documents/rapport-sante-2025-final")
    assert document.file.name.endswith(".pdf")
    assert document.extraction_status == ExtractionStatus.OK
    assert "développement humain" in document.extracted_text
    assert document.page_count == 1
    assert document.file_size == len(PDF)


@pytest.mark.django_db
def test_admin_docx_text_is_extracted(admin_client):
    response = post_add(
        admin_client, "tdr.docx", make_docx("Termes de référence du groupe Éducation")
    )
    assert response.status_code == 302
    assert "groupe Éducation" in CustomDocument.objects.get().extracted_text


@pytest.mark.django_db
def test_corrupt_pdf_uploads_and_the_admin_says_extraction_failed(admin_client):
    corrupt = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 99 0 R >>\nendobj\ngarbage\x00\xff" * 3
    response = post_add(admin_client, "abime.pdf", corrupt)
    assert response.status_code == 302
    document = CustomDocument.objects.get()
    assert document.extraction_status in (ExtractionStatus.FAILED, ExtractionStatus.EMPTY)
    assert document.extracted_text == ""
    edit = admin_client.get(reverse("wagtaildocs:edit", args=(document.pk,)))
    assert edit.status_code == 200
    assert str(document.get_extraction_status_display()) in edit.content.decode()


@pytest.mark.django_db
def test_multiple_upload_refuses_html_and_accepts_pdf(admin_client):
    url = reverse("wagtaildocs:add_multiple")
    from wagtail.models import Collection

    root = Collection.get_first_root_node().pk  # several collections exist: the form asks for one
    bad = admin_client.post(
        url, {"files[]": SimpleUploadedFile("page.html", b"<html></html>"), "collection": root}
    )
    assert bad.json()["success"] is False
    assert "HTML" in bad.json()["error_message"]  # "HTML" and "SVG" read the same in French
    good = admin_client.post(
        url, {"files[]": SimpleUploadedFile("Étude Sahel.pdf", PDF), "collection": root}
    )
    payload = good.json()
    assert payload["success"] is True
    document = CustomDocument.objects.get()
    assert document.file.name.startswith("documents/etude-sahel")
    assert document.is_listed is False  # uploaded, waiting for its metadata
    assert f'name="doc-{document.pk}-document_type"' in payload["form"]  # the metadata form follows
