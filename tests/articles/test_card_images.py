"""Article cards on every list (home, articles, topic, author, search, related) show the
article's picture from the crops made on upload: responsive, lazy, sized, described in the page's
language; a card without a picture has none, and pictures cost no query."""

from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import images
from tests.helpers import jpeg_bytes, make_article, make_author, make_topic

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "en")
ALTS = {"ar": "متظاهرون أمام البرلمان", "en": "Protesters outside parliament"}


class Cards(HTMLParser):
    """Each card (or search result) of a page: its link, and its <img> and <source> tags."""

    def __init__(self):
        super().__init__()
        self.cards, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if (tag == "article" and "card" in classes) or (tag == "li" and "search-result" in classes):
            self._open = tag
            self.cards.append({"href": None, "imgs": [], "sources": []})
        elif self._open:
            card = self.cards[-1]
            if tag == "a" and card["href"] is None:
                card["href"] = attrs["href"]
            if tag == "img":
                card["imgs"].append(attrs)
            if tag == "source":
                card["sources"].append(attrs)

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None


def cards_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = Cards()
    parser.feed(response.content.decode())
    return {card["href"]: card for card in parser.cards}


def with_picture(article, alt_ar=ALTS["ar"], alt_en=ALTS["en"], focal=(0.5, 0.5)):
    article.hero_focal_x, article.hero_focal_y = focal
    article.hero_image.save("photo.jpg", ContentFile(jpeg_bytes()), save=False)
    article.hero_alt_ar, article.hero_alt_en = alt_ar, alt_en
    article.save()
    return article


def crop(article, kind, ext="jpg"):
    return images.crop_url(
        article.hero_image, kind, article.hero_focal_x, article.hero_focal_y, ext
    )


def url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def lists():
    """A topic and an author with two articles, one with a picture (and a focal point) and one
    without; a third, featured, so the home has a row of cards beside its lead."""
    author, topic = make_author(), make_topic()
    pictured = with_picture(
        make_article(
            title_ar="متظاهرون يطالبون بالإفراج عن المعتقلين",
            title_en="Protesters call for the detainees' release",
            authors=[author],
            topics=[topic],
            featured=True,
        ),
        focal=(0.3, 0.7),
    )
    plain = make_article(authors=[author], topics=[topic], featured=True)
    # The home's lead (shown otherwise): the newest.
    make_article(authors=[author], topics=[topic], featured=True, publish_at=timezone.now())
    return {"author": author, "topic": topic, "pictured": pictured, "plain": plain}


def list_pages(language, lists):
    return {
        "home": url(language, "articles:home"),
        "list": url(language, "articles:list"),
        "topic": lists["topic"].url_in(language),
        "author": lists["author"].url_in(language),
        "search": url(language, "articles:search"),
        "search results": url(language, "articles:search")
        + "?q="
        + ("متظاهرون", "protesters")[language == "en"],
        "related": lists["plain"].url_in(language),  # the pictured one is related to it
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_list_shows_the_card_crop_lazy_sized_and_described(client, lists, language):
    pictured, plain = lists["pictured"], lists["plain"]
    for name, path in list_pages(language, lists).items():
        cards = cards_of(client, path)
        card = cards.get(pictured.url_in(language)) or pytest.fail(f"{name}: {list(cards)}")
        [img] = card["imgs"]
        assert img["src"] == crop(pictured, "thumb"), name  # the crop made on upload
        assert "-30-70.jpg" in img["src"], name  # ...around the article's focal point
        assert img["srcset"] == f"{crop(pictured, 'thumb')} 480w, {crop(pictured, 'card')} 1200w"
        assert img["alt"] == ALTS[language], name
        assert (img["width"], img["height"]) == ("1200", "630"), name  # no shift as it loads
        assert img["loading"] == "lazy", name
        assert img["sizes"], name
        [source] = card["sources"]
        assert source["type"] == "image/webp"
        assert source["srcset"] == (
            f"{crop(pictured, 'thumb', 'webp')} 480w, {crop(pictured, 'card', 'webp')} 1200w"
        )
        if name not in ("search results", "related"):  # not matched; the page itself
            assert cards[plain.url_in(language)]["imgs"] == [], name


def test_the_alt_text_is_the_page_language_or_none_never_the_other_language(client):
    article = with_picture(make_article(), alt_ar="وصف بالعربية", alt_en=None)
    for language, alt in (("ar", "وصف بالعربية"), ("en", "")):
        [img] = cards_of(client, url(language, "articles:list"))[article.url_in(language)]["imgs"]
        assert img["alt"] == alt  # present and empty: a picture the headline already names


def test_a_kept_card_keeps_its_picture(client, lists):
    path = url("en", "articles:list")
    first = cards_of(client, path)
    with CaptureQueriesContext(connection) as queries:
        second = cards_of(client, path)
    assert second == first
    assert not any("articles_byline" in query["sql"] for query in queries)  # cards were kept


@pytest.mark.parametrize("language", LANGUAGES)
def test_pictures_cost_no_query(client, language, django_assert_num_queries):
    author, topic = make_author(), make_topic()
    articles = [make_article(authors=[author], topics=[topic]) for _ in range(3)]
    paths = [
        url(language, "articles:home"),
        url(language, "articles:list"),
        topic.url_in(language),
        author.url_in(language),
        url(language, "articles:search") + "?q=" + ("مقال", "article")[language == "en"],
        articles[0].url_in(language),
    ]

    def counts():
        from django.core.cache import cache

        cache.clear()  # no kept card: every picture is made
        result = []
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            result.append(len(queries))
        return result

    without = counts()
    for article in articles:
        with_picture(article)
    assert counts() == without
    assert "<img" in client.get(url(language, "articles:list")).content.decode()
