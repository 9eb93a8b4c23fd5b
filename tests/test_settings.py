import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.helpers import settings_read_with

pytestmark = pytest.mark.slow  # each test starts a fresh process


def start_django(**env):
    """Run `manage.py check` in a fresh process with only these variables changed."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_DEBUG")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = start_django(DJANGO_DEBUG="0", ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = start_django(DJANGO_DEBUG="0", SECRET_KEY="k" * 60, ALLOWED_HOSTS="news.example.org")
    assert result.returncode == 0, result.stderr


def test_local_default_needs_no_configuration():
    result = start_django(DJANGO_DEBUG="")
    assert result.returncode == 0, result.stderr


def email_settings(email_url):
    return settings_read_with("EMAIL_", EMAIL_URL=email_url)


def test_email_url_configures_smtp_or_the_console():
    smtp = email_settings("smtp://news%40example.org:p%40ss@mail.example.org:587?tls=1")
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("news@example.org", "p@ss")
    assert smtp["EMAIL_USE_TLS"] and not smtp["EMAIL_USE_SSL"]
    console = email_settings("console://")
    assert console["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_an_unknown_email_url_stops_the_start():
    result = start_django(EMAIL_URL="carrier-pigeon://loft")
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr
