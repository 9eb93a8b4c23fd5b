"""The sitemap: /sitemap.xml, an index of every page of every section (`index`), and the section
pages (Django's `sitemap` view). Each public page is listed in the languages it really exists in
(no silent fallback), with hreflang alternates, x-default on its Arabic (or only) version, and
URLs on SITE_URL."""

import functools
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.timezone import localtime

from articles import images
from articles.models import Article, Author, Topic
from core.languages import LANGUAGE_CODES, url_in_language
from core.links import absolute_url


def per_language(*fields):
    return [f"{field}_{code}" for field in fields for code in LANGUAGE_CODES]


@functools.cache
def path_around_slug(language, view_name):
    """(before, after) the slug in the path of `view_name` in `language`, reversed once."""
    before, _slug, after = url_in_language(language, view_name, slug="SLUG").partition("SLUG")
    return before, after


def slug_path(language, view_name, slug):
    """What url_in_language(language, view_name, slug=slug) gives (quoted as reverse() quotes),
    without a reverse() per URL: 10,000 of them take most of a page's second."""
    before, after = path_around_slug(language, view_name)
    return before + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + after


# Django's i18n sitemaps list every language for every object, point x-default at a path without
# a language prefix (which this site does not serve), and read every item of a section to page
# it: hence a paginator and get_urls of our own.
class BilingualSitemap(Sitemap):
    """One <url> per object and language it exists in (`path_in` gives None where it does not).

    `items()` is ordered (by primary key, so a new object lands on the last page) and reads only
    the columns the sitemap prints: a page is one query (and a COUNT), whatever the site's size.
    """

    # <url> elements per page, every language counted: the protocol allows 50,000; a page of
    # 10,000 (5 MB) takes about 2 s and 30 MB of memory to make.
    limit = 10_000

    @property
    def paginator(self):
        # Paged by item, each item giving at most one <url> per language.
        return Paginator(self.items(), self.limit // len(LANGUAGE_CODES))

    def path_in(self, item, language):
        return item.url_in(language)

    def default_location(self, item, alternates):
        return alternates.get(settings.LANGUAGE_CODE) or next(iter(alternates.values()))

    def lastmod(self, item):
        return None

    def image(self, item):
        """The path of the picture the page shows, if any."""
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        urls = []
        for item in self.paginator.page(page).object_list:
            alternates = {
                code: absolute_url(path)
                for code in LANGUAGE_CODES
                if (path := self.path_in(item, code))
            }
            if not alternates:
                continue
            links = [{"lang_code": code, "location": url} for code, url in alternates.items()]
            links.append(
                {"lang_code": "x-default", "location": self.default_location(item, alternates)}
            )
            lastmod = self.lastmod(item)
            # A storage that serves from elsewhere gives an absolute URL: kept as it is.
            image = absolute_url(path) if (path := self.image(item)) else None
            urls += [
                {"location": url, "lastmod": lastmod, "alternates": links, "image": image}
                for url in alternates.values()
            ]
        return urls


class PageSitemap(BilingualSitemap):
    """The pages every language has: the home page and the article list."""

    def items(self):
        return ["articles:home", "articles:list"]

    def path_in(self, name, language):
        return url_in_language(language, name)

    def default_location(self, name, alternates):
        if name == "articles:home":
            return absolute_url("/")  # the root picks the reader's language
        return super().default_location(name, alternates)


class ArticleSitemap(BilingualSitemap):
    def items(self):
        fields = per_language("slug", "available")
        dates = ("publish_at", "updated_at")
        # An ImageField reads its size fields as an article loads: deferred, they would cost a
        # query per article.
        picture = ("hero_image", "hero_width", "hero_height", "hero_focal_x", "hero_focal_y")
        return Article.objects.live().only(*fields, *dates, *picture).order_by("pk")

    def path_in(self, article, language):
        if getattr(article, f"available_{language}"):
            return slug_path(language, "articles:detail", article.in_language("slug", language))
        return None

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
        return Author.objects.credited().only("slug", *per_language("name")).order_by("pk")

    def path_in(self, author, language):
        return author.url_in(language) if author.in_language("name", language) else None


class TopicSitemap(BilingualSitemap):
    def items(self):
        return Topic.objects.only(*per_language("slug")).order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
}


@x_robots_tag
def section(request, sitemaps, section):
    """/sitemap-<section>.xml?p=N: one page of a section, written straight from the rows (a
    template takes seconds over 10,000 URLs)."""
    if section not in sitemaps:
        raise Http404
    try:
        urls = sitemaps[section]().get_urls(page=request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    return HttpResponse(urlset(urls), content_type="application/xml")


def urlset(urls):
    """The sitemap XML of `urls` (as BilingualSitemap.get_urls gives them)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset'
        ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
        ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
    ]
    for url in urls:
        lines.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            lines.append(f"<lastmod>{localtime(url['lastmod']).isoformat()}</lastmod>")
        lines += [
            f'<xhtml:link rel="alternate" hreflang="{link["lang_code"]}"'
            f' href="{escape(link["location"])}"/>'
            for link in url["alternates"]
        ]
        if url["image"]:
            lines.append(
                f"<image:image><image:loc>{escape(url['image'])}</image:loc></image:image>"
            )
        lines.append("</url>")
    lines.append("</urlset>\n")
    return "".join(lines)


@x_robots_tag  # as Django's sitemap views: the sitemap itself is no page to show in results
def index(request, sitemaps):
    """/sitemap.xml: the address of each page of each section (one COUNT per section), on
    SITE_URL (Django's index view names the host the request came in on)."""
    locations = []
    for section, sitemap in sitemaps.items():
        first = absolute_url(reverse("sitemap-section", kwargs={"section": section}))
        pages = sitemap().paginator.num_pages
        locations += [first, *(f"{first}?p={page}" for page in range(2, pages + 1))]
    return TemplateResponse(
        request, "sitemaps/index.xml", {"locations": locations}, content_type="application/xml"
    )
