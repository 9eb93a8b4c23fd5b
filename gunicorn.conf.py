"""gunicorn's settings, from the site's environment: `gunicorn -c gunicorn.conf.py newsroom.wsgi`
(gunicorn also reads this file by itself when started in this folder).

The master process imports none of the site's code, so a reload (HUP) runs a new release whole.
"""

import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def env(name, default):
    return os.environ.get(name, "").strip() or default


# Behind the proxy: on the machine itself by default; GUNICORN_BIND=10.0.0.12:8000 (a private
# address the proxy reaches, never a public one) when it runs elsewhere.
bind = env("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers: a worker's main thread keeps telling the master it is alive while request
# threads work. A sync worker says nothing during a response: `timeout` killed it 30 s into a CSV
# export of a million signups, the rest unsent and the download looking complete. Now `timeout`
# restarts a worker that has stopped as a whole (deadlocked, stuck in C code holding the
# interpreter), not one sending a long response, nor a lone request thread that never returns.
# Each thread has its own database connection: workers × threads of them, mind PostgreSQL's
# max_connections.
worker_class = "gthread"
workers = int(env("WEB_CONCURRENCY", "4"))
threads = int(env("GUNICORN_THREADS", "4"))
timeout = int(env("GUNICORN_TIMEOUT", "30"))  # a worker silent this long is stuck: restarted
# A request's query running this long is cancelled by PostgreSQL (settings.py): what `timeout`
# no longer does for a lone stuck request thread. Only the web processes get it: commands need none.
os.environ["DATABASE_STATEMENT_TIMEOUT"] = env("DATABASE_STATEMENT_TIMEOUT", "30")
graceful_timeout = 30  # on SIGTERM or a reload, requests under way get this long to finish
control_socket_disable = True  # unused, and two servers under one user would share its path

# The scheme is believed from TRUSTED_PROXIES only, as Django believes it (core.middleware):
# gunicorn's default trusts 127.0.0.1, which would let anyone on this machine pass for HTTPS.
forwarded_allow_ips = env("TRUSTED_PROXIES", "")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}  # the one header the proxy must set

accesslog = None  # each line would name a reader's address and the path (the proxy logs traffic)


def on_starting(server):
    """Refuse to start on the settings `manage.py` refuses (core.checks): gunicorn runs no checks.
    In another process, so this one loads none of the site's code and a reload (HUP) runs the
    release's new code."""
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode:
        raise RuntimeError(check.stderr.strip())


def post_worker_init(worker):
    """The worker has loaded the site, and its logging (settings.LOGGING): gunicorn's lines about
    requests ("Invalid request from ip=…") now go through it, addresses and supporters' links
    masked (core.logs), in LOG_FORMAT. The master handles no request: its own lines stay as they
    are."""
    error_log = logging.getLogger("gunicorn.error")
    for handler in list(error_log.handlers):
        error_log.removeHandler(handler)
    error_log.propagate = True
