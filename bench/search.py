"""Time the search page, both languages, on an ordinary query and on hostile ones: SQL queries,
results, median milliseconds. The tests check that each answers, in a bounded number of
queries; how long it takes depends on the machine and the database, so it is measured here.

python -m bench.search      (against the local database; `make run` fills it with demo content;
                             DATABASE_URL=postgres://… to time PostgreSQL's full-text search)
"""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from articles import search  # noqa: E402
from articles.models import Article  # noqa: E402
from tests.helpers import HOSTILE_SEARCHES  # noqa: E402

ROUNDS = 20
ORDINARY = {"ar": "حرية", "en": "elections"}


@override_settings(ALLOWED_HOSTS=["testserver"])
def main():
    client = Client()
    print(f"{connection.vendor}, median of {ROUNDS}")
    print(f"{'query':<28}{'queries':>8}{'results':>8}{'median ms':>11}")
    for language in ("ar", "en"):
        with translation.override(language):
            path = reverse("articles:search")
        client.get(path, {"q": ORDINARY[language]})  # the first page compiles the templates
        for name, query in {"ordinary": ORDINARY[language], **HOSTILE_SEARCHES}.items():
            reset_queries()  # the debug query log is capped; a full one would count nothing
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, {"q": query})
            assert response.status_code == 200, (name, response.status_code)
            with translation.override(language):
                found = list(search.search(Article.objects.public(), query, language))
            timings = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                client.get(path, {"q": query})
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"{language + ' ' + name:<28}{len(queries):>8}"
                f"{len(found):>8}{statistics.median(timings):>11.1f}"
            )


if __name__ == "__main__":
    main()
