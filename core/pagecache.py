"""The page cache: one copy of each anonymous public page in the "default" cache (Redis, shared by
every app server). A fresh copy is served without a session, a template or a database query; any
copy, however old, stands in for its page while the database does not answer (core.outage).

A copy is fresh while it is younger than PAGE_CACHE_SECONDS and was made under the current content
version. The apps change that version on every change readers could see (`watch`; once per
transaction of a request, however many rows it saves), and when the next scheduled change comes
(`scheduled_change`): every copy on every server is out of date at once, with no list of pages to
delete.
"""

import functools
import hashlib
import math
import re
import time
import uuid

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from core.outage import STALE_COPY_MAX_AGE

VERSION_KEY = "page-version"
# time.time() of the next scheduled change (math.inf: none); missing (a flushed Redis): unknown.
NEXT_CHANGE_KEY = "page-next-change"
COPY_MAX_BYTES = 512 * 1024
# Copies are kept for a page's own address and its page numbers only: a query string is the
# reader's to invent, and ?a=1, ?a=2, … must not each push a real page (or a rate limit) out.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")

scheduled_change_finders = []


def scheduled_change(finder):
    """Register `finder` (a decorator): it returns the next time, after now, at which public pages
    change with nobody saving anything (an article scheduled to go live, a campaign opening or
    closing), or None."""
    scheduled_change_finders.append(finder)
    return finder


# The request being answered (PageCacheMiddleware): the new version its transaction will make
# at the commit, once one of its rows has changed.
_request = Local()


def content_changed(**signal_arguments):
    """Make every copy out of date; returns the new version."""
    version = new_version()
    # Once more at the commit: a page rendered in between from the rows as they were must not
    # pass for one of the new version. Now as well, so that the change is seen by whatever reads
    # in the same transaction (an editor's next page, a test).
    if connection.in_atomic_block:
        at_commit = functools.partial(new_version)  # an object of its own, to find in the queue
        transaction.on_commit(at_commit, robust=True)
        if hasattr(_request, "at_commit"):
            _request.at_commit = at_commit
    return version


def rows_changed(**signal_arguments):
    """The signal receiver (`watch`): content_changed, but once per transaction of a request
    however many rows it saves (an article, its bylines, topics and revision): every change of
    the transaction shows at its commit, and nothing in the request reads pages in between.

    Outside a request (a command, a test changing rows and reading pages in one transaction),
    once per row. A new version is made again once the one queued for the commit is gone from
    the queue: run (a new transaction), or dropped with a savepoint rolled back.
    """
    at_commit = getattr(_request, "at_commit", None)
    # Django's queue of on_commit callbacks: (savepoint ids, callback, robust).
    if (
        at_commit is not None
        and connection.in_atomic_block
        and any(queued[1] is at_commit for queued in connection.run_on_commit)
    ):
        return
    content_changed()


def new_version():
    # Random, not a counter: a version key lost from the cache can never come back as one that
    # old copies were made under.
    version = uuid.uuid4().hex
    times = [when.timestamp() for finder in scheduled_change_finders if (when := finder())]
    cache.set_many({VERSION_KEY: version, NEXT_CHANGE_KEY: min(times, default=math.inf)}, None)
    return version


def relation_changed(action, **signal_arguments):
    if action.startswith("post_"):  # not for the pre_ signal of the same change as well
        rows_changed()


def watch(*models):
    """Saving or deleting a row of these models, or changing their many-to-many relations, makes
    every copy out of date: the apps call this for the models their public pages show."""
    for model in models:
        uid = f"core.pagecache:{model._meta.label}"
        post_save.connect(rows_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(rows_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                relation_changed, sender=field.remote_field.through, dispatch_uid=uid
            )


def page_key(request):
    """The key of the copy of the page asked for; None when no copy may answer: not a read, a
    signed-in editor (a session cookie), not a page in a language (the admin, media, the health
    check), or a query string other than a page number."""
    if (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and get_language_from_path(request.path_info)
        and all(
            name == "page" and len(values) == 1 and PAGE_NUMBER.fullmatch(values[0])
            for name, values in request.GET.lists()
        )
    ):
        # The language is in the path: the Arabic and the English page are two copies.
        return "page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return None


# With the page cache off a copy only stands in for its page during an outage: kept again once a
# minute per page (by each process), not written to Redis at every read.
OUTAGE_COPY_EVERY_SECONDS = 60
outage_copies_kept = {}  # page key -> time.time() this process last kept its copy


def outage_copy_due(key, now):
    if now - outage_copies_kept.get(key, -math.inf) < OUTAGE_COPY_EVERY_SECONDS:
        return False
    if len(outage_copies_kept) >= 10_000:  # bounded: every page is simply kept again
        outage_copies_kept.clear()
    outage_copies_kept[key] = now
    return True


def is_for_everyone(request, response):
    """What PublicCacheMiddleware marked public (a 200 with no cookie set, no CSRF token, for a
    request without a session), whole, small, setting no cookie on its way out either, and the same
    whatever the request's headers (no Vary)."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and "public" in cc_delim_re.split(response.get("Cache-Control", ""))
        and not response.cookies
        and not response.has_header("Vary")
        and len(response.content) <= COPY_MAX_BYTES
    )


def stale_copy(copy):
    """The copy in its page's place while the database is down, saying when it was made."""
    _version, made_at, headers, content = copy
    marked = {
        "Cache-Control": f"public, max-age={STALE_COPY_MAX_AGE}",
        "X-Stale-Copy": http_date(made_at),
    }
    return HttpResponse(content, headers=headers | marked)


class PageCacheMiddleware:
    """Answers from the copy while it is fresh; otherwise lets the page be made, and keeps a copy
    of it (one cache write per page made, not per read), with an ETag for conditional requests.

    Sits before sessions, the locale, CSRF, authentication and the view, which a fresh copy skips,
    and after the request id, the security headers and the CSP, which every answer gets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.at_commit = None  # rows_changed: a request's transactions each make one version
        try:
            return self.answer(request)
        finally:
            del _request.at_commit

    def answer(self, request):
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        request.get_host()  # as CommonMiddleware would: only for the hosts the site answers to
        now = time.time()
        fresh_for = settings.PAGE_CACHE_SECONDS
        # One round trip; none with the page cache off, where copies only stand in for outages.
        found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, key]) if fresh_for else {}
        copy = found.get(key)
        version = found.get(VERSION_KEY)
        # A new version is due when the next scheduled change has come, or when the cache has
        # none (new, or flushed: its next change time is unknown too).
        due = fresh_for and (version is None or not now < found.get(NEXT_CHANGE_KEY, 0))
        if copy and not due and copy[0] == version and now - copy[1] < fresh_for:
            _version, _made_at, headers, content = copy
            response = HttpResponse(content, headers=headers)
            return get_conditional_response(request, etag=response.get("ETag"), response=response)

        response = self.get_response(request)
        if getattr(response, "database_outage", False):  # core.outage.outage_response
            copy = copy if fresh_for else cache.get(key)
            return stale_copy(copy) if copy else response
        if due:
            content_changed()
        if not is_for_everyone(request, response):
            return response
        set_response_etag(response)
        if fresh_for or outage_copy_due(key, now):
            # Under the version read before the page was made, always: a change committed
            # meanwhile may be missing from it, and then that version is already an old one.
            headers = dict(response.items())
            cache.set(key, (version, now, headers, response.content), settings.STALE_PAGE_SECONDS)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
