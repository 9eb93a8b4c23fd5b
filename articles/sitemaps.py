"""/sitemap.xml: each public page in the languages it really exists in (no silent fallback), with
hreflang alternates, x-default on its Arabic (or only) version, and URLs on SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles import images
from articles.models import Article, Author, Topic
from core.languages import LANGUAGE_CODES
from core.links import absolute_url, site_path


# Django's i18n sitemaps list every language for every object and point x-default at a path
# without a language prefix, which this site does not serve: hence the hooks below.
class BilingualSitemap(Sitemap):
    """One <url> per object and language it exists in (`url_in` gives None where it does not)."""

    i18n = True
    alternates = True

    # Django writes protocol://domain + location: SITE_URL, then each path relative to it.
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[1]

    def location(self, item):
        return site_path(item.get_absolute_url())

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
                url["image"] = absolute_url(image)
        return urls


class PageSitemap(BilingualSitemap):
    """The pages every language has: the home page and the article list."""

    def items(self):
        return ["articles:home", "articles:list"]

    def get_languages_for_item(self, item):
        return LANGUAGE_CODES

    def location(self, item):
        return site_path(reverse(item))

    def default_location(self, item, alternates):
        if item == "articles:home":
            return absolute_url("/")  # the root picks the reader's language
        return super().default_location(item, alternates)


class ArticleSitemap(BilingualSitemap):
    def items(self):
        return Article.objects.live()

    def lastmod(self, article):
        return article.last_changed

    def image(self, article):
        if article.hero_image:
            return images.crop_url(
                article.hero_image, "card", article.hero_focal_x, article.hero_focal_y
            )
        return None


class AuthorSitemap(BilingualSitemap):
    def items(self):
        return Author.objects.credited()

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
