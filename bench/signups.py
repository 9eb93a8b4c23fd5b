"""Signups under load: gunicorn (4 workers, each with gunicorn.conf.py's threads) on PostgreSQL,
emails queued in the database.

python -m bench.signups              (60 s; DURATION=10 for a quick run; CLIENTS=16 threads)

Needs PostgreSQL at BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) and works in a
database of its own, newsroom_bench: created and migrated if missing, and EMPTIED of campaigns,
signups and queued tasks at every run. Rate limits are shared through Redis as in production
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/15; the local-memory cache when Redis does not
answer); every POST is a new address from a new network address (X-Forwarded-For from a trusted
proxy: this machine), so no limit is reached. Nothing sends the queued emails: no worker runs.

Each client thread opens the page once (CSRF cookie and token, signed `started` timestamp),
waits the form's minimum fill time, then posts signups with distinct addresses until the end.
Printed: requests sent, answers, errors, signups/s, latency, the CPU time each request took in
gunicorn's workers, in PostgreSQL and in this driver (what signups/s would be on CPUs nobody else
uses: their number * 1000 / the sum), rows stored, emails queued, and lost = sent - stored, which
must be 0.
"""

import itertools
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg import sql

from bench.site import HOST, http_request

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "newsroom_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PORT = 8799
WORKERS = 4
DURATION = float(os.environ.get("DURATION", "60"))
CLIENTS = int(os.environ.get("CLIENTS", "16"))
RUN = secrets.token_hex(4)  # in every address: runs never share one
CSRF_COOKIE = "__Host-csrftoken"  # its name with DEBUG off


def create_database():
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not found:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))


def redis_answers():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception:
        return False


def configure(static_root):
    """The production configuration, for this process (migrate, counts) and for gunicorn."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"{POSTGRES}/{DATABASE}",
        TASKS_BACKEND="database",
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SITE_URL=f"http://localhost:{PORT}",  # passkeys accept no IP address over HTTP
        ALLOW_LOCAL_SITE_URL="1",
        TRUSTED_PROXIES=HOST,
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    if redis_answers():
        os.environ["REDIS_URL"] = REDIS_URL
    else:
        os.environ.pop("REDIS_URL", None)


def prepare():
    """Migrate, collect static files (the manifest pages need without DEBUG), one open campaign."""
    import django

    django.setup()
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from campaigns.models import Campaign, Signup

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    Signup.objects.all().delete()
    DBTaskResult.objects.all().delete()
    Campaign.objects.all().delete()
    campaign = Campaign.objects.create(
        title_ar=f"حملة القياس {RUN}",
        title_en=f"Bench campaign {RUN}",
        button_label_ar="وقّعوا",
        button_label_en="Sign",
        consent_text_ar="أوافق على أن يتواصل معي التحالف.",
        consent_text_en="I agree that the coalition may contact me.",
        thank_you_text_ar="شكرًا لانضمامكم.",
        thank_you_text_en="Thank you for joining.",
    )
    return campaign


def start_gunicorn(log):
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        "newsroom.wsgi",
        "-w",
        str(WORKERS),
        "-b",
        f"{HOST}:{PORT}",
        "--error-logfile",
        "-",
    ]
    if (
        "--no-control-socket"
        in subprocess.run(  # noqa: S603
            [command[0], "--help"], capture_output=True, text=True, check=True
        ).stdout
    ):
        command.append("--no-control-socket")  # else ~/.gunicorn/gunicorn.ctl is created
    server = subprocess.Popen(  # noqa: S603 (a fixed command)
        command, cwd=BASE_DIR, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT
    )
    for _ in range(300):
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start (exit {server.returncode}): see {log.name}")
        try:
            if request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    stop(server)
    sys.exit("gunicorn did not answer /healthz in 30 s")


def stop(server):
    server.send_signal(signal.SIGTERM)  # graceful: workers finish their request first
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def request(method, path, body=None, headers=None):
    return http_request(PORT, path, method, body, headers)


def open_form(path, address):
    status, headers, html = request("GET", path, headers={"X-Forwarded-For": address})
    if status != 200:
        raise RuntimeError(f"GET {path}: {status}")
    html = html.decode()
    cookie = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookie.load(value)

    def hidden(name):
        return re.search(rf'name="{name}" value="([^"]*)"', html)[1]

    return cookie[CSRF_COOKIE].value, hidden("csrfmiddlewaretoken"), hidden("started")


def address(number):
    """A distinct client address for each request: 10.0.0.0/8 from a random point."""
    number = (number + int(RUN, 16)) % (1 << 24)
    return f"10.{number >> 16}.{(number >> 8) & 255}.{number & 255}"


def cpu_seconds(pids):
    """{pid: CPU seconds used so far} of these processes (Linux's /proc); gone ones left out."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # user, system
    return used


def cpu_now(server):
    """CPU seconds used so far by gunicorn's workers, by the database's server processes for this
    database, and by this process (the load driver)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", autocommit=True) as connection:
        backends = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DATABASE],
        ).fetchall()
    return {
        "server": cpu_seconds(int(pid) for pid in children),
        "database": cpu_seconds(pid for (pid,) in backends),
        "driver": {os.getpid(): time.process_time()},
    }


class Load:
    def __init__(self, path, server):
        self.path = path
        self.server = server
        self.cpu = {}  # CPU seconds used during the run: server, database, driver
        self.numbers = itertools.count()
        self.results = []  # (email, status or exception name, seconds); list.append is atomic
        self.ready = threading.Barrier(CLIENTS + 1, action=self.go)
        self.deadline = None

    def go(self):
        self.deadline = time.monotonic() + DURATION

    def client(self):
        from campaigns.forms import MIN_FILL_SECONDS

        cookie, token, started = open_form(self.path, address(next(self.numbers)))
        time.sleep(MIN_FILL_SECONDS + 0.5)  # as a person fills the form: once, then reused
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{CSRF_COOKIE}={cookie}",
        }
        self.ready.wait()  # every client has waited the minimum fill time: go
        while time.monotonic() < self.deadline:
            number = next(self.numbers)
            email = f"bench-{RUN}-{number}@example.org"
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "full_name": f"مشارك {number}",
                    "email": email,
                    "country": "EG",
                    "phone": "",
                    "language": "ar",
                    "consent": "on",
                    "source": "bench",
                    "website": "",
                    "started": started,
                }
            )
            start = time.perf_counter()
            try:
                status = request(
                    "POST", self.path, body, headers | {"X-Forwarded-For": address(number)}
                )[0]
            except Exception as error:  # counted, and the load goes on
                status = type(error).__name__
            self.results.append((email, status, time.perf_counter() - start))

    def run(self):
        threads = [threading.Thread(target=self.client, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        self.ready.wait()
        started, cpu_before = time.monotonic(), cpu_now(self.server)
        for thread in threads:
            thread.join()
        elapsed, cpu_after = time.monotonic() - started, cpu_now(self.server)
        for part, used in cpu_after.items():
            self.cpu[part] = sum(
                seconds - cpu_before[part].get(pid, 0) for pid, seconds in used.items()
            )
        return elapsed


def report(load, elapsed, campaign, log_path):
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from campaigns.models import Signup

    connections.close_all()  # counted after gunicorn stopped, on a fresh connection
    answers = Counter(status for _email, status, _seconds in load.results)
    redirected = {email for email, status, _seconds in load.results if status == 302}
    stored = set(Signup.objects.filter(campaign=campaign).values_list("email", flat=True))
    queued = DBTaskResult.objects.filter(task_path="campaigns.tasks.send_signup_email").count()
    latencies = sorted(seconds * 1000 for _email, _status, seconds in load.results)
    centiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    sent = len(load.results)
    log = log_path.read_text(errors="replace")

    print(f"gunicorn: {WORKERS} workers; {CLIENTS} client threads; {elapsed:.1f} s")
    print(f"cache for rate limits: {os.environ.get('REDIS_URL', 'local memory, per worker')}")
    print(f"requests sent:        {sent:>8}")
    print(f"302 to thanks:        {answers[302]:>8}")
    other = {status: count for status, count in answers.items() if status != 302}
    print(f"errors:               {sent - answers[302]:>8}  {other or ''}")
    print(f"signups/s:            {answers[302] / elapsed:>8.1f}")
    print(f"latency p50 / p99 ms: {centiles[49]:>8.1f} / {centiles[98]:.1f}")
    cpu = " / ".join(f"{1000 * load.cpu[part] / max(sent, 1):.1f}" for part in load.cpu)
    print(f"CPU ms per request:   {cpu}  ({' / '.join(load.cpu)}; {os.cpu_count()} CPUs)")
    print(f"rows stored:          {len(stored):>8}")
    print(f"emails queued:        {queued:>8}")
    print(f"lost = sent - stored: {sent - len(stored):>8}")
    print(f"302 but not stored:   {len(redirected - stored):>8}")
    print(f"stored without a 302: {len(stored - redirected):>8}")
    print(f"server errors logged: {log.count('Internal Server Error'):>8}  ({log_path})")


def main():
    create_database()
    log_path = BASE_DIR / ".cache" / "bench-signups-gunicorn.log"  # .cache/ is not versioned
    log_path.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-signups-") as static_root:
        configure(static_root)
        campaign = prepare()
        with log_path.open("w") as log:
            server = start_gunicorn(log)
            try:
                load = Load(campaign.url_in("ar"), server)
                elapsed = load.run()
            finally:
                stop(server)
    report(load, elapsed, campaign, log_path)


if __name__ == "__main__":
    main()
