"""Twenty people (or one person's twenty tabs) sign with the same address at the same instant,
through real HTTP: one row, every request answered alike, no signup lost."""

import http.client
import re
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail, signing
from django.db import connection

from campaigns.forms import TIMESTAMP_SALT
from campaigns.models import Signup
from tests.helpers import make_campaign, signup_data

# Slow: starts the live server, twenty threads posting to it.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CLIENTS = 20


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite takes one writer at a time (and its in-memory test "
            "database is shared with the live server's threads), so there is no race to test; "
            "run with DATABASE_URL=postgres://…"
        )


def request(server, method, path, body=None, headers=None):
    host = urlsplit(server.url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        connection.close()


def open_form(server, path):
    """GET the page as a browser does: the CSRF cookie and the form's hidden token."""
    status, headers, html = request(server, "GET", path)
    assert status == 200
    cookie = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookie.load(value)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    return cookie["csrftoken"].value, token


def test_twenty_simultaneous_signups_with_one_address_make_one_row(live_server, monkeypatch):
    monkeypatch.setattr("campaigns.views.SIGNUPS_PER_EMAIL", 100)  # this is not abuse
    campaign = make_campaign()
    path = campaign.url_in("ar")
    started = signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT)
    ready = threading.Barrier(CLIENTS, timeout=60)
    answers = [None] * CLIENTS

    def sign(n):
        cookie, token = open_form(live_server, path)
        data = signup_data(started=started, full_name=f"ليلى {n}", source=f"tab-{n}")
        body = urlencode(data | {"csrfmiddlewaretoken": token})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        ready.wait()  # all twenty POSTs leave together
        status, response_headers, _html = request(live_server, "POST", path, body, headers)
        answers[n] = (status, dict(response_headers).get("Location"))

    threads = [threading.Thread(target=sign, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert answers == [(302, path + "thanks/")] * CLIENTS
    signup = Signup.objects.get()
    assert signup.email == "leila@example.org"
    # Every upsert appended its source under the row lock: none overwrote another's.
    assert sorted(source["source"] for source in signup.sources) == sorted(
        f"tab-{n}" for n in range(CLIENTS)
    )
    assert signup.full_name == f"ليلى {signup.sources[-1]['source'].removeprefix('tab-')}"
    assert len(mail.outbox) == CLIENTS  # one email per signup, each to the address's owner
