"""A request stuck on a query is freed: the web processes run with a PostgreSQL statement
timeout (gunicorn.conf.py sets it, settings.py passes it on), commands run without one."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's setting"),
]

SLOW_QUERY = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_sleep(1.5)")
print("finished")
"""


def run(code, **env):
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    environment = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    environment |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings", "DATABASE_URL": url} | env
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_query_longer_than_the_statement_timeout_is_cancelled():
    stuck = run(SLOW_QUERY, DATABASE_STATEMENT_TIMEOUT="1")
    assert stuck.returncode != 0
    assert "canceling statement due to statement timeout" in stuck.stderr
    assert run(SLOW_QUERY).stdout.strip() == "finished"  # no timeout: commands


def test_gunicorn_gives_the_web_processes_a_statement_timeout():
    code = "import os, runpy; runpy.run_path('gunicorn.conf.py'); print(os.environ[%r])"
    shown = run(code % "DATABASE_STATEMENT_TIMEOUT", DATABASE_STATEMENT_TIMEOUT="")
    assert shown.stdout.strip() == "30"
