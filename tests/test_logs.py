"""Logs: one JSON object per line with LOG_FORMAT=json, each with the request id the response
carries, and never a supporter's or an editor's email address or network address, nor the token
of a supporter's link."""

import copy
import io
import json
import logging.config
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from core.logs import redact
from tests.helpers import make_campaign, signup_data

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"  # the reader's (documentation range)
EMAIL = "leila.ahmed@example.org"
# Broader than the filter's own patterns on purpose: anything@anything, in any encoding.
ANY_EMAIL = re.compile(r"[^\s/'\"<>()\[\]{},;:]+(?:@|%40)[^\s/'\"<>()\[\]{},;:]+")
ANY_IPV4 = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
ANY_IPV6 = re.compile(r"[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){3,}", re.IGNORECASE)


def configure(log_format, stream):
    """settings.LOGGING as it stands, writing to `stream` in `log_format`."""
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"] |= {"formatter": log_format, "stream": stream}
    logging.config.dictConfig(config)


@pytest.fixture
def logs():
    """What the site logs during the test, in the given format: call it with "text" or "json"
    first, then read `.getvalue()` from what it returns."""
    stream = io.StringIO()

    def start(log_format="json"):
        configure(log_format, stream)
        return stream

    yield start
    logging.config.dictConfig(settings.LOGGING)  # back to stderr


def json_lines(stream):
    lines = stream.getvalue().splitlines()
    assert lines
    return [json.loads(line) for line in lines]  # each line a whole JSON object


def test_json_lines_carry_the_request_id_that_the_response_carries(client, logs):
    stream = logs("json")
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    records = json_lines(stream)
    assert all({"time", "level", "logger", "request_id", "message"} <= set(r) for r in records)
    not_found = [r for r in records if r["message"].startswith("Not Found")]
    assert [r["request_id"] for r in not_found] == [request_id]
    assert not_found[0]["level"] == "WARNING" and not_found[0]["logger"] == "django.request"


def test_a_log_line_outside_any_request_has_no_request_id(client, logs):
    stream = logs("json")
    client.get("/en/no-such-page/")
    logging.getLogger("campaigns").warning("after the request")
    assert json_lines(stream)[-1]["request_id"] == "-"


@pytest.mark.parametrize(
    "incoming", ["lb-0f3c2a9e71b54d6a", "8c1d7f0e-4a1b-4c3e-9f2d-1b2c3d4e5f60"]
)
def test_the_load_balancers_request_id_is_used(client, logs, incoming):
    stream = logs("json")
    response = client.get("/en/no-such-page/", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] == incoming
    assert json_lines(stream)[-1]["request_id"] == incoming


@pytest.mark.parametrize(
    "hostile",
    [
        "short",  # too short to be unique
        "x" * 129,
        "abc12345\nFAKE 2026 ERROR forged line",
        'abcdefgh" "level": "CRITICAL',
        EMAIL,
        "192.168.100.200",  # a token by its characters, but an address
        "<script>alert(1)</script>",
    ],
)
def test_a_hostile_request_id_is_replaced(client, hostile):
    response = client.get("/en/no-such-page/", headers={"X-Request-ID": hostile})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def assert_no_address(text):
    assert EMAIL.split("@")[0] not in text and "example.org" not in text
    assert not ANY_EMAIL.search(text), ANY_EMAIL.search(text)
    assert not ANY_IPV4.search(text), ANY_IPV4.search(text)
    assert not ANY_IPV6.search(text), ANY_IPV6.search(text)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_signups_failed_logins_and_hostile_requests_leave_no_address_in_the_logs(
    client, logs, log_format
):
    stream = logs(log_format)
    reader = {"REMOTE_ADDR": ADDRESS, "HTTP_X_FORWARDED_FOR": f"{ADDRESS}, 2001:db8::7"}
    campaign = make_campaign()
    signup = client.post(campaign.url_in("en"), signup_data(email=EMAIL), **reader)
    assert signup.status_code == 302
    login = client.post(
        "/admin/login/", {"username": EMAIL, "password": "wrong password"}, **reader
    )
    assert login.status_code == 200
    for path in (f"/en/{EMAIL}/", f"/ar/{EMAIL.replace('@', '%40')}/", "/en/ليلى@مثال.مصر/"):
        assert client.get(path, **reader).status_code == 404
    assert client.get("/en/", HTTP_HOST=ADDRESS, **reader).status_code == 400  # DisallowedHost
    csrf = Client(enforce_csrf_checks=True).post(
        campaign.url_in("en"), signup_data(), HTTP_ORIGIN=f"http://{ADDRESS}", **reader
    )
    assert csrf.status_code == 403

    text = stream.getvalue()
    # Each of these was logged, with the address masked ...
    for logged in (
        "send_signup_email",
        "Not Found: /en/[email]/",
        "Invalid HTTP_HOST header: '[ip]'",
        "Origin checking failed - http://[ip] does not match",
        "AXES: New login failure",
    ):
        assert logged in text
    assert text.count("Not Found") == 3
    # ... and nothing anywhere, tracebacks and JSON fields included, holds an address.
    assert_no_address(text)
    if log_format == "json":
        json_lines(stream)


def test_a_malformed_logging_call_is_masked_and_does_not_break_its_caller(logs):
    stream = logs("text")
    logging.getLogger("campaigns").warning("%s wrote from %s", EMAIL)  # one argument short
    assert "[email]" in stream.getvalue()
    assert_no_address(stream.getvalue())


@pytest.mark.slow  # a fresh process
def test_log_format_json_from_the_environment_in_a_fresh_process():
    """The setting as an operator uses it: a new process, LOG_FORMAT=json, masked on the way."""
    code = (
        "import logging; logging.getLogger('campaigns').warning("
        f"'mail to %s from %s', {EMAIL!r}, {ADDRESS!r}, exc_info=ValueError({EMAIL!r}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=os.environ | {"LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    (record,) = [json.loads(line) for line in result.stderr.splitlines()]
    assert record["message"] == "mail to [email] from [ip]"
    assert record["request_id"] == "-" and record["level"] == "WARNING"
    assert "ValueError: [email]" in record["exc_info"]
    assert_no_address(result.stderr)


# A supporter's link is a key to their signup: none is ever written down whole, whatever its format.
TOKEN = "Q2xlYXJseU5vdEFSZWFsT25l.1a2b3c.0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_a_supporters_link_is_never_logged_whole(client, logs, log_format):
    stream = logs(log_format)
    for path in (f"/ar/join/confirm/{TOKEN}/", f"/en/join/leave/{TOKEN}/"):
        assert client.get(path).status_code == 400  # Django logs "Bad Request: <path>"
    text = stream.getvalue()
    assert "Bad Request: /ar/join/confirm/[token]/" in text
    assert "Bad Request: /en/join/leave/[token]/" in text
    assert TOKEN.split(".")[0] not in text and TOKEN.split(".")[-1] not in text


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        ("GET /ar/join/confirm/abc.def/ HTTP/1.1", "GET /ar/join/confirm/[token]/ HTTP/1.1"),
        (
            "<WSGIRequest: POST '/en/join/leave/abc'>",
            "<WSGIRequest: POST '/en/join/leave/[token]'>",
        ),
        (
            "'GET /en/join%2Fleave%2Fabc%2Fdef HTTP/1.1'",
            "'GET /en/join%2Fleave%2F[token] HTTP/1.1'",
        ),
        ("/en/join/confirm/abc?source=x", "/en/join/confirm/[token]?source=x"),
        ("/en/join/free-press/thanks/", "/en/join/free-press/thanks/"),  # a campaign's own page
    ],
)
def test_the_token_of_a_supporters_link_is_masked_wherever_it_is_written(line, logged):
    assert redact(line) == logged
