"""Two app servers behind the proxy are one site: real gunicorn processes with the production
settings, sharing one PostgreSQL database and one Redis, as the README deploys them. A page cached
through one is made anew through the other once content changes, and a signup rate limit counted
on one holds on the other."""

import http.client
import os
import re
import subprocess
import sys
import time
from urllib.parse import quote, urlencode

import pytest
import redis
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from articles.models import Article
from campaigns.forms import TIMESTAMP_SALT
from campaigns.models import Signup
from campaigns.views import SIGNUPS_PER_ADDRESS
from core import pagecache
from tests.core.test_gunicorn import (
    CLIENT,
    PRODUCTION,
    SERVER,
    start_gunicorn,
    stop,
    wait_until_it_answers,
)
from tests.helpers import make_article, make_campaign
from tests.test_outage import redis_caches

pytestmark = [
    pytest.mark.slow,  # real gunicorn processes, and collectstatic
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://…) and Redis: the servers share them",
    ),
    # The servers read what this test writes: it has to be committed.
    pytest.mark.django_db(transaction=True),
]

REDIS_URL = "redis://127.0.0.1:6379/5"  # a database number of these tests' own: flushed by them
READER = "198.51.100.7"  # the reader's address, as the proxy in front tells it


def database_url():
    """The URL of the test database this process uses, for the servers."""
    db = connection.settings_dict
    user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """The ports of two servers, A and B, and what is needed to start them: collected static
    files (pages name their hashed names), this test database and Redis."""
    folder = tmp_path_factory.mktemp("two-servers")
    environment = {
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(folder / "static"),
        "TRUSTED_PROXIES": CLIENT,  # the proxy: it says the reader's address and HTTPS
        "TASKS_BACKEND": "database",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=os.environ | PRODUCTION | environment,
        check=True,
    )
    started = []
    try:
        for name in ("a", "b"):
            (folder / name).mkdir()
            started.append(start_gunicorn(folder / name, **environment))
        for server, port in started:
            wait_until_it_answers(server, port)
        yield [port for _server, port in started]
    finally:
        for server, _port in started:
            stop(server)


@pytest.fixture
def shared_redis(settings):
    """This process's cache is the servers' Redis too, empty: a change made here is seen there,
    as one made by any app server."""
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    settings.CACHES = redis_caches(REDIS_URL)
    yield
    client.flushdb()
    client.close()


def ask(port, method, path, body=None, headers=None):
    """A request to a server as the proxy sends it: for READER, over HTTPS."""
    sent = {"X-Forwarded-For": READER, "X-Forwarded-Proto": "https"} | (headers or {})
    connection = http.client.HTTPConnection(SERVER, port, timeout=30, source_address=(CLIENT, 0))
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response, response.read().decode()
    finally:
        connection.close()


def page(port, path):
    response, html = ask(port, "GET", path)
    assert response.status == 200, (port, path, response.status)
    return html


def test_a_page_cached_through_one_server_is_made_anew_through_the_other_after_a_change(
    servers, shared_redis
):
    a, b = servers
    make_article(title_en="Already out")
    draft = make_article(status=Article.Status.DRAFT, title_en="Two servers one site")
    home = page(a, "/en/")
    assert "Already out" in home and "Two servers one site" not in home
    copy_key = pagecache.page_key(RequestFactory().get("/en/"))
    _version, made_at, _headers, _content = cache.get(copy_key)  # kept in Redis by A
    assert page(b, "/en/") == home
    assert cache.get(copy_key)[1] == made_at  # B answered from A's copy: made none of its own

    draft.publish(None)  # as the admin of either server, or a command, publishes
    assert "Two servers one site" in page(b, "/en/")
    assert "Two servers one site" in page(a, "/en/")
    draft.title_en = "Two servers, one site"
    draft.save()
    assert "Two servers, one site" in page(a, draft.url_in("en"))
    assert "Two servers, one site" in page(b, "/en/")


def test_the_signup_rate_limit_counted_on_one_server_holds_on_the_other(servers, shared_redis):
    a, b = servers
    campaign = make_campaign()
    url = campaign.url_in("en")
    form, html = ask(a, "GET", url)
    cookie = re.search(r"__Host-csrftoken=[^;]+", form.getheader("Set-Cookie")).group()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    # Shown a minute ago, signed with the servers' key (a form sent faster is taken for a bot's).
    started = signing.dumps(time.time() - 60, key=PRODUCTION["SECRET_KEY"], salt=TIMESTAMP_SALT)

    def sign_up(port, email):
        data = {
            "csrfmiddlewaretoken": token,
            "full_name": "Leila Ahmed",
            "email": email,
            "country": "EG",
            "language": "en",
            "consent": "on",
            "started": started,
        }
        headers = {
            "Cookie": cookie,
            "Origin": f"https://{SERVER}:{port}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return ask(port, "POST", url, urlencode(data), headers)[0].status

    assert [sign_up(a, f"person{n}@example.org") for n in range(SIGNUPS_PER_ADDRESS)] == [
        302
    ] * SIGNUPS_PER_ADDRESS
    assert sign_up(b, "one.more@example.org") == 429
    assert Signup.objects.count() == SIGNUPS_PER_ADDRESS
