"""The articles' sitemap pages at scale: paged by primary key (no OFFSET, no COUNT), written from
rows, and exactly what the same pages made from models say."""

from urllib.parse import quote

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import set_script_prefix
from django.utils.http import RFC3986_SUBDELIMS
from hypothesis import given
from hypothesis import strategies as st

from articles import images
from articles.models import Article
from articles.sitemaps import (
    ArticleSitemap,
    BilingualSitemap,
    path_around_slug,
    quote_slug,
    urlset,
)
from core.links import absolute_url
from tests.helpers import make_article

pytestmark = pytest.mark.django_db

SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def public_site(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def three_a_page(monkeypatch):
    monkeypatch.setattr(BilingualSitemap, "limit", 6)


class ArticlesFromModels(BilingualSitemap):
    """The articles' section as the generic path makes it, from models and the helpers each page
    uses: what the rows must give, byte for byte."""

    def items(self):
        return Article.objects.live().order_by("pk")

    def lastmod(self, article):
        return article.last_changed

    def image(self, article):
        if article.hero_image:
            return images.crop_url(
                article.hero_image, "card", article.hero_focal_x, article.hero_focal_y
            )
        return None


def pictured_articles():
    """Articles in one or both languages, with odd slugs, pictures under plain names and not."""
    articles = [
        make_article(slug_ar="حرية-الصحافة", slug_en="press-freedom"),
        make_article(languages=("ar",), slug_ar="انتخابات_٢٠٢٦"),
        make_article(languages=("en",), slug_en="élection-libre"),
        make_article(slug_ar="١٢٣", slug_en="Mixed_Case-2026"),
        make_article(),
        make_article(),
    ]
    names = [
        "articles/0f3c.jpg",
        "articles/a photo é.png",
        "articles/../x.webp",
        "articles//double.jpg",
        "",
    ]
    for article, name, focal in zip(articles, names, (0.333, 0.0, 1.0, 0.5, 0.7), strict=False):
        Article.objects.filter(pk=article.pk).update(
            hero_image=name, hero_width=1400, hero_height=800, hero_focal_x=focal
        )
    return articles


def test_a_page_is_found_by_primary_key_without_offset_or_count(client, three_a_page):
    for _ in range(7):
        make_article()
    for page in ("", "?p=3"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/sitemap-articles.xml{page}").status_code == 200
        sqls = [query["sql"].upper() for query in queries]
        assert len(sqls) == 2, sqls  # the first and last live key, and the page's rows
        assert not any("OFFSET" in sql or "COUNT(" in sql for sql in sqls), sqls


def test_pages_with_missing_keys_hold_fewer_articles_and_every_live_one_once(three_a_page):
    articles = [make_article() for _ in range(10)]
    articles[1].delete()
    Article.objects.filter(pk__in=[articles[2].pk, articles[4].pk]).update(
        status=Article.Status.DRAFT
    )
    sitemap = ArticleSitemap()
    # Keys from the first live article's: 3 a page, whether or not each is still live.
    assert sitemap.num_pages() == 4
    pages = [list(ArticleSitemap().entries(page)) for page in range(1, 5)]
    assert [len(page) for page in pages] == [1, 2, 3, 1]
    listed = [url for page in pages for alternates, *_ in page for url in alternates.values()]
    live = [article for n, article in enumerate(articles) if n not in (1, 2, 4)]
    assert listed == [
        absolute_url(article.url_in(code)) for article in live for code in ("ar", "en")
    ]


def test_no_live_article_is_one_empty_page(client):
    make_article(status=Article.Status.DRAFT)
    assert ArticleSitemap().num_pages() == 1
    response = client.get("/sitemap-articles.xml")
    assert response.status_code == 200 and b"<url>" not in response.content
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404


def test_rows_give_exactly_what_models_give():
    pictured_articles()
    assert urlset(ArticleSitemap().entries(1)) == urlset(ArticlesFromModels().entries(1))


@pytest.mark.parametrize(
    ("script_prefix", "media_url"),
    [
        ("/news/", "/news/media/"),
        ("/news/", "/m/"),  # shorter than the script prefix: each URL made in full
        ("/", "https://cdn.example.org/media/"),
    ],
)
def test_rows_give_what_models_give_under_a_script_prefix_and_any_media_url(
    settings, script_prefix, media_url
):
    pictured_articles()
    settings.MEDIA_URL = media_url
    path_around_slug.cache_clear()  # reversed under the prefix of the moment
    set_script_prefix(script_prefix)
    try:
        assert urlset(ArticleSitemap().entries(1)) == urlset(ArticlesFromModels().entries(1))
    finally:
        set_script_prefix("/")
        path_around_slug.cache_clear()


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("renditions/articles/0f3c/card-33-50.jpg", True),
        ("x", True),
        ("a/b.c/d-e_f.webp", True),
        ("a b.jpg", False),
        ("a//b.jpg", False),
        ("a/./b.jpg", False),
        ("../b.jpg", False),
        ("/b.jpg", False),
        ("é.jpg", False),
        ("c:b.jpg", False),
        ("a?b#c.jpg", False),
    ],
)
@pytest.mark.parametrize("media_url", ["/media/", "/a/../media/", "https://cdn.example.org/m/"])
def test_a_plain_names_url_is_the_prefix_and_the_name(settings, name, plain, media_url):
    settings.MEDIA_URL = media_url
    assert images.is_plain_name(name) == plain
    if plain:
        prefix = images.plain_name_url_prefix(default_storage)
        assert prefix + name == default_storage.url(name)


def test_storages_other_than_the_file_systems_are_asked_for_each_url():
    class Signed(FileSystemStorage):
        def url(self, name):
            return super().url(name) + "?signature=1"

    assert images.plain_name_url_prefix(Signed()) is None
    assert images.plain_name_url_prefix(FileSystemStorage()) == "/media/"


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_a_slug_is_quoted_as_quote_does(slug):
    assert quote_slug(slug) == quote(slug, safe=RFC3986_SUBDELIMS + "/~:@")
