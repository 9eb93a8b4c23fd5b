"""The site under load as production runs it: every kind of page measured with wrk against
gunicorn (gunicorn.conf.py, 2 workers, DEBUG off, PostgreSQL, Redis), beside two ceilings served
by the same gunicorn in the same run, then whether the performance goals are met.

    make bench         python -m bench.site          100,000 articles, 1,000,000 signups
    make bench-quick   python -m bench.site --quick  300 articles, 3,000 signups, 1 s runs (CI)

Filling the full size takes 6-8 minutes on two CPUs, measuring it about 13 more; the quick run
about a minute and a half in all. Works in a PostgreSQL database of its own (--database,
default newsroom_bench_site, or newsroom_bench_site_quick, on BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432): created, migrated, filled by `manage.py generate_load_data`,
vacuumed, and dropped at the end unless --keep; --reuse measures a kept one again without filling
it. Redis: BENCH_REDIS_URL (default redis://127.0.0.1:6379/15), a database the run FLUSHES before
and after: give it one of its own. Needs wrk (`make system-packages`).

Each page: req/s and p50/p99 under load (wrk, 4 connections), p50/p99 of one client's
sequential requests, body bytes, SQL queries per request (in-process, the second request of
two), and req/s as a fraction of two ceilings for bytes of the same size (within a power of two,
measured once per size): a plain Django view (bench/ceilings.py) and a WhiteNoise static file.
An article page is also read a different one each request ("cold": none of its parts kept,
core.fragments). First with the page cache off
(PAGE_CACHE_SECONDS=0), then the cacheable pages with it on. Signups: POSTs from 4 threads for
the run's duration, each from a loopback address of its own (no proxy is trusted, and no rate
limit is reached), with lost = sent - stored.

Exits 1 when the harness breaks (a page answers other than 200, gunicorn stops), 0 otherwise,
whether or not the goals are met.
"""

import argparse
import http.client
import itertools
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit
from xml.etree import ElementTree

import django
import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
HOST = "127.0.0.1"
WORKERS = 2
CONNECTIONS = 4  # wrk's: two per worker process, so neither idles while one waits on the database
SIGNUP_CLIENTS = 4
CACHE_SECONDS = 300
ROTATION = 5_000  # articles read in turn for "cold": more than a run asks for
RUN = secrets.token_hex(4)  # in the signups' addresses: runs never share one
MODES = {  # articles, signups, seconds per wrk run, one client's requests and seconds at most
    "full": (100_000, 1_000_000, 10, 200, 20),
    "quick": (300, 3_000, 1, 20, 1),
}


class Broken(Exception):
    """The harness cannot measure: a page answered other than 200, gunicorn stopped."""


@dataclass
class Page:
    name: str
    path: str
    staff: bool = False
    cacheable: bool = False  # anonymous and public: the page cache should keep it
    # Asked in turn, one a request, instead of `path`: pages whose kept parts (core.fragments)
    # are not there yet, as the long tail of an archive is read.
    rotation: list = field(default_factory=list)
    failed: str = ""
    body: bytes = b""
    queries: dict = field(default_factory=dict)  # {cached: SQL queries per request}
    load: dict = field(default_factory=dict)  # {cached: wrk's figures}
    single: dict = field(default_factory=dict)  # {cached: (p50 ms, p99 ms, requests)}
    ceilings: dict = field(default_factory=dict)  # {"django"|"static": req/s}

    @property
    def key(self):
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def size_class(self):
        """Pages within a power of two of each other in size share their ceilings (measured
        once): what limits a plain view's or a static file's req/s barely changes within it."""
        return f"up-to-{2 ** max(10, math.ceil(math.log2(max(len(self.body), 1))))}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small and short: for CI")
    parser.add_argument("--articles", type=int)
    parser.add_argument("--signups", type=int)
    parser.add_argument("--database", help="default: newsroom_bench_site(_quick)")
    parser.add_argument("--keep", action="store_true", help="keep the database and its media")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    args = parser.parse_args()
    articles, signups, seconds, requests, cap = MODES["quick" if args.quick else "full"]
    articles, signups = args.articles or articles, args.signups or signups
    # Apart, so that a quick run never drops a full-size database kept to measure again.
    database = args.database or f"newsroom_bench_site{'_quick' if args.quick else ''}"
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make system-packages` installs it.")
    started = time.monotonic()
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="bench-site-"))
    media = BASE_DIR / ".cache" / f"bench-media-{database}"  # kept with the database
    configure(port, database, folder, media)
    django.setup()
    flush_redis()
    if fresh := create_database(database, args.reuse):
        shutil.rmtree(media, ignore_errors=True)  # pictures of a database dropped since
    bench = Bench(port, seconds, requests, cap)
    try:
        prepare(fresh, articles, signups)
        bench.run()
    except Broken as error:
        bench.failures.append(str(error))
    finally:
        from django.db import connections

        connections.close_all()
        flush_redis()
        shutil.rmtree(folder, ignore_errors=True)
        if args.keep:
            print(f"\nkept: {POSTGRES}/{database}, media in {media}")
        else:
            drop_database(database)
            shutil.rmtree(media, ignore_errors=True)
    print(f"\nbench.site took {(time.monotonic() - started) / 60:.1f} minutes")
    if bench.failures:
        print("\nTHE HARNESS BROKE:\n  " + "\n  ".join(bench.failures))
        sys.exit(1)


def http_request(port, path, method="GET", body=None, headers=None, source=None):
    """(status, headers, body) from HOST:port, on a connection of its own (from `source`)."""
    connection = http.client.HTTPConnection(
        HOST, port, timeout=60, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def configure(port, database, folder, media):
    """Production settings, for this process (filling, counting queries) and for gunicorn."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"{POSTGRES}/{database}",
        REDIS_URL=REDIS_URL,
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SITE_URL=f"http://localhost:{port}",  # passkeys accept no IP address over HTTP
        ALLOW_LOCAL_SITE_URL="1",
        TRUSTED_PROXIES="",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(media),
        TASKS_BACKEND="database",
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS="0",
        WEB_CONCURRENCY=str(WORKERS),
        GUNICORN_BIND=f"{HOST}:{port}",
    )


def flush_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).flushdb()
    except redis.RedisError as error:
        sys.exit(f"Redis does not answer at {REDIS_URL} (BENCH_REDIS_URL): {error}")


def create_database(name, reuse):
    """True when the database is new (to fill), False when a kept one is reused."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found and reuse:
            return False
        if found:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def drop_database(name):
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def prepare(fresh, articles, signups):
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from campaigns.models import Signup

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if fresh:
        print(f"Filling the database: {articles:,} articles, {signups:,} signups")
        started = time.perf_counter()
        call_command("generate_load_data", articles=articles, signups=signups)
        # What autovacuum would do after so many inserts: now, rather than during the runs.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        print(f"generation took {time.perf_counter() - started:.0f} s, vacuum included\n")
    else:
        print(f"Reusing {Article.objects.count():,} articles, {Signup.objects.count():,} signups\n")


def pages():
    """The pages measured, found in the generated rows; the sitemap's page from /sitemap.xml."""
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client, RequestFactory
    from django.test.utils import override_settings
    from django.utils import translation

    from articles.models import Article, Author, Topic
    from articles.views import ArticleListView
    from campaigns.models import Campaign
    from newsroom.management.commands.generate_load_data import SEARCH_WORDS

    live = Article.objects.live().in_language("ar")
    newest = live.order_by("-publish_at").only(*(f"slug_{code}" for code in ("ar", "en")))
    rotation = [other.url_in("ar") for other in newest[:ROTATION]]
    article = live.filter(available_en=True).exclude(hero_image="").order_by("-publish_at").first()
    with translation.override("ar"):  # the deepest page the list serves, as its view counts
        view = ArticleListView()
        view.setup(RequestFactory().get("/ar/articles/"))
        deep = view.get_paginator(view.get_queryset(), view.paginate_by).num_pages
    author = Author.objects.annotate(n=Count("bylines")).order_by("-n").first()
    topic = Topic.objects.annotate(n=Count("articles")).order_by("-n").first()
    campaign = Campaign.objects.get(featured=True)
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        index = Client().get("/sitemap.xml").content
    admin = f"/{settings.ADMIN_URL}"
    found = [
        Page("home", "/ar/", cacheable=True),
        Page("list", "/ar/articles/", cacheable=True),
        Page(f"list, last page {deep}", f"/ar/articles/?page={deep}", cacheable=True),
        Page("article ar", article.url_in("ar"), cacheable=True),
        Page("article en", article.url_in("en"), cacheable=True),
        Page("article ar, cold", rotation[0], rotation=rotation),
        Page("author", author.url_in("ar"), cacheable=True),
        Page("topic", topic.url_in("ar"), cacheable=True),
        Page("search common", f"/ar/search/?q={quote(SEARCH_WORDS['every'][0])}"),
        Page("search rare", f"/ar/search/?q={quote(SEARCH_WORDS['twenty'][0])}"),
        Page("campaign", campaign.url_in("ar")),
        Page("sitemap index", "/sitemap.xml", cacheable=True),
    ]
    if path := sitemap_page(index):
        found.append(Page("sitemap page", path, cacheable=True))
    return [
        *found,
        Page("admin articles", f"{admin}articles/article/", staff=True),
        Page("admin signups", f"{admin}campaigns/signup/", staff=True),
        Page("dashboard", f"{admin}campaigns/campaign/{campaign.pk}/dashboard/", staff=True),
    ]


def sitemap_page(index_xml):
    """From a sitemap index, the first page of its articles' section (or of its first); None
    for a single sitemap, which the index row then measures."""
    root = ElementTree.fromstring(index_xml)  # noqa: S314 (the site's own sitemap)
    if not root.tag.endswith("sitemapindex"):
        return None
    locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
    parts = urlsplit(next((url for url in locations if "article" in url), locations[0]))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def staff_cookie():
    """A staff member's session past both factors (Editor and Campaign manager), as a browser
    sends it: a session row with a verified OTP device, as tests.helpers.staff_login makes."""
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.test import Client

    from tests.helpers import make_staff, staff_login

    user = make_staff("Editor", username=f"bench-{RUN}")
    user.groups.add(Group.objects.get(name="Campaign manager"))
    client = staff_login(Client(), user)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


class Bench:
    def __init__(self, port, seconds, requests, cap):
        self.port, self.seconds, self.requests, self.cap = port, seconds, requests, cap
        self.failures = []
        self.ceilings = {}  # {size class: {"django"|"static": req/s}}
        self.signups = None
        self.log = BASE_DIR / ".cache" / "bench-site-gunicorn.log"  # .cache/ is not versioned
        self.log.parent.mkdir(exist_ok=True)
        self.log.write_text("")  # this run's only: both servers append to it

    def run(self):
        from django.test.utils import override_settings

        self.cookie = staff_cookie()
        self.pages = pages()
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            self.count_queries(cached=False)
        ceilings = Path(os.environ["STATIC_ROOT"]) / "bench-ceiling"
        ceilings.mkdir()
        for page in self.pages:  # the bytes of the first page of each size class
            if not (file := ceilings / f"{page.size_class}.html").exists():
                file.write_bytes(page.body)
        with self.gunicorn(cache_seconds=0):
            for page in self.pages:
                self.measure(page, cached=False, ceilings=True)
            self.signups = SignupLoad(self).run()
        with override_settings(ALLOWED_HOSTS=["testserver"], PAGE_CACHE_SECONDS=CACHE_SECONDS):
            self.count_queries(cached=True)
        with self.gunicorn(cache_seconds=CACHE_SECONDS):
            for page in self.pages:
                if self.kept(page):
                    self.measure(page, cached=True)
        self.report()

    @staticmethod
    def kept(page):
        """Served from the page cache: no query on the second request with the cache on."""
        return page.cacheable and page.queries.get(True) == 0

    def fail(self, page, problem):
        page.failed = problem
        self.failures.append(f"{page.name} ({page.path}): {problem}")

    # --- In-process: bodies and SQL queries --------------------------------------------------

    def count_queries(self, cached):
        """Each page twice through the test client; the queries of the second (steady state)."""
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        staff = Client()
        staff.cookies[self.cookie[0]] = self.cookie[1]
        for page in self.pages:
            if page.failed or (cached and not page.cacheable):
                continue
            client = staff if page.staff else Client()
            first, second = page.rotation[:2] or (page.path, page.path)
            client.get(first)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(second)
            if response.status_code != 200:
                self.fail(page, f"answered {response.status_code} in-process")
                continue
            page.queries[cached] = len(queries)
            if not cached:
                page.body = response.content

    # --- Over HTTP ---------------------------------------------------------------------------

    @contextmanager
    def gunicorn(self, cache_seconds):
        """gunicorn as deployed (gunicorn.conf.py), serving bench.ceilings; its output in
        .cache/bench-site-gunicorn.log."""
        command = [BASE_DIR / ".venv" / "bin" / "gunicorn", "-c", "gunicorn.conf.py"]
        with self.log.open("a") as log:
            self.server = subprocess.Popen(  # noqa: S603 (a fixed command)
                [*command, "bench.ceilings"],
                cwd=BASE_DIR,
                env=os.environ | {"PAGE_CACHE_SECONDS": str(cache_seconds)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self.wait_for_health()
            yield
        finally:
            self.server.send_signal(signal.SIGTERM)  # graceful: requests under way finish first
            try:
                self.server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()

    def wait_for_health(self):
        for _ in range(600):
            self.alive()
            try:
                if self.request("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise Broken("gunicorn did not answer /healthz in 60 s")

    def alive(self):
        if self.server.poll() is not None:
            raise Broken(f"gunicorn stopped (exit {self.server.returncode}): see {self.log}")

    def request(self, path, method="GET", body=None, headers=None, source=None):
        return http_request(self.port, path, method, body, headers, source)

    def measure(self, page, cached, ceilings=False):
        """One client's sequential requests, then wrk's load; then the page's two ceilings."""
        if page.failed:
            return
        headers = {"Cookie": "=".join(self.cookie)} if page.staff else {}
        try:
            timings = []
            deadline = time.monotonic() + self.cap
            paths = itertools.cycle(page.rotation or [page.path])
            while len(timings) < self.requests and (not timings or time.monotonic() < deadline):
                started = time.perf_counter()
                status = self.request(next(paths), headers=headers)[0]
                timings.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise Broken(f"answered {status}")
            page.single[cached] = (percentile(timings, 50), percentile(timings, 99), len(timings))
            page.load[cached] = self.wrk(page, page.path, headers, page.rotation)
            if ceilings and page.size_class not in self.ceilings:
                found = self.ceilings[page.size_class] = {}
                for kind, path in (
                    ("django", f"/bench-ceiling/{page.size_class}"),
                    ("static", f"/static/bench-ceiling/{page.size_class}.html"),
                ):
                    if (status := self.request(path)[0]) != 200:
                        raise Broken(f"its {kind} ceiling answered {status}")
                    found[kind] = self.wrk(page, path)["per_second"]
            page.ceilings = self.ceilings.get(page.size_class, {})
        except (Broken, OSError) as error:
            self.fail(page, str(error) or type(error).__name__)
        self.alive()

    def wrk(self, page, path, headers=None, rotation=()):
        command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{self.seconds}s", "--timeout", "30s"]
        script = BASE_DIR / "bench" / ("wrk-rotation.lua" if rotation else "wrk.lua")
        command += ["-s", str(script), f"http://{HOST}:{self.port}{path}"]
        # A connection per request, as nginx's proxy_pass opens by default: a kept-alive one
        # stays with the worker that took it, and 3 or 4 of 4 on one worker halve a run's req/s.
        for header, value in ({"Connection": "close"} | (headers or {})).items():
            command += ["-H", f"{header}: {value}"]
        if rotation:
            paths = Path(os.environ["STATIC_ROOT"]).parent / f"{page.key}.paths"
            paths.write_text("\n".join(rotation) + "\n")
            command += ["--", str(paths)]
        run = subprocess.run(  # noqa: S603 (a fixed command)
            command, capture_output=True, text=True, check=True, cwd=BASE_DIR
        )
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        errors = {kind: figures[kind] for kind in ("connect", "read", "write", "status", "timeout")}
        if any(errors.values()):  # status: answers other than 2xx or 3xx
            raise Broken(f"{path} under load: {errors}")
        figures["per_second"] = figures["requests"] / figures["seconds"]
        return figures

    # --- Report ------------------------------------------------------------------------------

    def report(self):
        print(
            f"\n{'page':<20}{'req/s':>8}{'p50':>7}{'p99':>7}  │ 1 client {'p50':>6}{'p99':>7}"
            f"{'n':>5}  │{'bytes':>10}{'SQL':>5}  │{'×django':>8}{'×static':>8}"
        )
        for cached in (False, True):
            title = f"cache on (PAGE_CACHE_SECONDS={CACHE_SECONDS})" if cached else "cache off"
            print(f"── page {title} " + "─" * (92 - len(title)))
            for page in self.pages:
                if page.failed and not cached:
                    print(f"{page.name:<20}FAILED: {page.failed}")
                elif cached in page.load:
                    print(self.row(page, cached))
                elif cached and page.cacheable and not page.failed:
                    queries = page.queries[True]
                    print(f"{page.name:<20}not kept by the page cache: {queries} queries again")
            if not cached and (s := self.signups):
                print(
                    f"{'signup POST':<20}{s['per_second']:>8.1f}{s['p50']:>7.1f}{s['p99']:>7.1f}"
                    f"  │{'':>27}  │{0:>10,}{s['queries']:>5}  │  lost {s['lost']:,} of "
                    f"{s['sent']:,} sent"
                )
        measured = [page for page in self.pages if page.ceilings]
        if measured:
            django = [page.ceilings["django"] for page in measured]
            static = [page.ceilings["static"] for page in measured]
            print(
                f"ceilings, pages' bytes from the same gunicorn: a plain Django view "
                f"{min(django):,.0f}-{max(django):,.0f} req/s, a WhiteNoise static file "
                f"{min(static):,.0f}-{max(static):,.0f} req/s"
            )
        print(f"latencies in ms; wrk: {CONNECTIONS} connections, {self.seconds} s a run")
        self.goals()

    def row(self, page, cached):
        load, (p50, p99, n) = page.load[cached], page.single[cached]
        return (
            f"{page.name:<20}{load['per_second']:>8.1f}{load['p50_us'] / 1000:>7.1f}"
            f"{load['p99_us'] / 1000:>7.1f}  │{'':>9}{p50:>6.1f}{p99:>7.1f}{n:>5}  │"
            f"{len(page.body):>10,}{page.queries[cached]:>5}  │"
            f"{load['per_second'] / page.ceilings['django']:>8.2f}"
            f"{load['per_second'] / page.ceilings['static']:>8.2f}"
        )

    def goals(self):
        """Each goal with the figures it is judged on: all of them when met, else the misses."""
        pages = {page.name: page for page in self.pages if not page.failed}

        def ceiling_ratio(name, kind, cached=False):
            return pages[name].load[cached]["per_second"] / pages[name].ceilings[kind]

        def single_p99(names):
            return {name: pages[name].single[False][1] for name in names if name in pages}

        quick = [name for name in pages if name.startswith(("home", "list", "author", "topic"))]
        sitemap = "sitemap page" if "sitemap page" in pages else "sitemap index"
        goals = [
            (
                "article pages, cache off: ≥ 0.20 × plain Django view",
                {
                    name: ceiling_ratio(name, "django")
                    for name in ("article ar", "article en", "article ar, cold")
                    if name in pages
                },
                lambda value: value >= 0.20,
                "{:.3f}×",
            ),
            (
                "cached pages: ≥ 0.80 × static file",
                {
                    name: ceiling_ratio(name, "static", True)
                    for name, page in pages.items()
                    if True in page.load
                },
                lambda value: value >= 0.80,
                "{:.3f}×",
            ),
            (
                "home, lists, author, topic, search, 1 client: p99 < 50 ms",
                single_p99([*quick, "search common", "search rare"]),
                lambda value: value < 50,
                "{:.0f} ms",
            ),
            (
                "common-word search, 1 client: p99 < 150 ms",
                single_p99(["search common"]),
                lambda value: value < 150,
                "{:.0f} ms",
            ),
            (
                "sitemap page, 1 client: p99 < 200 ms",
                single_p99([sitemap]),
                lambda value: value < 200,
                "{:.0f} ms",
            ),
            (
                "admin pages, 1 client: p99 < 300 ms",
                single_p99(["admin articles", "admin signups", "dashboard"]),
                lambda value: value < 300,
                "{:.0f} ms",
            ),
        ]
        if s := self.signups:
            figures = {"signups/s": s["per_second"], "lost": s["lost"], "p99 ms": s["p99"]}
            goals.append(
                (
                    "signups: ≥ 300/s, lost = 0, p99 < 100 ms",
                    figures,
                    lambda _value: s["per_second"] >= 300 and s["lost"] == 0 and s["p99"] < 100,
                    "{:.0f}",
                )
            )
        print("\ngoals (set for 100,000 articles and 1,000,000 signups)")
        for title, values, met, unit in goals:
            missed = {name: value for name, value in values.items() if not met(value)}
            shown = ", ".join(
                f"{name} {unit.format(value)}" for name, value in (missed or values).items()
            )
            verdict = "not measured" if not values else "NOT MET" if missed else "met"
            print(f"  {verdict:<12} {title}: {shown}")


class SignupLoad:
    """Signups POSTed by SIGNUP_CLIENTS threads for the run's duration, each request from its own
    loopback address (127.x.y.z), so the per-address limit is never reached. Each client opens
    the campaign page once for its CSRF cookie and token, then sends distinct addresses."""

    def __init__(self, bench):
        from campaigns.models import Campaign

        self.bench = bench
        self.path = Campaign.objects.get(featured=True).url_in("ar")
        self.numbers = itertools.count()
        self.results = []  # (status or exception name, ms); list.append is atomic
        self.ready = threading.Barrier(SIGNUP_CLIENTS + 1, action=self.go)
        self.deadline = None

    def go(self):
        self.deadline = time.monotonic() + self.bench.seconds

    def address(self):
        n = next(self.numbers)
        return f"127.{1 + n // 65536 % 250}.{n // 256 % 256}.{n % 256}"

    def open_form(self):
        """The request headers and CSRF token of one visit to the campaign page."""
        status, headers, html = self.bench.request(self.path, source=self.address())
        if status != 200:
            raise Broken(f"campaign page answered {status}")
        cookie = SimpleCookie()
        for name, value in headers:
            if name.lower() == "set-cookie":
                cookie.load(value)
        csrf = next(morsel for name, morsel in cookie.items() if name.endswith("csrftoken"))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', html.decode())[1]
        content = {"Content-Type": "application/x-www-form-urlencoded"}
        return content | {"Cookie": f"{csrf.key}={csrf.value}"}, token

    def client(self):
        from tests.helpers import signup_data

        try:
            form = self.open_form()
        except (Broken, OSError, StopIteration, TypeError) as error:
            self.bench.failures.append(f"signup form: {error!r}")
            form = None
        self.ready.wait()  # even without a form: the others must not wait for this one
        while form and time.monotonic() < self.deadline:
            headers, token = form
            # Signed 60 s ago, as by a person filling the form in (the same SECRET_KEY).
            data = signup_data(email=f"load-{RUN}-{next(self.numbers)}@example.org")
            body = urlencode(data | {"csrfmiddlewaretoken": token})
            started = time.perf_counter()
            try:
                status = self.bench.request(self.path, "POST", body, headers, self.address())[0]
            except OSError as error:  # counted, and the load goes on
                status = type(error).__name__
            self.results.append((status, (time.perf_counter() - started) * 1000))

    def run(self):
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings

        from campaigns.models import Signup
        from tests.helpers import signup_data

        data = signup_data(email=f"count-{RUN}@example.org")
        with (
            override_settings(ALLOWED_HOSTS=["testserver"]),
            CaptureQueriesContext(connection) as queries,
        ):
            response = Client().post(self.path, data)
        if response.status_code != 302:
            self.bench.failures.append(f"signup POST answered {response.status_code} in-process")
            return None
        threads = [threading.Thread(target=self.client) for _ in range(SIGNUP_CLIENTS)]
        for thread in threads:
            thread.start()
        self.ready.wait()
        started = time.monotonic()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        stored = Signup.objects.filter(email__startswith=f"load-{RUN}-").count()
        redirected = [ms for status, ms in self.results if status == 302]
        if others := sorted({str(status) for status, _ms in self.results if status != 302}):
            self.bench.failures.append(f"signup POST answered {', '.join(others)}")
        return {
            "per_second": len(redirected) / elapsed,
            "p50": percentile(redirected, 50),
            "p99": percentile(redirected, 99),
            "sent": len(self.results),
            "lost": len(self.results) - stored,
            "queries": len(queries),
        }


def percentile(values, rank):
    """The nearest-rank percentile (NaN for none)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(rank / 100 * len(ordered)) - 1)]


if __name__ == "__main__":
    main()
