"""The sitemap: /sitemap.xml, an index of every page of every section (`index`), and the section
pages (Django's `sitemap` view). Each public page is listed in the languages it really exists in
(no silent fallback), with hreflang alternates, x-default on its Arabic (or only) version, and
URLs on SITE_URL."""

import functools
from html import escape  # what django.utils.html.escape does, without marking each URL safe
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, Min
from django.db.models.functions import Greatest
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.timezone import get_current_timezone

from articles import images
from articles.models import Article, Author, Topic
from core.languages import LANGUAGE_CODES, url_in_language
from core.links import absolute_url, absolute_url_prefix


def per_language(*fields):
    return [f"{field}_{code}" for field in fields for code in LANGUAGE_CODES]


@functools.cache
def path_around_slug(language, view_name):
    """(before, after) the slug in the path of `view_name` in `language`, reversed once."""
    before, _slug, after = url_in_language(language, view_name, slug="SLUG").partition("SLUG")
    return before, after


class QuotedCharacters(dict):
    """A str.translate table writing each character as quote() does (as its UTF-8 bytes, each
    quoted apart): a slug's letters repeat, so each is quoted once, not once per slug."""

    def __missing__(self, code):
        self[code] = quoted = quote(chr(code), safe=RFC3986_SUBDELIMS + "/~:@")
        return quoted


QUOTED = QuotedCharacters()


def quote_slug(slug):
    """quote(slug, safe=RFC3986_SUBDELIMS + "/~:@"): how reverse() quotes a slug in a path."""
    return slug.translate(QUOTED)


def slug_path(language, view_name, slug):
    """What url_in_language(language, view_name, slug=slug) gives (quoted as reverse() quotes),
    without a reverse() per URL: 10,000 of them take most of a page's second."""
    before, after = path_around_slug(language, view_name)
    return before + quote_slug(slug) + after


def slug_urls(view_name):
    """{language: (before, after)} the quoted slug in the absolute URL of `view_name`: what
    absolute_url(slug_path(...)) gives, with absolute_url called once a page, not per URL.
    Concatenation is enough: the path before the slug holds the whole script prefix, and a
    quoted slug is ASCII that iri_to_uri leaves as it is."""
    return {
        code: (absolute_url(before), after)
        for code in LANGUAGE_CODES
        for before, after in [path_around_slug(code, view_name)]
    }


# Django's i18n sitemaps list every language for every object, point x-default at a path without
# a language prefix (which this site does not serve), and read every item of a section to page
# it: hence paging and get_urls of our own.
class BilingualSitemap(Sitemap):
    """One <url> per object and language it exists in (`path_in` gives None where it does not).

    `items()` is ordered (by primary key, so a new object lands on the last page) and reads only
    the columns the sitemap prints: a page is one query (and a COUNT), whatever the site's size.
    """

    # <url> elements per page, every language counted: the protocol allows 50,000.
    limit = 10_000

    @property
    def per_page(self):
        # Paged by item, each item giving at most one <url> per language.
        return self.limit // len(LANGUAGE_CODES)

    @property
    def paginator(self):
        return Paginator(self.items(), self.per_page)

    def num_pages(self):
        return self.paginator.num_pages

    def page_items(self, page):
        """The items of page `page` (EmptyPage, PageNotAnInteger when there is no such page)."""
        return self.paginator.page(page).object_list

    def path_in(self, item, language):
        return item.url_in(language)

    def default_location(self, item, alternates):
        return alternates.get(settings.LANGUAGE_CODE) or next(iter(alternates.values()))

    def lastmod(self, item):
        return None

    def image(self, item):
        """The path of the picture the page shows, if any."""
        return None

    def entries(self, page=1):
        """(alternates, x-default, lastmod, image) per object of page `page` listed in at least
        one language: alternates is {language: absolute URL}, in LANGUAGE_CODES order."""
        for item in self.page_items(page):
            alternates = {
                code: absolute_url(path)
                for code in LANGUAGE_CODES
                if (path := self.path_in(item, code))
            }
            if not alternates:
                continue
            # A storage that serves from elsewhere gives an absolute URL: kept as it is.
            image = absolute_url(path) if (path := self.image(item)) else None
            default = self.default_location(item, alternates)
            yield alternates, default, self.lastmod(item), image

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's form of a page (the `section` view writes `entries` directly)."""
        urls = []
        for alternates, default, lastmod, image in self.entries(page):
            links = [{"lang_code": code, "location": url} for code, url in alternates.items()]
            links.append({"lang_code": "x-default", "location": default})
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
    """A hundred thousand articles and more: each page is read and written as rows, not models.

    Paged by ranges of primary keys from the first live article's, each as wide as a page may
    hold articles: a page is found through the primary key's index however deep it is, where an
    OFFSET would read every live row before it and a paginator's COUNT every live row (each
    about 80 ms at 100,000 articles). A page holds fewer articles where keys are missing
    (drafts, deleted articles), never more.
    """

    def items(self):
        return Article.objects.live().order_by("pk")

    def bounds(self):
        """(first, last) primary key of a live article, (None, None) when none is: one query,
        two probes of the primary key's index."""
        found = self.items().order_by().aggregate(first=Min("pk"), last=Max("pk"))
        return found["first"], found["last"]

    def num_pages(self, bounds=None):
        first, last = bounds or self.bounds()
        return 1 if first is None else (last - first) // self.per_page + 1

    def page_items(self, page):
        bounds = self.bounds()
        number = page_number(page, self.num_pages(bounds))
        start = (bounds[0] or 0) + (number - 1) * self.per_page
        # Only the columns the sitemap prints: no body, and no model (an ImageField's
        # descriptors cost more than the rest of a row's work).
        return (
            self.items()
            .filter(pk__gte=start, pk__lt=start + self.per_page)
            .rewrite(False)  # modeltranslation's fallbacks would go through every row again
            # Article.last_changed, one column: psycopg takes microseconds per time it reads.
            .annotate(last_changed=Greatest("updated_at", "publish_at"))
            .values_list(
                *per_language("slug", "available"),
                "hero_image",
                "hero_focal_x",
                "hero_focal_y",
                "last_changed",
                named=True,
            )
        )

    def entries(self, page=1):
        around = slug_urls("articles:detail")
        card_url = card_url_maker()
        for row in self.page_items(page):
            alternates = {
                code: before + quote_slug(getattr(row, f"slug_{code}") or "") + after
                for code, (before, after) in around.items()
                if getattr(row, f"available_{code}")
            }
            if not alternates:
                continue
            default = self.default_location(row, alternates)
            image = row.hero_image and card_url(row.hero_image, row.hero_focal_x, row.hero_focal_y)
            yield alternates, default, row.last_changed, image or None


def card_url_maker():
    """A function of (image name, focal point) giving the absolute URL of its card crop, as
    absolute_url(images.crop_url(...)) does, by concatenation where the storage allows it."""
    storage = Article._meta.get_field("hero_image").storage
    prefix = images.plain_name_url_prefix(storage)
    absolute_prefix = prefix is not None and absolute_url_prefix(prefix)

    def card_url(name, focal_x, focal_y):
        crop = images.crop_name(name, "card", focal_x, focal_y, "jpg")
        if absolute_prefix and images.is_plain_name(crop):
            return absolute_prefix + crop
        return absolute_url(storage.url(crop))

    return card_url


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


def page_number(page, num_pages):
    """`page` as a number from 1 to num_pages, as Paginator.validate_number checks it."""
    try:
        number = int(page)
    except (TypeError, ValueError) as error:
        raise PageNotAnInteger(error) from None
    if not 1 <= number <= num_pages:
        raise EmptyPage(number)
    return number


@x_robots_tag
def section(request, sitemaps, section):
    """/sitemap-<section>.xml?p=N: one page of a section, written straight from the rows (a
    template takes seconds over 10,000 URLs)."""
    if section not in sitemaps:
        raise Http404
    try:
        # The page's queries run here, not while the response is sent: a failing database
        # answers as it does on any page.
        content = urlset(sitemaps[section]().entries(page=request.GET.get("p", 1)))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    return HttpResponse(content, content_type="application/xml")


def urlset(entries):
    """The sitemap XML of `entries` (as BilingualSitemap.entries gives them), as bytes."""
    timezone = get_current_timezone()  # localtime()'s, looked up once
    parts = [
        b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset'
        b' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
        b' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
    ]
    for alternates, default, lastmod, image in entries:
        hrefs = {code: escape(url) for code, url in alternates.items()}
        # Everything after <loc> is the same in each language's <url>: made once.
        rest = "".join(
            [
                f"<lastmod>{lastmod.astimezone(timezone).isoformat()}</lastmod>" if lastmod else "",
                *(
                    f'<xhtml:link rel="alternate" hreflang="{code}" href="{href}"/>'
                    for code, href in hrefs.items()
                ),
                f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(default)}"/>',
                f"<image:image><image:loc>{escape(image)}</image:loc></image:image>"
                if image
                else "",
                "</url>",
            ]
        )
        # Encoded an object at a time: the page is never held as text and as bytes at once.
        parts.append("".join(f"<url><loc>{href}</loc>{rest}" for href in hrefs.values()).encode())
    parts.append(b"</urlset>\n")
    return b"".join(parts)


@x_robots_tag  # as Django's sitemap views: the sitemap itself is no page to show in results
def index(request, sitemaps):
    """/sitemap.xml: the address of each page of each section (one query per section), on
    SITE_URL (Django's index view names the host the request came in on)."""
    locations = []
    for section, sitemap in sitemaps.items():
        first = absolute_url(reverse("sitemap-section", kwargs={"section": section}))
        pages = sitemap().num_pages()
        locations += [first, *(f"{first}?p={page}" for page in range(2, pages + 1))]
    return TemplateResponse(
        request, "sitemaps/index.xml", {"locations": locations}, content_type="application/xml"
    )
