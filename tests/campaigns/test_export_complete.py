"""A signup export is never cut short silently: through gunicorn as deployed it streams to its
end however long that takes, and the audit log says of every export whether it finished and how
many rows were sent."""

import csv
import http.client
import io
import itertools
import secrets
import socket
import sqlite3
import time
from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test import Client

from campaigns import export
from campaigns.models import Signup
from staff.models import AuditEntry
from tests.core.test_gunicorn import (
    CLIENT,
    PRODUCTION,
    SERVER,
    start_gunicorn,
    stop,
    wait_until_it_answers,
)
from tests.helpers import make_campaign, make_staff, staff_login

EXPORT = "/admin/campaigns/signup/export/"
EN = {"Accept-Language": "en"}


def add_signups(total, full_name="ليلى أحمد", batch=10_000):
    """`total` signups in one campaign (in bulk: no emails)."""
    campaign = make_campaign()
    for first in range(0, total, batch):
        Signup.objects.bulk_create(
            Signup(campaign=campaign, email=f"supporter{n}@example.org", full_name=full_name)
            for n in range(first, min(first + batch, total))
        )


def export_entries():
    """The export's two audit entries: (as it started, as it ended)."""
    start, end = AuditEntry.objects.filter(action=AuditEntry.Action.SIGNUP_EXPORT).order_by("pk")
    return start, end


@pytest.fixture
def manager(client):
    return staff_login(client, make_staff("Campaign manager"))


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 2)


@pytest.mark.django_db
def test_a_finished_export_is_logged_with_the_rows_sent(manager, small_chunks):
    add_signups(5)
    response = manager.post(EXPORT, headers=EN)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1 + 5
    start, end = export_entries()
    assert start.details["count"] == 5
    assert end.details == {"export": start.pk, "finished": True, "rows": 5}
    assert end.target == "Export finished: 5 signups sent."
    assert end.actor == start.actor


# Committed as it goes: closing the response ends the request, which closes a connection that
# is inside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_an_export_closed_before_its_end_is_logged_as_cut_short(manager, small_chunks):
    add_signups(5)
    response = manager.post(EXPORT, headers=EN)
    chunks = iter(response.streaming_content)
    next(chunks), next(chunks)  # the header and rows 1-2, then rows 3-4, not yet sent on
    # What Django does when the server stops asking for more: the client went away, or the
    # worker is stopping.
    response.close()
    start, end = export_entries()
    assert end.details == {"export": start.pk, "finished": False, "rows": 2}
    assert end.target == "Export cut short: only 2 signups sent, the file is incomplete."


@pytest.mark.django_db
def test_an_export_that_fails_midway_is_logged_as_cut_short(manager, small_chunks, monkeypatch):
    add_signups(5)
    neutralize, emails = export.neutralize, itertools.count(1)

    def fails_on_the_fifth_row(value):
        if value.endswith("@example.org") and next(emails) == 5:
            raise RuntimeError("the database went away")
        return neutralize(value)

    monkeypatch.setattr(export, "neutralize", fails_on_the_fifth_row)
    response = manager.post(EXPORT, headers=EN)
    with pytest.raises(RuntimeError):
        b"".join(response.streaming_content)
    _start, end = export_entries()
    assert (end.details["finished"], end.details["rows"]) == (False, 4)


# --- Through gunicorn, as deployed ----------------------------------------------------------

TIMEOUT = 2  # GUNICORN_TIMEOUT: the smallest a threaded worker's heartbeat (each second) allows
# 9 MB of CSV (long Arabic names, 400 bytes each) read at 750 kB/s, as over a slow link: once the
# server's socket buffer is full (4 MB at most on Linux by default), its worker waits on the
# reader for several times TIMEOUT. (A million signups take longer than 30 s at any speed.)
SIGNUPS = 20_000
LONG_NAME = ("ليلى " * 40).strip()
READ_BYTES_PER_SECOND = 750_000


def database_for_gunicorn(folder):
    """A DATABASE_URL for the server: the test database itself on PostgreSQL; on SQLite, whose
    test database lives in this process's memory, a copy on disk (`copy_back` reads it back)."""
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / "db.sqlite3") as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{folder / 'db.sqlite3'}"
    db = connection.settings_dict
    user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def copy_back(folder):
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / "db.sqlite3") as copy:
            copy.backup(connection.connection)


def download_slowly(port, session_key):
    """POST the export as a signed-in browser on a slow link would; (status, body)."""
    csrf = secrets.token_hex(16)  # a CSRF secret of ours, in the cookie and in the form alike
    link = http.client.HTTPConnection(SERVER, port)
    # A small receive buffer, so what is not read yet stays on the server's side.
    link.sock = socket.socket()
    link.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    link.sock.settimeout(30)
    link.sock.bind((CLIENT, 0))
    link.sock.connect((SERVER, port))
    link.request(
        "POST",
        EXPORT,
        body=urlencode({"csrfmiddlewaretoken": csrf}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"__Host-sessionid={session_key}; __Host-csrftoken={csrf}",
            **EN,
        },
    )
    response = link.getresponse()
    body = io.BytesIO()
    while piece := response.read(READ_BYTES_PER_SECOND // 20):
        body.write(piece)
        time.sleep(1 / 20)
    link.close()
    return response.status, body.getvalue()


@pytest.mark.slow  # a real gunicorn, and tens of thousands of signups
@pytest.mark.django_db(transaction=True)  # committed: the server reads them
def test_an_export_longer_than_the_worker_timeout_arrives_whole_through_gunicorn(
    settings, tmp_path
):
    add_signups(SIGNUPS, LONG_NAME)
    settings.SECRET_KEY = PRODUCTION["SECRET_KEY"]  # the server's: it signs the session
    client = staff_login(Client(), make_staff("Campaign manager"))
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    (tmp_path / "static").mkdir()
    server, port = start_gunicorn(
        tmp_path,
        DATABASE_URL=database_for_gunicorn(tmp_path),
        GUNICORN_TIMEOUT=str(TIMEOUT),
        SECURE_SSL_REDIRECT="0",  # plain HTTP, as from the proxy on this machine
    )
    try:
        wait_until_it_answers(server, port)
        status, body = download_slowly(port, session_key)
    finally:
        stop(server)
    copy_back(tmp_path)

    log = (tmp_path / "gunicorn.log").read_text()
    assert status == 200, log
    assert "WORKER TIMEOUT" not in log
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + SIGNUPS
    assert {row[0] for row in rows[1:]} == {f"supporter{n}@example.org" for n in range(SIGNUPS)}
    start, end = export_entries()
    assert start.details["count"] == SIGNUPS
    assert end.details == {"export": start.pk, "finished": True, "rows": SIGNUPS}
    # The worker was busy with this one response long enough for a sync worker to be killed.
    streamed = end.created_at - start.created_at
    assert streamed > timedelta(seconds=2 * TIMEOUT), f"{streamed}: buffers larger, add SIGNUPS"
