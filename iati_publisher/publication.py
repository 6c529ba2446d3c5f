"""The published IATI files: written under MEDIA_ROOT/iati/ when an activity is published or
unpublished (once per transaction, by the background job ``tasks.regenerate_files`` queued when
the transaction commits: ≈6 s at 10,000 activities, out of the request), then served as they
are — never rebuilt per request. ``regeneration_status()`` is what the admin shows."""

import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .export import published_activities, write_activities, write_organisations

ALL_ACTIVITIES = "activities.xml"
ORGANISATIONS = "organisation.xml"
_pending = threading.local()


def publication_dir():
    return Path(settings.MEDIA_ROOT) / "iati"


def safe_ref(ref):
    """A file name for an organisation identifier (identifiers may hold dots, not slashes)."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in ref).lstrip(".")


def org_filename(ref, kind="activities"):
    """The file of one reporting organisation: ``activities`` or ``organisation``."""
    return f"org-{safe_ref(ref)}-{kind}.xml"


def _write_atomically(path, writer, empty=False):
    """Write ``path`` through a temporary file; with ``empty`` (nothing published) remove it:
    the URL then answers 404 rather than an invalid file without activity."""
    if empty:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    writer(str(tmp))
    os.replace(tmp, path)


def regenerate(org_refs=None, progress=None):
    """Rewrite the whole file, the organisation file and the files of ``org_refs`` (all the
    reporting organisations when None). ``progress(done, total)`` is told after each file."""
    from .models import ReportingOrganisation

    folder = publication_dir()
    refs = org_refs
    if refs is None:
        refs = list(ReportingOrganisation.objects.values_list("ref", flat=True))
    total = 2 + 2 * len(refs)
    report = progress or (lambda done, total=None: None)
    report(0, total)
    nothing = not published_activities().exists()
    _write_atomically(folder / ALL_ACTIVITIES, write_activities, empty=nothing)
    report(1)
    _write_atomically(folder / ORGANISATIONS, write_organisations)
    report(2)
    for number, ref in enumerate(refs):
        qs = published_activities(ref)
        _write_atomically(
            folder / org_filename(ref),
            lambda t, qs=qs: write_activities(t, qs),
            empty=not qs.exists(),
        )
        orgs = ReportingOrganisation.objects.filter(ref=ref)
        _write_atomically(
            folder / org_filename(ref, "organisation"),
            lambda t, orgs=orgs: write_organisations(t, orgs),
        )
        report(4 + 2 * number)


def schedule_regeneration(org_ref=None):
    """Regenerate after the current transaction commits, once however many activities change.

    Every call registers a callback; the first one to run takes all the pending organisations,
    the others find nothing left to do. (Organisations left pending by a rolled-back
    transaction are simply rewritten at the next commit.)"""
    pending = getattr(_pending, "refs", None)
    if pending is None:
        _pending.refs = pending = set()
    pending.add(org_ref or "")
    transaction.on_commit(_run_pending)


def _run_pending():
    refs = getattr(_pending, "refs", None)
    if not refs:
        return
    _pending.refs = set()
    from django.utils.translation import gettext

    from operations.jobs import enqueue_on_commit

    from .tasks import regenerate_files

    org_refs = sorted(ref for ref in refs if ref)
    key = hashlib.sha1(",".join(org_refs).encode()).hexdigest()
    enqueue_on_commit(
        regenerate_files,
        org_refs,
        label=gettext("Regeneration of the IATI files"),
        unique_key=f"iati-regenerate:{key}",
    )


def regeneration_status():
    """The last regeneration job (None before the first one): status, progress, finished_at."""
    from operations.jobs import latest

    from .tasks import regenerate_files

    return latest(regenerate_files)


def published_file(name):
    """The path of a published file, written now if it does not exist yet (first request)."""
    path = publication_dir() / name
    if not path.exists():
        regenerate()
    return path


def file_etag(path):
    stat = path.stat()
    return hashlib.sha1(f"{stat.st_mtime_ns}-{stat.st_size}".encode()).hexdigest()


def on_publish_change(sender, instance, **kwargs):
    from .models import Activity

    if isinstance(instance, Activity):
        schedule_regeneration(instance.reporting_org.ref)
