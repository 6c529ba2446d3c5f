"""Helpers shared by the benchmark scripts (not part of the test suite).

Peak memory: :func:`peak_memory_mb` is a process's own high-water mark (``VmHWM`` of
``/proc/<pid>/status``). ``resource.getrusage(...).ru_maxrss`` is not: on Linux a child's
counts the parent's resident memory at the fork (``RUSAGE_CHILDREN`` is the largest of them),
so a bench that had just built 400 MB of data reported ~410 MB for every child whatever it
used. A child that is not ours (``manage.py validate_iati``) is run through
:func:`with_peak`, which reads the child's own mark as it exits.
"""

import atexit
import os
import resource
import runpy
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def bench_database_url(name="ptf_bench"):
    """A dedicated PostgreSQL database when reachable, else a SQLite file under var/."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    except OSError:
        return f"sqlite:///{ROOT / 'var' / (name + '.sqlite3')}"


def setup_django(database_url, settings="config.settings.dev"):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, len(ctx), len(response.content)


def wait_for(url, timeout=30):
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except Exception:  # noqa: BLE001 - server still starting
            time.sleep(0.3)
    return False


def peak_memory_mb(pid="self"):
    """The high-water mark of the resident memory of process ``pid`` (default: this one), in
    MB, not inherited from its parent; ru_maxrss where /proc is missing (not Linux)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


def with_peak(args):
    """``(argv, peak)``: ``argv`` runs the Python script ``args[0]`` with ``args[1:]`` in a
    child that writes its own :func:`peak_memory_mb` when it exits; ``peak()`` (after the child
    ended) returns it in MB, None when the child wrote nothing (killed)."""
    handle, path = tempfile.mkstemp(prefix="bench-peak-")
    os.close(handle)

    def peak():
        try:
            text = Path(path).read_text().strip()
        finally:
            Path(path).unlink(missing_ok=True)
        return float(text) if text else None

    return [PY, str(Path(__file__).resolve()), "--peak-file", path, *map(str, args)], peak


def _run_with_peak(path, script, *args):
    """The child side of :func:`with_peak`: run ``script`` as ``__main__``, write the peak."""
    atexit.register(lambda: Path(path).write_text(f"{peak_memory_mb():.1f}"))
    sys.argv = [script, *args]
    sys.path[0] = str(Path(script).resolve().parent)
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__" and sys.argv[1:2] == ["--peak-file"]:
    _run_with_peak(*sys.argv[2:])
