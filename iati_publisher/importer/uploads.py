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
    for path in folder.glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def store(request, uploaded_file, **info) -> str:
    folder = upload_dir()
    _cleanup(folder)
    token = secrets.token_urlsafe(24)
    with open(folder / f"{token}.upload", "wb") as handle:
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
    path = upload_dir() / f"{token}.upload"
    if info is None or not path.exists():
        return None
    return path, info


def discard(request, token) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    if TOKEN_RE.match(token or ""):
        (upload_dir() / f"{token}.upload").unlink(missing_ok=True)
