"""The one cache helper of the project: named generations, get-or-build, invalidate.

Every app that keeps derived data in the cache goes through this module (the page chrome,
the aid map, the library's privacy data, the page cache…), so that the timeout policy and
the invalidation idiom live in one place.

- A *generation* is a counter stored in the cache under a name (``"chrome"``, ``"aidmap"``…).
  Every entry built under that name has the counter in its key, so ``invalidate(name)`` bumps
  the counter and all the old entries are ignored at once (they expire by themselves), with
  any backend. Generations never expire; if one is evicted it restarts at a new random value,
  so an old entry is never mistaken for a fresh one.
- ``get_or_build(name, parts, build)`` returns the cached value or builds, stores and returns
  it. ``None`` is never cached (a miss that found nothing is not stored: unknown identifiers
  cannot fill the cache).
- Timeout policy (``timeout``): with a cache shared by every worker (Redis), an invalidation
  reaches them all and entries live long (``SHARED_TIMEOUT``). With a per-process cache
  (local memory, the quick-start default) an invalidation is only seen by the worker that
  handled it: the others catch up within ``LOCAL_TIMEOUT`` seconds.
- When the cache backend fails (Redis down), every function here degrades to "miss": the
  value is built from the database and the page is served; a warning is logged once per
  state change, not per request. With Redis this module uses the ``strict`` cache alias (the
  same Redis, errors raised to here); ``default`` ignores them for sessions and third parties.

Cost: no SQL; one cache round trip for the generation and one for the entry.
"""

import logging
import random

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

SHARED_TIMEOUT = 60 * 60 * 6
LOCAL_TIMEOUT = 60
_PREFIX = "ptf:gen:"

_failing = False


def _cache():
    return caches["strict" if "strict" in settings.CACHES else "default"]


def is_shared():
    """True when the default cache is shared by every worker (not per-process memory)."""
    backend = settings.CACHES["default"]["BACKEND"]
    return "locmem" not in backend and "dummy" not in backend


def timeout(seconds=SHARED_TIMEOUT):
    """How long an entry may live: ``seconds`` with a shared cache, at most a minute otherwise."""
    return seconds if is_shared() else min(seconds, LOCAL_TIMEOUT)


def _report(ok, error=None):
    """Log once when the cache starts failing and once when it works again."""
    global _failing
    if not ok and not _failing:
        logger.warning("Cache unavailable, serving without it: %s", error)
    elif ok and _failing:
        logger.warning("Cache available again.")
    _failing = not ok


def _call(method, *args, default=None):
    try:
        value = getattr(_cache(), method)(*args)
    except Exception as error:  # noqa: BLE001  (any backend failure is a miss)
        _report(False, error)
        return default
    if _failing:
        _report(True)
    return value


def generation(name):
    """The current generation of ``name`` (created on first use)."""
    key = _PREFIX + name
    value = _call("get", key)
    if value is None:
        value = random.randint(1, 2**31)
        if not _call("add", key, value, None, default=False):
            value = _call("get", key) or value
    return value


def invalidate(*names, **signal_kwargs):
    """Make every entry of the named generations stale at once.

    Usable directly as a signal receiver (extra keyword arguments are ignored)."""
    for name in names:
        key = _PREFIX + name
        try:
            _cache().incr(key)
        except ValueError:  # not set yet, or evicted
            _call("set", key, random.randint(1, 2**31), None)
        except Exception as error:  # noqa: BLE001
            _report(False, error)


def key(name, *parts):
    """The cache key of an entry of ``name`` in its current generation."""
    return ":".join(["ptf", name, str(generation(name)), *map(str, parts)])


def get_or_build(name, parts, build, seconds=SHARED_TIMEOUT):
    """The cached value for ``parts`` under generation ``name``, or ``build()`` stored."""
    cache_key = key(name, *parts)
    value = _call("get", cache_key)
    if value is None:
        value = build()
        if value is not None:
            _call("set", cache_key, value, timeout(seconds))
    return value
