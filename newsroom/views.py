import sys

from django.conf import settings
from django.core.cache import caches
from django.db import Error, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as plain_server_error

from core.languages import LANGUAGE_CODES, url_in_language
from core.links import absolute_url
from core.outage import DATABASE_ERRORS, BackOffRedisCache, outage_response, warn_now_and_then


@never_cache
def healthz(request):
    """Load balancer probe: 200 when the database and (when the cache is Redis) Redis answer, 503
    when not. The body never says why: the logs do."""
    healthy = database_answers() and cache_answers()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable"}, status=200 if healthy else 503
    )


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error as error:  # django.db.Error: any failure of the database, however it failed
        warn_now_and_then("healthz-database", "Health check: the database failed: %r", error)
        return False
    return True


def cache_answers():
    backend = caches["default"]
    if not isinstance(backend, BackOffRedisCache):
        return True  # a cache in this process's memory answers whenever the process does
    if backend.answers():
        return True
    warn_now_and_then("healthz-redis", "Health check: Redis did not answer a PING.")
    return False


def server_error(request):
    """handler500. An error escaping while the database is unreachable (from a middleware, say)
    gets the "try again" 503 page; anything else, the 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return outage_response(request, error)
    return plain_server_error(request)


def robots_txt(request):
    """Where the sitemap is, and what crawlers must leave alone: previews, and the admin at its
    well-known default path only. A moved admin (settings.ADMIN_URL) is a hidden one and
    robots.txt is public: it is not named (its pages tell robots not to index them anyway)."""
    placeholder = "-"  # each language's preview prefix: a preview URL with its token cut off
    previews = [
        url_in_language(code, "articles:preview", token=placeholder).removesuffix(f"{placeholder}/")
        for code in LANGUAGE_CODES
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in previews),
        *(["Disallow: /admin/"] if settings.ADMIN_URL == "admin/" else []),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
