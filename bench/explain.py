"""The plan of every SQL query the pages bench.site measures make, made with nothing kept
(core.fragments) and the page cache off: PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of each, its
time, and every sequential scan named, so that a query reading a whole table is seen here first.

    python -m bench.site --keep      (once: fills newsroom_bench_site, 100,000 / 1,000,000)
    python -m bench.explain          (then, as often as needed: --database NAME, --plans)

Each query: where it was made (the page), its first words, the plan's first node, the rows and
the execution time PostgreSQL measured; with --plans, the whole plan.
"""

import argparse
import re
import tempfile
from pathlib import Path

import django

from bench import site


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="newsroom_bench_site")
    parser.add_argument("--plans", action="store_true", help="print every plan whole")
    args = parser.parse_args()
    media = site.BASE_DIR / ".cache" / f"bench-media-{args.database}"
    site.configure(site.free_port(), args.database, Path(tempfile.mkdtemp()), media)
    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from core import pagecache

    call_command("collectstatic", interactive=False, verbosity=0)  # production's hashed names
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        name, value = site.staff_cookie()
        staff = Client()
        staff.cookies[name] = value
        scans = []
        for page in site.pages():
            pagecache.content_changed()  # nothing kept: every query the page can make
            client = staff if page.staff else Client()
            with CaptureQueriesContext(connection) as captured:
                status = client.get(page.path).status_code
            print(f"\n{page.name} ({page.path[:80]}): {status}, {len(captured)} queries")
            for query in captured:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    print(f"  {sql[:90]}")
                    continue
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = [row[0] for row in cursor.fetchall()]
                took = next(line for line in plan if line.startswith("Execution Time"))
                print(f"  {took.split(': ')[1]:>12}  {' '.join(sql.split())[:110]}")
                print(f"  {'':>12}  {plan[0].strip()[:110]}")
                for line in plan:
                    if "Seq Scan" in line:
                        scans.append(f"{page.name}: {line.strip()}")
                if args.plans:
                    print("\n".join(f"  {'':>12}  {line}" for line in plan))
        print("\nsequential scans:" if scans else "\nno sequential scan")
        for scan in scans:
            print(f"  {re.sub(r'  +', ' ', scan)}")


if __name__ == "__main__":
    main()
