"""Absolute links on SITE_URL, the site's public address: never the host a request came in on,
which a CDN-cached page, a feed or an email would then carry to everyone."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_script_prefix
from django.utils.encoding import iri_to_uri


def site_path(path):
    """A path from reverse() relative to the site's root: without the prefix the app is served
    under (SCRIPT_NAME), which SITE_URL's own path already says (https://example.org/news)."""
    prefix = get_script_prefix()
    return "/" + (path.removeprefix(prefix) if path.startswith(prefix) else path.lstrip("/"))


def absolute_url(url):
    """`url` (a path from reverse(), static() or a storage) on SITE_URL; an absolute one stays."""
    url = iri_to_uri(str(url))
    return url if urlsplit(url).scheme else settings.SITE_URL + site_path(url)


def absolute_url_prefix(url):
    """absolute_url(url), to which a plain tail (ASCII letters, digits, "_", ".", "-" and "/",
    not first) may be appended for what absolute_url(url + tail) gives, in lists of thousands of
    URLs; None when it may not: a path shorter than the script prefix may or may not start with
    it depending on the tail."""
    uri = iri_to_uri(str(url))
    if urlsplit(uri).scheme or len(uri) >= len(get_script_prefix()):
        return absolute_url(uri)
    return None
