"""Upload hardening through the admin: ZIP bombs, macros, PDF by its header at offset 0,
one-sentence refusals, extraction bounded in time and memory and run as a task."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from library import extraction
from library.models import CustomDocument, ExtractionStatus
from library.pdf import make_pdf
from library.upload import check_upload, sniff


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bomb(size=400 * 1024 * 1024):
    """About 400 KB on disk, 400 MB once inflated (the shape of the 1 MB bomb of issue 9)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def docm_renamed():
    return zip_bytes(
        {
            "[Content_Types].xml": '<Types><Override ContentType="application/vnd.ms-word.'
            'document.macroEnabled.main+xml"/></Types>',
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba",
        }
    )


OLE2_WITH_MACROS = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\x00" * 500
    + "WordDocument".encode("utf-16-le")
    + b"\x00" * 50
    + "_VBA_PROJECT".encode("utf-16-le")
)
ODT_WITH_BASIC = None


def odt_with_basic():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    return buffer.getvalue()


HTML_WITH_PDF_MARKER = b"<!-- %PDF-1.4 --><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(scope="module")
def bomb():
    return docx_bomb()


def test_zip_bomb_refused_before_any_parsing(bomb):
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(ValidationError) as error:
        check_upload("rapport.docx", bomb)
    assert error.value.code == "zip_bomb"
    assert time.monotonic() - started < 2  # the central directory only, nothing inflated


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("rapport.docx", docm_renamed(), "macro"),
        ("rapport.docm.docx", docm_renamed(), "macro"),
        ("note.doc", OLE2_WITH_MACROS, "macro"),
        ("compte-rendu.odt", odt_with_basic(), "macro"),
        ("rapport.pdf", HTML_WITH_PDF_MARKER, "markup"),
        ("rapport.pdf", b"  %PDF-1.4 not at offset zero", "mismatch"),
        ("archive.zip", zip_bytes({f"f{i}.txt": "" for i in range(5_001)}), "zip_bomb"),
    ],
)
def test_refused_whatever_the_extension(name, data, code):
    with pytest.raises(ValidationError) as error:
        check_upload(name, data)
    assert error.value.code == code


def test_pdf_only_by_its_header_at_offset_zero():
    assert sniff(make_pdf(["x"])) == "pdf"
    assert sniff(b"\n%PDF-1.4") != "pdf"
    assert sniff(HTML_WITH_PDF_MARKER) == "html"


def post_add(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Un document",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "country_scope": "mali",
        },
    )


def one_sentence(message):
    return message.count(". ") == 0 and message.rstrip().endswith(".")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind"),
    [("rapport.docx", "bomb"), ("rapport.docx", "docm"), ("page.pdf", "html"), ("x.exe", "exe")],
)
def test_admin_refusal_is_one_clear_sentence(admin_client, bomb, name, kind):
    data = {
        "bomb": bomb,
        "docm": docm_renamed(),
        "html": HTML_WITH_PDF_MARKER,
        "exe": b"MZ" + b"\x00" * 64,
    }[kind]
    response = post_add(admin_client, name, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1, errors  # no second "extension « » not allowed" sentence
    assert one_sentence(errors[0]), errors[0]
    body = response.content.decode()
    assert "« »" not in body and "“”" not in body
    assert CustomDocument.objects.count() == 0


@pytest.mark.django_db
def test_multiple_upload_refusal_is_one_sentence(admin_client, bomb):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile("a.docx", bomb)}
    )
    message = response.json()["error_message"]
    assert response.json()["success"] is False
    assert "« »" not in message and "“”" not in message
    assert CustomDocument.objects.count() == 0


def slow_extractor(data):
    time.sleep(30)
    return "never", None


def greedy_extractor(data):
    hog = bytearray(2 * 1024 * 1024 * 1024)  # 2 GB: beyond the child's allowance
    return str(len(hog)), None


def test_extraction_is_bounded_in_time(monkeypatch):
    monkeypatch.setitem(extraction.EXTRACTORS, "pdf", slow_extractor)
    started = time.monotonic()
    result = extraction.extract_bounded(b"%PDF-1.4", "pdf", seconds=1)
    assert time.monotonic() - started < 10
    assert result.status == "failed" and "seconds" in result.message


def test_extraction_is_bounded_in_memory(monkeypatch):
    monkeypatch.setitem(extraction.EXTRACTORS, "pdf", greedy_extractor)
    result = extraction.extract_bounded(b"%PDF-1.4", "pdf", memory=256 * 1024 * 1024)
    assert result.status == "failed"
    assert "Memory" in result.message or "memory" in result.message


@pytest.mark.django_db
def test_extraction_runs_as_a_task_and_fills_the_document(admin_client):
    from django_tasks.signals import task_enqueued

    calls = []

    def spy(sender, task_result, **kwargs):
        if task_result.task.name == "extract_document_text":
            calls.append((task_result.task.name, tuple(task_result.args)))

    task_enqueued.connect(spy, weak=False)
    response = post_add(admin_client, "rapport.pdf", make_pdf(["Programme de travail annuel"]))
    assert response.status_code == 302
    document = CustomDocument.objects.get()
    task_enqueued.disconnect(spy)
    assert calls == [("extract_document_text", (document.pk,))]
    assert document.extraction_status == ExtractionStatus.OK
    assert "Programme de travail" in document.extracted_text
