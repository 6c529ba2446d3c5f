"""Uploaded files waiting for the editor's confirmation (preview, then commit).

The file is stored in a private temporary folder under a random token; the token is kept in
the uploader's session, so only that user can preview or commit it. Committing re-parses it.
"""

from __future__ import annotations

import re
import secrets
import tempfile
import time
from pathlib import Path

SESSION_KEY = "iati_import_uploads"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_AGE = 24 * 3600


def upload_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "ptf-iati-import"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _cleanup(folder: Path) -> None:
    limit = time.time() - MAX_AGE
    for path in folder.glob("*.upload.*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def store(request, uploaded_file, **info) -> str:
    folder = upload_dir()
    _cleanup(folder)
    token = secrets.token_urlsafe(24)
    with open(_path(token, info.get("kind", "xml")), "wb") as handle:
        for chunk in uploaded_file.chunks():
            handle.write(chunk)
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {"name": uploaded_file.name, **info}
    request.session[SESSION_KEY] = uploads
    return token


def get(request, token):
    """(path, info) of the session's upload ``token``, or None."""
    if not TOKEN_RE.match(token or ""):
        return None
    info = request.session.get(SESSION_KEY, {}).get(token)
    if info is None:
        return None
    path = _path(token, info.get("kind", "xml"))
    return (path, info) if path.exists() else None


def discard(request, token) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    info = uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    if info is not None and TOKEN_RE.match(token or ""):
        _path(token, info.get("kind", "xml")).unlink(missing_ok=True)


def _path(token: str, kind: str) -> Path:
    # the suffix matters: openpyxl only opens files named .xlsx
    return upload_dir() / f"{token}.upload.{'xlsx' if kind == 'xlsx' else 'xml'}"


def hand_over(request, token) -> Path | None:
    """Take the session's upload ``token`` out of the session for a background job: the file
    is renamed so that the clean-up of old uploads leaves it to the job, which deletes it."""
    found = get(request, token)
    if found is None:
        return None
    path, _info = found
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    target = path.with_name(path.name.replace(".upload.", ".job."))
    path.rename(target)
    return target
