"""Full-page screenshots of every kind of public page, in both languages, at a phone's and a
desktop's width, and a gallery of them: screenshots/index.html.

    .venv/bin/python -m tests.browser.screenshots      (what `make screenshots` runs)

Self-sufficient: it migrates the local development database, loads the demo content, adds what
the demo lacks for some pages (a closed campaign, one not open yet, a supporter whose links lead
to the confirm and leave pages: the same rows on every run), starts `runserver` on
127.0.0.1:8765, takes the pictures with JavaScript off (as readers on Tor Browser see the site)
into screenshots/ (gitignored), prints each file and each page's HTML size, then stops the
server. Local development only: it refuses to run when DEBUG is off.

Pages that change data (the confirm, leave and erase buttons' answers) are made in this process
by the real views inside a transaction that is rolled back, and so are pages a development server
cannot be made to show on demand (404 and 500 without DEBUG's technical pages, 429, the 503 of
a database outage): the browser gets them at their own address and loads the rest from the
server.
"""

import html
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from unittest import mock
from urllib.parse import quote, unquote

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.apps import apps  # noqa: E402 (needs django.setup())
from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import get_commands  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from articles import search  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.views import ArticleListView  # noqa: E402
from campaigns import views as campaign_views  # noqa: E402
from campaigns.models import Campaign, Signup, SignupTally  # noqa: E402
from campaigns.tasks import send_signup_email  # noqa: E402
from campaigns.tokens import make_token  # noqa: E402
from core.languages import url_in_language  # noqa: E402
from newsroom.views import server_error  # noqa: E402
from tests.browser.helpers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    open_response,
)
from tests.helpers import record_signup, signup_data  # noqa: E402
from tests.test_outage import database_down  # noqa: E402

HOST, PORT = "127.0.0.1", 8765
BASE_URL = f"http://{HOST}:{PORT}"
BASE_DIR = Path(settings.BASE_DIR)
OUTPUT = SCREENSHOTS
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
LANGUAGES = ("ar", "en")


@dataclass
class Shot:
    """One page to photograph in one language: at `path`, from the server or, when `made` is
    given, the response made in this process; `submit`: a button to press first (a form sent)."""

    kind: str  # the gallery's group
    language: str
    path: str
    status: int = 200
    made: object = None
    submit: str = ""

    @property
    def name(self):
        return re.sub(r"[^a-z0-9]+", "-", self.kind.lower()).strip("-")


def manage(*args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, **kwargs)


def prepare_database():
    manage("migrate", "--verbosity", "0", check=True)
    if "load_demo_content" in get_commands():
        manage("load_demo_content", check=True)
    else:
        print("note: no load_demo_content command yet; using the data already in the database")


def port_is_taken():
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, PORT)) == 0


def start_server(log):
    """runserver, its log written to `log`: a pipe nobody reads fills up after a few hundred
    requests, and the server then stops in the middle of writing a line."""
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"{HOST}:{PORT}", "--noreload"],
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"runserver exited ({server.returncode}):\n{log.read()}")
        try:
            with urllib.request.urlopen(f"{BASE_URL}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"runserver did not answer on {BASE_URL} within 30 s")


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- What the demo lacks ----------------------------------------------------------------------

CAMPAIGN_TEXTS = {
    "button_label_ar": "أضيفوا توقيعكم",
    "button_label_en": "Add my name",
    "consent_text_ar": "أوافق على أن يراسلني التحالف بشأن هذه الحملة.",
    "consent_text_en": "I agree that the coalition may write to me about this campaign.",
    "thank_you_text_ar": "شكرًا لكم على دعم هذه الحملة.",
    "thank_you_text_en": "Thank you for supporting this campaign.",
    "featured": False,
    "active": True,
    "goal": 10000,
}


def closed_campaign():
    now = timezone.now()
    campaign, _created = Campaign.objects.update_or_create(
        slug_en="stop-blocking-news-websites",
        defaults=CAMPAIGN_TEXTS
        | {
            "slug_ar": "أوقفوا-حجب-المواقع-الإخبارية",
            "title_ar": "أوقفوا حجب المواقع الإخبارية",
            "title_en": "Stop the blocking of news websites",
            "summary_ar": "جمعنا التوقيعات ثلاثة أشهر وسلّمناها إلى البرلمان.",
            "summary_en": "We gathered signatures for three months and took them to parliament.",
            "body_ar": "<p>حُجب أكثر من ثلاثين موقعًا إخباريًا مستقلًا دون أمر قضائي. طالبنا"
            " برفع الحجب، وبنشر قائمة المواقع المحجوبة وأسباب حجبها.</p>",
            "body_en": "<p>More than thirty independent news websites were blocked without a"
            " court order. We called for the blocks to be lifted, and for the list of blocked"
            " sites to be published with the reasons.</p>",
            "opens_at": now - timedelta(days=120),
            "closes_at": now - timedelta(days=30),
        },
    )
    return campaign


def campaign_not_open_yet():
    now = timezone.now()
    campaign, _created = Campaign.objects.update_or_create(
        slug_en="whistleblower-protection-law",
        defaults=CAMPAIGN_TEXTS
        | {
            "slug_ar": "قانون-يحمي-المبلغين",
            "title_ar": "من أجل قانون يحمي المبلّغين عن الفساد",
            "title_en": "For a law that protects whistleblowers",
            "summary_ar": "حملة تبدأ قريبًا: قانون يحمي من يكشفون الفساد من الانتقام.",
            "summary_en": "Opening soon: a law that shields people who expose corruption.",
            "body_ar": "<p>يتعرّض من يكشفون الفساد في المؤسسات العامة للفصل والملاحقة. نطالب"
            " بقانون يحمي هويتهم ويعاقب من ينتقم منهم.</p>",
            "body_en": "<p>People who expose corruption in public institutions are dismissed and"
            " prosecuted. We call for a law that protects their identity and punishes those who"
            " retaliate.</p>",
            "opens_at": now + timedelta(days=14),
            "closes_at": None,
        },
    )
    return campaign


def supporter(campaign):
    """A confirmed supporter who sent their details again: the confirm page lists the new ones."""
    signup = Signup.objects.filter(campaign=campaign, email="screenshot@example.org").first()
    if signup is None:  # counted in as Signup.objects.record counts a new one, without its email
        signup = Signup.objects.create(
            campaign=campaign,
            email="screenshot@example.org",
            full_name="ليلى أحمد",
            country="EG",
            language="ar",
        )
        SignupTally.objects.count_change(signup, [])
        signup.confirm()
    signup.pending_change = {
        "full_name": "ليلى محمود أحمد",
        "country": "JO",
        "phone": "+962791234567",
        "language": "ar",
        "source": {"page": "/"},
    }
    signup.save(update_fields=["pending_change"])
    return signup


# --- Responses made here ------------------------------------------------------------------------


def client():
    return Client(SERVER_NAME=HOST, SERVER_PORT=str(PORT))


def made(status, method, path, data=None, *, debug=True):
    """The response to `method` `path` made here, checked to have `status`, with whatever it
    changed in the database undone. `debug=False`: the page readers get, not DEBUG's technical
    404 page."""
    with transaction.atomic(), override_settings(DEBUG=debug):
        response = getattr(client(), method)(path, data)
        transaction.set_rollback(True)
    if response.status_code != status:
        raise SystemExit(f"{method.upper()} {path} made here: {response.status_code}, not {status}")
    return response


def too_many_signups(path):
    """A signup from an address past its hourly limit (none allowed here): nothing is stored."""
    with mock.patch.object(campaign_views, "SIGNUPS_PER_ADDRESS", 0):
        return made(429, "post", path, signup_data())


def button_pressed(language, campaign, purpose, data=None):
    """(path, response) of a confirm or leave link's button pressed by a new supporter; the
    signup, its email and what the button did are all undone."""
    with transaction.atomic():
        signup = record_signup(campaign, "screenshot.button@example.org")
        path = url_in_language(language, f"campaigns:{purpose}", token=make_token(signup, purpose))
        response = client().post(path, data)
        transaction.set_rollback(True)
    if response.status_code != 200:
        raise SystemExit(f"POST {path} made here: {response.status_code}, not 200")
    return path, response


def confirmation_email(language, campaign):
    """The HTML part of the email a new supporter writing in `language` gets, made by the real
    task into Django's in-memory outbox, as a page to photograph; the signup is undone."""
    with (
        transaction.atomic(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
    ):
        mail.outbox = []
        signup = record_signup(campaign, "screenshot.email@example.org", language=language)
        send_signup_email.call(signup.pk, False)
        transaction.set_rollback(True)
    (message,) = mail.outbox
    (body, _type), *_others = message.alternatives
    return HttpResponse(body)


def database_unreachable(path):
    with database_down():
        response = client().get(path)
    if response.status_code != 503:
        raise SystemExit(f"GET {path} without a database: {response.status_code}, not 503")
    return response


# --- The pages -----------------------------------------------------------------------------------


def showcase_article():
    """A live article in both languages with a hero image, a quote and the most bylines."""
    articles = Article.objects.live().in_language("ar").in_language("en").exclude(hero_image="")
    articles = articles.annotate(bylines_count=Count("bylines")).order_by("-bylines_count", "pk")
    quoted = articles.filter(body_ar__contains="<blockquote", body_en__contains="<blockquote")
    article = quoted.first() or articles.first()
    if article is None:
        raise SystemExit("no live article in both Arabic and English: load the demo content")
    return article


def site_pages():
    """The public pages of the site's own (about us, privacy…), when the project has them."""
    if not apps.is_installed("pages"):
        return []
    objects = apps.get_model("pages", "Page").objects
    public = objects.public(LANGUAGES[0])
    for language in LANGUAGES[1:]:
        public = public | objects.public(language)
    return list(public.distinct()[:10])


def pages_to_shoot():
    """Every kind of public page in both languages, with what it needs from the database.

    Read here, before Playwright starts: its event loop would make Django refuse ORM calls.
    """
    article = showcase_article()
    open_campaign = Campaign.objects.open().in_language("ar").in_language("en").first()
    if open_campaign is None:
        raise SystemExit("no open campaign in both languages: load the demo content")
    signup = supporter(open_campaign)
    content = {
        "article": article,
        "byline": article.bylines.select_related("author").first(),
        "topic": article.topics.first(),
        "arabic_only": Article.objects.live().in_language("ar").filter(available_en=False).first(),
        "campaign": open_campaign,
        "closed": closed_campaign(),
        "not_open_yet": campaign_not_open_yet(),
        "confirm_token": make_token(signup, "confirm"),
        "leave_token": make_token(signup, "leave"),
        "site_pages": site_pages(),
    }
    return [shot for language in LANGUAGES for shot in pages_in(language, content)]


def pages_in(language, content):
    shots = []
    other = next(code for code in LANGUAGES if code != language)
    article, campaign = content["article"], content["campaign"]

    def url(name, **kwargs):
        return url_in_language(language, name, **kwargs)

    def add(kind, path, made=None, **options):
        shots.append(Shot(kind, language, path, made=made, **options))

    home = url("articles:home")
    add("Home", home)
    add("Article in the other language only: notice", home + "?untranslated=1")
    add("Article list", url("articles:list"))
    page_2 = url("articles:list") + "?page=2"
    with translation.override(language):
        listed = Article.objects.public().count()
    if listed > ArticleListView.paginate_by:
        add("Article list: page 2", page_2)
    elif listed > 1:  # the demo fits on one page: shown as two, with the same pagination links
        with mock.patch.object(ArticleListView, "paginate_by", (listed + 1) // 2):
            add("Article list: page 2", page_2, made=made(200, "get", page_2))
    add("Article (image, bylines, quote)", article.url_in(language))
    if language == "ar" and content["arabic_only"]:
        add("Article in Arabic only", content["arabic_only"].url_in("ar"))
    if content["byline"]:
        add("Author", content["byline"].author.url_in(language))
    if content["topic"]:
        add("Topic", content["topic"].url_in(language))
    search_path = url("articles:search")
    word = max(article.in_language("title", language).split(), key=len)
    add("Search: results", f"{search_path}?q={quote(word)}")
    add("Search: no results", f"{search_path}?q=zzqxjv")
    too_long = ("ا" if language == "ar" else "a") * (search.MAX_QUERY_LENGTH + 1)
    add("Search: query too long", f"{search_path}?q={quote(too_long)}", status=400)

    add("Campaign list", url("campaigns:join"))
    campaign_path = campaign.url_in(language)
    add("Campaign: open", campaign_path)
    add("Campaign: form errors", campaign_path, submit=".signup-form [type=submit]")
    add("Campaign: closed", content["closed"].url_in(language))
    add("Campaign: not open yet", content["not_open_yet"].url_in(language))
    add("Thank-you page", url("campaigns:thanks", slug=campaign.in_language("slug", language)))
    confirm = url("campaigns:confirm", token=content["confirm_token"])
    add("Confirm link", confirm)
    add("Confirmed", *button_pressed(language, campaign, "confirm"))
    add("Leave link", url("campaigns:leave", token=content["leave_token"]))
    add("Left", *button_pressed(language, campaign, "leave", {"action": "leave"}))
    add("Erased", *button_pressed(language, campaign, "leave", {"action": "erase"}))
    add("Link invalid", url("campaigns:confirm", token="expired-or-mangled"), status=400)
    # Not a page of the site: shown at an address of its own, which the browser is given.
    email = f"/{language}/screenshots/confirmation-email/"
    add("Confirmation email (HTML)", email, made=confirmation_email(language, campaign))

    for page in content["site_pages"]:
        if path := page.url_in(language):
            name = page.in_language("title", "en") or page.in_language("title", "ar")
            add(f"Site page: {name}", path)

    missing = home + "no-such-page/"
    add("404", missing, status=404, made=made(404, "get", missing, debug=False))
    # An address with its language prefix changed by hand: the page exists in the other one.
    elsewhere = article.url_in(other).replace(f"/{other}/", f"/{language}/", 1)
    answer = made(404, "get", elsewhere, debug=False)
    add("404: page in the other language", elsewhere, status=404, made=answer)
    add("429", campaign_path, status=429, made=too_many_signups(campaign_path))
    outage = database_unreachable(campaign_path)
    add("503 (database unreachable)", campaign_path, status=503, made=outage)
    failed = server_error(RequestFactory(SERVER_NAME=HOST).get(home))
    add("500", home, status=500, made=failed)
    return shots


# --- Pictures and gallery ------------------------------------------------------------------


def shoot(shots):
    OUTPUT.mkdir(exist_ok=True)
    for old in OUTPUT.glob("*.png"):
        old.unlink()
    taken, wrong = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for viewport_name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                base_url=BASE_URL,
                java_script_enabled=False,
                viewport={"width": width, "height": height},
                is_mobile=viewport_name == "phone",
                has_touch=viewport_name == "phone",
            )
            for shot in shots:
                page = context.new_page()
                if shot.made is not None:
                    response = open_response(page, shot.path, shot.made)
                else:
                    response = page.goto(shot.path, wait_until="load")
                if shot.submit:
                    with page.expect_navigation() as navigation:
                        page.click(shot.submit)
                    response = navigation.value
                status = response.status if response else None
                if status != shot.status:
                    wrong.append(f"{shot.path}: HTTP {status}, expected {shot.status}")
                page.evaluate("() => document.fonts.ready.then(() => true)")
                file = OUTPUT / f"{shot.name}-{shot.language}-{viewport_name}.png"
                page.screenshot(path=file, full_page=True)
                size = len(response.body()) if response else 0
                print(f"{file.relative_to(BASE_DIR)}  ({width}×{height})  HTML {size:,} bytes")
                taken.append((shot, viewport_name, file, page.title(), unquote(page.url)))
                page.close()
            context.close()
        browser.close()
    return taken, wrong


GALLERY_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; background: #fbfaf7; }
h2 { margin-block: 2rem 0.5rem; border-block-end: 1px solid #dcd8cf; }
table { border-collapse: collapse; }
th, td { padding: 0.5rem; vertical-align: top; text-align: start; }
.steps { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style-position: inside; }
.steps li { inline-size: 200px; }
td img, .steps img { display: block; inline-size: 200px; block-size: 300px; object-fit: cover;
  object-position: top; border: 1px solid #dcd8cf; }
.url { font-family: ui-monospace, monospace; font-size: 12px; overflow-wrap: anywhere;
  max-inline-size: 40rem; }
"""


# Browser tests whose steps are photographed into the gallery (tests.browser.helpers.Journey).
JOURNEY_TESTS = ["tests/browser/test_editor_journey.py::test_an_arabic_editors_day"]


def walk_journeys():
    """Run the journey tests (their own test database and live server); what went wrong."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *JOURNEY_TESTS]
    result = subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True)
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "")
    return [] if result.returncode == 0 else [f"journey tests failed:\n{result.stdout[-3000:]}"]


def journeys():
    """[(title, [(file, caption, path)])] of each journey photographed into screenshots/."""
    found = []
    for manifest in sorted(OUTPUT.glob("*/steps.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        folder = manifest.parent.name
        found.append(
            (
                data["title"],
                [
                    (f"{folder}/{step['file']}", step["caption"], step["url"])
                    for step in data["steps"]
                ],
            )
        )
    return found


def write_gallery(taken):
    """screenshots/index.html: one section per kind of page, a row per language, a column per
    width; each thumbnail links to its full picture; then each journey, step by step. Nothing
    from anywhere else."""
    rows = defaultdict(dict)  # kind -> language -> viewport -> (file, title, url, status)
    for shot, viewport_name, file, title, url in taken:
        rows[shot.kind].setdefault(shot.language, {})[viewport_name] = (file, title, url, shot)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Newsroom screenshots</title>",
        f"<style>{GALLERY_STYLE}</style></head><body>",
        "<h1>Newsroom: every public page, both languages, 390 and 1280 px, JavaScript off</h1>",
        f"<p>{len(rows)} kinds of page; {sum(len(v) for v in rows.values())} pages;"
        f" {len(taken)} screenshots. Taken {timezone.now():%Y-%m-%d %H:%M} UTC.</p>",
    ]
    for kind, languages in rows.items():
        parts.append(f"<h2>{html.escape(kind)}</h2><table>")
        parts.append(
            "<tr><th>Language</th>"
            + "".join(f"<th>{name}</th>" for name in VIEWPORTS)
            + "<th>Page</th></tr>"
        )
        for language, by_viewport in languages.items():
            cells = []
            for viewport_name in VIEWPORTS:
                if viewport_name not in by_viewport:
                    cells.append("<td></td>")
                    continue
                file = by_viewport[viewport_name][0].name
                cells.append(
                    f'<td><a href="{file}"><img src="{file}" loading="lazy"'
                    f' alt="{kind}, {language}, {viewport_name}"></a></td>'
                )
            _file, title, url, shot = next(iter(by_viewport.values()))
            parts.append(
                f"<tr><th>{language}</th>{''.join(cells)}"
                f'<td><p lang="{language}">{html.escape(title)}</p>'
                f'<p class="url">{html.escape(url)} (HTTP {shot.status})</p></td></tr>'
            )
        parts.append("</table>")
    for title, steps in journeys():
        parts.append(f'<h2>{html.escape(title)}</h2><ol class="steps">')
        for file, caption, path in steps:
            parts.append(
                f'<li><a href="{file}"><img src="{file}" loading="lazy" alt=""></a>'
                f'<p>{html.escape(caption)}</p><p class="url">{html.escape(path)}</p></li>'
            )
        parts.append("</ol>")
    parts.append("</body></html>")
    gallery = OUTPUT / "index.html"
    gallery.write_text("\n".join(parts), encoding="utf-8")
    return gallery, rows


def main():
    if not settings.DEBUG:
        raise SystemExit("screenshots are for local development (DEBUG on); it loads demo content.")
    if port_is_taken():
        raise SystemExit(f"something already listens on {HOST}:{PORT}; stop it first")
    prepare_database()
    shots = pages_to_shoot()
    with tempfile.TemporaryFile(mode="w+") as log:
        server = start_server(log)
        try:
            taken, wrong = shoot(shots)
        finally:
            stop_server(server)
    wrong += walk_journeys()
    gallery, rows = write_gallery(taken)
    pages = sum(len(languages) for languages in rows.values())
    print(f"{gallery.relative_to(BASE_DIR)}: {len(rows)} kinds of page, {pages} pages,")
    print(f"  {len(taken)} screenshots")
    if wrong:
        raise SystemExit("pages that answered otherwise than expected:\n" + "\n".join(wrong))


if __name__ == "__main__":
    main()
