"""While the database or Redis does not answer: readers get the last good copy of public pages,
forms a "try again" page, and everything recovers by itself (README: "When a service fails")."""

import logging
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
REDIS_ERRORS = (RedisError, ConnectionError, TimeoutError)
# After a failure Redis is left alone this long: a Redis on an unreachable host costs the whole
# connect timeout per call, which would otherwise be paid by every cache call of every request.
BACKOFF_SECONDS = 5
# An outage is seen by every request: one warning per this many seconds per process says enough.
WARN_EVERY_SECONDS = 60
RETRY_AFTER_SECONDS = 60
STALE_COPY_MAX_AGE = 60  # a CDN may keep a stale copy briefly; fresh pages return soon after

warned_at = {}  # topic -> time.monotonic() of the last warning, in this process
redis_down_until = {}  # Redis location -> time.monotonic() before which it is not asked again


def warn_now_and_then(topic, message, *args):
    now = time.monotonic()
    if topic not in warned_at or now - warned_at[topic] >= WARN_EVERY_SECONDS:
        warned_at[topic] = now
        logger.warning(message, *args)


class RedisUnavailable(RedisConnectionError):
    """Raised without asking a Redis that failed less than BACKOFF_SECONDS ago."""


class SharedClient(RedisCacheClient):
    """Django builds a redis.Redis client (with its table of reply handlers) for every cache call:
    0.1-0.2 ms each, several times a page. A client is safe to share between threads (each command
    takes a connection from the pool): one per pool serves them all."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class BackOffRedisCache(RedisCache):
    """Django's Redis cache, except that after a failure Redis is not asked for BACKOFF_SECONDS
    (RedisUnavailable is raised at once) and the failure is logged, now and then.

    The "ratelimit" cache: its caller needs to know that Redis did not answer.
    """

    fail_soft = False

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient

    def _ask(self, fallback, method, *args, **kwargs):
        location = ",".join(self._servers)
        try:
            if time.monotonic() < redis_down_until.get(location, 0):
                raise RedisUnavailable("Redis failed a moment ago; not asked again yet.")
            try:
                result = getattr(super(), method)(*args, **kwargs)
            except REDIS_ERRORS as error:
                redis_down_until[location] = time.monotonic() + BACKOFF_SECONDS
                # The error names host and port, never the password of the URL.
                warn_now_and_then("redis", "Redis did not answer, working without it: %r", error)
                raise
            if redis_down_until.pop(location, None) is not None:
                logger.info("Redis answers again.")
            return result
        except REDIS_ERRORS:
            if self.fail_soft:
                return fallback
            raise

    def answers(self):
        """Whether Redis answers a PING now, back-off or not (the health check wants the truth)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except REDIS_ERRORS:
            return False

    # With fail_soft, each answers its fallback: what a cache without the key would answer.
    def get(self, key, default=None, version=None):
        return self._ask(default, "get", key, default, version)

    def get_many(self, *args, **kwargs):
        return self._ask({}, "get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._ask(False, "has_key", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._ask(False, "add", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._ask(None, "set", *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._ask(list(data), "set_many", data, *args, **kwargs)  # the keys not set

    def touch(self, *args, **kwargs):
        return self._ask(False, "touch", *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._ask(missing, "incr", key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found")  # what incr() says of a missing key
        return value

    def delete(self, *args, **kwargs):
        return self._ask(False, "delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._ask(None, "delete_many", *args, **kwargs)

    def clear(self):
        return self._ask(False, "clear")


class FailSoftRedisCache(BackOffRedisCache):
    """The "default" cache: while Redis does not answer, a read is a miss and a write is dropped,
    so the site keeps serving from the database instead of failing."""

    fail_soft = True


def outage_response(request, error):
    """The "try again" page, in the language of the URL, with Retry-After.

    Rendered without the request: the context processors and base.html's header and footer would
    query the database, which is the very thing that failed.
    """
    warn_now_and_then("database", "Database unreachable, serving stale copies and 503: %r", error)
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(
            "503.html", {"SITE_NAME": settings.SITE_NAME, "form_not_sent": request.method == "POST"}
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    response.database_outage = True  # core.pagecache puts the page's last good copy in its place
    return response


class DatabaseOutageMiddleware:
    """Turns a database error from the view into the "try again" page, which
    core.pagecache.PageCacheMiddleware replaces with the page's last good copy when it has one.

    handler500 (newsroom.views.server_error) does the same for errors escaping a middleware; a
    view's error caught here is not logged with its traceback on every request of an outage.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return outage_response(request, exception)
        return None
