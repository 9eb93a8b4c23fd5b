"""Error pages: the ways on from a page that does not exist (search, the home page, the current
campaign, and the page in the other language where it exists there), and error pages made while
the database does not answer."""

import logging
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import path, reverse
from django.utils import translation

from articles.models import Article
from campaigns.views import SIGNUPS_PER_ADDRESS
from newsroom import urls as newsroom_urls
from tests.helpers import make_article, make_author, make_campaign, make_topic, signup_data
from tests.pages.helpers import make_page
from tests.test_outage import database_down

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("a bug in a view")


# This module is also the URLconf of the 500 page's test (pytest.mark.urls): the site's own, and
# its handler500, with one page that fails.
urlpatterns = [*newsroom_urls.urlpatterns, path("broken/", broken_view)]
handler500 = newsroom_urls.handler500


def main_of(response):
    """The page's <main>: the header's links (its search link, its campaign button) left out."""
    return re.search(r"<main.*?</main>", response.content.decode(), re.DOTALL).group()


def url(language, view_name, **kwargs):
    with translation.override(language):
        return reverse(view_name, kwargs=kwargs or None)


def other_language_link(response):
    """The address of the link to the same page in the other language, None without one."""
    found = re.search(r'<a href="([^"]+)" hreflang="(?:ar|en)">', main_of(response))
    return found and found.group(1)


def assert_ways_on(main, language):
    """A search form that works without JavaScript (GET, to the search page, field q), and the
    home page, in the page's language."""
    assert f'action="{url(language, "articles:search")}" method="get"' in main
    assert 'type="search"' in main and 'name="q"' in main
    assert f'href="{url(language, "articles:home")}"' in main


# --- What a 404 offers ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_404_offers_search_the_home_page_and_the_current_campaign(client, language):
    campaign = make_campaign()
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    main = main_of(response)
    assert_ways_on(main, language)
    title = campaign.title_ar if language == "ar" else campaign.title_en
    assert f'<a href="{campaign.url_in(language)}">{title}</a>' in main
    # The other language's words stay, for a reader who followed a link into the wrong one.
    other = "en" if language == "ar" else "ar"
    assert f'<div class="other-language" lang="{other}" dir=' in main


def test_a_404_offers_no_campaign_when_none_is_open_and_featured(client):
    make_campaign(active=False)
    make_campaign(featured=False)
    main = main_of(client.get("/en/no-such-page/"))
    assert_ways_on(main, "en")
    assert "current-campaign" not in main


def test_the_current_campaign_is_kept_between_404s(client, django_assert_num_queries):
    make_campaign()
    client.get("/en/no-such-page/")
    with django_assert_num_queries(0):  # the header's button and the page's campaign: both kept
        response = client.get("/en/another-missing-page/")
    assert "current-campaign" in main_of(response)


# --- The page in the other language --------------------------------------------------------


def english_only_list(client):
    """Eleven articles in English only: two pages of the English list, one (empty) Arabic."""
    for _ in range(11):
        make_article(languages=("en",))


@pytest.mark.parametrize(
    "case",
    [
        "article not written in this language",
        "article translation withdrawn",
        "language prefix changed by hand",
        "topic named in one language only",
        "campaign in one language only",
        "site page in one language only",
        "list page that only the other language has",
    ],
)
def test_a_404_links_to_the_page_in_the_other_language_where_it_exists(client, case):
    if case == "article not written in this language":
        article = make_article(languages=("en",))
        missing, there = f"/ar/articles/{article.slug_en}/", article.url_in("en")
    elif case == "article translation withdrawn":
        # Its Arabic title (and so its Arabic slug) stays, its Arabic body is gone.
        article = make_article(languages=("en",), title_ar="مقال سُحبت ترجمته")
        assert article.slug_ar and "ar" not in article.available_languages
        missing, there = f"/ar/articles/{article.slug_ar}/", article.url_in("en")
    elif case == "language prefix changed by hand":
        article = make_article()
        missing, there = f"/en/articles/{article.slug_ar}/", article.url_in("ar")
    elif case == "topic named in one language only":
        topic = make_topic(name_en=None)
        missing, there = f"/en/topics/{topic.slug_ar}/", topic.url_in("ar")
    elif case == "campaign in one language only":
        campaign = make_campaign(title_en=None)
        missing, there = f"/en/join/{campaign.slug_ar}/", campaign.url_in("ar")
    elif case == "site page in one language only":
        page = make_page(languages=("en",))
        missing, there = f"/ar/pages/{page.slug_en}/", page.url_in("en")
    else:
        english_only_list(client)
        missing, there = "/ar/articles/?page=2", "/en/articles/?page=2"
    response = client.get(missing)
    assert response.status_code == 404
    assert other_language_link(response) == there
    assert client.get(there).status_code == 200  # never a link to another 404


@pytest.mark.parametrize("change", ["deleted", "unpublished", "its English withdrawn"])
def test_the_link_goes_when_the_page_in_the_other_language_does(client, change):
    article = make_article(languages=("en",))
    missing, there = f"/ar/articles/{article.slug_en}/", article.url_in("en")
    assert other_language_link(client.get(missing)) == there
    if change == "deleted":
        article.delete()
    elif change == "unpublished":
        article.status = Article.Status.DRAFT
        article.save()
    else:
        article.body_en = None
        article.save()
    assert client.get(there).status_code == 404
    response = client.get(missing)
    assert response.status_code == 404
    assert other_language_link(response) is None


def test_a_list_page_is_linked_only_where_the_other_language_has_it(client):
    english_only_list(client)
    assert other_language_link(client.get("/ar/articles/?page=2")) == "/en/articles/?page=2"
    assert other_language_link(client.get("/ar/articles/?page=3")) is None
    assert client.get("/en/articles/?page=3").status_code == 404


@pytest.mark.parametrize(
    "case", ["unknown address", "slug in neither language", "author without a page"]
)
def test_a_404_with_no_other_version_offers_the_ways_on_and_no_other_language_link(client, case):
    if case == "unknown address":
        missing = "/en/no-such-page/"
    elif case == "slug in neither language":
        make_article()
        missing = "/en/articles/no-such-article/"
    else:
        missing = make_author().url_in("en")  # no live article names this author
    response = client.get(missing)
    assert response.status_code == 404
    assert other_language_link(response) is None
    assert_ways_on(main_of(response), "en")
    assert "other-language" in main_of(response)  # the other language's words, without it


def test_the_other_language_link_is_named_in_both_languages(client):
    """Asserts the new strings' Arabic: passes once the catalogue has them."""
    article = make_article(languages=("en",))
    main = main_of(client.get(f"/ar/articles/{article.slug_en}/"))
    assert 'hreflang="en">اقرؤوا هذه الصفحة بالإنجليزية</a>' in main
    assert f'<a href="{article.url_in("en")}">Read this page in English</a>' in main


def test_finding_the_other_language_page_costs_one_query(client, django_assert_num_queries):
    article = make_article(languages=("en",))
    make_campaign()
    client.get("/ar/no-such-page/")  # the campaign (button and offer) kept
    with django_assert_num_queries(2):  # the article's view, then the other language's page
        response = client.get(f"/ar/articles/{article.slug_en}/")
    assert other_language_link(response) == article.url_in("en")


# --- Without the database ------------------------------------------------------------------


def test_a_404_made_while_the_database_fails_is_still_a_404(client, caplog):
    make_campaign()
    cache.clear()  # as on a server just started: no content version yet to make pages under
    with database_down(), caplog.at_level(logging.WARNING):
        response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert_ways_on(main_of(response), "ar")
    assert "current-campaign" not in html
    assert any("without the database" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_503_page_offers_search_and_home_without_the_database(client, language):
    article = make_article()
    with database_down():
        response = client.get(article.url_in(language))
    assert response.status_code == 503
    assert_ways_on(main_of(response), language)


@pytest.mark.urls(__name__)
def test_the_500_page_offers_search_and_home_in_both_languages_without_the_database():
    with database_down():
        response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    for language in ("ar", "en"):
        # Written out in the template: still the addresses the URLconf gives.
        assert_ways_on(html, language)


# --- Other error pages ---------------------------------------------------------------------


def test_the_429_page_offers_search_and_home_and_says_when_to_try_again(client):
    campaign = make_campaign()
    for n in range(SIGNUPS_PER_ADDRESS + 1):
        response = client.post(campaign.url_in("en"), signup_data(email=f"p{n}@example.org"))
    assert response.status_code == 429
    main = main_of(response)
    assert_ways_on(main, "en")
    assert "Please try again in an hour." in main


def test_the_csrf_failure_page_offers_search_home_and_the_campaign():
    campaign = make_campaign()
    response = Client(enforce_csrf_checks=True).post(campaign.url_in("ar"), signup_data())
    assert response.status_code == 403
    main = main_of(response)
    assert_ways_on(main, "ar")
    assert f'<a href="{campaign.url_in("ar")}">{campaign.title_ar}</a>' in main
