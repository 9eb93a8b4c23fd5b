"""Saving an article costs the same whatever its byline holds, and announces one change to the
page cache however many rows the save writes (core.pagecache)."""

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core import pagecache
from tests.helpers import (
    article_form,
    form_values,
    make_article,
    make_author,
    make_topic,
    uploaded_jpeg,
)

pytestmark = pytest.mark.django_db

# Every query of a change form's POST whose searched texts are unchanged, on either database:
# the session, its user and their second factor; the article, its topics as they were and as
# sent, the version it was opened at, whether a byline names someone, each slug's uniqueness, its
# bylines with their authors; the UPDATE and the next scheduled changes (articles, campaigns) for
# the new content version; the topics to set; the revision (the row locked, the last number, the
# topics and authors it records, the INSERT, the version); the admin's log; the session saved;
# savepoints around them.
ADMIN_SAVE_BUDGET = 29


@pytest.fixture
def new_versions(monkeypatch):
    """The page cache's new versions made, in order (each a cache write and its queries)."""
    made = []
    make = pagecache.new_version

    def counted():
        made.append(make())
        return made[-1]

    monkeypatch.setattr(pagecache, "new_version", counted)
    return made


def pictured_article(authors):
    return make_article(
        authors=authors,
        topics=[make_topic()],
        hero_image=uploaded_jpeg(size=(1400, 800)),
        hero_credit="Handout",
        hero_alt_ar="صورة",
        hero_alt_en="A picture",
    )


def save_unchanged(client, article, **changes):
    """POST the article's change form as the admin shows it (but for `changes`): its image left
    as it is. The queries it ran."""
    url = f"/admin/articles/article/{article.pk}/change/"
    form = form_values(client.get(url).content.decode())
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, form | changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    return [query["sql"] for query in queries]


def test_an_admin_save_reads_as_much_for_three_authors_as_for_one(editor_client):
    one = pictured_article([make_author()])
    three = pictured_article([make_author() for _ in range(3)])
    queries = {article: save_unchanged(editor_client, article) for article in (one, three)}
    assert len(queries[one]) == len(queries[three]), "\n".join(queries[three])
    assert len(queries[three]) <= ADMIN_SAVE_BUDGET, "\n".join(queries[three])
    for article in (one, three):
        assert article.revisions.count() == 1  # saved, as a revision


def test_an_admin_save_makes_one_new_content_version_now_and_one_at_its_commit(
    editor_client, new_versions, django_capture_on_commit_callbacks
):
    article = pictured_article([make_author() for _ in range(3)])
    new_versions.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        save_unchanged(editor_client, article)
        assert len(new_versions) == 1  # the row, its topics and its revision: one change
    assert len(new_versions) == 2
    assert sum(getattr(callback, "func", None) is pagecache.new_version for callback in callbacks)


def in_a_request(change):
    """Run `change` as a view behind the page cache's middleware (as every request is)."""

    def view(request):
        change()
        return HttpResponse()

    pagecache.PageCacheMiddleware(view)(RequestFactory().post("/admin/"))


def test_a_change_after_a_rolled_back_one_in_the_same_request_is_announced(
    new_versions, django_capture_on_commit_callbacks
):
    def change():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    make_topic()
                    raise RuntimeError("the form failed")
            except RuntimeError:
                pass
            make_author()  # its new version at the commit is queued again

    with django_capture_on_commit_callbacks() as callbacks:
        in_a_request(change)
    assert len(new_versions) == 2
    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_each_transaction_of_a_request_is_announced_at_its_commit(new_versions):
    def change():
        for _ in range(2):
            with transaction.atomic():
                make_topic()
                make_topic()

    in_a_request(change)
    assert len(new_versions) == 4  # per transaction: one now, one at the commit


def test_outside_a_request_every_change_is_announced(new_versions):
    """A command, or a test reading pages between changes in one transaction: nothing tells
    when it is done, so each row saved makes its own version."""
    make_topic()
    make_topic()
    assert len(new_versions) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="vectors are stored on PostgreSQL")
def test_search_vectors_are_made_again_only_when_a_searched_text_changes(editor_client):
    article = pictured_article([make_author()])
    vectors = Article.objects.filter(pk=article.pk).values_list("search_en", flat=True)
    before = vectors.get()
    queries = save_unchanged(editor_client, article, hero_credit="Another credit", featured="on")
    assert not any("to_tsvector" in sql for sql in queries)
    assert vectors.get() == before
    save_unchanged(editor_client, article, title_en="Observers count every ballot")
    assert "ballot" in vectors.get() and vectors.get() != before


@pytest.mark.parametrize("second", ["same", "unknown"])
def test_bylines_found_among_rows_read_once_are_checked_as_ever(editor_client, second):
    """Two bylines naming one author, or an author that does not exist: a form error, as
    without BylineFormSet's shortcuts, never a failed INSERT."""
    author = make_author()
    data = article_form(
        **{
            "bylines-TOTAL_FORMS": "2",
            "bylines-0-author": author.pk,
            "bylines-1-author": author.pk if second == "same" else author.pk + 1000,
            "bylines-1-position": "1",
        }
    )
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert not Article.objects.filter(title_ar=data["title_ar"]).exists()
