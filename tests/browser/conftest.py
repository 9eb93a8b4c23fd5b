"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright, plus axe-core."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from playwright.sync_api import sync_playwright

from tests.helpers import jpeg_bytes, make_article, make_author, make_topic, staff_login

CHROMIUM = "/usr/bin/chromium"  # Debian's build: Playwright never downloads a browser here
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_VERSION = "4.14.1"
AXE_PREFIX = Path(settings.BASE_DIR) / ".cache" / "npm"
AXE_FILE = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# With JavaScript off, page timers never fire and axe.run() would wait for ever: run the
# callbacks as microtasks instead (only axe uses them, as the site itself ships no script).
TIMER_SHIM = """() => {
  window.setTimeout = (callback, _delay, ...args) => {
    Promise.resolve().then(() => callback(...args));
    return 0;
  };
}"""


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an asyncio loop running in this thread for as long as it is
    # started, and Django then refuses every ORM call (SynchronousOnlyOperation), including the
    # flushes pytest-django makes between tests, even in tests that never open a page. The loop
    # only drives the browser: no coroutine ever touches the database, so the check is switched
    # off while Playwright runs, and only in tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser):
    """`new_context(**options)`: a fresh browser context (own cookies, cache), closed after the
    test even when it fails."""
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_FILE.exists():  # `make test` installs it; this covers a bare `pytest`
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_PREFIX),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
        )
    return AXE_FILE.read_text(encoding="utf-8")


def axe_violations(page, axe_source, javascript=True):
    """axe-core's WCAG 2.x A/AA violations on the page as loaded now."""
    if not javascript:
        page.evaluate(TIMER_SHIM)
    # Evaluated over CDP rather than added as a <script>: works under a strict CSP and with JS off.
    page.evaluate("source => (0, eval)(source)", axe_source)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(result => result.violations)",
        WCAG_TAGS,
    )


@pytest.fixture
def axe(axe_source):
    """`axe(page)`: the page's violations; `axe(page, javascript=False)` in a JS-off context."""

    def run(page, javascript=True):
        return axe_violations(page, axe_source, javascript=javascript)

    return run


def describe_violations(violations):
    """One readable line per failing element, for assertion messages."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}  {node['html'][:160]}")
            if summary := node.get("failureSummary"):
                lines.append("       " + summary.replace("\n", " ")[:300])
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def url_in(language, view_name, **kwargs):
    with translation.override(language):
        return reverse(view_name, kwargs=kwargs or None)


def totp_code(device):
    """The code an authenticator app for the TOTP `device` shows now, as django-otp will take it.

    A code works only once: if this step's code was already used (say, to confirm the app a
    moment ago), the next step's, which django-otp also accepts (tolerance of one step), rather
    than waiting up to 30 seconds for a new one.
    """
    device.refresh_from_db()
    app = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    app.time = time.time()
    app.drift += max(0, device.last_t + 1 - app.t())
    return f"{app.token():0{device.digits}d}"


def hero(article, name, alt_ar, alt_en, color):
    article.hero_image.save(name, ContentFile(jpeg_bytes(size=(1200, 675), color=color)))
    article.hero_alt_ar, article.hero_alt_en = alt_ar, alt_en
    article.save()


@pytest.fixture
def site(transactional_db, media_in_tmp):
    """A small site: two articles in both languages, one in Arabic only, two authors, a topic.

    Images are real JPEG files in the test's media folder, served by the live server.
    """
    rana = make_author(
        name_ar="رنا الحسيني",
        name_en="Rana Al-Husseini",
        slug="rana-al-husseini",
        role_ar="مراسلة الشؤون البرلمانية",
        role_en="Parliamentary correspondent",
        bio_ar="تغطي رنا الانتخابات وعمل البرلمان منذ عشر سنوات.",
        bio_en="Rana has covered elections and parliament for ten years.",
    )
    rana.photo.save("rana.jpg", ContentFile(jpeg_bytes(size=(320, 320), color=(150, 90, 60))))
    # English biography only: the Arabic pages must show it marked lang="en" dir="ltr".
    omar = make_author(
        name_ar="عمر خليل",
        name_en="Omar Khalil",
        slug="omar-khalil",
        role_ar="محرر",
        role_en="Editor",
        bio_ar=None,
        bio_en="Omar edits the investigations desk.",
    )
    omar.photo.save("omar.jpg", ContentFile(jpeg_bytes(size=(320, 320), color=(60, 90, 150))))
    topic = make_topic(name_ar="نزاهة الانتخابات", name_en="Election integrity")

    elections = make_article(
        title_ar="مراقبو الانتخابات يوثقون مخالفات في ثلاث محافظات",
        title_en="Election observers document violations in three provinces",
        summary_ar="تقرير ميداني عن يوم الاقتراع.",
        summary_en="A field report from polling day.",
        body_ar=(
            "<p>رصد المراقبون المستقلون تأخير فتح مراكز الاقتراع ومنع بعضهم من الدخول.</p>"
            "<blockquote><p>«لن نتوقف عن المراقبة»، قالت إحدى المتطوعات.</p></blockquote>"
            "<ul><li>تأخير فتح المراكز</li><li>منع المراقبين</li></ul>"
        ),
        body_en=(
            "<p>Independent observers recorded late openings and were turned away.</p>"
            "<blockquote><p>“We will keep watching,” one volunteer said.</p></blockquote>"
            "<ul><li>Late openings</li><li>Observers turned away</li></ul>"
        ),
        featured=True,
        authors=[rana, omar],
        topics=[topic],
    )
    hero(
        elections,
        "elections.jpg",
        "طابور أمام مركز اقتراع",
        "A queue at a polling station",
        (30, 120, 110),
    )
    press = make_article(
        title_ar="صحفيون يطالبون بإلغاء قانون الجرائم الإلكترونية",
        title_en="Journalists call for repeal of the cybercrime law",
        summary_ar="عريضة وقعها أكثر من مئتي صحفي.",
        summary_en="A petition signed by more than two hundred journalists.",
        authors=[rana],
        topics=[topic],
    )
    hero(press, "press.jpg", "صحفيون يحملون لافتات", "Journalists holding placards", (120, 60, 40))
    arabic_only = make_article(
        languages=("ar",),
        title_ar="بيان التحالف حول قانون الجمعيات",
        summary_ar="بيان بالعربية فقط.",
        authors=[omar],
        topics=[topic],
    )
    hero(arabic_only, "statement.jpg", "مؤتمر صحفي", "", (90, 90, 90))
    return {
        "authors": [rana, omar],
        "rana": rana,
        "omar": omar,
        "topic": topic,
        "articles": [elections, press],
        "elections": elections,
        "press": press,
        "arabic_only": arabic_only,
    }


@pytest.fixture
def admin_session(transactional_db, django_user_model):
    """The session id of a signed-in superuser, to put in a browser context's cookies."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1")
    client = Client()
    staff_login(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def sign_in(admin_session, live_server):
    """`sign_in(context)`: the context's pages are those of a signed-in superuser."""

    def add_cookie(context):
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": admin_session, "url": live_server.url}]
        )

    return add_cookie


# Reported to Python through a binding: a page's own CSP cannot block it, and the reports of a
# page survive the navigation that follows a form's submission.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => window.reportViolation(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline"} in ${event.documentURI}`
  + ` (${event.sourceFile}:${event.lineNumber}) ${event.sample}`
));
"""


def watched_page(context):
    """A page whose refused loads and script errors are collected into `page.problems`."""
    problems = []
    context.expose_binding("reportViolation", lambda _source, text: problems.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()

    def on_console(message):
        # Chromium asks for /favicon.ico once per browser (the pages link an SVG icon).
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("favicon.ico"):
            problems.append(f"console: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.problems = problems
    return page
