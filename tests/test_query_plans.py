"""Every hot query can be served by an index: with sequential scans discouraged, PostgreSQL's plan
for each query a busy page runs reads no big table whole and sorts nothing it lists.

On a small test database the planner would rightly scan; `enable_seqscan = off` makes it show
whether an index path exists at all, which is what 100,000 articles and 1,000,000 signups need.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from campaigns.models import Signup
from tests.helpers import (
    make_article,
    make_author,
    make_campaign,
    make_staff,
    make_topic,
    staff_login,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]
BIG_TABLES = ('"articles_article"', '"campaigns_signup"')


def plans(client, path):
    """The plan of each query on a big table that GET `path` runs."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, headers={"Accept-Language": "en"}).status_code == 200
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and any(table in sql for table in BIG_TABLES):
                cursor.execute(f"EXPLAIN {sql}")
                found.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        cursor.execute("RESET enable_seqscan")
    return found


def assert_indexed(client, path):
    for sql, plan in plans(client, path):
        for table in ("articles_article", "campaigns_signup"):
            assert f"Seq Scan on {table}" not in plan, f"{path}\n{sql}\n{plan}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_lists_are_read_in_index_order(client, language):
    author, topic = make_author(), make_topic()
    article = make_article(authors=[author], topics=[topic], featured=True)
    paths = [
        f"/{language}/",
        f"/{language}/articles/",
        f"/{language}/articles/?page=1",
        author.url_in(language),
        topic.url_in(language),
        article.url_in(language),
    ]
    for path in paths:
        assert_indexed(client, path)
        for sql, plan in plans(client, path):
            if "ORDER BY" in sql and "articles_article" in sql and "LIMIT" in sql:
                assert "Sort" not in plan or "Index" in plan, f"{path}\n{plan}"


def test_the_signup_list_its_filters_search_and_the_dashboard_use_indexes(client):
    campaign = make_campaign()
    for n in range(3):
        Signup.objects.create(
            campaign=campaign,
            email=f"s{n}@example.org",
            full_name="S",
            language="en",
            country="EG",
            sources=[{"source": "newsletter"}],
        )
    staff_login(client, make_staff("Campaign manager"))
    changelist = "/admin/campaigns/signup/"
    for query in (
        "",
        f"?campaign__id__exact={campaign.pk}",
        "?country=EG",
        "?source=newsletter",
        "?q=s1@example.org",
        "?confirmed=yes",
    ):
        assert_indexed(client, changelist + query)
    assert_indexed(client, f"/admin/campaigns/campaign/{campaign.pk}/dashboard/")


def test_the_article_list_is_not_sorted_at_all():
    """Newest first straight from the language's partial index: no sort of 100,000 rows."""
    make_article()
    queryset = Article.objects.live().in_language("ar").listed()[:10]
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "article_public_ar" in plan and "Sort" not in plan, plan
