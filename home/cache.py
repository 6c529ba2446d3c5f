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
  cannot fill the cache). Each entry is stored with the generation it was built in and read
  together with the current one (a different generation is a miss): one round trip for a hit.
  The generation kept is the one read *before* building, so a value built while an
  invalidation happened is never taken for a fresh one.
- ``read(name, parts)`` / ``write(name, parts, generation, value)``: the same in two steps, for
  a caller that builds elsewhere (the page cache reads before Django runs, writes after).
- ``request_scope()``: within it (one request: ``PageCacheMiddleware`` opens it), a value read
  or written is kept in memory for the rest of the request, so the chrome looked up by several
  tags costs one round trip; any ``invalidate`` in the request forgets them all. Outside a
  request (commands, tasks, tests calling functions) nothing is kept.
- Timeout policy (``timeout``): with a cache shared by every worker (Redis), an invalidation
  reaches them all and entries live long (``SHARED_TIMEOUT``). With a per-process cache
  (local memory, the quick-start default) an invalidation is only seen by the worker that
  handled it: the others catch up within ``LOCAL_TIMEOUT`` seconds.
- ``Local(name, build)``: a value too big or too hot to go through the cache each time (the
  IATI codelists: thousands of codes read per file validated) is kept in this process's memory
  instead, with the generation it was built in; ``get()`` reads the generation only (one round
  trip, none when already read in the same request) and rebuilds when ``invalidate(name)``
  bumped it, in any worker. With a per-process cache (not shared), or while the cache fails,
  the value is also rebuilt once it is ``LOCAL_TIMEOUT`` seconds old: another process's
  invalidation cannot reach it. ``forget()`` drops this process's copy at once.
- When the cache backend fails (Redis down), every function here degrades to "miss": the
  value is built from the database and the page is served; a warning is logged once per
  state change, not per request. With Redis this module uses the ``strict`` cache alias (the
  same Redis, errors raised to here); ``default`` ignores them for sessions and third parties.
  ``backend()`` is that cache (the health check probes it), ``clear()`` empties it (restore).

Cost: no SQL (``Local``: what its ``build`` runs, once per generation); a hit is one cache
round trip (entry and generation together; none when already read in the same request), a miss
one more to store (and one to create the generation the first time).
"""

import contextvars
import logging
import random
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

SHARED_TIMEOUT = 60 * 60 * 6
LOCAL_TIMEOUT = 60
_PREFIX = "ptf:gen:"

_failing = False
_request_memo = contextvars.ContextVar("ptf_cache_request_memo", default=None)


@contextmanager
def request_scope():
    """Keep what is read or written here for the rest of the block (one request)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def backend():
    """The cache this module uses (``strict`` when configured: errors reach this module)."""
    return caches["strict" if "strict" in settings.CACHES else "default"]


def clear():
    """Remove every entry of this site from the cache (after a restore)."""
    store = backend()
    if hasattr(store, "delete_pattern"):  # django-redis: only this site's keys (KEY_PREFIX)
        store.delete_pattern("*")
    else:
        store.clear()


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
        value = getattr(backend(), method)(*args)
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
    memo = _request_memo.get()
    if memo:
        memo.clear()
    for name in names:
        key = _PREFIX + name
        try:
            backend().incr(key)
        except ValueError:  # not set yet, or evicted
            _call("set", key, random.randint(1, 2**31), None)
        except Exception as error:  # noqa: BLE001
            _report(False, error)


def _stamped_key(name, parts):
    return ":".join(["ptf", name, "s", *map(str, parts)])


def read(name, parts):
    """``(generation, value)``: the current generation of ``name`` and the value stored for
    ``parts`` in it, or None. Pass the generation to :func:`write` once the value is built."""
    generation_key, entry_key = _PREFIX + name, _stamped_key(name, parts)
    memo = _request_memo.get()
    if memo is not None and entry_key in memo:
        return memo[entry_key]
    found = _call("get_many", [generation_key, entry_key], default={})
    current, stamped = found.get(generation_key), found.get(entry_key)
    if current is None:
        return generation(name), None
    if stamped is None or stamped[0] != current:
        return current, None
    if memo is not None:
        memo[entry_key] = (current, stamped[1])
    return current, stamped[1]


def write(name, parts, built_in, value, seconds=SHARED_TIMEOUT):
    """Store ``value`` for ``parts``, built in generation ``built_in`` (from :func:`read`)."""
    if value is not None:
        entry_key = _stamped_key(name, parts)
        _call("set", entry_key, (built_in, value), timeout(seconds))
        memo = _request_memo.get()
        if memo is not None:
            memo[entry_key] = (built_in, value)


def get_or_build(name, parts, build, seconds=SHARED_TIMEOUT):
    """The cached value for ``parts`` under generation ``name``, or ``build()`` stored."""
    built_in, value = read(name, parts)
    if value is None:
        value = build()
        write(name, parts, built_in, value, seconds)
    return value


class Local:
    """A value kept in this process's memory until generation ``name`` changes (see above)."""

    def __init__(self, name, build):
        self.name = name
        self.build = build
        self._entry = None  # (generation, monotonic time built, value)

    def _current(self):
        key = _PREFIX + self.name
        memo = _request_memo.get()
        if memo is not None and key in memo:
            return memo[key]
        value = _call("get", key)
        if value is None and not _failing:
            value = generation(self.name)  # first use, or evicted: a new random start
        if value is not None and memo is not None:
            memo[key] = value
        return value

    def get(self):
        """The value, rebuilt when its generation changed (or it is too old, see above)."""
        current = self._current()
        entry = self._entry
        if entry is not None:
            young = time.monotonic() - entry[1] < LOCAL_TIMEOUT
            if current is None and young:  # cache failing: keep it for a while
                return entry[2]
            if current is not None and entry[0] == current and (young or is_shared()):
                return entry[2]
        value = self.build()
        self._entry = (current, time.monotonic(), value)
        return value

    def forget(self):
        """Drop this process's copy: the next ``get()`` rebuilds."""
        self._entry = None
