"""Jobs used by the operations tests (importable by the worker's own process)."""

from operations.jobs import JobRefused, job_task

ATTEMPTS = []


@job_task
def count_to(job, n):
    job.progress(0, n, "counting")
    for i in range(1, n + 1):
        job.progress(i)
    return {"counted": n}


@job_task(retries=2, retry_delay=0)
def flaky(job, failures):
    ATTEMPTS.append(job.attempt)
    if job.attempt <= failures:
        raise RuntimeError(f"attempt {job.attempt} failed")
    return job.attempt


@job_task(backend="database")
def on_the_queue(job, n):
    job.progress(n, n, "done by the worker")
    return {"worker": True, "n": n}


@job_task(backend="database", retries=1, retry_delay=0)
def fails_once_on_the_queue(job):
    if job.attempt == 1:
        raise ValueError("first attempt fails")
    return "second attempt"


@job_task(retries=2, retry_delay=0)
def refuses(job, reason):
    ATTEMPTS.append(job.attempt)
    raise JobRefused(f"refused: {reason}", result={"reasons": [reason]})
