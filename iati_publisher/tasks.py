"""Background jobs of the IATI publisher (``django_tasks``; run inline by the immediate backend
until a queue backend and its worker are configured — the code does not depend on which).

- :func:`regenerate_files`: rewrite the published IATI files (``publication.regenerate``) with
  progress per file; queued by ``publication.schedule_regeneration`` when a transaction that
  published, unpublished or deleted activities commits. Retried twice.
- :func:`check_unchecked_activities`: run the IATI checks of every activity that has no stored
  check yet (imported or created outside the editor) and store the counts for the validation
  report. SQL: a constant number of queries per activity (its parts and one upsert).
"""

from django_tasks import task

from operations.jobs import job_task


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
