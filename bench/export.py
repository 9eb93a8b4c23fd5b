"""Stream the signup export through the real admin view and show that memory stays flat.

    python -m bench.export            (1,000,000 signups; a few minutes, mostly filling the DB)
    python -m bench.export 200000     (any other number)

Works on a throwaway SQLite file in a temporary folder, never on the configured database: it is
migrated and filled with fake signups in batches by a child process (so the memory measured here
holds nothing left over from filling), and deleted at the end. Each export is run twice:
once for its speed, once under tracemalloc for the peak of Python memory (tracemalloc slows
Python down, so the two are not measured together). Exporting one campaign (a tenth of the rows)
and then all of them should show the same peak: the rows are never all in memory.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc

import django

# Before Django reads its settings: whatever DATABASE_URL says, this run uses its own file (the
# child process that fills it is handed the same folder).
FOLDER = os.environ.get("BENCH_EXPORT_FOLDER") or tempfile.mkdtemp(prefix="bench-export-")
os.environ["BENCH_EXPORT_FOLDER"] = FOLDER
os.environ["DATABASE_URL"] = f"sqlite:///{FOLDER}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.models import Campaign, Signup  # noqa: E402
from staff.models import AuditEntry  # noqa: E402
from tests.helpers import staff_login  # noqa: E402

BATCH = 20_000
COUNTRIES = ["EG", "LB", "SY", "JO", "IQ", "TN", "MA", "SD", "YE", "PS", ""]
NAMES = ["ليلى أحمد", "Omar Haddad", "سارة الخطيب", "=HYPERLINK(1)", "Youssef Ben Ali"]
SOURCES = ["newsletter", "facebook", "twitter", "whatsapp", "article", ""]


def campaign(n):
    texts = {
        "title_ar": f"حملة {n}",
        "title_en": f"Campaign {n}",
        "button_label_ar": "وقّعوا",
        "button_label_en": "Sign",
        "consent_text_ar": "أوافق.",
        "consent_text_en": "I agree.",
        "thank_you_text_ar": "شكرًا.",
        "thank_you_text_en": "Thank you.",
    }
    return Campaign.objects.create(**texts)


def fill(total):
    """A tenth of the signups in a small campaign, the rest in a big one (run in a child)."""
    call_command("migrate", verbosity=0)
    small, big = campaign(1), campaign(2)
    now = timezone.now()
    start = time.perf_counter()
    for first in range(0, total, BATCH):
        rows = []
        for n in range(first, min(first + BATCH, total)):
            sources = [{"source": SOURCES[(n + k) % len(SOURCES)]} for k in range(n % 3 + 1)]
            rows.append(
                Signup(
                    campaign=small if n % 10 == 0 else big,
                    email=f"supporter{n}@example.org",
                    full_name=NAMES[n % len(NAMES)],
                    country=COUNTRIES[n % len(COUNTRIES)],
                    phone="+20 100 000 0000" if n % 4 == 0 else "",
                    language="ar" if n % 3 else "en",
                    consent_given_at=now,
                    confirmed_at=now if n % 2 else None,
                    sources=sources,
                )
            )
        with transaction.atomic():
            Signup.objects.bulk_create(rows)
        reset_queries()  # DEBUG's query log would hold thousands of INSERTs
        print(f"\rfilling: {min(first + BATCH, total):,} signups", end="", flush=True)
    print(f" in {time.perf_counter() - start:.0f} s")


def peak_rss_reset():
    """Reset the kernel's record of peak resident memory (Linux); False where it cannot."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def download(client, query):
    """POST the export; (rows, bytes, queries, seconds), reading the stream as a browser would."""
    reset_queries()  # the query log is capped: a full one would count nothing
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/admin/campaigns/signup/export/{query}")
        assert response.status_code == 200, response.status_code
        lines = size = 0
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            size += len(chunk)
        response.close()
    return lines - 1, size, len(queries), time.perf_counter() - start


def timed_page(client, url):
    reset_queries()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return f"{(time.perf_counter() - start) * 1000:.0f} ms, {len(queries)} queries"


@override_settings(ALLOWED_HOSTS=["testserver"])
def main(total):
    print(f"database: {connection.settings_dict['NAME']}")
    fill_command = [sys.executable, "-m", "bench.export", "--fill", str(total)]
    subprocess.run(fill_command, check=True)  # noqa: S603 (this very script)
    small = Campaign.objects.order_by("pk").first()
    manager = get_user_model().objects.create_user("bench-manager", is_staff=True)
    manager.groups.add(Group.objects.get(name="Campaign manager"))
    client = staff_login(Client(headers={"Accept-Language": "en"}), manager)  # both factors

    print(f"\n{'export':<16}{'rows':>11}{'MB':>8}{'queries':>9}{'s':>8}{'rows/s':>10}", end="")
    print(f"{'py peak MB':>12}{'RSS peak MB':>13}")
    for name, query in (("one campaign", f"?campaign__id__exact={small.pk}"), ("everything", "")):
        rows, size, queries, seconds = download(client, query)
        # The audit log's second entry for the export: how it ended, and the rows sent.
        ended = AuditEntry.objects.filter(action=AuditEntry.Action.SIGNUP_EXPORT).latest("pk")
        assert ended.details["finished"] and ended.details["rows"] == rows, ended.details
        tracemalloc.start()
        rss_reset = peak_rss_reset()
        download(client, query)
        _, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = f"{peak_rss_mb():.1f}" if rss_reset else "n/a"
        print(
            f"{name:<16}{rows:>11,}{size / 1e6:>8.1f}{queries:>9}{seconds:>8.1f}"
            f"{rows / seconds:>10,.0f}{python_peak / 1e6:>12.2f}{rss:>13}"
        )

    # What the other pages cost on this many rows (the source filter's choices are cached).
    print()
    print("changelist, first view: ", timed_page(client, "/admin/campaigns/signup/"))
    print("changelist, again:      ", timed_page(client, "/admin/campaigns/signup/"))
    big = Campaign.objects.exclude(pk=small.pk).get()
    dashboard = f"/admin/campaigns/campaign/{big.pk}/dashboard/"
    print("dashboard, big campaign:", timed_page(client, dashboard))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fill"]:
        fill(int(sys.argv[2]))
    else:
        try:
            main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
        finally:
            connection.close()
            shutil.rmtree(FOLDER, ignore_errors=True)
