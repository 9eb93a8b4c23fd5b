import sys

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import InvalidPage
from django.db import Error, connection
from django.db.models import Case, Q, Value, When
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as plain_server_error

from articles.models import Article, Topic
from articles.views import ArticleListView
from campaigns.models import Campaign
from core.languages import LANGUAGE_CODES, current_language, url_in_language
from core.links import absolute_url
from core.outage import DATABASE_ERRORS, BackOffRedisCache, outage_response, warn_now_and_then
from core.pagination import CappedPaginator
from pages.models import Page

# The pages of one object, by route: the objects that have that page in `language`. An author's
# page has one slug and exists in every language or none, so a 404 there has no other version.
OBJECT_PAGES = {
    "articles:detail": lambda language: Article.objects.live().in_language(language),
    "articles:topic": lambda language: Topic.objects.filter(**{f"slug_{language}__gt": ""}),
    "campaigns:detail": lambda language: Campaign.objects.in_language(language),
    "campaigns:thanks": lambda language: Campaign.objects.in_language(language),
    "pages:detail": lambda language: Page.objects.public(language),
}


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


def page_not_found(request, exception):
    """handler404: the ways on (search, home, the current campaign), and the page in the other
    language where it exists there. A database failing meanwhile leaves out what needs it: the
    answer stays a 404, in a page without base.html's header and footer, which query it."""
    others = [code for code in LANGUAGE_CODES if code != current_language()]
    try:
        context = {"other_languages": [(code, url_elsewhere(request, code)) for code in others]}
        return render(request, "404.html", context, status=404)
    except Error as error:  # django.db.Error: however the database failed
        warn_now_and_then("404-database", "A 404 page was made without the database: %r", error)
        context = {"other_languages": [(code, None) for code in others], "database_failed": True}
        response = render(request, "404.html", context, status=404)
        # Made during an outage, as core.outage's pages are: core.pagecache then neither asks
        # the database for a new content version (a 503 after all) nor keeps the page.
        response.database_outage = True
        return response


def url_elsewhere(request, language):
    """The page this 404's address names, in `language`, if it exists there (never another 404),
    found in one query at most; None.

    An object's page is found by the slug in the address, in the address's language (an article
    not or no longer in that language) or in `language` (a language prefix changed by hand); the
    query string is left behind, a page number included: page 1 of an object exists wherever the
    object does. The list of articles keeps its page number, checked there."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    here, slug = current_language(), match.kwargs.get("slug")
    if match.view_name in OBJECT_PAGES and slug:
        named_here = Q(**{f"slug_{here}": slug})
        objects = OBJECT_PAGES[match.view_name](language).filter(
            named_here | Q(**{f"slug_{language}": slug})
        )
        # Both may exist: the object with this slug in the address's language is the one meant.
        objects = objects.order_by(Case(When(named_here, then=Value(0)), default=Value(1)))
        there = objects.values_list(f"slug_{language}", flat=True).first()
        return url_in_language(language, match.view_name, slug=there) if there else None
    if match.view_name == "articles:list":
        with override(language):
            articles = CappedPaginator(Article.objects.public(), ArticleListView.paginate_by)
            try:
                articles.validate_number(request.GET.get("page", 1))
            except InvalidPage:
                return None
            return f"{reverse('articles:list')}?{request.GET.urlencode()}"
    return None


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
