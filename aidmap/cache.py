"""Cache of the aid map data, invalidated when an activity is published or unpublished.

Every cached entry's key holds a *generation* number; invalidating bumps the generation, so
all old entries are ignored at once (and expire by themselves), with any cache backend.
"""

from django.core.cache import cache

GENERATION_KEY = "aidmap:generation"
TIMEOUT = 60 * 60 * 6  # with a shared cache; see get_or_build


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def invalidate():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(GENERATION_KEY, 2, None)


def key(*parts):
    return ":".join(["aidmap", str(generation()), *map(str, parts)])


def get_or_build(parts, build):
    cache_key = key(*parts)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        from home.chrome import cache_timeout

        cache.set(cache_key, value, cache_timeout(TIMEOUT))
    return value
