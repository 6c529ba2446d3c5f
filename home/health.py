"""Health of the services the site needs, and database outages told once, not per request.

- :func:`healthz` (``/healthz``, exempt from the HTTPS redirect and the page cache): JSON with
  ``database``, ``cache``, ``storage`` and ``tasks``; 200 when the site can serve (``ok`` or
  ``degraded``: Redis down means cache misses, a queue backlog means late jobs), 503 when the
  database or the media storage fails. No secret, no host name, no error text: only states and
  the error's class name. Cost: ``SELECT 1``, one cache write and read, one storage ``exists``,
  one query on the task table.
- Outages: :func:`database_unavailable` tells whether an exception means "the database cannot
  be reached"; the first one logs one warning for this process ("Database unavailable…") and
  the first connection made afterwards logs "Database available again." (``connection_created``,
  received in ``home/signals.py``).
  ``home.views.server_error`` answers those with the bilingual 503 page, marked as logged so
  Django adds no traceback per request; Sentry drops them too (``before_send``).
"""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

QUEUE_BACKLOG_SECONDS = 300  # a job waiting longer than this: the worker is late or stopped

_database_down = False


def database_unavailable(error):
    """True for the errors of a database that cannot be reached (not for a bad query)."""
    if isinstance(error, InterfaceError):
        return True
    if isinstance(error, OperationalError):
        return connection.vendor != "sqlite" or "locked" not in str(error)
    return False


def report_database_down(error):
    """Log once per outage (per process) that the database is unreachable."""
    global _database_down
    if not _database_down:
        _database_down = True
        logger.error("Database unavailable, answering 503: %s", type(error).__name__)


def is_database_down():
    return _database_down


def database_back():
    """A new database connection was made (``home/signals.py``): the outage, if any, is over."""
    global _database_down
    if _database_down:
        _database_down = False
        logger.warning("Database available again.")


def sentry_before_send(event, hint):
    """Sentry: one event for an outage (the first), none for each request that follows."""
    error = (hint or {}).get("exc_info", (None, None))[1]
    if error is not None and database_unavailable(error) and _database_down:
        return None
    return event


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "unhealthy"
        return "error", type(error).__name__
    return "ok", None


def _cache():
    from . import cache

    if not cache.is_shared():
        return "local", None
    try:
        store = cache.backend()
        token = str(time.time())
        store.set("ptf:healthz", token, 30)
        if store.get("ptf:healthz") != token:
            return "error", "mismatch"
    except Exception as error:  # noqa: BLE001
        return "error", type(error).__name__
    return "ok", None


def _storage():
    from django.core.files.storage import default_storage

    try:
        default_storage.exists("healthz-probe")
    except Exception as error:  # noqa: BLE001
        return "error", type(error).__name__
    return "ok", None


def _tasks():
    backend = settings.TASKS["default"]["BACKEND"]
    if "django_tasks_db" not in backend:
        return "inline" if "immediate" in backend.lower() else "ok", {}
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    try:
        ready = DBTaskResult.objects.ready()
        waiting = ready.count()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        return "error", {"error": type(error).__name__}
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    state = "backlog" if age > QUEUE_BACKLOG_SECONDS else "ok"
    return state, {"waiting": waiting, "oldest_seconds": age}


@never_cache
def healthz(request):
    """200 ``ok``/``degraded`` or 503 ``error``, with each service's state (see module)."""
    body = {}
    database, error = _database()
    body["database"] = database
    if error:
        body["database_error"] = error
    cache_state, error = _cache()
    body["cache"] = cache_state
    storage, error = _storage()
    body["storage"] = storage
    if error:
        body["storage_error"] = error
    if database == "ok":
        tasks, details = _tasks()
        body["tasks"] = {"state": tasks, **details}
    else:
        body["tasks"] = {"state": "unknown"}
    if database != "ok" or storage != "ok":
        body["status"], status = "error", 503
    elif cache_state == "error" or body["tasks"]["state"] in ("backlog", "error"):
        body["status"], status = "degraded", 200
    else:
        body["status"], status = "ok", 200
    return JsonResponse(body, status=status)
