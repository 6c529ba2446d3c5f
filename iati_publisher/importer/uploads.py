"""Uploaded files waiting for the editor's confirmation (preview, then commit).

The file is kept on the media storage (``default_storage``: MEDIA_ROOT, or the private S3 bucket
of MEDIA_STORAGE_URL) under ``iati-import/`` and a random token, so that the preview, the commit
and the background jobs (preview of an XML file, then its import) may run on different app
servers and workers. The token is kept in the uploader's session with what the views note
about it (:func:`note`: the preview job's id), so only that user can preview or commit it.
Committing re-parses it.

The parsers need a local file: :func:`local_file` gives the storage's own path on disk, or a
temporary copy of a remote file, removed when the block ends (even on error). Every stored
upload is removed by :func:`discard` (cancel, refusal, commit) or by the job that refuses or
imports it (:func:`remove`); those left by an abandoned preview are removed after ``MAX_AGE`` at the next
upload. No SQL: the session carries the tokens.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import secrets
import tempfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils import timezone

SESSION_KEY = "iati_import_uploads"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
FOLDER = "iati-import"
MAX_AGE = 24 * 3600


def stored_names() -> list[str]:
    """The storage names of every upload waiting (for a preview or a job)."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    return sorted(f"{FOLDER}/{name}" for name in files)


def _cleanup() -> None:
    limit = timezone.now() - datetime.timedelta(seconds=MAX_AGE)
    for name in stored_names():
        if ".upload." not in name:
            continue  # a job's file: the job removes it
        with contextlib.suppress(OSError, NotImplementedError):
            if default_storage.get_modified_time(name) < limit:
                default_storage.delete(name)


def _name(token: str, kind: str, state: str = "upload") -> str:
    # the suffix matters: openpyxl only opens files named .xlsx
    return f"{FOLDER}/{token}.{state}.{'xlsx' if kind == 'xlsx' else 'xml'}"


def store(request, uploaded_file, **info) -> str:
    _cleanup()
    token = secrets.token_urlsafe(24)
    name = _name(token, info.get("kind", "xml"))
    saved = default_storage.save(name, uploaded_file)
    if saved != name:  # never happens with a fresh random token; refuse to guess
        default_storage.delete(saved)
        raise OSError(f"upload name taken: {name}")
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {"name": uploaded_file.name, **info}
    request.session[SESSION_KEY] = uploads
    return token


def session_info(request, token):
    """What the session knows of its upload ``token`` (None if not this session's), whether
    its file is still stored or not."""
    if not TOKEN_RE.match(token or ""):
        return None
    return request.session.get(SESSION_KEY, {}).get(token)


def note(request, token, **values) -> None:
    """Add ``values`` (JSON) to the session's info of upload ``token``."""
    uploads = request.session.get(SESSION_KEY, {})
    if token in uploads:
        uploads[token] = {**uploads[token], **values}
        request.session[SESSION_KEY] = uploads


def get(request, token):
    """(storage name, info) of the session's upload ``token``, or None."""
    info = session_info(request, token)
    if info is None:
        return None
    name = _name(token, info.get("kind", "xml"))
    return (name, info) if default_storage.exists(name) else None


def discard(request, token) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    info = uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    if info is not None and TOKEN_RE.match(token or ""):
        remove(_name(token, info.get("kind", "xml")))


def remove(name: str) -> None:
    """Delete a stored upload (a missing one is fine)."""
    if name.startswith(f"{FOLDER}/") and ".." not in name:
        default_storage.delete(name)


def hand_over(request, token) -> str | None:
    """Take the session's upload ``token`` out of the session for a background job: the file
    is renamed so that the clean-up of old uploads leaves it to the job, which deletes it.
    Returns its new storage name."""
    found = get(request, token)
    if found is None:
        return None
    name, info = found
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    target = _name(token, info.get("kind", "xml"), state="job")
    with default_storage.open(name, "rb") as handle:
        default_storage.save(target, File(handle))
    default_storage.delete(name)
    return target


@contextlib.contextmanager
def local_file(name: str):
    """A local path holding the stored upload ``name`` for the length of the block."""
    try:
        on_disk = default_storage.path(name)  # FileSystemStorage: the file itself
    except NotImplementedError:
        on_disk = None
    if on_disk:
        yield Path(on_disk)
        return
    suffix = os.path.splitext(name)[1]
    handle, path = tempfile.mkstemp(prefix="ptf-iati-", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as local, default_storage.open(name, "rb") as remote:
            for chunk in iter(lambda: remote.read(1024 * 1024), b""):
                local.write(chunk)
        yield Path(path)
    finally:
        Path(path).unlink(missing_ok=True)
