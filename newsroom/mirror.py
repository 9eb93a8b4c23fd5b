"""A static mirror of the public site for when it is blocked: pages crawled in-process from each
home, links made relative (files named, as file:// has no index), assets copied beside them."""

import html
import json
import multiprocessing
import os
import posixpath
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve
from django.utils import translation

# Pages that exist only for one person or only on the server: never copied.
SERVER_ONLY_URL_NAMES = {"preview", "search", "confirm", "leave", "thanks"}
# Attributes that hold a URL (srcset a list of them) in the pages the site renders, which always
# quote with double quotes (Django's templates and nh3 alike).
URL_ATTRIBUTE = re.compile(r'\s(?P<name>href|src|srcset|poster)="(?P<value>[^"]*)"', re.I)
FORM = re.compile(r"<form\b(?P<attributes>[^>]*)>.*?</form>", re.I | re.S)
FORM_ATTRIBUTE = re.compile(r'\s(?P<name>method|action)="(?P<value>[^"]*)"', re.I)
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<value>[^'")]+)(?P=quote)\s*\)""")
NOT_A_PAGE = ("#", "mailto:", "tel:", "data:", "javascript:")
EXTENSIONS = {
    "text/html": ".html",
    "application/atom+xml": ".xml",
    "application/rss+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/json": ".json",
    "text/plain": ".txt",
}
MANIFEST = ".static-mirror.json"  # the files the last export wrote, so the next removes stale ones
_worker_mirror = None  # the Mirror a forked worker renders pages for


class MirrorError(Exception):
    pass


@dataclass
class Page:
    path: str  # decoded (Unicode) path, as Django resolves it
    query: str
    content_type: str
    body: bytes

    @property
    def file(self):
        return page_file(self.path, self.query, self.content_type)


@dataclass
class Report:
    pages: int = 0
    assets: int = 0
    written: int = 0
    removed: int = 0
    bytes: int = 0
    seconds: float = 0.0
    missing: list = field(default_factory=list)
    workers: int = 0  # forked processes that rendered pages; 0 when this one rendered them all


def page_file(path, query, content_type):
    """Where a page goes in the mirror: `ar/articles/slug/index.html`, `ar/feed/index.xml`, and
    a query as part of the name (`ar/articles/index-page-2.html`)."""
    extension = EXTENSIONS.get(content_type, "")
    folder, name = posixpath.split(path.lstrip("/"))
    stem, suffix = posixpath.splitext(name) if name else ("index", extension)
    if query:
        stem += "-" + re.sub(r"\W+", "-", unquote(query)).strip("-")
    return safe_relative(posixpath.join(folder, stem + (suffix or extension)))


def safe_relative(path):
    """A relative path that cannot leave the mirror's folder."""
    parts = [part for part in path.split("/") if part]
    if not parts or any(part in (".", "..") or "\x00" in part for part in parts):
        raise ValueError(f"Refusing to write {path!r}")
    return "/".join(parts)


def link(from_file, to_file, fragment=""):
    """The percent-encoded relative URL of `to_file` seen from `from_file` (both mirror paths)."""
    relative = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    return quote(relative, safe="/") + (f"#{fragment}" if fragment else "")


# Files are stored under their decoded names (Arabic folders) and linked percent-encoded, which
# is what a browser decodes back to, on disk as on a static host.
class Mirror:
    def __init__(self, output_dir, live_origin=None, log=print):
        self.output = Path(output_dir)
        self.live_origin = (live_origin or "").rstrip("/") or None
        self.log = log
        site = urlsplit(settings.SITE_URL)
        self.site_origin = f"{site.scheme}://{site.netloc}"
        https = site.scheme == "https"
        # As the public would ask, through the proxy that says it was HTTPS (production trusts
        # its header for that, SECURE_PROXY_SSL_HEADER), or the pages would only redirect.
        proxy = {"HTTP_X_FORWARDED_PROTO": site.scheme} if https else {}
        self.client = Client(HTTP_HOST=site.netloc, secure=https, **proxy)
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.pages = {}  # (path, query) -> Page
        self.redirects = {}  # (path, query) -> (path, query)
        self.exportable_paths = {}  # path -> bool, as a page links many others many times
        self.assets = {}  # mirror path -> ("static" | "media", name)
        self.files = {}  # mirror path -> bytes
        self.report = Report()

    # --- Links ------------------------------------------------------------------------------
    def classify(self, value, base):
        """What a URL in a page at `base` (an absolute URL) points at: ("page", key),
        ("static", name), ("media", name), ("server", absolute live URL), or None (elsewhere)."""
        value = html.unescape(value).strip()
        if not value or value.startswith(NOT_A_PAGE):
            return None, ""
        url = urlsplit(urljoin(base, value))
        if f"{url.scheme}://{url.netloc}" != self.site_origin:
            return None, ""
        path = unquote(url.path)
        for kind, prefix in (("static", settings.STATIC_URL), ("media", settings.MEDIA_URL)):
            if path.startswith(prefix):
                return (kind, path.removeprefix(prefix)), url.fragment
        query = "&".join(part for part in url.query.split("&") if part and part != "page=1")
        if self.exportable(path):
            return ("page", (path, query)), url.fragment
        return ("server", self.on_live_site(path, query)), url.fragment

    def exportable(self, path):
        if path not in self.exportable_paths:
            self.exportable_paths[path] = self.is_exportable(path)
        return self.exportable_paths[path]

    def is_exportable(self, path):
        parts = path.split("/")
        if len(parts) < 3 or parts[1] not in self.languages:
            return path == "/"  # only the languages' pages; the root is the redirect written below
        try:
            with translation.override(parts[1]):  # i18n_patterns resolve the active language
                match = resolve(path)
        except Resolver404:
            return False
        name = match.url_name or ""
        return name not in SERVER_ONLY_URL_NAMES and "search" not in name

    def on_live_site(self, path, query=""):
        if not self.live_origin:
            return None
        return self.live_origin + quote(path) + (f"?{query}" if query else "")

    def page_url(self, key):
        path, query = key
        return self.site_origin + quote(path) + (f"?{query}" if query else "")

    def target(self, key):
        """The exported page a key ends at, through redirects; None if it was not exported."""
        seen = set()
        while key in self.redirects and key not in seen:
            seen.add(key)
            key = self.redirects[key]
        return self.pages.get(key)

    # --- Crawling ---------------------------------------------------------------------------
    def crawl(self, jobs=1):
        """Render every page reachable from the homes, a wave of links at a time; with `jobs`
        above 1, each wave is shared among that many forked processes (rendering is CPU-bound)."""
        homes = [(f"/{code}/", "") for code in self.languages]
        wave, seen = list(homes), set(homes)
        pool = self.worker_pool(jobs)
        workers = set()  # the process ids that rendered pages, when forked ones did
        try:
            while wave:
                if pool:
                    results = pool.imap_unordered(_fetch_in_worker, wave, chunksize=4)
                else:
                    results = ((*self.fetch(key), None) for key in wave)
                following = []
                for key, outcome, value, found, worker in results:
                    if worker is not None:
                        workers.add(worker)
                    if outcome == "page":
                        self.pages[key] = value
                        if len(self.pages) % 250 == 0:
                            self.log(f"  {len(self.pages)} pages rendered ({self.elapsed()})")
                    elif outcome == "redirect":
                        self.redirects[key] = value
                    elif value:  # not a page of the site (a 404 says so; a redirect out not)
                        self.report.missing.append(value)
                    following += [link for link in found if link not in seen]
                    seen.update(found)
                wave = sorted(set(following))
        finally:
            if pool:
                pool.close()
                pool.join()
        self.report.workers = len(workers)
        if missing := [self.page_url(home) for home in homes if self.target(home) is None]:
            raise MirrorError(f"no home page at {', '.join(missing)}")

    def worker_pool(self, jobs):
        """`jobs` forked processes to render pages, or None when this process must render them
        alone (with `jobs` above 1, the log says why)."""
        if jobs <= 1:
            return None
        if reason := self.cannot_fork():
            self.log(f"  rendering in this process alone: {reason}")
            return None
        global _worker_mirror  # what a forked worker inherits
        _worker_mirror = self
        connections.close_all()  # a socket or file handle is never shared with a child
        self.log(f"  rendering in {jobs} forked processes")
        return multiprocessing.get_context("fork").Pool(jobs)

    @staticmethod
    def cannot_fork():
        # Forked workers open their own connections, so they see only committed rows: never
        # from inside a transaction (a test's), nor on an in-memory SQLite database.
        if connection.in_atomic_block:
            return "inside a transaction, whose rows other connections cannot see"
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            return "an in-memory SQLite database, which other processes cannot open"
        # A process with other threads cannot be forked safely (a child may inherit a lock held
        # by a thread that does not exist in it): `manage.py` has none; a host process may.
        if threading.active_count() > 1:
            return "other threads run in this process, and a forked child could inherit a lock"
        return None

    def fetch(self, key):
        """(key, "page", Page, links) | (key, "redirect", key, [key]) | (key, "unavailable",
        note or None, [])."""
        path, query = key
        if path == "/":
            return key, "unavailable", None, []
        response = self.client.get(quote(path) + (f"?{query}" if query else ""))
        self.client.cookies.clear()  # each page as a first-time reader sees it
        if response.status_code in (301, 302, 303, 307, 308):
            kind, found = self.classify(response["Location"], self.page_url(key))[0] or (None, None)
            if kind == "page":
                return key, "redirect", found, [found]
            return key, "unavailable", None, []
        if response.status_code >= 500:  # half a site is no mirror: stop and say so
            raise MirrorError(f"{self.page_url(key)} answered {response.status_code}")
        if response.status_code != 200:
            return key, "unavailable", f"{self.page_url(key)} ({response.status_code})", []
        content_type = response["Content-Type"].split(";")[0].strip()
        body = b"".join(response) if response.streaming else response.content
        page = Page(path, query, content_type, body)
        if content_type != "text/html" and not content_type.endswith("xml"):
            return key, "page", page, []
        text = body.decode(response.charset or "utf-8")
        found = []
        for match in URL_ATTRIBUTE.finditer(text):
            for value in self.urls_in(match):
                kind_and_key, _fragment = self.classify(value, self.page_url(key))
                if kind_and_key and kind_and_key[0] == "page":
                    found.append(kind_and_key[1])
        return key, "page", page, found

    @staticmethod
    def urls_in(match):
        value = match["value"]
        if match["name"].lower() == "srcset":
            return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
        return [value]

    # --- Rewriting --------------------------------------------------------------------------
    def rewrite_url(self, value, base, from_file):
        """The URL to write in `from_file` instead of `value`; None to drop the attribute."""
        kind_and_key, fragment = self.classify(value, base)
        if kind_and_key is None:
            return value
        kind, key = kind_and_key
        if kind == "page":
            if key == ("/", ""):
                return link(from_file, "index.html", fragment)
            page = self.target(key)
            if page is None:
                return self.on_live_site(*key)
            return link(from_file, page.file, fragment)
        if kind == "server":
            return key
        return link(from_file, self.asset(kind, key), fragment)

    def asset(self, kind, name):
        path = safe_relative(posixpath.join(kind, name))
        self.assets.setdefault(path, (kind, name))
        return path

    def rewrite_attributes(self, text, base, from_file):
        def replace(match):
            name = match["name"]
            if name.lower() == "srcset":
                candidates = []
                for candidate in match["value"].split(","):
                    url, *descriptor = candidate.split()
                    new = self.rewrite_url(url, base, from_file)
                    if new is not None:
                        candidates.append(" ".join([html.escape(new), *descriptor]))
                return f' {name}="{", ".join(candidates)}"' if candidates else ""
            new = self.rewrite_url(match["value"], base, from_file)
            return "" if new is None else f' {name}="{html.escape(new)}"'

        return URL_ATTRIBUTE.sub(replace, text)

    def rewrite_forms(self, text, base, language):
        """Forms need the server. A GET form (search) is sent to the live site. A POST form (a
        signup) cannot be: Django's CSRF protection refuses any POST from another origin, so it
        becomes a link to the same page on the live site and a few words on joining another way."""

        def replace(match):
            attributes = {
                m["name"].lower(): html.unescape(m["value"])
                for m in FORM_ATTRIBUTE.finditer(match["attributes"])
            }
            action = urlsplit(urljoin(base, attributes.get("action", "")))
            if f"{action.scheme}://{action.netloc}" != self.site_origin:
                return match[0]  # another site's form stays as it is
            live = self.on_live_site(unquote(action.path))
            if attributes.get("method", "get").lower() == "get":
                if live is None:
                    return ""
                opening = FORM_ATTRIBUTE.sub("", match["attributes"])
                form = match[0].replace(match["attributes"], opening, 1)
                return form.replace("<form", f'<form action="{html.escape(live)}"', 1)
            with translation.override(language):
                return render_to_string("includes/_join_elsewhere.html", {"live_url": live})

        return FORM.sub(replace, text)

    def rewrite_page(self, page):
        charset = "utf-8"
        text = page.body.decode(charset)
        base = self.page_url((page.path, page.query))
        text = self.rewrite_attributes(text, base, page.file)
        if page.content_type == "text/html":
            # After the links: the live site's URLs written here are meant to stay absolute.
            text = self.rewrite_forms(text, base, language=page.path.split("/")[1])
        return text.encode(charset)

    def rewrite_css(self, text, css_file, css_url):
        def replace(match):
            new = self.rewrite_url(match["value"], css_url, css_file)
            return f'url("{new}")' if new is not None else match[0]

        return CSS_URL.sub(replace, text)

    # --- Files ------------------------------------------------------------------------------
    def read_asset(self, kind, name):
        if kind == "media":
            with default_storage.open(name) as file:
                return file.read()
        # The source files as the finders see them (what DEBUG serves); else the collected
        # ones, whose hashed names are what production pages link.
        if found := finders.find(name):
            return Path(found).read_bytes()
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as file:
                return file.read()
        raise FileNotFoundError(name)

    def collect_assets(self):
        done = set()
        while pending := [path for path in self.assets if path not in done]:
            for path in pending:
                done.add(path)
                kind, name = self.assets[path]
                try:
                    content = self.read_asset(kind, name)
                except FileNotFoundError:
                    self.report.missing.append(f"{kind} file {name}")
                    continue
                if path.endswith(".css"):
                    url = self.site_origin + quote(
                        (settings.STATIC_URL if kind == "static" else settings.MEDIA_URL) + name
                    )
                    content = self.rewrite_css(content.decode("utf-8"), path, url).encode("utf-8")
                self.files[path] = content
        self.report.assets = len(done)

    def root_index(self):
        default = settings.LANGUAGE_CODE
        links = "".join(
            f'<p><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
            f"{translation.get_language_info(code)['name_local']}</a></p>"
            for code in self.languages
        )
        with translation.override(default):  # the page says lang="ar": so does its title
            title = html.escape(str(settings.SITE_NAME))
        return (
            f'<!doctype html>\n<html lang="{default}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={default}/index.html">'
            f"<title>{title}</title></head>"
            f"<body>{links}</body></html>\n"
        ).encode()

    def write(self):
        self.output.mkdir(parents=True, exist_ok=True)
        manifest = self.output / MANIFEST
        previous = set(json.loads(manifest.read_text("utf-8"))) if manifest.exists() else set()
        for relative, content in sorted(self.files.items()):
            file = self.output / relative
            self.report.bytes += len(content)
            if file.is_file() and file.read_bytes() == content:
                continue  # unchanged: its date stays, so a sync sends only what changed
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(content)
            self.report.written += 1
        for relative in sorted(previous - set(self.files)):
            stale = self.output / safe_relative(relative)
            if stale.is_file():
                stale.unlink()
                self.report.removed += 1
        manifest.write_text(json.dumps(sorted(self.files), ensure_ascii=False), "utf-8")

    def elapsed(self):
        return f"{time.perf_counter() - self.started:.1f} s"

    def export(self, jobs=1):
        start = self.started = time.perf_counter()
        site_host = urlsplit(settings.SITE_URL).hostname
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, site_host]):
            self.log("Rendering pages…")
            self.crawl(jobs)
            self.report.pages = len(self.pages)
            workers = self.report.workers
            renderers = "this process"
            if workers:
                renderers = f"{workers} forked process{'es' * (workers > 1)}"
            self.log(
                f"  {self.report.pages} pages rendered by {renderers} ({self.elapsed()}); "
                "rewriting links…"
            )
            for page in self.pages.values():
                self.files[page.file] = self.rewrite_page(page)
            self.files["index.html"] = self.root_index()
            self.log(
                f"  copying {len(self.assets)} stylesheets, fonts and images ({self.elapsed()})…"
            )
            self.collect_assets()
        self.log(f"  writing {len(self.files)} files ({self.elapsed()})…")
        self.write()
        self.report.seconds = time.perf_counter() - start
        return self.report


def _fetch_in_worker(key):
    return *_worker_mirror.fetch(key), os.getpid()
