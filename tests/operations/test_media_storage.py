"""Media on S3-compatible storage (MEDIA_STORAGE_URL, config/settings/base.py), against a real
S3 server (moto, tests/operations/conftest.py): a document uploaded through the admin lands in
the private bucket, is served only through the permission-checked view (a short-lived signed URL,
or streamed by the app), and is deleted from the bucket with the document; image renditions go
to their public prefix; the IATI upload waiting for confirmation lives on the same storage."""

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from library.models import CustomDocument
from library.pdf import make_pdf
from tests.operations.conftest import BUCKET, S3_ENV, keys

pytestmark = pytest.mark.django_db
PDF = make_pdf(["Stratégie nationale de santé, version de travail"])


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def upload(client, collection, name="Stratégie santé.pdf", data=PDF):
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Stratégie nationale de santé",
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
            "country_scope": "mali",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return CustomDocument.objects.get(title="Stratégie nationale de santé")


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Documents internes")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_upload_serve_signed_and_delete_a_private_document(
    client, superuser, s3_media, private_collection, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    document = upload(client, private_collection)
    assert keys(s3_media) == [f"media/{document.file.name}"]  # in the bucket, not on disk
    stored = s3_media.get_object(Bucket=BUCKET, Key=f"media/{document.file.name}")
    assert stored["Body"].read() == PDF
    acl = s3_media.get_object_acl(Bucket=BUCKET, Key=f"media/{document.file.name}")
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in acl["Grants"])
    assert document.extracted_text and "santé" in document.extracted_text  # read back from S3

    # The public link is the app's serve view, never the bucket.
    assert document.url.startswith("/documents/")

    client.logout()  # anonymous: the login page, no bucket URL
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login/?next=/documents/" in response["Location"]
    assert "X-Amz" not in response["Location"] and "127.0.0.1" not in response["Location"]

    client.force_login(superuser)  # allowed: a redirect to a signed URL valid one minute
    response = client.get(document.url)
    assert response.status_code == 302
    signed = response["Location"]
    query = parse_qs(urlsplit(signed).query)
    assert signed.startswith(f"{S3_ENV['AWS_S3_ENDPOINT_URL']}/{BUCKET}/media/documents/")
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert fetch(signed) == (200, PDF)

    queued = document.file.storage.deconstruct()  # what the deletion job stores
    assert S3_ENV["AWS_SECRET_ACCESS_KEY"] not in str(queued)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtaildocs:delete", args=(document.pk,)))
    assert response.status_code == 302
    assert not CustomDocument.objects.filter(pk=document.pk).exists()
    assert keys(s3_media, "media/documents/") == []  # the file went with the document


def test_documents_streamed_by_the_app_with_documents_serve_app(
    client, superuser, s3_media, settings
):
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"  # what DOCUMENTS_SERVE=app selects
    client.force_login(superuser)
    document = upload(client, Collection.get_first_root_node())
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_two_uploads_of_the_same_name_keep_both_files(client, superuser, s3_media):
    client.force_login(superuser)
    root = Collection.get_first_root_node()
    first = upload(client, root)
    first.title = "Première version"
    first.save()
    second = upload(client, root, data=make_pdf(["Deuxième version du document"]))
    assert first.file.name != second.file.name
    assert len(keys(s3_media, "media/documents/")) == 2


def test_image_renditions_go_to_the_public_prefix(s3_media):
    import io

    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Carte", file=SimpleUploadedFile("carte.png", buffer.getvalue())
    )
    assert keys(s3_media, "media/original_images/") == [f"media/{image.file.name}"]
    rendition = image.get_rendition("width-32")
    assert "X-Amz" not in rendition.url  # unsigned: cached pages keep working
    assert urlsplit(rendition.url).path.startswith(f"/{BUCKET}/media/renditions/") or (
        "/media/renditions/" in rendition.url
    )
    key = f"media/renditions/{rendition.file.name}"
    acl = s3_media.get_object_acl(Bucket=BUCKET, Key=key)
    assert any("AllUsers" in str(grant["Grantee"]) for grant in acl["Grants"])
    status, body = fetch(rendition.url)
    assert status == 200 and body[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_iati_upload_waits_on_the_shared_storage_and_is_removed(client, superuser, s3_media):
    from iati_publisher.importer import uploads

    client.force_login(superuser)
    request = client.get(reverse("iati_import:upload")).wsgi_request
    token = uploads.store(request, SimpleUploadedFile("a.xml", b"<iati-activities/>"), kind="xml")
    assert keys(s3_media, "media/iati-import/") == [f"media/iati-import/{token}.upload.xml"]
    name, _info = uploads.get(request, token)
    with uploads.local_file(name) as path:
        assert path.read_bytes() == b"<iati-activities/>"
    assert not path.exists()  # the local copy of a remote file is removed at once
    job_name = uploads.hand_over(request, token)
    assert keys(s3_media, "media/iati-import/") == [f"media/iati-import/{token}.job.xml"]
    uploads.remove(job_name)
    assert keys(s3_media, "media/iati-import/") == []
