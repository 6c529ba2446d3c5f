"""Background jobs of the IATI publisher (``django_tasks``; run inline by the immediate backend
until a queue backend and its worker are configured — the code does not depend on which).

- :func:`regenerate_files`: rewrite the published IATI files (``publication.regenerate``) with
  progress per file; queued by ``publication.schedule_regeneration`` when a transaction that
  published, unpublished or deleted activities commits. Retried twice.
- :func:`check_unchecked_activities`: run the IATI checks of every activity that has no stored
  check yet (imported or created outside the editor) and store the counts for the validation
  report. SQL: a constant number of queries per activity (its parts and one upsert).
- :func:`preview_iati_upload`: the admin's preview of an uploaded IATI XML file, run as a
  background job right after the upload (a big file takes minutes, beyond a request's
  timeout): validation, then the activities read and planned chunk by chunk, with progress;
  the result is ``importer.preview``'s compact summary (JSON: the plan's rows, the first
  problems and their counts; never the parsed file). A refused (or unreadable) file ends the
  job *Failed* (``JobRefused``) with its first reasons as the result, and its upload deleted.
  SQL: ``writer.plan``'s few queries per chunk of 500 activities.
- :func:`import_iati_upload`: the admin's "Import" of an uploaded IATI XML file, run as a
  background job (``operations.jobs``): validation, then the activities read and written chunk
  by chunk (``writer.ChunkWriter``: one chunk of records in memory), with progress, and the
  counts as the job's result; the upload (on the media storage, so any worker reads it) is
  deleted at the end. A refused file fails the job
  with the first reasons (line, XPath), nothing written.
"""

import logging

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from operations.jobs import JobRefused, job_task

logger = logging.getLogger(__name__)


@job_task()
def preview_iati_upload(job, name):
    """``name``: the upload on the media storage (``importer.uploads``), kept for the commit
    unless the file is refused."""
    from django.core.files.storage import default_storage

    from .importer import ImportRefused, preview, uploads

    if not default_storage.exists(name):  # cancelled (or expired) before the job started
        raise JobRefused(_("The upload was cancelled or has expired."))
    try:
        with uploads.local_file(name) as path:
            summary = preview.summarise(path, job.progress)
    except ImportRefused as refused:
        result = preview.refusal(refused.problems)
    except Exception:  # noqa: BLE001 - any unreadable upload: its reason, never a crash
        logger.exception("IATI upload %s could not be read", name)
        result = preview.unreadable()
    else:
        read = len(summary["plan"]["changes"]) or len(summary["plan"]["organisations"])
        job.progress(read, read, _("File checked"))
        return summary
    uploads.remove(name)
    count = result["refused_count"]
    raise JobRefused(
        ngettext(
            "The file is refused: %(count)d problem.",
            "The file is refused: %(count)d problems.",
            count,
        )
        % {"count": count},
        result=result,
    )


@job_task()
def import_iati_upload(job, name, draft, user_id):
    """``name``: the upload on the media storage (``importer.uploads``), removed at the end."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from .importer import parse_file, uploads
    from .importer.writer import ChunkWriter, write

    user = get_user_model().objects.filter(pk=user_id).first()

    def progress(done, total=None):
        job.progress(done, total, _("Writing the activities"))

    try:  # ImportRefused fails the job with its first reasons (line, XPath, activity)
        job.progress(0, None, _("Checking the file"))
        # activities are read and written chunk by chunk (one chunk of records in memory)
        sink = ChunkWriter(draft=draft, user=user, progress=progress)
        with uploads.local_file(name) as path, transaction.atomic():
            parsed = parse_file(path, sink=sink)
            outcome = sink.result
            if parsed.organisations:  # an organisation file: no sink, written here
                outcome = write(parsed, draft=draft, user=user)
        total = parsed.count or len(parsed.organisations)
    finally:
        uploads.remove(name)
    job.progress(total, total, _("Import done"))
    return {
        "created": len(outcome.created),
        "updated": len(outcome.updated),
        "rejected": len(parsed.rejected),
        "upgraded": sum(parsed.upgraded.values()),
    }


@task()
def check_unchecked_activities():
    from .admin_views import run_check
    from .models import Activity

    activities = Activity.objects.filter(check_result__isnull=True).select_related(
        "reporting_org", "latest_revision"
    )
    count = 0
    for activity in activities.iterator(chunk_size=200):
        run_check(activity)
        count += 1
    return count


@job_task(retries=2, retry_delay=10)
def regenerate_files(job, org_refs):
    from .publication import regenerate

    regenerate(org_refs, progress=job.progress)
    return {"organisations": len(org_refs)}
