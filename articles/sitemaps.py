"""/sitemap.xml: every public page in each language it exists in, with hreflang alternates.

Django's i18n sitemaps list every language for every object, and point x-default at a path
without the language prefix, which this site does not serve. Here an object's languages are
the ones it really exists in (no silent fallback, DESIGN §8), and x-default is its Arabic
version, or its only one. URLs are absolute on SITE_URL, never on the request's host (the site
sits behind a CDN). Previews and the admin are no object of any sitemap: they never appear.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles import images
from articles.feeds import last_changed
from articles.models import LANGUAGE_CODES, Article, Author, Topic


class BilingualSitemap(Sitemap):
    """One <url> per object and language it exists in (`url_in` gives None where it does not)."""

    i18n = True
    alternates = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if item.url_in(code)]

    def default_location(self, item, alternates):
        return alternates.get(settings.LANGUAGE_CODE) or next(iter(alternates.values()))

    def image(self, item):
        """The path of the picture the page shows, if any."""
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            item, _language = url["item"]
            alternates = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}
            url["alternates"].append(
                {"lang_code": "x-default", "location": self.default_location(item, alternates)}
            )
            if image := self.image(item):
                # A storage that serves from elsewhere gives an absolute URL: kept as it is.
                url["image"] = urljoin(f"{settings.SITE_URL}/", image)
        return urls


class PageSitemap(BilingualSitemap):
    """The pages every language has: the home page and the article list."""

    def items(self):
        return ["articles:home", "articles:list"]

    def get_languages_for_item(self, item):
        return LANGUAGE_CODES

    def location(self, item):
        return reverse(item)

    def default_location(self, item, alternates):
        if item == "articles:home":
            return f"{settings.SITE_URL}/"  # the root picks the reader's language
        return super().default_location(item, alternates)


class ArticleSitemap(BilingualSitemap):
    def items(self):
        return Article.objects.live()

    def lastmod(self, article):
        return last_changed(article)

    def image(self, article):
        if article.hero_image:
            return images.crop_url(
                article.hero_image, "card", article.hero_focal_x, article.hero_focal_y
            )
        return None


class AuthorSitemap(BilingualSitemap):
    def items(self):
        # Only authors a live byline names: the page of an author whose every article is signed
        # by the team or unsigned links nowhere, and a sitemap must not lead anyone to it.
        named = Article.objects.live().filter(byline_mode=Article.BylineMode.AUTHORS)
        return Author.objects.filter(bylines__article__in=named).distinct()

    def get_languages_for_item(self, author):
        return [code for code in LANGUAGE_CODES if author.in_language("name", code)]


class TopicSitemap(BilingualSitemap):
    def items(self):
        return Topic.objects.all()


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
}
