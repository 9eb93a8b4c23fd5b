import os
import subprocess
import sys

from django.conf import settings


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
