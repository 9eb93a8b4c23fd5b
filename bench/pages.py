"""Print, for each public page in both languages: SQL queries, HTML bytes (raw and gzip), time.

make bench        (runs against the local database; `make run` fills it with demo content)
"""

import gzip
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

from articles.models import Article, Author, Topic  # noqa: E402

ROUNDS = 20


def pages(language):
    article = Article.objects.live().in_language(language).first()
    with translation.override(language):
        yield "home", reverse("articles:home")
        yield "list", reverse("articles:list")
        yield "feed", reverse("articles:feed")
    if article:
        yield "article", article.url_in(language)
    if author := Author.objects.filter(bylines__article=article).first():
        yield "author", author.url_in(language)
    if topic := Topic.objects.filter(articles=article).first():
        yield "topic", topic.url_in(language)


@override_settings(ALLOWED_HOSTS=["testserver"])
def main():
    client = Client()
    print(f"{'page':<12}{'queries':>8}{'bytes':>9}{'gzip':>8}{'median ms':>11}")
    for language in ("ar", "en"):
        for name, path in pages(language):
            reset_queries()  # the debug query log is capped; a full one would count nothing
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            timings = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            size = len(response.content)
            print(
                f"{language + ' ' + name:<12}{len(queries):>8}{size:>9}"
                f"{len(gzip.compress(response.content)):>8}{statistics.median(timings):>11.1f}"
            )


if __name__ == "__main__":
    main()
