"""The production topology, as `make prod-local` starts it (deploy.local.Topology): nginx in front
of two gunicorn servers, PostgreSQL, Redis and the email worker, with production settings. Every
request goes through nginx, from loopback addresses of the test's choosing (127.0.0.x: nginx
hears each client at its own address), as real browsers' would.

Slow (about a minute and a half) and PostgreSQL only: it runs in `make test` on CI.
"""

import http.client
import re
import shutil
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import boto3
import psycopg
import pytest
import redis
from django.conf import settings
from django_otp.oath import TOTP

from deploy.local import Topology
from tests.helpers import form_values, jpeg_bytes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="the production topology runs on PostgreSQL",
    ),
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx: make system-packages"),
]

DATABASE = "newsroom_topology_test"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/3"  # a database of its own, emptied first
TOTP_KEY = "3132333435363738393031323334353637383930"  # the staff member's authenticator app
PASSWORD = "topology-editor-password-1"
S3_KEYS = {"aws_access_key_id": "testing-key", "aws_secret_access_key": "testing-secret"}
UNAVAILABLE = "The site is briefly unavailable"  # nginx's page when no app server answers


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sql(query, *params):
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else None


class Client:
    """A browser at loopback address `address`: its own cookies, every request through nginx."""

    def __init__(self, topology, address="127.0.0.2"):
        self.port, self.address, self.cookies = topology.port, address, {}

    def request(self, method, path, data=None, headers=None):
        connection = http.client.HTTPConnection(
            "localhost", self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = {"Accept-Language": "ar", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = data
        if isinstance(data, dict):
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, quote(path, safe="/?=&%"), body=body, headers=headers)
            response = connection.getresponse()
            response.body = response.read()
            response.text = response.body.decode(errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response

    def post_multipart(self, path, fields, files):
        """A form with files, as a browser sends it: `files` maps a field to (name, bytes)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{item}\r\n".encode()
                )
        for name, (filename, data) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'
            )
            parts.append(head.encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body, {"Content-Type": content_type})

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, **headers):
        return self.request("POST", path, data, headers)

    def form(self, path):
        """The page's form values that matter here: the CSRF token and the signed start time."""
        html = self.get(path).text
        return dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', html))


@pytest.fixture(scope="module")
def topology(tmp_path_factory, s3_endpoint):
    """The topology with its media in an S3 bucket (moto's server): no disk is shared."""
    run = tmp_path_factory.mktemp("prod-local")
    bucket = f"topology-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **S3_KEYS).create_bucket(
        Bucket=bucket
    )
    topology = Topology(
        run=run,
        port=free_port(),
        app_ports=(free_port(), free_port()),
        database=DATABASE,
        redis_url=REDIS_URL,
        settings={
            "PAGE_CACHE_SECONDS": "300",
            "MEDIA_STORAGE": "s3",
            "MEDIA_S3_BUCKET": bucket,
            "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
            "MEDIA_S3_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
            "MEDIA_S3_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
        },
    )
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])
    redis.Redis.from_url(REDIS_URL).flushdb()
    topology.prepare()
    topology.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"user = User.objects.create_user('desk', password='{PASSWORD}', is_staff=True); "
        "user.groups.add(Group.objects.get(name='Editor')); "
        f"TOTPDevice.objects.create(user=user, name='phone', key='{TOTP_KEY}', confirmed=True)",
    )
    topology.define()
    topology.start_all()
    yield topology
    topology.stop_all()
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])


@pytest.fixture(scope="module")
def campaign_path(topology):
    """The demo campaign's Arabic page, where supporters sign."""
    [(slug,)] = sql("SELECT slug_ar FROM campaigns_campaign ORDER BY id LIMIT 1")
    path = f"/ar/join/{slug}/"
    assert Client(topology).get(path).status == 200
    return path


def signup(client, campaign_path, form, email, **headers):
    return client.post(
        campaign_path,
        {
            "csrfmiddlewaretoken": form["csrfmiddlewaretoken"],
            "started": form["started"],
            "full_name": "سلمى حداد",
            "email": email,
            "country": "EG",
            "language": "ar",
            "consent": "on",
            "website": "",
        },
        **headers,
    )


def ready_form(client, campaign_path):
    form = client.form(campaign_path)
    time.sleep(3.1)  # campaigns.forms.MIN_FILL_SECONDS: a person takes that long at least
    return form


def signed_in(topology):
    """A staff member signed in through the real forms, second factor included."""
    client = Client(topology, "127.0.0.20")
    token = client.form("/admin/login/")["csrfmiddlewaretoken"]
    response = client.post(
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "desk", "password": PASSWORD},
    )
    assert response.status == 302, re.findall(r"errornote[^<]*<[^<]*", response.text)
    # On to the second step, as a browser follows the redirects (admin → login → two-factor).
    step = response.getheader("Location")
    while (page := client.get(step)).status == 302:
        step = page.getheader("Location")
    assert urlsplit(step).path == "/admin/two-factor/", step
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', page.text).group(1)
    app = TOTP(bytes.fromhex(TOTP_KEY))
    response = client.post(step, {"csrfmiddlewaretoken": token, "code": f"{app.token():06d}"})
    assert response.status == 302 and response.getheader("Location") == "/admin/", response.status
    return client


def served_by_both(topology, timeout=15):
    """Wait until nginx sends requests to both servers again: it leaves out for 5 s a server
    that failed (max_fails, fail_timeout), and answers 503 while it has left out every one."""
    seen, deadline = set(), time.monotonic() + timeout
    while seen != set(topology.app_names()):
        assert time.monotonic() < deadline, f"only {seen} serve"
        response = Client(topology).get("/healthz")
        if response.status == 200:
            seen.add(response.getheader("X-Served-By"))
        else:
            time.sleep(0.2)


# --- Two servers behind one proxy --------------------------------------------------------------


def test_both_app_servers_answer_through_nginx(topology):
    client = Client(topology)
    responses = [client.get("/ar/") for _ in range(10)]
    assert {r.status for r in responses} == {200}
    assert {r.getheader("X-Served-By") for r in responses} == {"app1", "app2"}
    # The request id nginx made is the one the app logged and sent back.
    assert all(re.fullmatch(r"[0-9a-f]{32}", r.getheader("X-Request-ID")) for r in responses)


@pytest.fixture(scope="module")
def editor(topology):
    """Signed in once: a code of the authenticator app is taken once only."""
    return signed_in(topology)


def test_a_staff_session_made_on_one_server_works_on_the_other(editor):
    client = editor
    served = set()
    for _ in range(6):
        page = client.get("/admin/")
        assert page.status == 200, page.status
        assert "work-queue-panel" in page.text  # the admin's home, not the sign-in form
        served.add(page.getheader("X-Served-By"))
    assert served == {"app1", "app2"}


def test_the_signup_limit_counts_each_real_client_on_every_server(topology, campaign_path):
    client = Client(topology, "127.0.0.30")
    form = ready_form(client, campaign_path)
    served, statuses = set(), []
    for number in range(31):
        # Whatever a client writes in X-Forwarded-For is not believed: still one address.
        spoofed = {"X-Forwarded-For": f"198.51.100.{number}"} if number % 2 else {}
        response = signup(client, campaign_path, form, f"limit-{number}@example.org", **spoofed)
        statuses.append(response.status)
        served.add(response.getheader("X-Served-By"))
    # 30 per address and hour (campaigns.views), counted in Redis by both servers together.
    assert statuses == [302] * 30 + [429]
    assert served == {"app1", "app2"}
    # Another client, behind the same proxy, has its own count: the app sees the real address.
    other = Client(topology, "127.0.0.31")
    assert (
        signup(other, campaign_path, ready_form(other, campaign_path), "other@example.org").status
        == 302
    )


def test_a_page_cached_by_one_server_is_made_anew_when_an_editor_publishes_through_the_other(
    topology, editor
):
    reader = Client(topology, "127.0.0.40")
    first = [reader.get("/ar/") for _ in range(4)]
    assert {r.getheader("X-Served-By") for r in first} == {"app1", "app2"}
    # Changed without a save (no signal): both servers keep serving their cached copy.
    article_id, title = next(
        (pk, title)
        for pk, title in sql("SELECT id, title_ar FROM articles_article WHERE status = 'published'")
        if title in first[0].text
    )
    sql("UPDATE articles_article SET title_ar = %s WHERE id = %s", "عنوان غيّره SQL", article_id)
    assert all(title in reader.get("/ar/").text for _ in range(4))

    token = editor.form("/admin/articles/article/")["csrfmiddlewaretoken"]
    response = editor.post(
        "/admin/articles/article/",
        {"csrfmiddlewaretoken": token, "action": "publish", "_selected_action": [article_id]},
    )
    assert response.status == 302

    after = [reader.get("/ar/") for _ in range(4)]
    assert {r.getheader("X-Served-By") for r in after} == {"app1", "app2"}
    assert all("عنوان غيّره SQL" in r.text for r in after)


def test_an_image_uploaded_through_one_server_is_served_by_both(topology, editor):
    token = editor.form("/admin/articles/author/add/")
    values = form_values(editor.get("/admin/articles/author/add/").text, "author_form")
    values |= {"name_ar": "هدى سالم", "name_en": "Huda Salem", "slug": "huda-salem"}
    response = editor.post_multipart(
        "/admin/articles/author/add/",
        values | {"csrfmiddlewaretoken": token["csrfmiddlewaretoken"]},
        {"photo": ("portrait.jpg", jpeg_bytes(size=(500, 500)))},
    )
    assert response.status == 302, re.findall(r'class="errorlist[^>]*>.*?</ul>', response.text)
    served_upload = response.getheader("X-Served-By")
    name = sql("SELECT photo FROM articles_author WHERE slug = 'huda-salem'")[0][0]
    assert name.startswith("authors/") and not (Path(topology.run) / "media" / name).exists()

    reader = Client(topology, "127.0.0.45")
    served, bodies = set(), set()
    for _ in range(4):
        picture = reader.get(f"/media/{name}")
        assert picture.status == 200 and picture.getheader("Content-Type") == "image/jpeg"
        served.add(picture.getheader("X-Served-By"))
        bodies.add(picture.body)
    assert served == {"app1", "app2"} and served_upload in served
    stored = (
        boto3.client(
            "s3",
            endpoint_url=topology.settings["MEDIA_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            **S3_KEYS,
        )
        .get_object(Bucket=topology.settings["MEDIA_S3_BUCKET"], Key=name)["Body"]
        .read()
    )
    assert bodies == {stored}


# --- Restarts and failures ---------------------------------------------------------------------


def test_a_rolling_restart_loses_no_signup_and_shows_no_error(topology, campaign_path):
    sent, planned_503, errors, reads = [], [], [], {"ok": 0}
    done = threading.Event()

    def post_signups():
        for group in range(12):  # 12 clients × 25 signups: under each address's limit
            client = Client(topology, f"127.0.1.{group + 1}")
            form = ready_form(client, campaign_path)
            for number in range(25):
                email = f"roll-{group}-{number}@example.org"
                for _attempt in range(10):  # the unavailable page asks to send it again
                    response = signup(client, campaign_path, form, email)
                    if response.status == 302:
                        sent.append(email)
                        break
                    if response.status == 503 and UNAVAILABLE in response.text:
                        planned_503.append(email)
                        time.sleep(0.2)
                        continue
                    errors.append((email, response.status))
                    break
        done.set()

    def read_pages():
        reader = Client(topology, "127.0.0.50")
        while not done.is_set():
            response = reader.get("/ar/")
            if response.status == 200:
                reads["ok"] += 1
            elif response.status == 503 and UNAVAILABLE in response.text:
                planned_503.append("read")
            else:
                errors.append(("read", response.status))

    threads = [threading.Thread(target=post_signups), threading.Thread(target=read_pages)]
    for thread in threads:
        thread.start()
    time.sleep(5)
    for name in topology.app_names():  # each in turn, while the other serves
        topology.stop(name)
        time.sleep(2)
        topology.start(name)
        time.sleep(3)
    for thread in threads:
        thread.join(timeout=300)

    stored = sql("SELECT count(*) FROM campaigns_signup WHERE email LIKE 'roll-%%'")[0][0]
    print(
        f"\nrolling restart: sent {len(sent)}, stored {stored}, lost {len(sent) - stored}, "
        f"pages read {reads['ok']}, planned 503 {len(planned_503)}, other errors {len(errors)}"
    )
    assert errors == []
    assert len(sent) == 300
    assert len(sent) - stored == 0


def test_a_server_killed_mid_request_leaves_no_partial_row(topology, campaign_path):
    client = Client(topology, "127.0.0.60")
    form = ready_form(client, campaign_path)
    topology.stop("app2")  # app1 takes the request
    answer = {}
    with psycopg.connect(f"{POSTGRES}/{DATABASE}") as lock:
        # The signup's transaction inserts its row, then waits here, at the tally's update.
        lock.execute("LOCK TABLE campaigns_signuptally IN EXCLUSIVE MODE")
        thread = threading.Thread(
            target=lambda: answer.update(
                response=signup(client, campaign_path, form, "killed@example.org")
            )
        )
        thread.start()
        deadline = time.monotonic() + 20
        while not sql(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query ILIKE '%%signuptally%%'"
        ):
            assert time.monotonic() < deadline, "the signup never reached the tally"
            time.sleep(0.1)
        topology.kill("app1")
        lock.rollback()
    thread.join(timeout=30)
    assert answer["response"].status == 503 and UNAVAILABLE in answer["response"].text
    deadline = time.monotonic() + 10
    waiting = "SELECT 1 FROM pg_stat_activity WHERE query ILIKE '%%signuptally%%'"
    while sql(f"{waiting} AND pid <> pg_backend_pid()"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert sql("SELECT count(*) FROM campaigns_signup WHERE email = 'killed@example.org'") == [(0,)]
    topology.start("app1")
    topology.start("app2")
    served_by_both(topology)
    # And the same supporter, sending it again as the page asks, is taken.
    assert signup(client, campaign_path, form, "killed@example.org").status == 302


def test_the_email_worker_stopped_and_started_loses_no_email(topology, campaign_path):
    topology.stop("worker")
    client = Client(topology, "127.0.0.70")
    form = ready_form(client, campaign_path)
    emails = [f"queued-{number}@example.org" for number in range(10)]
    for email in emails:
        assert signup(client, campaign_path, form, email).status == 302
    queued = sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")
    assert queued[0][0] >= len(emails)
    topology.start("worker")
    mail = Path(topology.run) / "mail"
    deadline = time.monotonic() + 60
    while True:
        written = "".join(path.read_text(errors="replace") for path in mail.glob("*"))
        missing = [email for email in emails if f"To: {email}" not in written]
        if not missing:
            break
        assert time.monotonic() < deadline, f"never sent: {missing}"
        time.sleep(0.5)
    assert all(written.count(f"To: {email}") == 1 for email in emails)


def test_every_app_server_down_gives_the_unavailable_page(topology):
    for name in topology.app_names():
        topology.stop(name)
    try:
        response = Client(topology).get("/ar/")
        assert response.status == 503
        assert UNAVAILABLE in response.text and "الموقع غير متاح مؤقتًا" in response.text
        assert response.getheader("Retry-After") == "30"
        assert "charset=utf-8" in response.getheader("Content-Type")
    finally:
        for name in topology.app_names():
            topology.start(name)
    served_by_both(topology)
    assert Client(topology).get("/ar/").status == 200
