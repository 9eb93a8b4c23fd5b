import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.helpers import settings_read_with

pytestmark = pytest.mark.slow  # each test starts a fresh process


# Unset for every fresh process here, whatever the machine running the tests has set.
CONFIGURED = {"SECRET_KEY", "DJANGO_DEBUG", "ALLOWED_HOSTS", "SITE_URL", "ALLOW_LOCAL_SITE_URL"}
PRODUCTION = {"DJANGO_DEBUG": "0", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "news.example.org"}


def start_django(**env):
    """Run `manage.py check` in a fresh process with only these variables changed."""
    environment = {k: v for k, v in os.environ.items() if k not in CONFIGURED}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = start_django(DJANGO_DEBUG="0", ALLOWED_HOSTS="news.example.org")  # no SECRET_KEY
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = start_django(**PRODUCTION, SITE_URL="https://news.example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        ({"SITE_URL": ""}, "(core.E004) SITE_URL=''"),  # the local default is not for production
        ({"SITE_URL": "http://localhost:8000"}, "(core.E005) SITE_URL='http://localhost:8000'"),
        ({"ALLOWED_HOSTS": ""}, "(core.E003) ALLOWED_HOSTS is empty"),
        ({"TASKS_BACKEND": "celery"}, "(core.E001) TASKS_BACKEND='celery'"),
        ({"TRUSTED_PROXIES": "10.0.0.1/8"}, "(core.E002) TRUSTED_PROXIES: '10.0.0.1/8'"),
    ],
    ids=["no SITE_URL", "local SITE_URL", "no ALLOWED_HOSTS", "TASKS_BACKEND", "TRUSTED_PROXIES"],
)
def test_production_refuses_to_start_with_unsafe_settings(env, refusal):
    result = start_django(**(PRODUCTION | {"SITE_URL": "https://news.example.org"} | env))
    assert result.returncode != 0
    assert refusal in result.stderr
    assert "Traceback" not in result.stderr  # a message, not a crash


def test_a_production_trial_on_one_machine_says_so_explicitly():
    # The README's "To try this on one machine".
    result = start_django(**PRODUCTION, SITE_URL="http://localhost:8000", ALLOW_LOCAL_SITE_URL="1")
    assert result.returncode == 0, result.stderr


def test_an_unknown_tasks_backend_stops_local_start_up_too():
    result = start_django(TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "(core.E001) TASKS_BACKEND='celery' is not a known backend." in result.stderr
    assert "HINT: Use one of: database, immediate." in result.stderr


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
