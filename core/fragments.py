"""Parts of pages kept between requests in the "default" cache (Redis, shared by every app server),
for every reader: what the page cache cannot answer (a query string it does not keep, a session
cookie, the page cache off) is still made without most of its queries and template work.

Each part is kept with the content version it was made under (core.pagecache): any change readers
could see, and a scheduled change coming, makes every kept part out of date at once, as it does
every page copy. One round trip reads the version and a page's parts together.
"""

import functools
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from core import pagecache

KEEP_SECONDS = 24 * 3600  # a part out of date is never used: this only frees the memory


def key(name, *parts):
    return ":".join(["fragment", release(), name, get_language(), *map(str, parts)])


@functools.cache
def release():
    """What the parts are made with: the code, templates, translations, static file names and the
    settings they print. A new release, or the same one configured otherwise, keeps its own parts
    (the same ones on every server that runs it), never using one made by another."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    made_with = [Path(settings.STATIC_ROOT) / "staticfiles.json"]  # hashed names, if collected
    for folder in base.iterdir():  # the project's packages, templates, translations: not .venv
        if (folder / "__init__.py").is_file() or folder.name in ("templates", "locale"):
            made_with += [
                *folder.glob("**/*.py"),
                *folder.glob("**/*.html"),
                *folder.glob("**/*.mo"),
            ]
    for path in sorted(made_with):
        if path.is_file():
            digest.update(path.read_bytes())
    for name in ("SITE_URL", "SITE_NAME", "STATIC_URL", "MEDIA_URL", "LANGUAGE_CODE"):
        digest.update(str(getattr(settings, name)).encode())
    return digest.hexdigest()[:12]


class Fragments:
    """A page's kept parts, read at once: `found[name]`, and what is `missing` to make. The
    template's {% fragment parts name %} tag (core.templatetags.fragments) uses one found, or
    renders its content and keeps it."""

    def __init__(self, request, page, *names):
        self.keys = {name: key(page, name) for name in names}
        self.version, kept = read(request, self.keys.values())
        self.found = {
            name: kept[cache_key] for name, cache_key in self.keys.items() if cache_key in kept
        }
        self.missing = set(names) - set(self.found)

    def keep(self, name, html):
        keep(self.version, self.keys[name], html)


def remember(request, cache_key, compute):
    """The value kept under `cache_key` (made with `key`) for the current version, or compute()'s,
    kept; once per request."""
    remembered = request.__dict__.setdefault("_remembered", {})
    if cache_key not in remembered:
        version, kept = read(request, [cache_key])
        if cache_key in kept:
            remembered[cache_key] = kept[cache_key]
        else:
            remembered[cache_key] = compute()
            keep(version, cache_key, remembered[cache_key])
    return remembered[cache_key]


def keep(version, cache_key, value):
    if version is not None:  # None: the cache is down, there is no version to keep it under
        cache.set(cache_key, (version, value), KEEP_SECONDS)


def read(request, keys):
    """(the content version, {key: value} of those of `keys` kept under it), in one round trip.

    The version is read once per request; a new one is made when the next scheduled change has
    come or the cache holds none (as the page cache does), None when the cache does not answer."""
    wanted = list(keys)
    known = hasattr(request, "_content_version")
    if not known:
        wanted += [pagecache.VERSION_KEY, pagecache.NEXT_CHANGE_KEY]
    found = cache.get_many(wanted)
    if not known:
        version = found.get(pagecache.VERSION_KEY)
        if version is None or not time.time() < found.get(pagecache.NEXT_CHANGE_KEY, 0):
            version = pagecache.content_changed()
            if cache.get(pagecache.VERSION_KEY) != version:  # not kept: the cache is down
                version = None
        request._content_version = version
    version = request._content_version
    return version, {
        cache_key: copy[1]
        for cache_key in keys
        if (copy := found.get(cache_key)) and version is not None and copy[0] == version
    }
