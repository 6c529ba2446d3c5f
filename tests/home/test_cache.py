"""The one cache helper: generations, get-or-build, invalidate, timeout policy, failures."""

import pytest
from django.core.cache import cache as django_cache
from django.test import override_settings

from home import cache


@pytest.fixture(autouse=True)
def empty_cache():
    django_cache.clear()
    yield
    django_cache.clear()


def test_get_or_build_builds_once_until_invalidated():
    calls = []

    def build():
        calls.append(1)
        return {"n": len(calls)}

    assert cache.get_or_build("thing", ["a"], build) == {"n": 1}
    assert cache.get_or_build("thing", ["a"], build) == {"n": 1}
    assert len(calls) == 1
    cache.invalidate("thing")
    assert cache.get_or_build("thing", ["a"], build) == {"n": 2}


def test_a_hit_is_one_cache_round_trip(monkeypatch):
    cache.get_or_build("thing", ["a"], lambda: "built")
    calls, depth = [], []
    for method in ("get", "get_many", "set", "add", "incr"):
        original = getattr(django_cache, method)

        def counting(*args, _original=original, _method=method, **kwargs):
            if not depth:  # local memory's get_many calls get: count the outer call only
                calls.append(_method)
            depth.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(django_cache, method, counting)
    assert cache.get_or_build("thing", ["a"], lambda: "rebuilt") == "built"
    assert calls == ["get_many"]


def test_a_value_built_while_its_generation_was_invalidated_is_not_kept():
    def build():
        cache.invalidate("thing")  # a publication while the value was being built
        return "built from the old content"

    assert cache.get_or_build("thing", [], build) == "built from the old content"
    assert cache.get_or_build("thing", [], lambda: "fresh") == "fresh"


def test_generations_are_independent():
    cache.get_or_build("one", [], lambda: "first")
    cache.get_or_build("two", [], lambda: "second")
    cache.invalidate("one")
    assert cache.get_or_build("one", [], lambda: "rebuilt") == "rebuilt"
    assert cache.get_or_build("two", [], lambda: "rebuilt") == "second"


def test_none_is_never_cached():
    calls = []
    cache.get_or_build("thing", ["missing"], lambda: calls.append(1))
    cache.get_or_build("thing", ["missing"], lambda: calls.append(1))
    assert len(calls) == 2


def test_invalidate_works_as_a_signal_receiver_and_after_eviction():
    cache.get_or_build("thing", [], lambda: "old")
    django_cache.clear()  # the generation itself evicted
    assert cache.get_or_build("thing", [], lambda: "new") == "new"
    cache.invalidate("thing", sender=object, instance=None)  # signal keyword arguments
    assert cache.get_or_build("thing", [], lambda: "newer") == "newer"


def test_timeout_policy():
    assert cache.timeout(3600) == cache.LOCAL_TIMEOUT  # tests use a per-process cache
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    with override_settings(CACHES=redis):
        assert cache.timeout(3600) == 3600


def test_a_failing_backend_is_a_miss(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(django_cache, method, broken)
    with caplog.at_level("WARNING", logger="home.cache"):
        assert cache.get_or_build("thing", [], lambda: "built") == "built"
        assert cache.get_or_build("thing", [], lambda: "built again") == "built again"
        cache.invalidate("thing")
    assert sum("Cache unavailable" in r.message for r in caplog.records) == 1
    monkeypatch.undo()
    with caplog.at_level("WARNING", logger="home.cache"):
        assert cache.get_or_build("thing", [], lambda: "ok") == "ok"
    assert any("available again" in r.message for r in caplog.records)


def test_a_local_value_is_rebuilt_when_its_generation_changes(monkeypatch):
    calls = []
    local = cache.Local("thing", lambda: calls.append(1) or len(calls))
    assert local.get() == 1
    assert local.get() == 1
    cache.invalidate("thing")  # by any process sharing the cache
    assert local.get() == 2
    local.forget()  # this process only
    assert local.get() == 3
    # a per-process cache cannot carry other processes' invalidations: at most LOCAL_TIMEOUT
    now = cache.time.monotonic()
    monkeypatch.setattr(cache.time, "monotonic", lambda: now + cache.LOCAL_TIMEOUT + 1)
    assert local.get() == 4
    assert local.get() == 4


def test_a_local_value_costs_one_round_trip_and_none_more_in_a_request(monkeypatch):
    local = cache.Local("thing", lambda: "built")
    local.get()
    calls = []
    original = django_cache.get
    monkeypatch.setattr(django_cache, "get", lambda *a, **k: calls.append(1) or original(*a, **k))
    assert local.get() == "built"
    assert len(calls) == 1
    with cache.request_scope():
        local.get()
        local.get()
    assert len(calls) == 2


def test_a_local_value_is_kept_a_while_when_the_cache_fails(monkeypatch):
    calls = []
    local = cache.Local("thing", lambda: calls.append(1) or len(calls))
    assert local.get() == 1

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(django_cache, method, broken)
    assert local.get() == 1  # not rebuilt from the database on every call
    now = cache.time.monotonic()
    monkeypatch.setattr(cache.time, "monotonic", lambda: now + cache.LOCAL_TIMEOUT + 1)
    assert local.get() == 2
    monkeypatch.undo()
    assert local.get() == 3  # the cache is back: its generation differs from "unknown"
