"""Fixtures of the operations tests: a local S3 emulator (moto in server mode, a process of its
own on 127.0.0.1) and the media storage switched to it, as MEDIA_STORAGE_URL does.

MOTO_PORT (default 8125) picks the port. Missing moto or boto3: a skip locally, a failure in CI.
"""

import os
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import skip_or_fail

MOTO_PORT = int(os.environ.get("MOTO_PORT", "8125"))
BUCKET = "ptf-test-media"
S3_ENV = {
    "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{MOTO_PORT}",
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
    "AWS_QUERYSTRING_EXPIRE": "60",
}


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a moto S3 server started for this test session (stopped at its end)."""
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
    except ImportError as error:
        skip_or_fail(f"needs moto[s3] and boto3 (requirements.txt): {error}")
    if _listening(MOTO_PORT):
        skip_or_fail(f"port {MOTO_PORT} is taken: set MOTO_PORT to a free port")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(MOTO_PORT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while not _listening(MOTO_PORT):
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            skip_or_fail(f"moto server did not start on port {MOTO_PORT}")
        time.sleep(0.2)
    yield S3_ENV["AWS_S3_ENDPOINT_URL"]
    process.terminate()
    process.wait(10)


@pytest.fixture
def s3_client(s3_endpoint):
    """A boto3 client on an empty private bucket (emptied again afterwards)."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_ENV["AWS_S3_REGION_NAME"],
        aws_access_key_id=S3_ENV["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_ENV["AWS_SECRET_ACCESS_KEY"],
    )

    def empty():
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])

    if BUCKET not in [b["Name"] for b in client.list_buckets()["Buckets"]]:
        client.create_bucket(Bucket=BUCKET)
    empty()
    yield client
    empty()


def keys(client, prefix=""):
    return sorted(
        i["Key"] for i in client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    )


@pytest.fixture
def s3_media(settings, s3_client, monkeypatch):
    """The settings that MEDIA_STORAGE_URL=s3://ptf-test-media/media gives (base.py)."""
    from django.core.files.storage import storages
    from wagtail.images import get_image_model

    from config.settings.services import storage_settings

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # read by boto3 itself
        monkeypatch.setenv(name, S3_ENV[name])
    settings.STORAGES = storage_settings(f"s3://{BUCKET}/media", env=S3_ENV)
    settings.WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    # Wagtail binds the renditions' storage when the model class is built (at start-up in
    # production, where the setting is already there); here it is switched afterwards.
    field = get_image_model().get_rendition_model()._meta.get_field("file")
    monkeypatch.setattr(field, "storage", storages["renditions"])
    return s3_client
