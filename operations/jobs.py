"""Background jobs: the one way to run work out of the request, with a status its user sees.

The queue is django-tasks (the API Wagtail 8 already speaks), configured in ``TASKS``:
``django_tasks_db.DatabaseBackend`` (rows in PostgreSQL, run by ``manage.py db_worker``, which
``make run`` starts next to the dev server and ``deploy/systemd/ptf-worker.service`` in
production); the tests use the immediate backend, which runs a job inline.

Define a job (its first argument is a :class:`JobHandle`; the others must be JSON values)::

    from operations.jobs import job_task

    @job_task(retries=2)                     # 3 attempts, 30 s then 60 s apart
    def send_digest(job, frequency):
        subscriptions = list(...)
        job.progress(0, len(subscriptions), _("Sending the digest"))
        for done, subscription in enumerate(subscriptions, 1):
            ...
            job.progress(done)
        return {"sent": done}                # stored on the Job (JSON)

Queue it (after the current transaction commits, so the worker sees the rows it needs)::

    from operations.jobs import enqueue_on_commit

    job = enqueue_on_commit(send_digest, "weekly", user=request.user, label=_("Weekly digest"))

The user who launched it follows it in *Settings › Background jobs* (``/admin/jobs/``, and
``/admin/jobs/<id>/status.json`` for a page that polls). ``unique_key`` coalesces repeated
requests: while a job with that key is still queued, the same call returns it instead of
queueing another. A task called with ``.enqueue()`` directly (no Job) still runs; its handle's
``progress`` then does nothing.

Retries: an exception makes the job wait ``retry_delay × 2^(attempt-1)`` seconds and run
again until ``retries`` is spent (the immediate backend retries at once), then the job is
*Failed* with the error's message and the exception reaches the queue (logged by the worker).
A job whose input cannot be processed (a refused file: the user's data, not a crash) raises
:class:`JobRefused`: the job is *Failed* at once (no retry) with its message and keeps its
``result`` (e.g. the reasons, for the page that shows them); nothing reaches the queue's log.

SQL: one INSERT per queued job, one UPDATE when it starts, one per progress report (at most
one a second) and one when it ends.
"""

import functools
import json
import logging
import time
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task as django_task
from django_tasks.backends.immediate import ImmediateBackend

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 1.0  # seconds between two progress writes


class JobHandle:
    """What a job function receives first: ``progress()``, ``job`` (None without a Job)."""

    def __init__(self, job):
        self.job = job
        self._last_write = 0.0

    @property
    def attempt(self):
        return self.job.attempts if self.job else 1

    def progress(self, done, total=None, message=None):
        """Report ``done`` of ``total`` (and a message); written at most once a second."""
        if self.job is None:
            return
        changes = {"done": max(0, int(done))}
        if total is not None:
            changes["total"] = max(0, int(total))
        if message is not None:
            changes["message"] = str(message)[:1000]
        for field, value in changes.items():
            setattr(self.job, field, value)
        now = time.monotonic()
        finished = self.job.total is not None and self.job.done >= self.job.total
        if message is not None or finished or now - self._last_write >= PROGRESS_INTERVAL:
            Job.objects.filter(pk=self.job.pk).update(**changes)
            self._last_write = now


class JobRefused(Exception):
    """Raised by a job function to end as *Failed* with ``message`` and ``result`` (JSON),
    without retry: the input is refused, the code did not crash."""

    def __init__(self, message, result=None):
        super().__init__(message)
        self.result = result


def _runs_inline(task):
    return isinstance(task.get_backend(), ImmediateBackend)


def _json_or_none(value):
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return None
    return value


def _run(func, task_holder, retry_delay, args, kwargs, job_id):
    job = Job.objects.filter(pk=job_id).first() if job_id else None
    if job is not None:
        if job.status == JobStatus.SUCCEEDED:  # delivered twice: already done
            return job.result
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=job.started_at
        )
    try:
        result = func(JobHandle(job), *args, **kwargs)
    except JobRefused as refused:
        if job is not None:
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED,
                message=str(refused)[:1000],
                result=_json_or_none(refused.result),
                finished_at=timezone.now(),
            )
        return None
    except Exception as error:
        message = f"{type(error).__name__}: {error}"[:1000]
        task = task_holder[0]
        if job is not None and job.attempts < job.max_attempts:
            delay = retry_delay * 2 ** (job.attempts - 1)
            Job.objects.filter(pk=job.pk).update(status=JobStatus.RETRYING, message=message)
            logger.warning("Job %s (%s) failed, retrying: %s", job.pk, task.name, message)
            if _runs_inline(task):
                return _run(func, task_holder, retry_delay, args, kwargs, job_id)
            task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                *args, job_id=job.pk, **kwargs
            )
            return None
        if job is not None:
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED, message=message, finished_at=timezone.now()
            )
        raise
    if job is not None:
        changes = {
            "status": JobStatus.SUCCEEDED,
            "finished_at": timezone.now(),
            "result": _json_or_none(result),
        }
        if job.total is not None:
            changes["done"] = job.total
        Job.objects.filter(pk=job.pk).update(**changes)
    return result


def job_task(function=None, *, retries=0, retry_delay=30, **task_options):
    """Like django-tasks' ``@task(...)``, for a function whose first argument is a JobHandle.

    ``task_options`` (``priority``, ``queue_name``, ``backend``) go to django-tasks."""

    def decorate(func):
        holder = []

        @functools.wraps(func)
        def run(*args, job_id=None, **kwargs):
            return _run(func, holder, retry_delay, args, kwargs, job_id)

        run.job_retries = retries
        created = django_task(**task_options)(run)
        holder.append(created)
        return created

    return decorate(function) if function is not None else decorate


def enqueue_on_commit(task, *args, user=None, label="", unique_key="", **kwargs):
    """Record a :class:`Job` and queue ``task(*args, **kwargs)`` once the transaction commits.

    Returns the Job (already finished with the immediate backend, which runs it now, inside
    the caller's transaction). ``user``: who launched it (sees it in the admin)."""
    if unique_key:
        queued = Job.objects.filter(unique_key=unique_key, status=JobStatus.QUEUED).first()
        if queued is not None:
            return queued
    job = Job.objects.create(
        task_name=task.module_path,
        label=str(label)[:255],
        user=user if getattr(user, "is_authenticated", False) else None,
        unique_key=unique_key,
        max_attempts=getattr(task.func, "job_retries", 0) + 1,
    )

    def send():
        try:
            result = task.enqueue(*args, job_id=job.pk, **kwargs)
        except Exception as error:
            logger.exception("Could not queue job %s (%s)", job.pk, task.name)
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED, message=f"{type(error).__name__}: {error}"[:1000]
            )
            return
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])

    if _runs_inline(task):
        send()
        job.refresh_from_db()
    else:
        transaction.on_commit(send)
    return job


def latest(task, **filters):
    """The most recent Job of ``task`` (e.g. for "regeneration finished at HH:MM")."""
    return Job.objects.filter(task_name=task.module_path, **filters).first()
