"""The Redis cache, for when Redis is down: a read misses, a write is dropped, a counter
counts from zero, and a warning is logged, instead of every page that touches the cache (the
login throttle, the rate limits) failing with it. The broker is the same Redis; what it
queues is kept in the database meanwhile (logistics.core.queueing).

So the rate limits and the login throttle let requests through while Redis is down (fail
open): the gates keep scanning and the staff keep working; an attacker gains nothing they
can cause. The timeouts (OPTIONS socket_timeout, socket_connect_timeout) bound how long a
Redis that accepts connections but does not answer can hold a request."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
DOWN = (RedisConnectionError, RedisTimeoutError)


def _tolerant(name, fallback):
    method = getattr(RedisCacheClient, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DOWN as error:
            logger.warning("Cache unavailable for %s (%s): treated as empty.", name,
                           type(error).__name__)
            return fallback(*args, **kwargs)

    call.__name__ = name
    return call


class TolerantRedisCacheClient(RedisCacheClient):
    add = _tolerant("add", lambda *a, **k: False)
    get = _tolerant("get", lambda key, default=None: default)
    set = _tolerant("set", lambda *a, **k: None)
    touch = _tolerant("touch", lambda *a, **k: False)
    delete = _tolerant("delete", lambda *a, **k: False)
    get_many = _tolerant("get_many", lambda *a, **k: {})
    has_key = _tolerant("has_key", lambda *a, **k: False)
    # The counter of a rate limit or throttle: as if this were the window's first request.
    incr = _tolerant("incr", lambda key, delta=1: delta)
    set_many = _tolerant("set_many", lambda *a, **k: None)
    delete_many = _tolerant("delete_many", lambda *a, **k: None)
    clear = _tolerant("clear", lambda *a, **k: False)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
