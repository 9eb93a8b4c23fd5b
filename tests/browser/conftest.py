"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright, plus axe-core.

Every test in this folder is marked `browser` (`pytest -m "not browser"` leaves them out).
"""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from playwright.sync_api import sync_playwright

from tests.browser.helpers import (
    AXE_FILE,
    AXE_PREFIX,
    AXE_VERSION,
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    hero,
)
from tests.helpers import jpeg_bytes, make_article, make_author, make_topic, staff_login

BROWSER_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items):
    # A hook of a folder's conftest.py still sees every test collected: keep to this folder's.
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture
def axe(axe_source):
    """`axe(page)`: the page's violations; `axe(page, javascript=False)` in a JS-off context."""

    def run(page, javascript=True):
        return axe_violations(page, axe_source, javascript=javascript)

    return run


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
    # No password: the session is made here, and hashing one would only cost time.
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", None)
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
