"""gunicorn as the README deploys it (gunicorn.conf.py): it refuses unsafe settings, its own log
lines carry no client address nor supporter's link, and it believes X-Forwarded-Proto from
TRUSTED_PROXIES only, as the site does."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow  # real gunicorn processes

GUNICORN = Path(sys.executable).parent / "gunicorn"
TOKEN = "Q2xlYXJseU5vdEFSZWFsT25l.1a2b3c.0123456789abcdef"
# The server listens on one loopback address (which its start-up lines name) and the client
# connects from another, the one that must never be written down.
SERVER, CLIENT = "127.0.0.2", "127.0.0.1"
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "gunicorn-test-" + "k" * 50,
    "ALLOWED_HOSTS": SERVER,
    "SITE_URL": "https://news.example.org",
    "TRUSTED_PROXIES": "",
    "LOG_FORMAT": "text",
}


def free_port():
    with socket.socket() as probe:
        probe.bind((SERVER, 0))
        return probe.getsockname()[1]


def start_gunicorn(folder, **env):
    """gunicorn with the project's config on a free port, in production mode on a throwaway
    database; its output goes to folder/gunicorn.log."""
    port = free_port()
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "REDIS_URL", "ALLOW_LOCAL_SITE_URL", "TASKS_BACKEND")
    }
    environment |= PRODUCTION | {
        "GUNICORN_BIND": f"{SERVER}:{port}",
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
    }
    with (folder / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "newsroom.wsgi"],
            cwd=settings.BASE_DIR,
            env=environment | env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return server, port


def stop(server):
    server.terminate()
    server.wait(timeout=60)


def wait_until_it_answers(server, port):
    for _ in range(600):
        assert server.poll() is None, "gunicorn stopped"
        try:
            return get(port, "/healthz")
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer in 60 s")


def get(port, path, headers=None):
    connection = http.client.HTTPConnection(SERVER, port, timeout=30, source_address=(CLIENT, 0))
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def send_raw(port, data):
    with socket.create_connection((SERVER, port), 30, (CLIENT, 0)) as connection:
        connection.sendall(data)
        return connection.recv(1024)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn")
    (folder / "static").mkdir()  # STATIC_ROOT: collected files are not needed here
    server, port = start_gunicorn(folder)
    wait_until_it_answers(server, port)
    yield port, folder / "gunicorn.log"
    stop(server)


def test_gunicorn_serves_and_logs_malformed_requests_without_the_address(server):
    port, log = server
    assert get(port, "/healthz").status == 200
    for malformed in ("GARBAGE", f"GET /ar/join/confirm/{TOKEN}/"):  # no HTTP version
        assert send_raw(port, f"{malformed}\r\n\r\n".encode()).startswith(b"HTTP/1.1 400")
    assert get(port, "/healthz").status == 200
    time.sleep(0.5)  # the worker writes its lines as it goes: let the last one land
    text = log.read_text()
    assert "Invalid request from ip=[ip]: Invalid HTTP request line: 'GARBAGE'" in text
    assert CLIENT not in text
    assert "GET /ar/join/confirm/[token]/" in text and TOKEN.split(".")[0] not in text


def test_gunicorn_believes_forwarded_proto_from_trusted_proxies_only(server):
    port, _log = server
    # Said from this machine, which gunicorn's default forwarded_allow_ips would trust.
    response = get(port, "/", headers={"X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.getheader("Location").startswith("https://")


def test_gunicorn_refuses_to_start_on_settings_the_checks_refuse(tmp_path):
    server, _port = start_gunicorn(tmp_path, SITE_URL="")
    try:
        assert server.wait(timeout=60) != 0
    finally:
        if server.poll() is None:
            stop(server)
    assert "core.E004" in (tmp_path / "gunicorn.log").read_text()
