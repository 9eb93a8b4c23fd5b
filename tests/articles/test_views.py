import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.helpers import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db

LANGUAGES = {"ar": "rtl", "en": "ltr"}


def url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def site():
    """One of each kind of public object, available in both languages."""
    author = make_author(photo=None)
    topic = make_topic(name_ar="حرية الصحافة", name_en="Press freedom")
    article = make_article(
        title_ar="صحافة بلا خوف",
        title_en="Journalism without fear",
        summary_ar="ملخص قصير.",
        summary_en="A short summary.",
        authors=[author],
        topics=[topic],
    )
    return {"article": article, "author": author, "topic": topic}


def public_pages(language, site):
    article, author, topic = site["article"], site["author"], site["topic"]
    return [
        url(language, "articles:home"),
        url(language, "articles:list"),
        article.url_in(language),
        author.url_in(language),
        topic.url_in(language),
        url(language, "campaigns:join"),
    ]


@pytest.mark.parametrize(("language", "direction"), LANGUAGES.items())
def test_every_page_answers_in_its_language_and_direction(client, site, language, direction):
    for page in public_pages(language, site):
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode(), page


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_set_no_cookie_and_are_publicly_cacheable(client, site, language):
    for page in public_pages(language, site):
        response = client.get(page)
        assert not response.cookies, page
        assert "Set-Cookie" not in response.headers, page
        cache_control = response.headers["Cache-Control"]
        assert "public" in cache_control, page
        assert re.search(r"max-age=[1-9]\d*", cache_control), page


def test_a_signed_in_editor_gets_pages_that_no_cache_may_keep(editor_client, site):
    response = editor_client.get(site["article"].url_in("en"))
    assert response.status_code == 200
    assert "public" not in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("en-GB,en;q=0.9", "/en/"), ("ar-EG,ar;q=0.9", "/ar/"), ("fr-FR", "/ar/"), (None, "/ar/")],
)
def test_root_redirects_by_accept_language_with_arabic_as_default(client, accept_language, target):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == target


def test_article_page_shows_all_its_parts(client, site):
    body = client.get(site["article"].url_in("ar")).content.decode()
    assert "صحافة بلا خوف" in body
    assert "ملخص قصير." in body
    assert "حرية الصحافة" in body  # topic
    assert 'class="author-box"' in body
    assert site["author"].name_ar in body
    assert f'href="{site["author"].url_in("ar")}"' in body
    assert 'href="/ar/join/"' in body  # call to action


def test_article_page_shows_the_date_with_arabic_month_names(client):
    article = make_article(publish_at=datetime(2026, 3, 14, 12, tzinfo=UTC))
    assert "مارس" in client.get(article.url_in("ar")).content.decode()
    assert "March" in client.get(article.url_in("en")).content.decode()


def test_switcher_goes_to_the_same_article_in_the_other_language(client, site):
    body = client.get(site["article"].url_in("ar")).content.decode()
    assert f'href="{site["article"].url_in("en")}" hreflang="en"' in body


def test_switcher_without_translation_goes_home_with_a_notice(client):
    arabic_only = make_article(languages=("ar",))
    body = client.get(arabic_only.url_in("ar")).content.decode()
    assert 'href="/en/?untranslated=1" hreflang="en"' in body

    notice = client.get("/en/?untranslated=1").content.decode()
    assert "not available in this language" in notice
    assert 'role="status"' in notice
    assert 'role="status"' not in client.get("/en/").content.decode()


def test_lists_in_a_language_show_only_articles_available_in_it(client):
    arabic_only = make_article(languages=("ar",), title_ar="مقال عربي فقط")
    english_only = make_article(languages=("en",), title_en="English only piece")
    for page in ("articles:home", "articles:list", "articles:feed"):
        arabic = client.get(url("ar", page)).content.decode()
        english = client.get(url("en", page)).content.decode()
        assert arabic_only.title_ar in arabic and english_only.title_en not in arabic, page
        assert english_only.title_en in english and arabic_only.title_ar not in english, page


def test_other_language_text_carries_its_own_lang_and_dir(client):
    author = make_author(bio_ar=None, bio_en="Writes in English only.")
    article = make_article(authors=[author])
    body = client.get(article.url_in("ar")).content.decode()
    assert '<div class="author-box__bio" lang="en" dir="ltr"><p>Writes in English only.</p>' in body
    english = client.get(article.url_in("en")).content.decode()
    assert '<div class="author-box__bio"><p>Writes in English only.</p>' in english


@pytest.mark.parametrize(
    "kind",
    ["draft", "scheduled", "other_language_only", "unknown"],
)
def test_unpublished_scheduled_and_untranslated_articles_are_404(client, kind):
    if kind == "draft":
        target = make_article(status=Article.Status.DRAFT).slug_en
    elif kind == "scheduled":
        target = make_article(publish_at=timezone.now() + timedelta(hours=1)).slug_en
    elif kind == "other_language_only":
        target = make_article(languages=("ar",)).slug_ar
    else:
        target = "no-such-article"
    response = client.get(f"/en/articles/{target}/")
    assert response.status_code == 404
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_404_page_is_in_the_language_of_the_url_and_offers_the_other(client):
    body = client.get("/ar/articles/missing/").content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "الصفحة غير موجودة" in body
    assert '<div class="other-language" lang="en" dir="ltr">' in body
    assert "Page not found" in body


def test_arabic_slug_works_end_to_end(client):
    article = make_article(title_ar="التنظيم المدني السلمي", title_en="Peaceful organising")
    path = reverse("articles:detail", kwargs={"slug": article.slug_ar})
    response = client.get(path)
    assert response.status_code == 200
    assert unquote(path) == "/ar/articles/التنظيم-المدني-السلمي/"
    assert "التنظيم المدني السلمي" in response.content.decode()
    assert client.get(unquote(path)).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/articles/?page=abc",
        "/en/articles/?page=99999",
        "/en/articles/?page=-1",
        "/en/articles/" + "a" * 3000 + "/",
        "/en/articles/bad%20slug%00/",
        "/en/articles/%ff%fe/",
        "/en/articles/<script>/",
        "/xx/articles/",
        "/en/topics/nothing/",
        "/en/authors/nobody/",
    ],
)
def test_bad_input_is_a_404_never_a_500(client, path):
    make_article()
    assert client.get(path).status_code == 404


def test_hostile_html_never_reaches_the_page(client):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        body_en='<p>ok</p><script>alert(1)</script><a href="javascript:alert(2)">x</a>'
    )  # update() skips save(), as a raw write would: the page must still be safe
    body = client.get(article.url_in("en")).content.decode()
    assert "<script>alert(1)" not in body
    assert "javascript:" not in body


def test_feed_is_per_language_with_xml_lang(client):
    make_article(title_ar="مقال للخلاصة", title_en="Feed article")
    arabic = client.get("/ar/feed/")
    assert arabic["Content-Type"].startswith("application/atom+xml")
    assert 'xml:lang="ar"' in arabic.content.decode()
    assert "مقال للخلاصة" in arabic.content.decode()
    assert 'xml:lang="en"' in client.get("/en/feed/").content.decode()


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_500_page_is_bilingual_and_needs_no_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/en/articles/x/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in body
    assert 'lang="en" dir="ltr"' in body
    assert "Something went wrong" in body or "something went wrong" in body


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_runs_a_fixed_number_of_queries_whatever_the_data_size(client, language):
    author, topic = make_author(), make_topic()
    first = make_article(authors=[author], topics=[topic], featured=True)
    # At most 5 queries a page, whatever the number of articles (issue 13's budget); 6 for an
    # article, whose first rendering also builds the campaign box and the footer's pages (both
    # kept between requests by core.fragments: later renderings run none of them).
    pages = {
        "detail": (lambda: first.url_in(language), 6),
        "home": (lambda: url(language, "articles:home"), 5),
        "list": (lambda: url(language, "articles:list"), 5),
        "author": (lambda: author.url_in(language), 5),
        "topic": (lambda: topic.url_in(language), 5),
        "feed": (lambda: url(language, "articles:feed"), 5),
        "search": (lambda: f"{url(language, 'articles:search')}?q=article", 5),
    }

    def measure():
        return {name: queries_for(client, path()) for name, (path, _) in pages.items()}

    def grow_to(total):
        while Article.objects.count() < total:
            make_article(authors=[author, make_author()], topics=[topic], featured=True)

    # With a single article some prefetches have nothing to fetch, so it may run fewer.
    with_one = measure()
    grow_to(5)
    with_five = measure()
    grow_to(50)
    with_fifty = measure()

    for name, (_, budget) in pages.items():
        assert with_one[name] <= with_fifty[name] <= budget, name
        assert with_five[name] == with_fifty[name], name


def test_no_page_references_another_origin(client, site):
    for language in LANGUAGES:
        for page in public_pages(language, site):
            html = client.get(page).content.decode()
            # Share links lead out by design, fetched only when followed (test_sharing_links.py).
            html = re.sub(r'<ul class="share__list">.*?</ul>', "", html, flags=re.DOTALL)
            for reference in re.findall(r'(?:src|href|action)="([^"]*)"', html):
                # Canonical and hreflang links name this site's own pages by absolute URL.
                reference = reference.removeprefix(settings.SITE_URL)
                assert reference.startswith(("/", "#", "?")), (page, reference)


def selected_columns(queries):
    """What the queries on the article table read (the SELECT list, not the WHERE)."""
    return " ".join(
        query["sql"].split(" FROM ")[0] for query in queries if '"articles_article"' in query["sql"]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_never_read_article_bodies(client, language):
    """At 100,000 articles a list that reads bodies, to filter, count or show cards, reads
    gigabytes: lists filter on the availability columns and leave bodies and vectors out."""
    author, topic = make_author(), make_topic()
    for _ in range(3):
        make_article(authors=[author], topics=[topic], featured=True)
    paths = [
        url(language, "articles:home"),
        url(language, "articles:list"),
        url(language, "articles:feed"),
        url(language, "articles:search"),
        author.url_in(language),
        topic.url_in(language),
    ]
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        read = selected_columns(queries.captured_queries)
        assert "body_" not in read and "search_" not in read, path
        assert not any("body_" in q["sql"].split(" FROM ")[-1] for q in queries), path


def test_lists_offer_their_newest_pages_only(client, monkeypatch):
    monkeypatch.setattr("core.pagination.MAX_PAGES", 2)
    for _ in range(25):
        make_article()
    page = client.get(url("en", "articles:list"), {"page": 2})
    assert page.status_code == 200
    assert page.context["paginator"].num_pages == 2  # 25 articles, 10 a page, 2 pages offered
    assert client.get(url("en", "articles:list"), {"page": 3}).status_code == 404


@pytest.mark.parametrize(
    ("language", "names", "byline"),
    [
        ("ar", ["سلمى حداد", "كريم ناصر"], "بقلم سلمى حداد وكريم ناصر"),
        (
            "en",
            ["Salma Haddad", "Karim Nasser", "Rana Al-Husseini"],
            "By Salma Haddad, Karim Nasser and Rana Al-Husseini",
        ),
        ("ar", ["سلمى حداد", "كريم ناصر", "رنا الحسيني"], "بقلم سلمى حداد، كريم ناصر ورنا الحسيني"),
    ],
)
def test_co_authors_are_joined_as_the_language_joins_a_list(client, language, names, byline):
    authors = [make_author(**{f"name_{language}": name}) for name in names]
    article = make_article(authors=authors)
    html = client.get(article.url_in(language)).content.decode()
    shown = re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", shown).startswith(byline + " ·")


def test_a_woman_author_is_not_labelled_with_the_masculine_word_for_author(client):
    salma = make_author(name_ar="سلمى حداد", slug="salma-haddad")
    article = make_article(authors=[salma])
    author_page = client.get(salma.url_in("ar")).content.decode()
    article_page = client.get(article.url_in("ar")).content.decode()
    assert "الكاتب" not in author_page
    assert "الكاتب" not in article_page
    assert 'aria-label="نبذة عن سلمى حداد"' in article_page
