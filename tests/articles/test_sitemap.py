"""/sitemap.xml, an index of pages that list every public page once (hreflang alternates for the
languages an object really has), and /robots.txt."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import images
from articles.models import Article, PreviewLink
from articles.sitemaps import BilingualSitemap
from tests.helpers import make_article, make_author, make_campaign, make_topic, uploaded_jpeg

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def public_site(settings):
    settings.SITE_URL = SITE_URL
    # The CDN reaches the app server under a name readers never see.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "origin.internal"]


def fetch_xml(client, path):
    response = client.get(path, HTTP_HOST="origin.internal")
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


def sitemap_pages(client):
    """The path of each page the index at /sitemap.xml lists, in its order."""
    root = fetch_xml(client, "/sitemap.xml")
    assert root.tag == f"{SITEMAP}sitemapindex"
    locations = [entry.findtext(f"{SITEMAP}loc") for entry in root.findall(f"{SITEMAP}sitemap")]
    assert len(set(locations)) == len(locations)
    assert all(location.startswith(f"{SITE_URL}/sitemap-") for location in locations), locations
    return [location.removeprefix(SITE_URL) for location in locations]


def fetch_sitemap(client, pages=None):
    """{location: its alternates, lastmod and images} over every page of the index."""
    urls = {}
    for page in pages or sitemap_pages(client):
        root = fetch_xml(client, page)
        assert root.tag == f"{SITEMAP}urlset"
        for url in root.findall(f"{SITEMAP}url"):
            location = url.findtext(f"{SITEMAP}loc")
            assert location not in urls, f"listed twice: {location}"
            alternates = {}
            for link in url.findall(f"{XHTML}link"):
                assert link.get("rel") == "alternate"
                assert link.get("hreflang") not in alternates
                alternates[link.get("hreflang")] = link.get("href")
            urls[location] = {
                "alternates": alternates,
                "lastmod": url.findtext(f"{SITEMAP}lastmod"),
                "images": [image.findtext(f"{IMAGE}loc") for image in url.findall(f"{IMAGE}image")],
                "page": page,
            }
    return urls


def sitemap_text(client):
    """The index and all its pages, as one text."""
    return "".join(
        client.get(path).content.decode() for path in ["/sitemap.xml", *sitemap_pages(client)]
    )


def absolute(path):
    return f"{SITE_URL}{path}"


def test_article_in_both_languages_is_listed_in_each_with_both_alternates(client):
    article = make_article()
    urls = fetch_sitemap(client)
    arabic, english = absolute(article.url_in("ar")), absolute(article.url_in("en"))
    expected = {"ar": arabic, "en": english, "x-default": arabic}
    assert urls[arabic]["alternates"] == expected
    assert urls[english]["alternates"] == expected


@pytest.mark.parametrize("language", ["ar", "en"])
def test_article_in_one_language_has_no_alternate_in_the_other(client, language):
    article = make_article(languages=(language,))
    urls = fetch_sitemap(client)
    own = absolute(article.url_in(language))
    assert urls[own]["alternates"] == {language: own, "x-default": own}
    # The home and list pages, and the article in its own language only.
    assert urls.keys() - {own} == {
        absolute(f"/{code}/{page}") for code in ("ar", "en") for page in ("", "articles/")
    }


def test_only_live_articles_are_listed(client):
    live = make_article(title_en="Live")
    hidden = [
        make_article(status=Article.Status.DRAFT),
        make_article(status=Article.Status.REVIEW),
        make_article(status=Article.Status.UNPUBLISHED),
        make_article(publish_at=timezone.now() + timedelta(hours=1)),
    ]
    body = sitemap_text(client)
    assert absolute(live.url_in("en")) in body
    for article in hidden:
        for code in ("ar", "en"):
            assert article.in_language("slug", code) not in body


def test_previews_and_the_admin_never_appear(client, settings):
    draft = make_article(status=Article.Status.DRAFT)
    link = PreviewLink.objects.create(article=draft)
    make_article()
    body = sitemap_text(client)
    assert "/preview/" not in body
    assert link.token not in body
    assert f"/{settings.ADMIN_URL}" not in body


def test_lastmod_is_the_last_change_after_publication(client):
    article = make_article()
    edited = timezone.now() - timedelta(minutes=3)
    Article.objects.filter(pk=article.pk).update(updated_at=edited)
    scheduled = make_article(publish_at=timezone.now() + timedelta(minutes=5))
    # Saved before its time: it went live later than its last save.
    went_live = timezone.now() - timedelta(minutes=1)
    Article.objects.filter(pk=scheduled.pk).update(
        publish_at=went_live, updated_at=timezone.now() - timedelta(days=1)
    )
    urls = fetch_sitemap(client)
    for code in ("ar", "en"):
        assert datetime.fromisoformat(urls[absolute(article.url_in(code))]["lastmod"]) == edited
        lastmod = urls[absolute(scheduled.url_in(code))]["lastmod"]
        assert datetime.fromisoformat(lastmod) == went_live


def test_hero_image_is_listed_as_its_absolute_card_crop(client):
    article = make_article(
        hero_image=uploaded_jpeg(size=(1400, 800)),
        hero_credit="Handout",
        hero_alt_ar="صورة",
        hero_alt_en="A picture",
        hero_focal_x=0.3,
    )
    plain = make_article()
    urls = fetch_sitemap(client)
    card = images.crop_name(article.hero_image.name, "card", 0.3, 0.5, "jpg")
    assert default_storage.exists(card)
    for code in ("ar", "en"):
        assert urls[absolute(article.url_in(code))]["images"] == [
            absolute(default_storage.url(card))
        ]
        assert urls[absolute(plain.url_in(code))]["images"] == []


def test_urls_are_absolute_on_site_url_not_on_the_request_host(client):
    make_article(topics=[make_topic()], authors=[make_author()])
    make_campaign()
    urls = fetch_sitemap(client)
    every_url = [
        *urls,
        *(href for url in urls.values() for href in url["alternates"].values()),
        *(image for url in urls.values() for image in url["images"]),
    ]
    assert len(urls) >= 10
    assert all(url.startswith(f"{SITE_URL}/") for url in every_url), every_url


def test_every_listed_url_and_alternate_is_a_public_page(client):
    article = make_article(topics=[make_topic(name_en=None)], authors=[make_author()])
    make_article(languages=("en",), authors=article.authors.all())
    make_campaign(title_en=None)
    urls = fetch_sitemap(client)
    listed = set(urls) | {href for url in urls.values() for href in url["alternates"].values()}
    assert listed == set(urls) | {f"{SITE_URL}/"}, "an alternate that is not itself listed"
    for url in listed:
        response = client.get(url.removeprefix(SITE_URL))
        expected = 302 if url == f"{SITE_URL}/" else 200  # the root picks the language
        assert response.status_code == expected, url


def test_home_and_list_pages_exist_in_both_languages(client):
    urls = fetch_sitemap(client)
    assert urls[absolute("/ar/")]["alternates"] == {
        "ar": absolute("/ar/"),
        "en": absolute("/en/"),
        "x-default": absolute("/"),  # the root sends each reader to their language
    }
    assert urls[absolute("/en/articles/")]["alternates"] == {
        "ar": absolute("/ar/articles/"),
        "en": absolute("/en/articles/"),
        "x-default": absolute("/ar/articles/"),
    }


def test_topic_is_listed_in_the_languages_it_has(client):
    both = make_topic(name_ar="انتخابات", name_en="Elections")
    arabic_only = make_topic(name_en=None)
    urls = fetch_sitemap(client)
    assert urls[absolute(both.url_in("en"))]["alternates"] == {
        "ar": absolute(both.url_in("ar")),
        "en": absolute(both.url_in("en")),
        "x-default": absolute(both.url_in("ar")),
    }
    own = absolute(arabic_only.url_in("ar"))
    assert urls[own]["alternates"] == {"ar": own, "x-default": own}


def test_only_authors_a_live_byline_names_are_listed(client):
    named = make_author()
    make_article(authors=[named])
    at_risk = make_author()
    make_article(authors=[at_risk], byline_mode=Article.BylineMode.HIDDEN)
    make_article(authors=[at_risk], byline_mode=Article.BylineMode.ORGANISATION)
    not_yet = make_author()
    make_article(authors=[not_yet], status=Article.Status.DRAFT)
    body = sitemap_text(client)
    assert absolute(named.url_in("ar")) in body
    assert absolute(named.url_in("en")) in body
    assert at_risk.slug not in body
    assert not_yet.slug not in body


def test_open_campaigns_are_listed_in_their_languages(client):
    both = make_campaign()
    arabic_only = make_campaign(title_en=None)
    closed = make_campaign(closes_at=timezone.now() - timedelta(days=1))
    inactive = make_campaign(active=False)
    urls = fetch_sitemap(client)
    assert urls[absolute(both.url_in("en"))]["alternates"] == {
        "ar": absolute(both.url_in("ar")),
        "en": absolute(both.url_in("en")),
        "x-default": absolute(both.url_in("ar")),
    }
    own = absolute(arabic_only.url_in("ar"))
    assert urls[own]["alternates"] == {"ar": own, "x-default": own}
    body = sitemap_text(client)
    for campaign in (closed, inactive):
        assert campaign.slug_en not in body


def test_sitemap_is_publicly_cacheable(client):
    make_article()
    for path in ["/sitemap.xml", *sitemap_pages(client)]:
        response = client.get(path)
        assert "public" in response["Cache-Control"], path
        assert not response.cookies


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries]


def test_sitemap_runs_a_fixed_number_of_queries_whatever_the_data_size(client):
    def grow_to(total):
        while Article.objects.count() < total:
            make_article(authors=[make_author()], topics=[make_topic()])
            make_campaign()

    def counts():
        paths = ["/sitemap.xml", *sitemap_pages(client)]
        return {path: len(queries_for(client, path)) for path in paths}

    grow_to(2)
    with_two = counts()
    grow_to(20)
    # With pictures (their size stored, as saving an upload stores it).
    Article.objects.update(hero_image="articles/a.jpg", hero_width=1400, hero_height=800)
    assert counts() == with_two
    # The index: a COUNT per section but the fixed one. A page: its COUNT and its rows.
    assert with_two.pop("/sitemap.xml") <= 4
    assert max(with_two.values()) <= 2


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of at most 6 URLs (3 items in two languages) instead of 10,000."""
    monkeypatch.setattr(BilingualSitemap, "limit", 6)
    return 6


def test_the_index_lists_every_page_of_every_section_and_no_more(client, small_pages):
    for _ in range(7):
        make_article(authors=[make_author()], topics=[make_topic()])
    pages = sitemap_pages(client)
    # 7 articles, authors and topics, at 3 a page; the 2 fixed pages; no campaign (an empty page).
    assert pages == [
        "/sitemap-pages.xml",
        *(
            f"/sitemap-{section}.xml{page}"
            for section in ("articles", "authors", "topics")
            for page in ("", "?p=2", "?p=3")
        ),
        "/sitemap-campaigns.xml",
        "/sitemap-site-pages.xml",
    ]
    for beyond in ("/sitemap-articles.xml?p=4", "/sitemap-articles.xml?p=x", "/sitemap-x.xml"):
        assert client.get(beyond).status_code == 404, beyond


def test_every_live_article_is_on_exactly_one_page_and_no_page_exceeds_the_limit(
    client, small_pages
):
    articles = [make_article() for _ in range(10)]
    articles += [make_article(languages=("en",)), make_article(languages=("ar",))]
    make_article(status=Article.Status.DRAFT)
    pages = sitemap_pages(client)
    article_pages = [page for page in pages if page.startswith("/sitemap-articles.xml")]
    assert len(article_pages) == 4  # 12 live articles, 3 a page
    urls = fetch_sitemap(client, pages)  # which fails on a URL listed twice
    for page in pages:
        assert sum(url["page"] == page for url in urls.values()) <= small_pages, page
    listed = {url for url, details in urls.items() if details["page"] in article_pages}
    assert listed == {
        absolute(article.url_in(code))
        for article in articles
        for code in article.available_languages
    }
    # An article's languages are on one page: its alternates are listed next to it.
    for url in listed:
        assert {urls[other]["page"] for other in urls[url]["alternates"].values()} == {
            urls[url]["page"]
        }


def test_a_sitemap_page_reads_no_article_body(client):
    make_article(authors=[make_author()], topics=[make_topic()])
    make_campaign()
    for path in ["/sitemap.xml", *sitemap_pages(client)]:
        for sql in queries_for(client, path):
            assert "body_ar" not in sql and "body_en" not in sql, (path, sql)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_off_previews(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines
    assert "Disallow: /ar/preview/" in lines
    assert "Disallow: /en/preview/" in lines
    link = PreviewLink.objects.create(article=make_article(status=Article.Status.DRAFT))
    for code in ("ar", "en"):
        assert link.url_in(code).startswith(f"/{code}/preview/")
    assert "public" in response["Cache-Control"]


def test_robots_txt_keeps_crawlers_out_of_the_default_admin_and_never_names_a_moved_one(
    client, settings
):
    settings.ADMIN_URL = "admin/"  # well known: nothing to hide
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode().splitlines()
    # A moved admin is a hidden one; robots.txt is public, so it does not name it.
    settings.ADMIN_URL = "staff-door-7c41/"
    body = client.get("/robots.txt").content.decode()
    assert "staff-door" not in body and "/admin/" not in body
    assert "Disallow: /\n" not in body


@pytest.mark.parametrize("slug", ["free-elections", "الانتخابات-الحرة", "élection_2026", "١٢٣"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_sitemap_path_is_the_path_reverse_gives(slug, language):
    """Paths are put together around the slug (one reverse() per page, not per URL): they must
    be exactly what reverse() quotes."""
    from articles.sitemaps import slug_path
    from core.languages import url_in_language

    expected = url_in_language(language, "articles:detail", slug=slug)
    assert slug_path(language, "articles:detail", slug) == expected
