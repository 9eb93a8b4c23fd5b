"""What a link to a public page shows when shared, and what search engines read from it:
canonical URL, hreflang alternates, Open Graph, Twitter card, NewsArticle JSON-LD."""

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from articles.models import Article
from tests.helpers import jpeg_bytes, make_article, make_author, make_campaign, make_topic

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "en")
OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}


class SharingTags(HTMLParser):
    """The head's sharing tags: canonical, {hreflang: href}, {meta name: [contents]}, JSON-LD."""

    def __init__(self):
        super().__init__()
        self.canonicals, self.alternates = [], {}
        self.meta = defaultdict(list)
        self.json_ld, self._in_json_ld = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            assert attrs["hreflang"] not in self.alternates, attrs
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            self.meta[key].append(attrs.get("content"))
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def one(self, key):
        [value] = self.meta[key]
        return value

    @property
    def canonical(self):
        [url] = self.canonicals
        return url

    @property
    def news_article(self):
        [text] = self.json_ld
        return json.loads(text)


def sharing(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = SharingTags()
    parser.feed(response.content.decode())
    return parser


def site_url(path):
    return f"{settings.SITE_URL}{path}"


def url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def site_names():
    names = {}
    for code in LANGUAGES:
        with translation.override(code):
            names[code] = str(settings.SITE_NAME)
    return names


def with_hero(article, size=(1600, 1000), alt_ar="متظاهرون أمام البرلمان", alt_en="Protesters"):
    article.hero_image.save("hero.jpg", ContentFile(jpeg_bytes(size=size)), save=False)
    article.hero_alt_ar, article.hero_alt_en, article.hero_credit = alt_ar, alt_en, "Handout"
    article.save()  # writes the renditions, the 1200×630 card among them
    return article


@pytest.fixture
def site():
    author = make_author(name_ar="رنا الحسيني", name_en="Rana Al-Husseini", slug="rana")
    topic = make_topic(name_ar="حرية الصحافة", name_en="Press freedom")
    article = make_article(
        title_ar="صحافة بلا خوف",
        title_en="Journalism without fear",
        summary_ar="ملخص قصير.",
        summary_en="A short summary.",
        authors=[author],
        topics=[topic],
    )
    campaign = make_campaign(title_ar="حملة الصحافة الحرة", title_en="Free press campaign")
    return {"article": article, "author": author, "topic": topic, "campaign": campaign}


def every_page(site):
    """{kind: ({language: path}, og:type, {language: og:title})} of each kind of public page."""
    article, author, topic, campaign = (site[k] for k in ("article", "author", "topic", "campaign"))

    def paths(name=None, obj=None):
        return {code: obj.url_in(code) if obj else url(code, name) for code in LANGUAGES}

    def titles(obj, field):
        return {code: obj.in_language(field, code) for code in LANGUAGES}

    return {
        "home": (paths("articles:home"), "website", site_names()),
        "list": (paths("articles:list"), "website", {"ar": "المقالات", "en": "Articles"}),
        "article": (paths(obj=article), "article", titles(article, "title")),
        "author": (paths(obj=author), "website", titles(author, "name")),
        "topic": (paths(obj=topic), "website", titles(topic, "name")),
        "join": (
            paths("campaigns:join"),
            "website",
            {"ar": "انضموا إلى الحركة", "en": "Join the movement"},
        ),
        "campaign": (paths(obj=campaign), "website", titles(campaign, "title")),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_names_its_canonical_url_and_its_translation(client, site, language):
    other = "en" if language == "ar" else "ar"
    for kind, (paths, og_type, titles) in every_page(site).items():
        tags = sharing(client, paths[language])
        assert tags.canonical == site_url(paths[language]), kind
        assert urlsplit(tags.canonical).scheme in ("http", "https"), kind
        assert tags.one("og:url") == tags.canonical, kind
        assert tags.alternates == {
            "ar": site_url(paths["ar"]),
            "en": site_url(paths["en"]),
            # The root chooses the reader's language; an object's default is its Arabic page.
            "x-default": site_url("/" if kind == "home" else paths["ar"]),
        }, kind
        assert tags.one("og:type") == og_type, kind
        assert tags.one("og:title") == titles[language], kind
        assert tags.one("og:site_name") == site_names()[language], kind
        assert tags.one("og:locale") == OG_LOCALES[language], kind
        assert tags.meta["og:locale:alternate"] == [OG_LOCALES[other]], kind
        assert tags.one("og:description"), kind
        assert tags.one("twitter:card") == "summary", kind  # no picture on these pages
        assert tags.one("twitter:title") == titles[language], kind
        assert tags.one("twitter:description") == tags.one("og:description"), kind
        assert "og:image" not in tags.meta, kind
        assert len(tags.json_ld) == (1 if kind == "article" else 0), kind


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_in_one_language_only_names_no_translation(client, language):
    other = "en" if language == "ar" else "ar"
    article = make_article(languages=(language,))
    topic = make_topic(**{f"name_{other}": None})  # an old row: no name, so no page there
    for path in (article.url_in(language), topic.url_in(language)):
        tags = sharing(client, path)
        assert tags.alternates == {language: site_url(path), "x-default": site_url(path)}
        assert tags.meta["og:locale"] == [OG_LOCALES[language]]
        assert "og:locale:alternate" not in tags.meta
    assert article.url_in(other) is None and topic.url_in(other) is None


def test_canonical_drops_query_strings_but_keeps_the_page_number(client):
    author = make_author()
    for _ in range(11):  # two pages of ten
        make_article(authors=[author])
    list_path = url("en", "articles:list")
    for path in (list_path, author.url_in("en")):
        tags = sharing(client, f"{path}?page=2&utm_source=newsletter")
        assert tags.canonical == site_url(f"{path}?page=2")
        assert tags.one("og:url") == tags.canonical
        # The other language lists other articles, maybe on fewer pages: no equivalent to name.
        assert tags.alternates == {}
        assert "og:locale:alternate" not in tags.meta
        first = sharing(client, f"{path}?page=1")
        assert first.canonical == site_url(path)
        assert set(first.alternates) == {"ar", "en", "x-default"}
    assert sharing(client, f"{list_path}?page=last").canonical == site_url(f"{list_path}?page=2")
    home = sharing(client, "/en/?untranslated=1&fbclid=abc")
    assert home.canonical == site_url("/en/")
    assert home.one("og:url") == site_url("/en/")


def test_arabic_slug_canonical_is_an_absolute_percent_encoded_url(client):
    article = make_article(title_ar="الانتخابات الحرة", slug_ar="الانتخابات-الحرة")
    tags = sharing(client, article.url_in("ar"))
    assert tags.canonical == site_url(
        "/ar/articles/%D8%A7%D9%84%D8%A7%D9%86%D8%AA%D8%AE%D8%A7"
        "%D8%A8%D8%A7%D8%AA-%D8%A7%D9%84%D8%AD%D8%B1%D8%A9/"
    )
    assert client.get(urlsplit(tags.canonical).path).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_with_a_picture_shares_its_1200_by_630_card(client, language):
    article = with_hero(make_article(), size=(2000, 1500))
    tags = sharing(client, article.url_in(language))
    image_url = tags.one("og:image")
    assert image_url.startswith(site_url(settings.MEDIA_URL))
    stored = Path(settings.MEDIA_ROOT) / image_url.removeprefix(site_url(settings.MEDIA_URL))
    with Image.open(stored) as card:
        assert card.size == (1200, 630)
    served = client.get(urlsplit(image_url).path)
    served.close()
    assert served.status_code == 200
    assert tags.one("og:image:width") == "1200"
    assert tags.one("og:image:height") == "630"
    assert tags.one("og:image:alt") == article.in_language("hero_alt", language)
    assert tags.one("twitter:card") == "summary_large_image"
    assert tags.one("twitter:image") == image_url
    assert tags.one("twitter:image:alt") == article.in_language("hero_alt", language)
    assert tags.news_article["image"] == [image_url]


def test_article_without_a_picture_gets_the_small_card(client):
    tags = sharing(client, make_article().url_in("en"))
    assert tags.one("twitter:card") == "summary"
    assert not {"og:image", "twitter:image", "og:image:alt"} & set(tags.meta)
    assert "image" not in tags.news_article


def test_description_is_the_summary_on_one_line_and_trimmed(client):
    summary = "First line,\n\n   second   line. " + "word " * 100
    article = make_article(summary_en=summary)
    tags = sharing(client, article.url_in("en"))
    description = tags.one("og:description")
    assert description.startswith("First line, second line. word word")
    assert len(description) <= 200
    assert description.endswith("…")
    assert tags.news_article["description"] == description
    # Without a summary, the title (never the other language's text).
    untitled = make_article(summary_ar="ملخص عربي فقط", summary_en="")
    assert sharing(client, untitled.url_in("en")).one("og:description") == untitled.title_en


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_article_json_ld_describes_the_article(client, language):
    rana = make_author(name_ar="رنا", name_en="Rana", slug="rana")
    omar = make_author(name_ar="عمر", name_en="Omar", slug="omar")
    published = timezone.now() - timedelta(days=2)
    article = make_article(
        authors=[rana, omar], publish_at=published, summary_ar="ملخص", summary_en="Summary"
    )
    tags = sharing(client, article.url_in(language))
    data = tags.news_article
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.in_language("title", language)
    assert data["description"] == article.in_language("summary", language)
    assert data["inLanguage"] == language
    assert datetime.fromisoformat(data["datePublished"]) == published.replace(microsecond=0)
    modified = datetime.fromisoformat(data["dateModified"])
    assert modified.tzinfo is not None and modified >= published
    assert data["url"] == tags.canonical
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": tags.canonical}
    assert data["isAccessibleForFree"] is True
    assert data["author"] == [
        {
            "@type": "Person",
            "name": author.in_language("name", language),
            "url": site_url(author.url_in(language)),
        }
        for author in (rana, omar)
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == site_names()[language]
    assert publisher["url"] == site_url(url(language, "articles:home"))
    assert urlsplit(publisher["logo"]["url"]).path.startswith(settings.STATIC_URL)
    assert tags.one("article:published_time") == data["datePublished"]


def test_scheduled_article_was_not_modified_before_it_came_out(client):
    article = make_article()
    publish_at = timezone.now() - timedelta(seconds=1)
    Article.objects.filter(pk=article.pk).update(
        publish_at=publish_at, updated_at=publish_at - timedelta(days=3)
    )
    data = sharing(client, article.url_in("en")).news_article
    assert data["dateModified"] == data["datePublished"]
    assert data["datePublished"] == publish_at.isoformat(timespec="seconds")


def test_hidden_byline_names_no_author_and_team_byline_names_the_organisation(client):
    rana = make_author(name_en="Rana Hidden", slug="rana-hidden")
    hidden = make_article(authors=[rana], byline_mode=Article.BylineMode.HIDDEN)
    page = client.get(hidden.url_in("en")).content.decode()
    tags = SharingTags()
    tags.feed(page)
    assert "author" not in tags.news_article
    assert "Rana Hidden" not in page and rana.url_in("en") not in page

    team = make_article(authors=[rana], byline_mode=Article.BylineMode.ORGANISATION)
    page = client.get(team.url_in("en")).content.decode()
    tags = SharingTags()
    tags.feed(page)
    assert tags.news_article["author"] == [
        {
            "@type": "Organization",
            "name": site_names()["en"],
            "url": site_url(url("en", "articles:home")),
        }
    ]
    assert "Rana Hidden" not in page and rana.url_in("en") not in page


def test_hostile_title_cannot_leave_the_json_ld_block(client):
    title = '</script><script>alert(1)</script> & "quoted" <!-- x'
    article = make_article(title_en=title, summary_en="<b>bold</b> </SCRIPT>")
    page = client.get(article.url_in("en")).content.decode()
    assert "<script>alert(1)" not in page
    assert "</SCRIPT>" not in page
    tags = SharingTags()
    tags.feed(page)
    data = tags.news_article
    assert data["headline"] == title
    assert data["description"] == "<b>bold</b> </SCRIPT>"
    assert tags.one("og:title") == title


def test_preview_and_error_pages_name_no_canonical(client, editor_client):
    from articles.models import PreviewLink

    draft = make_article(status=Article.Status.DRAFT)
    link = PreviewLink.objects.create(article=draft)
    tags = sharing(client, link.url_in("en"))
    assert tags.canonicals == [] and tags.alternates == {} and not tags.meta.get("og:url")
    missing = client.get("/en/articles/no-such-article/")
    assert missing.status_code == 404
    assert 'rel="canonical"' not in missing.content.decode()


def test_dates_are_iso_8601_with_the_time_zone(client):
    article = make_article(publish_at=datetime(2026, 3, 14, 12, 30, tzinfo=UTC))
    data = sharing(client, article.url_in("ar")).news_article
    assert data["datePublished"] == "2026-03-14T12:30:00+00:00"


def test_descriptions_come_from_the_page_language_only(client, site):
    site_description = {
        "ar": "تقارير مستقلة وحملات من أجل الحريات المدنية والانتخابات النزيهة وحرية الصحافة.",
        "en": "Independent reporting and campaigns for civic freedoms, fair elections and a "
        "free press.",
    }
    author = make_author(bio_ar="تكتب عن\nالبرلمان.", bio_en=None)
    make_article(authors=[author])  # an author has a page once a live byline names them
    assert sharing(client, author.url_in("ar")).one("og:description") == "تكتب عن البرلمان."
    # No English biography: the site's description, never the Arabic text on an English page.
    assert sharing(client, author.url_in("en")).one("og:description") == site_description["en"]
    for language in LANGUAGES:
        pages = {
            url(language, "articles:home"): site_description[language],
            site["topic"].url_in(language): site_description[language],
            site["article"].url_in(language): site["article"].in_language("summary", language),
            site["campaign"].url_in(language): site["campaign"].in_language("summary", language),
        }
        for path, description in pages.items():
            assert sharing(client, path).one("og:description") == description, path


def test_absolute_urls_follow_the_site_url_setting(client, settings):
    settings.SITE_URL = "https://news.example.org"
    article = with_hero(make_article(authors=[make_author()]))
    tags = sharing(client, article.url_in("en"))
    data = tags.news_article
    urls = [
        tags.canonical,
        *tags.alternates.values(),
        tags.one("og:url"),
        tags.one("og:image"),
        data["url"],
        data["publisher"]["url"],
        data["publisher"]["logo"]["url"],
        data["author"][0]["url"],
    ]
    assert all(u.startswith("https://news.example.org/") for u in urls), urls
