"""The shared cache (Redis) may go away; the site keeps serving without it.

``ResilientRedisCache`` is Django's ``RedisCache`` that answers as an empty cache while Redis
does not answer: reads miss, writes are dropped, ``add`` lets the caller go ahead (so a
single-flight lock computes instead of waiting), and ``incr`` raises ``CacheUnavailable``.
``core.ratelimit`` catches that to fail closed: while limits cannot be counted, anonymous
writes that are limited are refused (a 429 with a Spanish message), everything else serves.
Each outage is logged once per process until Redis answers again.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("abierto.cache")

#: What a dead or unreachable Redis raises (refused, reset, timed out, name not resolved).
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(ValueError):
    """The shared cache does not answer, so nothing can be counted.

    A ``ValueError`` like a missing key's ``incr``, so code that only keeps version numbers
    goes on; ``core.ratelimit`` catches this class first and refuses.
    """


class ResilientRedisCache(RedisCache):
    _down = False

    def _outage(self, operation: str, exc: BaseException) -> None:
        if not ResilientRedisCache._down:
            ResilientRedisCache._down = True
            logger.error("Redis no responde (%s): la caché queda desactivada: %s", operation, exc)

    def _up(self) -> None:
        if ResilientRedisCache._down:
            ResilientRedisCache._down = False
            logger.warning("Redis responde de nuevo: la caché vuelve a usarse.")

    def _guard(self, operation: str, default, call, *args, **kwargs):
        try:
            result = call(*args, **kwargs)
        except OUTAGE as exc:
            self._outage(operation, exc)
            return default
        self._up()
        return result

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True: the caller goes ahead (computes, enqueues) instead of waiting for no one.
        return self._guard("add", True, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._guard("clear", False, super().clear)

    def incr(self, key, delta=1, version=None):
        try:
            result = super().incr(key, delta, version)
        except OUTAGE as exc:
            self._outage("incr", exc)
            raise CacheUnavailable("La caché compartida no responde.") from exc
        self._up()
        return result
