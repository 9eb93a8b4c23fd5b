"""What the browser tests (and `make screenshots`) share besides fixtures: Chromium's command
line, axe-core, pages that collect their own errors, and a few small builders."""

import json
import shutil
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP

from tests.helpers import jpeg_bytes

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
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# With JavaScript off, page timers never fire and axe.run() would wait for ever: run the
# callbacks as microtasks instead (only axe uses them, as the site itself ships no script).
TIMER_SHIM = """() => {
  window.setTimeout = (callback, _delay, ...args) => {
    Promise.resolve().then(() => callback(...args));
    return 0;
  };
}"""

# Reported to Python through a binding: a page's own CSP cannot block it, and the reports of a
# page survive the navigation that follows a form's submission.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => window.reportViolation(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline"} in ${event.documentURI}`
  + ` (${event.sourceFile}:${event.lineNumber}) ${event.sample}`
));
"""


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


def settle(page):
    """Wait until every image (lazy ones too: scrolled to) and every font is in, then go back to
    the top. Polled from here: with JavaScript off, a page's load events never reach a script."""
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    for _ in range(100):
        if page.evaluate("() => [...document.images].every(image => image.complete)"):
            break
        page.wait_for_timeout(50)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate("() => window.scrollTo(0, 0)")


def open_response(page, url, response):
    """Open `url` in the browser with `response`, a Django response made in this process, as the
    server's answer: for pages a running server cannot be made to give on demand (the database
    outage page). What the page then loads (its stylesheet, fonts) comes from the server.
    Returns the navigation's response."""
    headers = dict(response.items())
    page.route(
        lambda requested: unquote(urlsplit(requested).path) == unquote(urlsplit(url).path),
        lambda route: route.fulfill(
            status=response.status_code, headers=headers, body=response.content
        ),
    )
    return page.goto(url)


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
    """Give `article` a real 1200×675 JPEG hero image with its alt texts."""
    article.hero_image.save(name, ContentFile(jpeg_bytes(size=(1200, 675), color=color)))
    article.hero_alt_ar, article.hero_alt_en = alt_ar, alt_en
    article.save()


class Journey:
    """A browser test's steps photographed in order for the `make screenshots` gallery:
    screenshots/<name>/NN.png, and steps.json with the journey's title and each step's caption
    and address (tests.browser.screenshots.write_gallery shows them)."""

    def __init__(self, name, title):
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)  # a journey's pictures are of one run
        self.folder.mkdir(parents=True)
        self.title, self.steps = title, []

    def step(self, page, caption):
        page.evaluate("() => document.fonts.ready.then(() => true)")
        file = self.folder / f"{len(self.steps) + 1:02d}.png"
        page.screenshot(path=file, full_page=True)
        url = urlsplit(page.url)
        self.steps.append({"file": file.name, "caption": caption, "url": unquote(url.path)})
        manifest = {"title": self.title, "steps": self.steps}
        (self.folder / "steps.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
