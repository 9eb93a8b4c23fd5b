import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import translation

from articles.models import Article
from tests.helpers import (
    jpeg_bytes,
    make_article,
    make_author,
    make_campaign,
    make_topic,
    staff_login,
)


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """Passwords hashed with one PBKDF2 round (tests.helpers.OneRoundPasswordHasher): a test
    checks what is done with a password, never how long guessing it would take."""
    with override_settings(PASSWORD_HASHERS=["tests.helpers.OneRoundPasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by tests go to a throwaway folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters (and anything cached) start from zero in every test."""
    from django.core.cache import cache

    from core import pagecache

    cache.clear()
    pagecache.outage_copies_kept.clear()  # what this process remembers keeping there


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language, as a new process does: a request made
    by an earlier test leaves its language active in this thread."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Emails are sent when queued, into Django's test outbox (mail.outbox)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def editor(django_user_model):
    """A superuser without a password: tests sign in with `staff_login`, which needs none."""
    return django_user_model.objects.create_superuser("editor", "editor@example.org", None)


@pytest.fixture
def editor_client(client, editor):
    staff_login(client, editor)
    return client


@pytest.fixture
def small_site():
    """For the static mirror's tests: Arabic-slug articles (enough for two list pages), one
    with a hero image; an author, a topic, an open campaign, and an article in English only."""
    author = make_author(name_ar="رنا الحسيني", name_en="Rana Al-Husseini", slug="rana")
    topic = make_topic(name_ar="نزاهة الانتخابات", name_en="Election integrity")
    lead = make_article(
        title_ar="مراقبو الانتخابات يوثقون مخالفات",
        title_en="Election observers document violations",
        authors=[author],
        topics=[topic],
        featured=True,
    )
    lead.hero_image.save("hero.jpg", ContentFile(jpeg_bytes()))  # small: fewer renditions
    lead.hero_alt_ar, lead.hero_alt_en = "طابور أمام مركز اقتراع", "A queue at a polling station"
    lead.save()
    more = [make_article(languages=("ar",), topics=[topic]) for _ in range(11)]
    english_only = make_article(languages=("en",), title_en="A statement in English only")
    draft = make_article(status=Article.Status.DRAFT, title_ar="مسودة لم تنشر")
    campaign = make_campaign(title_ar="انضموا إلى الحركة", title_en="Join the movement")
    return {
        "author": author,
        "topic": topic,
        "lead": lead,
        "more": more,
        "english_only": english_only,
        "draft": draft,
        "campaign": campaign,
    }


MOTO_SERVER = Path(sys.executable).with_name("moto_server")


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on a free loopback port, for the whole test session."""
    if not MOTO_SERVER.exists():
        pytest.skip("moto_server: make .venv/bin/.installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "moto_server did not start"
            time.sleep(0.1)
    yield endpoint
    server.terminate()
    server.wait(10)
