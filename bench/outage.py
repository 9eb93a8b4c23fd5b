"""Print the time per public page with Redis reachable, on a closed port, on an unroutable address
and silent (accepts connections, never answers: each attempt waits for the socket timeout).

python -m bench.outage    (in-process test client, against the database of DATABASE_URL, which
                           needs content: `make run` loads the demo content)

BENCH_REDIS_URL (default redis://127.0.0.1:6379/15) is the reachable Redis; the keys written under
this script's prefix are deleted at the end. A Redis that does not answer is asked once per
core.outage.BACKOFF_SECONDS, so "worst" shows the request that paid for asking; the last line
shows what every request would pay without the back-off.
"""

import os
import socket
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

import redis  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench.pages import pages  # noqa: E402
from core import outage  # noqa: E402

ROUNDS = 30
KEY_PREFIX = "bench-outage"
REACHABLE = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_caches(url):
    """CACHES as settings.py writes them for REDIS_URL=url."""
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return {
        alias: {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": KEY_PREFIX, "OPTIONS": options}
        for alias, backend in (
            ("default", "core.outage.FailSoftRedisCache"),
            ("ratelimit", "core.outage.BackOffRedisCache"),
        )
    }


def timed(client, paths, rounds):
    timings, statuses = [], set()
    for _ in range(rounds):
        for path in paths:
            start = time.perf_counter()
            statuses.add(client.get(path).status_code)
            timings.append((time.perf_counter() - start) * 1000)
    return timings, statuses


def main():
    silent = socket.create_server(("127.0.0.1", 0))  # the kernel accepts; nobody ever answers
    silent_url = f"redis://127.0.0.1:{silent.getsockname()[1]}/15"
    scenarios = [
        ("Redis reachable", REACHABLE, outage.BACKOFF_SECONDS, ROUNDS),
        ("Redis on a closed port", "redis://127.0.0.1:1/15", outage.BACKOFF_SECONDS, ROUNDS),
        ("Redis unroutable", "redis://10.255.255.1:6379/15", outage.BACKOFF_SECONDS, ROUNDS),
        ("Redis silent", silent_url, outage.BACKOFF_SECONDS, ROUNDS),
        ("Redis silent, no back-off", silent_url, 0, 1),
    ]
    paths = [path for language in ("ar", "en") for _name, path in pages(language)]
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        timed(Client(), paths, 1)  # templates compiled, connection open: not measured
    print(f"{len(paths)} public pages (ar and en); time per page in ms")
    print(f"{'':<28}{'requests':>9}{'median':>8}{'mean':>8}{'worst':>8}{'status':>8}")
    for label, url, backoff, rounds in scenarios:
        outage.redis_down_until.clear()  # each scenario starts as a freshly started process
        outage.warned_at.clear()
        outage.BACKOFF_SECONDS = backoff
        with override_settings(ALLOWED_HOSTS=["testserver"], CACHES=redis_caches(url)):
            timings, statuses = timed(Client(), paths, rounds)
        print(
            f"{label:<28}{len(timings):>9}{statistics.median(timings):>8.1f}"
            f"{statistics.fmean(timings):>8.1f}{max(timings):>8.1f}"
            f"{','.join(map(str, sorted(statuses))):>8}"
        )
    silent.close()
    reachable = redis.Redis.from_url(REACHABLE)
    for key in reachable.scan_iter(f"{KEY_PREFIX}:*"):
        reachable.delete(key)


if __name__ == "__main__":
    main()
