"""Kept parts of pages (core.fragments): a page the page cache does not answer (the cache off, a
query string, a session cookie) is made from parts kept between requests, with a query or two;
whatever readers could see change shows on the next request all the same."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import fragments, pagecache
from tests.core.test_page_cache import (  # the same changes, seen through kept parts alone
    test_an_edit_shows_at_once,
    test_author_changes_show_at_once,
    test_campaign_changes_show_at_once,
    test_deleting_an_article_shows_at_once,
    test_publishing_and_unpublishing_show_at_once,
    test_topic_changes_show_at_once,
    text,
    wait_until,
)
from tests.helpers import make_article, make_author, make_campaign, make_topic

pytestmark = pytest.mark.django_db

__all__ = [
    "test_an_edit_shows_at_once",
    "test_author_changes_show_at_once",
    "test_campaign_changes_show_at_once",
    "test_deleting_an_article_shows_at_once",
    "test_publishing_and_unpublishing_show_at_once",
    "test_topic_changes_show_at_once",
]


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        made = text(client, url)
    return made, len(captured)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_page_made_again_takes_its_kept_parts_and_a_query_or_two(client, language):
    author, topic = make_author(), make_topic()
    article = make_article(authors=[author], topics=[topic], featured=True)
    make_article(authors=[author], topics=[topic])  # a related article, a second card
    make_campaign(featured=True)
    kept = {  # queries once the parts are kept: what the page must still ask
        article.url_in(language): 1,  # the article (a 404 for an unknown one)
        f"/{language}/": 2,  # the featured articles and the latest ones
        f"/{language}/articles/": 1,  # the page's articles (their count is kept)
        topic.url_in(language): 2,  # the topic and the page's articles
    }
    for url, budget in kept.items():
        pagecache.content_changed()  # parts kept by the pages before (shared cards) out of date
        first, made = queries(client, url)
        again, taken = queries(client, url)
        assert again == first, url
        assert taken == budget < made, url


def test_a_kept_count_of_a_list_follows_what_is_published(client):
    for _ in range(10):  # one page
        make_article()
    assert "?page=2" not in text(client, "/en/articles/")
    make_article()
    assert "?page=2" in text(client, "/en/articles/")


def test_each_language_keeps_its_own_parts(client):
    article = make_article(title_ar="تقرير المراقبين", title_en="Observers report")
    for _ in range(2):
        assert "Observers report" in text(client, article.url_in("en"))
        assert "تقرير المراقبين" in text(client, article.url_in("ar"))
        assert "Observers report" in text(client, "/en/")
        assert "Observers report" not in text(client, "/ar/")


def test_a_related_article_scheduled_appears_in_kept_parts_when_its_time_comes(client):
    topic = make_topic()
    article = make_article(topics=[topic])
    goes_live = timezone.now() + timedelta(seconds=1)
    make_article(title_en="Embargoed report", topics=[topic], publish_at=goes_live)
    assert "Embargoed report" not in text(client, article.url_in("en"))
    assert "Embargoed report" not in text(client, article.url_in("en"))  # from its kept parts
    wait_until(goes_live)
    assert "Embargoed report" in text(client, article.url_in("en"))


def test_without_a_cache_every_part_is_made_and_nothing_is_kept(client, monkeypatch):
    """Redis down: `get_many` finds nothing (core.outage's fail-soft cache), nothing is kept."""
    article = make_article(title_en="Observers report", authors=[make_author()])
    monkeypatch.setattr(fragments.cache, "get_many", lambda keys: {})
    monkeypatch.setattr(fragments.cache, "get", lambda key, default=None: default)
    kept = []
    monkeypatch.setattr(fragments.cache, "set", lambda *args, **kwargs: kept.append(args[0]))
    _first, made = queries(client, article.url_in("en"))
    again, made_again = queries(client, article.url_in("en"))
    assert "Observers report" in again and made_again == made
    assert not [key for key in kept if key.startswith("fragment:")]


def test_a_new_release_or_configuration_never_uses_parts_kept_by_another(client, settings):
    settings.SITE_URL = "https://news.example.org"
    fragments.release.cache_clear()
    article = make_article()
    assert "https://news.example.org/" in text(client, article.url_in("en"))  # canonical link
    settings.SITE_URL = "https://news.example.net"
    fragments.release.cache_clear()  # as a new process does: the release is found once
    try:
        page = text(client, article.url_in("en"))
        assert "https://news.example.net/" in page and "news.example.org" not in page
    finally:
        fragments.release.cache_clear()
