"""The page cache (core.pagecache): a public page read twice is made once; whatever readers could
see change shows on the next request; nothing personal is ever kept or served from it."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.urls import path
from django.utils import timezone

from articles.models import Article, Byline
from core import pagecache
from core.middleware import STALE_WHILE_REVALIDATE_SECONDS
from tests.helpers import (
    form_values,
    make_article,
    make_author,
    make_campaign,
    make_topic,
    post_signup,
)
from tests.test_outage import database_down
from tests.test_security_headers import YEAR, assert_common_headers

pytestmark = pytest.mark.django_db


def text(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def from_the_copy(django_assert_num_queries):
    """`with from_the_copy():` the requests made inside are answered from copies: no query."""
    return lambda: django_assert_num_queries(0)


@pytest.fixture
def cache_calls(monkeypatch):
    """The names of the page cache's calls to the cache, in order: one per round trip."""
    calls, cache = [], pagecache.cache

    class Counted:
        def __getattr__(self, name):
            calls.append(name)
            return getattr(cache, name)

    monkeypatch.setattr(pagecache, "cache", Counted())
    return calls


# --- What a copy answers ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_page_read_again_comes_from_its_copy_without_a_query(client, from_the_copy, language):
    author, topic, campaign = make_author(), make_topic(), make_campaign()
    article = make_article(authors=[author], topics=[topic])
    urls = [
        f"/{language}/",
        f"/{language}/articles/",
        f"/{language}/articles/?page=1",
        article.url_in(language),
        author.url_in(language),
        topic.url_in(language),
        f"/{language}/feed/",
        f"/{language}/join/",
        f"/{language}/join/{campaign.in_language('slug', language)}/thanks/",
    ]
    made = [text(client, url) for url in urls]
    with from_the_copy():
        assert [text(client, url) for url in urls] == made


def test_a_read_from_a_copy_is_one_round_trip_to_the_cache_and_a_page_made_one_more(
    client, cache_calls
):
    article = make_article()  # its save sets the content version
    cache_calls.clear()
    text(client, article.url_in("en"))
    assert cache_calls == ["get_many", "set"]  # the page made, and its copy kept
    cache_calls.clear()
    text(client, article.url_in("en"))
    assert cache_calls == ["get_many"]  # no write per read


def test_a_copy_has_the_headers_of_the_page_it_copies(settings, from_the_copy):
    """The request id, the security headers and the CSP come from the middleware around the page
    cache: a copy gets them as the page made does; only the request id differs."""
    settings.SECURE_HSTS_SECONDS = YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    client = Client()  # its middleware is built at its first request, with the settings above
    url = make_article().url_in("ar")
    made = client.get(url, secure=True)
    with from_the_copy():
        copy = client.get(url, secure=True)
    assert copy.content == made.content
    for response in (made, copy):
        assert_common_headers(response)
        assert response["Content-Security-Policy"] and response["X-Request-ID"]
    assert copy["X-Request-ID"] != made["X-Request-ID"]
    del made["X-Request-ID"], copy["X-Request-ID"]
    assert dict(copy.headers) == dict(made.headers)
    assert made["X-Frame-Options"] == "DENY" and made["Content-Language"] == "ar"


def test_public_pages_tell_a_cdn_how_long_to_keep_them_and_when_to_serve_them_stale(client):
    response = client.get("/en/")
    assert response["Cache-Control"] == (
        f"public, max-age={settings.PUBLIC_CACHE_SECONDS}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE_SECONDS}, "
        f"stale-if-error={settings.STALE_PAGE_SECONDS}"
    )


def test_arabic_and_english_pages_are_copies_of_their_own(client, from_the_copy):
    article = make_article(title_ar="مقال بالعربية", title_en="An article in English")
    urls = ["/ar/", "/en/", article.url_in("ar"), article.url_in("en")]
    made = [text(client, url) for url in urls]
    assert "مقال بالعربية" in made[0] and "An article in English" not in made[0]
    assert "An article in English" in made[1]
    with from_the_copy():
        assert [text(client, url) for url in urls] == made


def test_a_head_request_is_answered_from_the_copy(client, from_the_copy):
    url = make_article().url_in("en")
    made = client.get(url)
    with from_the_copy():
        head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == made["ETag"] and head["Content-Length"] == made["Content-Length"]


# --- Conditional requests --------------------------------------------------------------------


def test_a_conditional_get_for_the_same_page_gets_304(client, from_the_copy):
    url = make_article().url_in("en")
    etag = client.get(url)["ETag"]
    with from_the_copy():
        not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and "public" in not_modified["Cache-Control"]


def test_the_etag_changes_with_the_page_and_a_page_made_again_the_same_keeps_it(client):
    article = make_article()
    etag = client.get(article.url_in("en"))["ETag"]
    make_topic()  # a change no page shows: copies are made again, the same as before
    assert client.get(article.url_in("en"), headers={"If-None-Match": etag}).status_code == 304
    article.title_en = "A corrected title"
    article.save()
    changed = client.get(article.url_in("en"), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


# --- Changes show on the next request ----------------------------------------------------------


def test_publishing_and_unpublishing_show_at_once(client):
    article = make_article(status=Article.Status.DRAFT, title_en="Observers report")
    assert "Observers report" not in text(client, "/en/")
    article.publish(None)
    assert "Observers report" in text(client, "/en/")
    article.unpublish(None)
    assert "Observers report" not in text(client, "/en/")
    assert client.get(article.url_in("en")).status_code == 404


def test_an_edit_shows_at_once(client):
    article = make_article(title_en="First title")
    assert "First title" in text(client, article.url_in("en"))
    article.title_en = "Corrected title"
    article.save()
    assert "Corrected title" in text(client, article.url_in("en"))


def test_an_edit_through_the_admin_shows_at_once(editor_client):
    reader = Client()  # not the editor's: `client` is signed in as the editor here
    article = make_article(title_en="Before the edit", topics=[make_topic()])
    assert "Before the edit" in text(reader, "/en/articles/")
    change_url = f"/admin/articles/article/{article.pk}/change/"
    form = form_values(editor_client.get(change_url).content.decode())
    assert editor_client.post(change_url, form | {"title_en": "After the edit"}).status_code == 302
    listing = text(reader, "/en/articles/")
    assert "After the edit" in listing and "Before the edit" not in listing


def test_deleting_an_article_shows_at_once(client):
    article = make_article(title_en="Soon withdrawn")
    assert "Soon withdrawn" in text(client, "/en/")
    article.delete()
    assert "Soon withdrawn" not in text(client, "/en/")


def test_author_changes_show_at_once(client):
    author = make_author(name_en="Rana Haddad")
    article = make_article(authors=[author])
    assert "Rana Haddad" in text(client, article.url_in("en"))
    author.name_en = "Rana Al-Haddad"
    author.save()
    assert "Rana Al-Haddad" in text(client, article.url_in("en"))
    Byline.objects.create(article=article, author=make_author(name_en="Omar Said"), position=1)
    assert "Omar Said" in text(client, article.url_in("en"))


def test_topic_changes_show_at_once(client):
    topic = make_topic(name_en="Press freedom")
    article = make_article(title_en="A newspaper closed")
    assert "A newspaper closed" not in text(client, topic.url_in("en"))
    article.topics.add(topic)
    assert "A newspaper closed" in text(client, topic.url_in("en"))
    topic.name_en = "Freedom of the press"
    topic.save()
    assert "Freedom of the press" in text(client, article.url_in("en"))
    article.topics.remove(topic)
    assert "A newspaper closed" not in text(client, topic.url_in("en"))


def test_campaign_changes_show_at_once(client):
    campaign = make_campaign(title_en="Free the journalists")
    article = make_article()
    assert "Free the journalists" in text(client, "/en/join/")
    campaign.title_en = "Free all journalists"
    campaign.save()
    assert "Free all journalists" in text(client, "/en/join/")
    # The article's own campaign leads its "Join" buttons (campaigns.templatetags).
    own = make_campaign(featured=False)
    assert own.url_in("en") not in text(client, article.url_in("en"))
    own.articles.add(article)
    assert own.url_in("en") in text(client, article.url_in("en"))
    campaign.delete()
    assert "Free all journalists" not in text(client, "/en/join/")


def wait_until(moment):
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)


def test_a_scheduled_article_appears_when_its_time_comes_with_nobody_saving(client, from_the_copy):
    goes_live = timezone.now() + timedelta(seconds=1)
    make_article(title_en="Embargoed report", publish_at=goes_live)
    assert "Embargoed report" not in text(client, "/en/")
    with from_the_copy():
        assert "Embargoed report" not in text(client, "/en/")
    wait_until(goes_live)
    assert "Embargoed report" in text(client, "/en/")


def test_a_campaign_opens_and_closes_on_time_with_nobody_saving(client):
    opens = timezone.now() + timedelta(seconds=1)
    make_campaign(
        title_en="Count every vote", opens_at=opens, closes_at=opens + timedelta(seconds=1)
    )
    assert "Count every vote" not in text(client, "/en/join/")
    wait_until(opens)
    assert "Count every vote" in text(client, "/en/join/")
    wait_until(opens + timedelta(seconds=1))
    assert "Count every vote" not in text(client, "/en/join/")


def test_signups_leave_the_copies_alone(client, from_the_copy):
    """Supporters sign up all the time: their counts are on the campaign's own page, never
    cached, and a signup must not make every other page be made again."""
    campaign = make_campaign()
    text(client, "/en/")
    assert post_signup(Client(), campaign, "en").status_code == 302
    with from_the_copy():
        text(client, "/en/")


def test_a_copy_is_made_again_once_older_than_page_cache_seconds(client, settings, cache_calls):
    settings.PAGE_CACHE_SECONDS = 1
    make_article()
    text(client, "/en/")
    cache_calls.clear()
    text(client, "/en/")
    assert cache_calls == ["get_many"]
    time.sleep(1.05)
    text(client, "/en/")
    assert cache_calls == ["get_many", "get_many", "set"]  # made again, and kept


# --- Nothing personal ------------------------------------------------------------------------


def test_a_request_with_a_session_cookie_neither_gets_a_copy_nor_leaves_one(client, from_the_copy):
    article = make_article()
    editor = Client()
    editor.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    first = editor.get(article.url_in("en"))
    assert "private" in first["Cache-Control"] and "ETag" not in first
    reader = text(client, article.url_in("en"))  # made: the editor's request left no copy
    again = editor.get(article.url_in("en"))
    assert "private" in again["Cache-Control"] and "ETag" not in again  # made, not the copy
    with from_the_copy():
        assert text(client, article.url_in("en")) == reader


def test_a_signed_in_editor_never_gets_a_copy(editor_client):
    article = make_article(title_en="Read by everyone")
    text(Client(), article.url_in("en"))  # a reader's: `client` is signed in as the editor
    page = editor_client.get(article.url_in("en"))
    assert "public" not in page["Cache-Control"] and "ETag" not in page


def test_a_query_string_of_the_readers_invention_gets_no_copy(client, cache_calls):
    make_article()
    cache_calls.clear()
    for query in ("?utm_source=newsletter", "?page=1&page=1", "?page=01", "?q=x"):
        text(client, f"/en/articles/{query}")
        text(client, f"/en/articles/{query}")
    assert cache_calls == []  # neither looked up nor kept


views_called = []


def page_with_a_form(request):
    """A page using its reader's CSRF token, and not marked never_cache."""
    views_called.append("form")
    template = Template('<form method="post">{% csrf_token %}</form>')
    return HttpResponse(template.render(RequestContext(request)))


def plain_page(request):
    views_called.append("plain")
    return HttpResponse("<p>For everyone.</p>")


urlpatterns = i18n_patterns(path("form/", page_with_a_form), path("plain/", plain_page))


@pytest.mark.urls(__name__)
def test_a_page_with_a_csrf_token_is_never_kept(client):
    views_called.clear()
    for _ in range(2):
        for url in ("/en/form/", "/en/plain/"):
            assert client.get(url).status_code == 200
    assert views_called == ["form", "plain", "form"]  # the plain page's copy answered


def test_the_campaign_page_and_its_form_are_never_kept(client):
    campaign = make_campaign()
    first = client.get(campaign.url_in("en"))
    assert "csrfmiddlewaretoken" in first.content.decode() and "ETag" not in first
    second = client.get(campaign.url_in("en"))
    assert "ETag" not in second and "no-store" in second["Cache-Control"]


# --- Switched off ----------------------------------------------------------------------------


def test_page_cache_seconds_0_makes_every_page_anew(client, settings, cache_calls):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()
    cache_calls.clear()
    etags = {client.get(article.url_in("en"))["ETag"] for _ in range(3)}
    assert len(etags) == 1  # validators still sent
    # Never looked up: each page is made, and its copy kept only to stand in for an outage,
    # once a minute, not at every read.
    assert cache_calls == ["set"]
    pagecache.outage_copies_kept[next(iter(pagecache.outage_copies_kept))] -= 61
    client.get(article.url_in("en"))
    assert cache_calls == ["set", "set"]


# --- While the database is down -----------------------------------------------------------------


def test_a_fresh_copy_answers_as_usual_while_the_database_is_down(client):
    url = make_article().url_in("en")
    made = client.get(url)
    with database_down():
        copy = client.get(url)
    assert copy.status_code == 200 and copy.content == made.content
    assert "X-Stale-Copy" not in copy and copy["Cache-Control"] == made["Cache-Control"]


def test_a_copy_out_of_date_stands_in_marked_stale_while_the_database_is_down(client):
    article = make_article(title_en="As first published")
    made = client.get(article.url_in("en"))
    article.title_en = "As corrected"
    article.save()
    with database_down():
        stale = client.get(article.url_in("en"))
    assert stale.status_code == 200 and stale.content == made.content
    assert stale["X-Stale-Copy"] and stale["Cache-Control"] == "public, max-age=60"
    assert "As corrected" in text(client, article.url_in("en"))  # and fresh once it is back


def test_a_change_makes_copies_out_of_date_again_once_committed(
    client, django_capture_on_commit_callbacks
):
    """A reader's page made between the change and its commit shows the rows as they were: it
    must not pass for a page of the new version."""
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.title_en = "Committed title"
        article.save()
        during = pagecache.cache.get(pagecache.VERSION_KEY)
    assert callbacks
    assert pagecache.cache.get(pagecache.VERSION_KEY) not in (None, during)


def test_a_new_cache_gets_a_version_and_the_next_scheduled_change_from_its_first_page(client):
    """A flushed Redis has lost both: the first page made sets them, and is kept under the
    version it found, none; the page is made once more under the new one."""
    make_article(publish_at=timezone.now() + timedelta(days=1))
    pagecache.cache.clear()
    text(client, "/en/")
    version = pagecache.cache.get(pagecache.VERSION_KEY)
    assert version is not None
    assert pagecache.cache.get(pagecache.NEXT_CHANGE_KEY) > time.time() + 3600
    text(client, "/en/")
    assert pagecache.cache.get(pagecache.VERSION_KEY) == version  # no new version per page


def test_a_byline_hidden_by_a_writers_proposed_change_is_hidden_at_once(client):
    """Hiding a byline protects an author at risk: it applies to the live article at once, even
    while the rest of the writer's change waits for an editor."""
    author = make_author(name_en="Named Writer")
    article = make_article(authors=[author])
    assert "Named Writer" in text(client, article.url_in("en"))
    article.byline_mode = Article.BylineMode.ORGANISATION
    article.propose_change(None, topic_ids=[], author_ids=[author.pk])
    assert "Named Writer" not in text(client, article.url_in("en"))
