"""Full-page screenshots of the demo site, in both languages, at a phone's and a desktop's width.

    .venv/bin/python -m tests.browser.screenshots      (what `make screenshots` runs)

Self-sufficient: it migrates the local development database, loads the demo content, starts
`runserver` on 127.0.0.1:8765, takes the pictures with JavaScript off (as readers on Tor Browser
see the site) into screenshots/ (gitignored), prints each file and each article page's HTML size,
then stops the server. Local development only: it refuses to run when DEBUG is off.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.conf import settings  # noqa: E402 (needs django.setup())
from django.core.management import get_commands  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from articles.models import Article  # noqa: E402
from campaigns.models import Campaign, Signup  # noqa: E402
from campaigns.tokens import make_token  # noqa: E402
from core.languages import url_in_language  # noqa: E402
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

HOST, PORT = "127.0.0.1", 8765
BASE_URL = f"http://{HOST}:{PORT}"
BASE_DIR = Path(settings.BASE_DIR)
OUTPUT = BASE_DIR / "screenshots"
VIEWPORTS = {"mobile": (390, 844), "desktop": (1280, 900)}
LANGUAGES = ("ar", "en")


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


def start_server():
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"{HOST}:{PORT}", "--noreload"],
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"runserver exited ({server.returncode}):\n{server.stderr.read()}")
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


def pages_to_shoot():
    """(name, language, path): a live article available in both languages, and the home page.

    Read here, before Playwright starts: its event loop would make Django refuse ORM calls.
    """
    article = Article.objects.live().in_language("ar").in_language("en").first()
    if article is None:
        raise SystemExit("no live article in both Arabic and English: load the demo content")
    pages = [("article", language, article.url_in(language)) for language in LANGUAGES]
    pages += [
        ("home", language, url_in_language(language, "articles:home")) for language in LANGUAGES
    ]
    # A confirm link for a confirmed supporter's details sent again: the page lists them.
    signup, _created = Signup.objects.get_or_create(
        campaign=Campaign.objects.open().first(),
        email="screenshot@example.org",
        defaults={"full_name": "ليلى أحمد", "country": "EG", "language": "ar"},
    )
    signup.confirmed_at = signup.confirmed_at or timezone.now()
    signup.pending_change = {
        "full_name": "ليلى محمود أحمد",
        "country": "JO",
        "phone": "+962791234567",
        "language": "ar",
        "source": {"page": "/"},
    }
    signup.save()
    token = make_token(signup, "confirm")
    pages += [
        ("confirm", language, url_in_language(language, "campaigns:confirm", token=token))
        for language in LANGUAGES
    ]
    return pages


def shoot(pages):
    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for viewport_name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                java_script_enabled=False,
                viewport={"width": width, "height": height},
                is_mobile=viewport_name == "mobile",
                has_touch=viewport_name == "mobile",
            )
            page = context.new_page()
            for name, language, path in pages:
                response = page.goto(BASE_URL + path, wait_until="load")
                if response is None or response.status != 200:
                    status = response.status if response else "no response"
                    raise SystemExit(f"{path}: HTTP {status}")
                page.evaluate("() => document.fonts.ready.then(() => true)")
                file = OUTPUT / f"{name}-{language}-{viewport_name}.png"
                page.screenshot(path=file, full_page=True)
                line = f"{file.relative_to(BASE_DIR)}  ({width}×{height} viewport)"
                if name == "article":
                    line += f"  HTML {len(response.body()):,} bytes"
                print(line)
            context.close()
        browser.close()


def main():
    if not settings.DEBUG:
        raise SystemExit("screenshots are for local development (DEBUG on); it loads demo content.")
    if port_is_taken():
        raise SystemExit(f"something already listens on {HOST}:{PORT}; stop it first")
    prepare_database()
    pages = pages_to_shoot()
    server = start_server()
    try:
        shoot(pages)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
