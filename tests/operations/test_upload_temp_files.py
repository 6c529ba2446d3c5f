"""Temporary upload files are always removed (issue 13, point 10): a document accepted, one
refused, and an upload whose request fails with a 500. Every upload is forced through a
temporary file on disk (``FILE_UPLOAD_MAX_MEMORY_SIZE = 0``), as large uploads are in production.
A worker killed mid-request (gunicorn's timeout) cannot clean up: the systemd units give the
web service a private /tmp (``PrivateTmp=true``, emptied when the service restarts)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from library.models import CustomDocument
from library.pdf import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def temporary_files(settings, tmp_path, monkeypatch):
    """The temporary files the requests made (each path, whether still there or not)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    made = []
    original = TemporaryUploadedFile.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(Path(self.temporary_file_path()))

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", recording)
    return made


def _add_document(client, name, data):
    payload = {
        "title": "Un document",
        "file": SimpleUploadedFile(name, data),
        "collection": Collection.get_first_root_node().pk,
        "country_scope": "mali",
    }
    return client.post(reverse("wagtaildocs:add"), payload)


def test_accepted_and_refused_documents_leave_no_temporary_file(admin_client, temporary_files):
    refused = _add_document(admin_client, "faux.pdf", b"just some words, not a PDF")
    assert refused.status_code == 200 and refused.context["form"].has_error("file")
    accepted = _add_document(admin_client, "rapport.pdf", make_pdf(["Rapport annuel"]))
    assert accepted.status_code == 302 and CustomDocument.objects.count() == 1
    assert len(temporary_files) == 2
    assert not any(path.exists() for path in temporary_files)
    assert list(Path(temporary_files[0]).parent.iterdir()) == []


def test_an_upload_whose_request_fails_leaves_no_temporary_file(
    admin_client, temporary_files, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("extraction crashed")

    monkeypatch.setattr("library.forms.check_upload", broken)
    admin_client.raise_request_exception = False
    response = _add_document(admin_client, "rapport.pdf", make_pdf(["Rapport annuel"]))
    assert response.status_code == 500
    assert temporary_files and not any(path.exists() for path in temporary_files)
    assert CustomDocument.objects.count() == 0
