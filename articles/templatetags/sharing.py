"""What a shared link shows: canonical URL, hreflang alternates (only the languages the object
exists in), Open Graph, Twitter card and schema.org JSON-LD, computed once per page."""

import json
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles import images
from articles.models import Article, Author
from core.languages import LANGUAGE_CODES
from core.links import absolute_url

register = template.Library()

OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}
DESCRIPTION_LENGTH = 200
SITE_DESCRIPTION = _(
    "Independent reporting and campaigns for civic freedoms, fair elections and a free press."
)
# As django.utils.html.json_script escapes: user-written text can never close the element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def plain(text, length=DESCRIPTION_LENGTH):
    """One line of at most `length` characters."""
    return Truncator(" ".join(str(text or "").split())).chars(length)


def iso(moment):
    return moment.isoformat(timespec="seconds")


def json_ld(data):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 (no "<" left: the text cannot end the element)


def language_urls(obj, path, page_number):
    """{language: path} of the page in each language it exists in."""
    if page_number > 1:
        # The other language lists other articles, maybe on fewer pages: no equivalent to name.
        return {}
    if obj is not None:
        urls = {code: obj.url_in(code) for code in LANGUAGE_CODES}
        return {code: url for code, url in urls.items() if url}
    return {code: translate_url(path, code) for code in LANGUAGE_CODES}


def x_default(urls, obj):
    if obj is None and urls:
        with override(settings.LANGUAGE_CODE):
            home = reverse("articles:home")
        if urls.get(settings.LANGUAGE_CODE) == home:
            return "/"  # the root picks the reader's language (Accept-Language)
    return urls.get(settings.LANGUAGE_CODE) or next(iter(urls.values()), None)


def describe(obj, language):
    """(title, description) of an object in the page's language, never another's text."""
    if isinstance(obj, Author):
        title = obj.in_language("name", language) or str(obj)
        return title, obj.in_language("bio", language)
    if hasattr(obj, "summary"):  # articles and campaigns
        title = obj.in_language("title", language)
        return title, obj.in_language("summary", language) or title
    return obj.in_language("name", language), ""


def card_image(obj, language):
    """The card crop of an article's image, or of a campaign's (whose fields are named alike:
    this app cannot import campaigns)."""
    if not getattr(obj, "hero_image", None):
        return None
    width, height = images.CROPS["card"]
    url = images.crop_url(obj.hero_image, "card", obj.hero_focal_x, obj.hero_focal_y)
    return {
        "url": absolute_url(url),
        "width": width,
        "height": height,
        "alt": plain(obj.in_language("hero_alt", language), 420),
    }


def news_article(article, language, canonical, title, description, image):
    organisation = {
        "@type": "Organization",
        "name": str(settings.SITE_NAME),
        "url": absolute_url(reverse("articles:home")),
    }
    publisher = organisation | {
        "logo": {"@type": "ImageObject", "url": absolute_url(static("img/favicon.svg"))}
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "description": description,
        "inLanguage": language,
        "datePublished": iso(article.publish_at),
        "dateModified": iso(article.last_changed),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "isAccessibleForFree": True,
        "publisher": publisher,
    }
    if image:
        data["image"] = [image["url"]]
    if article.signed_by_team:
        data["author"] = [organisation]
    elif bylines := article.named_bylines:  # empty when the byline is hidden: no author at all
        data["author"] = [
            {
                "@type": "Person",
                "name": byline.author.in_language("name", language) or str(byline.author),
                "url": absolute_url(byline.author.url_in(language)),
            }
            for byline in bylines
        ]
    return data


@register.inclusion_tag("includes/_meta.html", takes_context=True)
def sharing_meta(context, title="", description=""):
    """`{% sharing_meta %}` on a page about `translated_object` (article, author, topic,
    campaign); `{% sharing_meta title=… %}` on a page of the site (home, lists)."""
    request, language = context["request"], get_language()
    obj = context.get("translated_object")
    page = context.get("page_obj")
    page_number = page.number if page else 1
    path = obj.url_in(language) if obj is not None else request.path
    canonical = absolute_url(path) + (f"?page={page_number}" if page_number > 1 else "")
    urls = language_urls(obj, request.path, page_number)
    default = x_default(urls, obj)

    site_name = str(settings.SITE_NAME)
    if obj is not None:
        title, description = describe(obj, language)
    title = plain(title or site_name, 300)
    description = plain(description or SITE_DESCRIPTION)
    article = obj if isinstance(obj, Article) else None
    image = card_image(obj, language)
    return {
        "canonical": canonical,
        "alternates": [(code, absolute_url(url)) for code, url in urls.items()],
        "x_default": absolute_url(default) if default else None,
        "type": "article" if article else "website",
        "title": title,
        "description": description,
        "site_name": site_name,
        "locale": OG_LOCALES[language],
        "locale_alternates": [OG_LOCALES[code] for code in urls if code != language],
        "image": image,
        "published": iso(article.publish_at) if article else None,
        "json_ld": (
            json_ld(news_article(article, language, canonical, title, description, image))
            if article
            else None
        ),
    }


def share_query(**params):
    # RFC 3986 encoding (%20, not "+"): mailto: reads "+" as a plus sign, and so may an app.
    return urlencode(params, quote_via=quote)


@register.inclusion_tag("includes/_share.html")
def share_links(obj):
    """`{% share_links article %}` (or a campaign): plain links to share the page on WhatsApp,
    Telegram, X, Facebook and by email. Nothing loads until the reader clicks one, and every
    reader gets the same links (no request data), so the page stays cacheable."""
    language = get_language()
    if not (path := obj.url_in(language)):
        return {}  # not in the page's language: no page of its own to share
    url = absolute_url(path)
    title = plain(obj.in_language("title", language) or obj, 300)
    text = f"{title} {url}"
    return {
        "key": f"{obj._meta.model_name}-{obj.pk}",  # unique ids if a page shares two things
        "url": url,
        "links": [
            (
                "whatsapp",
                pgettext_lazy("social network", "WhatsApp"),
                _("Share on WhatsApp"),
                "https://wa.me/?" + share_query(text=text),
            ),
            (
                "telegram",
                pgettext_lazy("social network", "Telegram"),
                _("Share on Telegram"),
                "https://t.me/share/url?" + share_query(url=url, text=title),
            ),
            (
                "x",
                pgettext_lazy("social network", "X"),
                _("Share on X"),
                "https://x.com/intent/post?" + share_query(url=url, text=title),
            ),
            (
                "facebook",
                pgettext_lazy("social network", "Facebook"),
                _("Share on Facebook"),
                "https://www.facebook.com/sharer/sharer.php?" + share_query(u=url),
            ),
            (
                "email",
                _("Email"),
                _("Share by email"),
                "mailto:?" + share_query(subject=title, body=text),
            ),
        ],
    }
