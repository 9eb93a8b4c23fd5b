"""The static mirror, checked as a reader's browser would use it: from the folder on disk."""

import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError
from django.db import connection
from django.test import Client

from articles.models import Article
from newsroom.mirror import Mirror
from tests.helpers import LIVE_ORIGIN, export_mirror

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """Every URL a page holds: (tag, attribute, value, inside the join-elsewhere note)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.refresh, self.ids = [], [], None, set()
        self.note_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if self.note_depth and tag == "div":
            self.note_depth += 1
        if "join-elsewhere" in (attrs.get("class") or "").split():
            self.note_depth = 1
        if tag == "form":
            self.forms.append(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.refresh = attrs["content"].split("url=", 1)[1]
        for name in ("href", "src", "action", "poster"):
            if attrs.get(name) is not None:
                self.links.append((tag, name, attrs[name], bool(self.note_depth)))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                self.links.append((tag, "srcset", candidate.split()[0], bool(self.note_depth)))

    def handle_endtag(self, tag):
        if tag == "div" and self.note_depth:
            self.note_depth -= 1


def parse(file):
    parser = Links()
    parser.feed(file.read_text("utf-8"))
    return parser


def on_disk(file, url):
    """The file a relative URL in `file` opens, as a browser resolves it under file://."""
    path = unquote(urlsplit(url).path)
    return (file.parent / path).resolve() if path else file


def original_hosts():
    return {urlsplit(settings.SITE_URL).netloc, "localhost", "127.0.0.1", "testserver"}


def link_problems(root, live_origin):
    """Every link in every HTML file, feed and stylesheet of the mirror that a reader would find
    broken, or that would send them to the server the mirror stands in for."""
    problems = []
    root = root.resolve()
    for file in root.rglob("*.html"):
        page = parse(file)
        for tag, attribute, url, _in_note in page.links:
            where = f"{file.relative_to(root)}: <{tag} {attribute}={url!r}>"
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if parts.hostname in {h.split(":")[0] for h in original_hosts()}:
                    problems.append(f"{where} points at the original host")
                elif live_origin and url.startswith(live_origin):
                    pass  # what needs the server: a search, a signup, the notes about them
                elif tag != "a":
                    problems.append(f"{where} loads something from another site")
                continue
            if parts.scheme == "mailto" and tag == "a":
                continue  # sharing by email: the reader's mail program, like a link out
            if parts.scheme or url.startswith("/"):
                problems.append(f"{where} is not relative")
                continue
            if url.startswith("#"):
                if url[1:] and url[1:] not in page.ids:
                    problems.append(f"{where} names no element of the page")
                continue
            target = on_disk(file, url)
            if not target.is_file() or not target.is_relative_to(root):
                problems.append(f"{where} opens nothing")
    for feed in root.rglob("*.xml"):
        atom = ET.parse(feed)  # noqa: S314 (our own export)
        for element in atom.iter("{http://www.w3.org/2005/Atom}link"):
            href = element.get("href")
            if urlsplit(href).scheme or not on_disk(feed, href).is_file():
                problems.append(f"{feed.relative_to(root)}: feed link {href!r} opens nothing")
    for css in root.rglob("*.css"):
        for url in CSS_URL.findall(css.read_text("utf-8")):
            if not url.startswith("data:") and not on_disk(css, url).is_file():
                problems.append(f"{css.relative_to(root)}: url({url}) opens nothing")
    return problems


def files_of(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def test_every_link_of_the_mirror_opens_a_file_of_the_mirror(small_site, tmp_path):
    root = tmp_path / "mirror"
    output = export_mirror(root, "--live-origin", LIVE_ORIGIN)

    assert link_problems(root, LIVE_ORIGIN) == []
    assert "pages" in output  # progress and the summary are printed


def test_pages_in_both_languages_are_there_arabic_slugs_as_arabic_folders(small_site, tmp_path):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)
    lead, english_only = small_site["lead"], small_site["english_only"]

    arabic_page = root / "ar" / "articles" / lead.slug_ar / "index.html"
    assert re.search(r"[\u0600-\u06ff]", lead.slug_ar)
    assert arabic_page.is_file()
    assert (root / "en" / "articles" / lead.slug_en / "index.html").is_file()
    assert (root / "en" / "articles" / english_only.slug_en / "index.html").is_file()
    for topic_page in (
        root / "ar" / "topics" / small_site["topic"].slug_ar / "index.html",
        root / "en" / "authors" / "rana" / "index.html",
        root / "ar" / "join" / small_site["campaign"].slug_ar / "index.html",
    ):
        assert topic_page.is_file()
    # The Arabic home links the article percent-encoded, and that link opens the Arabic folder.
    home = root / "ar" / "index.html"
    hrefs = [url for tag, _name, url, _note in parse(home).links if lead.slug_ar in unquote(url)]
    assert hrefs and all("%D9" in url or "%D8" in url for url in hrefs)
    assert on_disk(home, hrefs[0]) == arabic_page.resolve()
    # The second list page, and nothing of the draft.
    oldest = small_site["more"][-1].slug_ar
    first, second = (
        root / "ar" / "articles" / name for name in ("index.html", "index-page-2.html")
    )
    assert [url for _t, _n, url, _note in parse(second).links if oldest in unquote(url)]
    assert not [url for _t, _n, url, _note in parse(first).links if oldest in unquote(url)]
    assert not list(root.rglob(f"*{small_site['draft'].slug_ar}*"))


def test_the_hero_image_and_the_assets_are_copied(small_site, tmp_path):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)
    page = root / "en" / "articles" / small_site["lead"].slug_en / "index.html"

    # The article's own images: the header's logo is a static file (checked below).
    images = [
        on_disk(page, url)
        for tag, _name, url, _note in parse(page).links
        if tag == "img" and "static/" not in url
    ]
    sources = [
        on_disk(page, url)
        for tag, name, url, _note in parse(page).links
        if tag == "source" and name == "srcset"
    ]
    media = (root / "media").resolve()
    assert images and sources
    assert all(path.is_file() and path.is_relative_to(media) for path in images + sources)
    assert {path.suffix for path in sources} == {".webp"}
    assert (root / "static" / "css" / "site.css").is_file()
    assert list((root / "static" / "fonts").glob("*.woff2"))
    assert (root / "static" / "img" / "favicon.svg").is_file()
    assert (root / "static" / "img" / "logo.svg").is_file()


def test_what_a_stylesheet_refers_to_is_copied_and_linked_relatively(
    small_site, tmp_path, settings
):
    """A picture only the stylesheet names, once relative and once from the site's root."""
    static = tmp_path / "static-extra"
    (static / "css").mkdir(parents=True)
    (static / "img").mkdir()
    (static / "img" / "pattern.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    site_css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text("utf-8")
    extra = '.a{background:url("../img/pattern.svg")}.b{background:url(/static/img/pattern.svg)}'
    (static / "css" / "site.css").write_text(site_css + extra)
    settings.STATICFILES_DIRS = [static, *settings.STATICFILES_DIRS]
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)

    css = (root / "static" / "css" / "site.css").read_text("utf-8")
    assert (root / "static" / "img" / "pattern.svg").is_file()
    assert "url(/static" not in css
    assert css.count('url("../img/pattern.svg")') == 2
    assert link_problems(root, LIVE_ORIGIN) == []


def test_feeds_are_parseable_atom_with_links_into_the_mirror(small_site, tmp_path):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)

    for language, article in (("ar", small_site["more"][0]), ("en", small_site["english_only"])):
        feed = ET.parse(root / language / "feed" / "index.xml").getroot()  # noqa: S314 (ours)
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        links = [
            on_disk(root / language / "feed" / "index.xml", link.get("href"))
            for link in feed.iter("{http://www.w3.org/2005/Atom}link")
        ]
        page = root / language / "articles" / article.in_language("slug", language) / "index.html"
        assert page.resolve() in links
        assert all(path.is_file() for path in links)


def test_the_root_page_sends_readers_to_the_arabic_home(small_site, tmp_path):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)

    page = parse(root / "index.html")
    assert page.refresh == "ar/index.html"
    assert {url for _tag, _name, url, _note in page.links} == {"ar/index.html", "en/index.html"}


def test_server_only_pages_are_not_exported(small_site, tmp_path):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)

    names = {part for path in root.rglob("*") for part in path.relative_to(root).parts}
    assert not names & {"admin", settings.ADMIN_URL.strip("/"), "preview", "search", "healthz"}
    assert not names & {"thanks", "confirm", "leave"}


def test_signup_form_becomes_a_link_to_the_live_campaign_page(small_site, tmp_path):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", LIVE_ORIGIN)

    for language in ("ar", "en"):
        campaign = small_site["campaign"]
        page = parse(
            root / language / "join" / campaign.in_language("slug", language) / "index.html"
        )
        assert not [form for form in page.forms if form.get("method", "").lower() == "post"]
        notes = [url for _tag, _name, url, in_note in page.links if in_note]
        assert notes == [LIVE_ORIGIN + campaign.url_in(language)]
    # Any form left (a search) is sent to the live site, never to a file of the mirror.
    for file in root.rglob("*.html"):
        for form in parse(file).forms:
            assert form.get("action", "").startswith(LIVE_ORIGIN + "/"), file


def test_a_search_form_is_sent_to_the_live_site_or_left_out_without_one(tmp_path):
    form = '<form class="search" action="/ar/search/" role="search"><input name="q"></form>'
    page = f"<header>{form}</header>"
    base = f"{settings.SITE_URL}/ar/"

    with_live_site = Mirror(tmp_path, LIVE_ORIGIN).rewrite_forms(page, base, "ar")
    without = Mirror(tmp_path, None).rewrite_forms(page, base, "ar")

    assert with_live_site == (
        f'<header><form action="{LIVE_ORIGIN}/ar/search/" class="search" role="search">'
        '<input name="q"></form></header>'
    )
    assert without == "<header></header>"


def test_a_signup_posted_from_another_origin_is_refused_by_the_site(small_site):
    """Why the mirror links to the campaign page rather than posting to it: Django's CSRF
    protection refuses a form sent from any other origin (a mirror's, or file:// as "null").
    If the signup view ever accepts such posts, the mirror could keep the form itself."""
    campaign = small_site["campaign"]
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(campaign.url_in("en"))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)[1].decode()

    mirror_reader = Client(enforce_csrf_checks=True)  # no cookie of the live site
    response = mirror_reader.post(
        campaign.url_in("en"),
        {"csrfmiddlewaretoken": token, "full_name": "Leila", "email": "leila@example.org"},
        HTTP_ORIGIN="null",
    )

    assert response.status_code == 403


def test_without_a_live_site_the_mirror_says_how_to_join_and_links_nowhere_else(
    small_site, tmp_path
):
    root = tmp_path / "mirror"
    export_mirror(root, "--live-origin", "")

    assert link_problems(root, live_origin=None) == []
    campaign_page = root / "en" / "join" / small_site["campaign"].slug_en / "index.html"
    page = parse(campaign_page)
    assert page.forms == []
    assert "cannot take signatures" in campaign_page.read_text("utf-8")
    # Share links (wa.me, t.me...) lead to other sites only when a reader follows one.
    share = ("https://wa.me/", "https://t.me/", "https://x.com/", "https://www.facebook.com/")
    for file in root.rglob("*.html"):
        links = parse(file).links
        assert not [
            url for _t, _n, url, _note in links if "://" in url and not url.startswith(share)
        ], file


def test_exporting_again_changes_nothing_and_removes_what_is_gone(small_site, tmp_path):
    root = tmp_path / "mirror"
    root.mkdir()
    (root / "notes.txt").write_text("the operator's own file")
    export_mirror(root, "--live-origin", LIVE_ORIGIN)
    first = files_of(root)

    export_mirror(root, "--live-origin", LIVE_ORIGIN)
    assert files_of(root) == first

    gone = small_site["english_only"]
    gone.status = Article.Status.DRAFT
    gone.save()
    export_mirror(root, "--live-origin", LIVE_ORIGIN)
    assert not (root / "en" / "articles" / gone.slug_en / "index.html").exists()
    assert (root / "notes.txt").read_text() == "the operator's own file"
    assert link_problems(root, LIVE_ORIGIN) == []


def test_a_live_origin_must_be_a_web_address(tmp_path):
    with pytest.raises(CommandError):
        export_mirror(tmp_path / "mirror", "--live-origin", "live.example.org")


def database_url_for_another_process(folder):
    """A DATABASE_URL at which a new process finds the rows this test committed: the test
    database itself on PostgreSQL; on SQLite, whose test database lives in this process's
    memory, a copy of it in a file."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = folder / "copy.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(copy)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = f"{settings_dict['HOST'] or 'localhost'}:{settings_dict['PORT'] or 5432}"
    return f"postgres://{login}{host}/{settings_dict['NAME']}"


@pytest.mark.slow  # `manage.py export_static_mirror` in a new process
@pytest.mark.django_db(transaction=True)  # committed rows, which another process can read
def test_pages_rendered_by_several_processes_make_the_same_mirror(small_site, tmp_path, settings):
    """`manage.py export_static_mirror --jobs 2` as an operator runs it, in a fresh process that
    shares the pages among two forked workers, against a copy rendered here by one process
    (the test process is never forked: its database may be SQLite in memory, and other threads
    may run in it, the live server's or Playwright's)."""
    alone = export_mirror(tmp_path / "one", "--live-origin", LIVE_ORIGIN, "--jobs", "1")
    command = ["export_static_mirror", str(tmp_path / "two"), "--live-origin", LIVE_ORIGIN]
    result = subprocess.run(
        [sys.executable, "manage.py", *command, "--jobs", "2"],
        cwd=settings.BASE_DIR,
        env=os.environ
        | {
            "DATABASE_URL": database_url_for_another_process(tmp_path),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert "pages rendered by this process" in alone
    assert result.returncode == 0, result.stderr
    assert "rendering in 2 forked processes" in result.stdout
    # Counted from the process ids that came back with the pages: forked workers rendered them.
    assert re.search(r"pages rendered by [12] forked process", result.stdout), result.stdout
    assert files_of(tmp_path / "two") == files_of(tmp_path / "one")
    assert link_problems(tmp_path / "two", LIVE_ORIGIN) == []
