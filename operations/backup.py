"""Backups that restore identically: the database, every media file, and a manifest.

``backup(folder)`` writes into an empty (or new) folder:
- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, the server's own tool) or
  ``database.sqlite3`` (SQLite: its online backup API, consistent while the site runs);
- ``media/…``: every file of the default storage (local folder or S3 bucket, read through
  Django's storage API, so the same code serves both);
- ``manifest.json``: when, which database vendor, the row count of every model, and the size
  and SHA-256 of the database file and of every media file.

``restore(folder, force=False)`` checks every checksum first (a damaged backup is refused
before anything is touched), refuses a database that already holds content unless ``force``,
then replaces the database (PostgreSQL: the ``public`` schema is dropped and ``pg_restore``
runs in one transaction; SQLite: the backup API copies the file back), makes the media storage
hold exactly the backed-up files, empties the project's cache entries and compares the row
counts with the manifest. Nothing here is specific to one app.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.utils import timezone

from home import cache

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def storage_files(storage=default_storage, folder=""):
    """Every file name in ``storage`` (recursively), in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names.extend(storage_files(storage, f"{folder}/{sub}" if folder else sub))
    return sorted(names)


def model_counts():
    """{app_label.Model: rows} of every concrete model (what the manifest compares)."""
    counts = {}
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table not in existing:
            continue
        counts[meta.label] = model._base_manager.count()
    return dict(sorted(counts.items()))


def _pg_env(settings_dict):
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _pg_args(settings_dict):
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    return args


def _run(command, settings_dict):
    process = subprocess.run(command, env=_pg_env(settings_dict), capture_output=True, text=True)
    if process.returncode != 0:
        raise BackupError(f"{command[0]} failed: {process.stderr.strip()[:2000]}")


def _dump_database(folder):
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target),
             *_pg_args(settings_dict), settings_dict["NAME"]],
            settings_dict,
        )  # fmt: skip
        return target
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    raise BackupError(f"Unsupported database: {connection.vendor}")


def backup(folder, storage=default_storage):
    """Write a complete backup into ``folder`` and return its manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder for each backup.")
    folder.mkdir(parents=True, exist_ok=True)
    counts = model_counts()
    database = _dump_database(folder)
    media = []
    for name in storage_files(storage):
        target = folder / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        media.append({"path": name, "size": target.stat().st_size, "sha256": _sha256_file(target)})
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {
            "vendor": connection.vendor,
            "file": database.name,
            "size": database.stat().st_size,
            "sha256": _sha256_file(database),
        },
        "counts": counts,
        "media": media,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def read_manifest(folder):
    """The manifest of ``folder`` after checking every file against it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable manifest.json in {folder}: {error}") from error
    database = folder / manifest["database"]["file"]
    if not database.exists() or _sha256_file(database) != manifest["database"]["sha256"]:
        raise BackupError(f"{database.name} is missing or damaged (checksum differs).")
    for item in manifest["media"]:
        path = folder / "media" / item["path"]
        if not path.exists() or _sha256_file(path) != item["sha256"]:
            raise BackupError(f"media/{item['path']} is missing or damaged (checksum differs).")
    return manifest


def database_has_content():
    """True when the database holds accounts or pages beyond what migrations create."""
    tables = set(connection.introspection.table_names())
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    user_model = get_user_model()
    if user_model._meta.db_table in tables and user_model.objects.exists():
        return True
    return Page._meta.db_table in tables and Page.objects.filter(depth__gt=2).exists()


def _restore_database(folder, manifest):
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"The backup is of {vendor}, this site uses {connection.vendor}.")
    source = folder / manifest["database"]["file"]
    settings_dict = connection.settings_dict
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
        connections.close_all()
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", "--dbname", settings_dict["NAME"], *_pg_args(settings_dict),
             str(source)],
            settings_dict,
        )  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as backup_copy:
            backup_copy.backup(connection.connection)
        backup_copy.close()
    connections.close_all()


def _restore_media(folder, manifest, storage):
    wanted = {item["path"] for item in manifest["media"]}
    for name in storage_files(storage):
        if name not in wanted:
            storage.delete(name)
    for item in manifest["media"]:
        name = item["path"]
        if storage.exists(name):
            storage.delete(name)
        data = (folder / "media" / name).read_bytes()
        saved = storage.save(name, ContentFile(data))
        if saved != name:
            raise BackupError(f"The storage renamed media/{name} to {saved}.")


def restore(folder, force=False, storage=default_storage):
    """Restore ``folder`` (see the module); returns the manifest. Raises BackupError."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if not force and database_has_content():
        raise BackupError(
            "This database already holds content: restore would replace it. "
            "Use --force to replace it."
        )
    _restore_database(folder, manifest)
    _restore_media(folder, manifest, storage)
    cache.clear()  # every server's cached pages and data were of the replaced content
    counts = model_counts()
    differences = {
        label: (expected, counts.get(label))
        for label, expected in manifest["counts"].items()
        if counts.get(label) != expected
    }
    if differences:
        raise BackupError(f"Row counts differ after restore: {differences}")
    return manifest
