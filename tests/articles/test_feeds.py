"""Atom feeds: the whole site, a topic and an author, per language (/<lang>/…/feed/)."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.helpers import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_URL = "https://news.example.org"
KINDS = ("site", "topic", "author")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def author():
    return make_author()


@pytest.fixture
def topic():
    return make_topic(name_ar="حرية الصحافة", name_en="Press freedom")


def feed_path(kind, language, topic=None, author=None):
    with translation.override(language):
        if kind == "site":
            return reverse("articles:feed")
        if kind == "topic":
            return reverse(
                "articles:topic_feed", kwargs={"slug": topic.in_language("slug", language)}
            )
        return reverse("articles:author_feed", kwargs={"slug": author.slug})


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in entries(feed)]


def links(element, rel):
    return [link.get("href") for link in element.findall(f"{ATOM}link") if link.get("rel") == rel]


def timestamp(text):
    parsed = datetime.fromisoformat(text)  # RFC 3339, as Atom requires
    assert parsed.tzinfo is not None, text
    return parsed


def assert_atom_basics(feed):
    """What RFC 4287 requires of a feed and of each of its entries."""
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *entries(feed)):
        assert len(element.findall(f"{ATOM}id")) == 1
        assert element.findtext(f"{ATOM}id").strip()
        assert element.findtext(f"{ATOM}title").strip()
        assert len(element.findall(f"{ATOM}updated")) == 1
        timestamp(element.findtext(f"{ATOM}updated"))
        assert len(links(element, "alternate")) == 1
    assert len(links(feed, "self")) == 1
    ids = [entry.findtext(f"{ATOM}id") for entry in entries(feed)]
    assert len(ids) == len(set(ids))


def test_arabic_feed_is_valid_atom_in_arabic(client, author, topic):
    make_article(
        title_ar="صحافة بلا خوف",
        summary_ar="ملخص المقال.",
        authors=[author],
        topics=[topic],
    )
    make_article(title_ar="مقال ثان", topics=[topic])
    for kind in KINDS:
        feed = fetch(client, feed_path(kind, "ar", topic, author))
        assert_atom_basics(feed)
        assert feed.get(XML_LANG) == "ar"
        assert "صحافة بلا خوف" in titles(feed)
        assert links(feed, "self") == [SITE_URL + feed_path(kind, "ar", topic, author)]
    site_feed = fetch(client, "/ar/feed/")
    assert site_feed.findtext(f"{ATOM}title") == "تحالف من أجل الديمقراطية: أحدث المقالات"
    (signed,) = [e for e in entries(site_feed) if e.findtext(f"{ATOM}title") == "صحافة بلا خوف"]
    assert signed.findtext(f"{ATOM}summary") == "ملخص المقال."
    assert signed.findtext(f"{ATOM}author/{ATOM}name") == author.name_ar


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_feed_speaks_the_page_language(client, author, topic, kind, language):
    make_article(authors=[author], topics=[topic])
    feed = fetch(client, feed_path(kind, language, topic, author))
    assert_atom_basics(feed)
    assert feed.get(XML_LANG) == language
    assert feed.findtext(f"{ATOM}entry/{ATOM}title").startswith(
        "مقال رقم" if language == "ar" else "Article number"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_feed_lists_only_live_articles_available_in_its_language(client, author, topic, kind):
    def article(title, **fields):
        return make_article(title_en=title, authors=[author], topics=[topic], **fields)

    article("Live")
    article("English only", languages=("en",))
    make_article(languages=("ar",), authors=[author], topics=[topic], title_ar="عربي فقط")
    article("Draft", status=Article.Status.DRAFT)
    article("In review", status=Article.Status.REVIEW)
    article("Withdrawn", status=Article.Status.UNPUBLISHED)
    article("Scheduled", publish_at=timezone.now() + timedelta(hours=1))
    make_article(title_en="Elsewhere")  # another topic, no author

    english = titles(fetch(client, feed_path(kind, "en", topic, author)))
    arabic = titles(fetch(client, feed_path(kind, "ar", topic, author)))

    expected = ["Live", "English only"] + (["Elsewhere"] if kind == "site" else [])
    assert sorted(english) == sorted(expected)
    assert "عربي فقط" in arabic
    assert not any(title.startswith(("English only", "Draft", "Scheduled")) for title in arabic)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_entries_link_to_the_article_in_the_feed_language_on_the_public_site(
    client, author, topic, kind, language
):
    article = make_article(authors=[author], topics=[topic])
    # The host readers used is not the public name: links never come from the request.
    feed = fetch(client, feed_path(kind, language, topic, author))
    (entry,) = entries(feed)
    assert links(entry, "alternate") == [SITE_URL + article.url_in(language)]
    every_link = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert all(href.startswith(f"{SITE_URL}/{language}/") for href in every_link), every_link


def test_summary_is_given_in_full(client):
    summary = "A careful summary of the report, in full. " * 10
    make_article(summary_en=summary.strip())
    feed = fetch(client, "/en/feed/")
    assert entries(feed)[0].findtext(f"{ATOM}summary") == summary.strip()


def test_entry_id_survives_a_corrected_slug(client):
    article = make_article(title_en="First title")
    before = entries(fetch(client, "/en/feed/"))[0].findtext(f"{ATOM}id")
    article.slug_en = "corrected-title"
    article.save()
    after = entries(fetch(client, "/en/feed/"))[0]
    assert after.findtext(f"{ATOM}id") == before
    assert links(after, "alternate") == [f"{SITE_URL}/en/articles/corrected-title/"]


def test_entry_updated_is_never_before_publication(client):
    article = make_article(publish_at=timezone.now() + timedelta(minutes=5))
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=2))
    entry = entries(fetch(client, "/en/feed/"))[0]
    updated = timestamp(entry.findtext(f"{ATOM}updated"))
    assert updated >= timestamp(entry.findtext(f"{ATOM}published"))


def test_author_feed_leaves_out_articles_whose_byline_hides_the_author(client, author):
    make_article(title_en="Signed", authors=[author])
    make_article(
        title_en="Signed by the team",
        authors=[author],
        byline_mode=Article.BylineMode.ORGANISATION,
    )
    make_article(title_en="Unsigned", authors=[author], byline_mode=Article.BylineMode.HIDDEN)
    for language in ("ar", "en"):
        feed = fetch(client, feed_path("author", language, author=author))
        assert len(entries(feed)) == 1
    assert titles(fetch(client, feed_path("author", "en", author=author))) == ["Signed"]


@pytest.mark.parametrize("kind", ["site", "topic"])
def test_no_feed_names_an_author_the_byline_hides(client, author, topic, kind):
    for mode in (Article.BylineMode.ORGANISATION, Article.BylineMode.HIDDEN):
        make_article(authors=[author], topics=[topic], byline_mode=mode)
    for language in ("ar", "en"):
        body = client.get(feed_path(kind, language, topic, author)).content.decode()
        assert "<entry>" in body
        assert author.name_ar not in body and author.name_en not in body
        assert author.slug not in body


@pytest.mark.parametrize(
    "path",
    [
        "/en/topics/no-such-topic/feed/",
        "/ar/topics/no-such-topic/feed/",
        "/en/authors/no-such-author/feed/",
        "/ar/authors/no-such-author/feed/",
    ],
)
def test_unknown_slug_feed_is_404(client, path):
    make_topic()
    make_author()
    assert client.get(path).status_code == 404


def test_topic_feed_is_404_in_a_language_the_topic_lacks(client):
    topic = make_topic(name_en=None)
    make_article(topics=[topic])
    assert client.get(f"/ar/topics/{topic.slug_ar}/feed/").status_code == 200
    assert client.get(f"/en/topics/{topic.slug_ar}/feed/").status_code == 404


def test_author_feed_is_404_in_a_language_the_author_lacks(client):
    author = make_author(name_ar=None)
    make_article(authors=[author])
    assert client.get(f"/en/authors/{author.slug}/feed/").status_code == 200
    assert client.get(f"/ar/authors/{author.slug}/feed/").status_code == 404


def test_feeds_are_publicly_cacheable(client, author, topic):
    make_article(authors=[author], topics=[topic])
    for kind in KINDS:
        response = client.get(feed_path(kind, "ar", topic, author))
        assert "public" in response["Cache-Control"]
        assert not response.cookies


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_feed_runs_a_fixed_number_of_queries_whatever_the_data_size(
    client, author, topic, kind, language
):
    budget = 3  # the topic or author, the articles, their bylines with authors
    path = feed_path(kind, language, topic, author)

    def grow_to(total):
        while Article.objects.count() < total:
            make_article(authors=[author, make_author()], topics=[topic, make_topic()])

    grow_to(2)
    with_two = queries_for(client, path)
    grow_to(25)
    with_many = queries_for(client, path)
    assert with_two == with_many <= budget
