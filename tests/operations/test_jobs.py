"""Background jobs (operations.jobs): status, progress, retries, coalescing, the real worker,
and who sees which job in the admin."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from operations.jobs import enqueue_on_commit
from operations.models import Job, JobStatus

from . import sample_tasks


@pytest.mark.django_db
def test_a_job_runs_reports_progress_and_keeps_its_result(superuser):
    job = enqueue_on_commit(sample_tasks.count_to, 3, user=superuser, label="Count")
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.result == {"counted": 3}
    assert job.user == superuser and job.attempts == 1 and job.finished_at
    assert job.task_name == "tests.operations.sample_tasks.count_to"


@pytest.mark.django_db
def test_a_failing_job_is_retried_then_succeeds():
    sample_tasks.ATTEMPTS.clear()
    job = enqueue_on_commit(sample_tasks.flaky, 2)
    assert sample_tasks.ATTEMPTS == [1, 2, 3]
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 3 and job.result == 3


@pytest.mark.django_db
def test_a_job_that_keeps_failing_is_failed_with_its_message():
    job = enqueue_on_commit(sample_tasks.flaky, 5)
    assert job.status == JobStatus.FAILED
    assert job.attempts == 3
    assert "attempt 3 failed" in job.message


@pytest.mark.django_db
def test_a_refused_job_fails_at_once_and_keeps_its_result(caplog):
    """JobRefused: the input is refused (not a crash): no retry, nothing logged as an error."""
    sample_tasks.ATTEMPTS.clear()
    job = enqueue_on_commit(sample_tasks.refuses, "bad line")
    assert sample_tasks.ATTEMPTS == [1]
    assert (job.status, job.attempts, job.message) == (JobStatus.FAILED, 1, "refused: bad line")
    assert job.result == {"reasons": ["bad line"]} and job.finished_at
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


@pytest.mark.django_db
def test_queued_jobs_with_one_key_are_coalesced_and_wait_for_the_commit(
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue_on_commit(sample_tasks.on_the_queue, 1, unique_key="same")
        second = enqueue_on_commit(sample_tasks.on_the_queue, 1, unique_key="same")
        assert DBTaskResult.objects.count() == 0  # nothing queued before the commit
    assert first.pk == second.pk
    assert DBTaskResult.objects.count() == 1
    first.refresh_from_db()
    assert first.status == JobStatus.QUEUED and first.task_result_id


def _worker_env():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}


@pytest.mark.django_db(transaction=True)  # committed: the worker has its own connection
def test_the_real_worker_runs_queued_jobs_and_retries(requires_postgres):
    done = enqueue_on_commit(sample_tasks.on_the_queue, 4, label="On the queue")
    retried = enqueue_on_commit(sample_tasks.fails_once_on_the_queue)
    assert Job.objects.get(pk=done.pk).status == JobStatus.QUEUED
    process = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "database", "--batch",
         "--no-startup-delay", "--no-reload", "--queue-name", "*", "--interval", "0.1"],
        cwd=settings.BASE_DIR, env=_worker_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    done.refresh_from_db()
    assert done.status == JobStatus.SUCCEEDED
    assert done.result == {"worker": True, "n": 4}
    assert (done.done, done.total, done.message) == (4, 4, "done by the worker")
    retried.refresh_from_db()
    assert retried.status == JobStatus.SUCCEEDED and retried.attempts == 2
    assert retried.result == "second attempt"


@pytest.mark.django_db
def test_people_see_their_own_jobs_only(client, superuser):
    from accounts.factories import UserFactory

    editor = UserFactory(username="editeur", is_staff=True)
    other = UserFactory(username="autre", is_staff=True)
    from django.contrib.auth.models import Permission

    access = Permission.objects.get(codename="access_admin")
    editor.user_permissions.add(access)
    other.user_permissions.add(access)
    mine = enqueue_on_commit(sample_tasks.count_to, 2, user=editor, label="Mon import")
    theirs = enqueue_on_commit(sample_tasks.count_to, 2, user=other, label="Leur import")

    client.force_login(editor)
    page = client.get(reverse("operations_jobs")).content.decode()
    assert "Mon import" in page and "Leur import" not in page
    status = client.get(reverse("operations_job_status", args=[mine.pk]))
    assert status.json()["status"] == "succeeded" and status.json()["percent"] == 100
    assert client.get(reverse("operations_job_status", args=[theirs.pk])).status_code == 404

    client.force_login(superuser)
    page = client.get(reverse("operations_jobs")).content.decode()
    assert "Mon import" in page and "Leur import" in page
