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
