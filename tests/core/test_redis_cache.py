from __future__ import annotations

import pytest


@pytest.mark.redis
def test_redis_cache_backend_round_trip(redis_url, settings):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(redis_url, {})
    cache.set("korkyt-test", {"a": 1}, 30)
    assert cache.get("korkyt-test") == {"a": 1}
    cache.delete("korkyt-test")
    assert caches["default"] is not None
