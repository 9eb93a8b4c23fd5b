"""Links to the site's own pages, on every page: `{% page_url "privacy" as privacy_url %}` (the
page of that kind in the page's language, or "") and `{% footer_pages as pages %}`.

Both read one list, kept between requests (core.fragments) and made in one bounded query: a
page's footer costs no query while nothing changed, and saving a page shows at once (a save
makes a new content version, pages.signals)."""

from django import template
from django.utils.translation import get_language

from core import fragments
from pages.models import Page

register = template.Library()


def find_linked_pages():
    """[{"kind", "in_footer", "title", "url"}] of the pages linked from every page, in the
    footer's order: plain values, kept as they are."""
    language = get_language()
    return [
        {
            "kind": page.kind,
            "in_footer": page.footer_order is not None,
            "title": page.in_language("title", language),
            "url": page.url_in(language),
        }
        for page in Page.objects.linked(language)
    ]


def linked_pages(context):
    request = context.get("request")
    if request is None:  # a template rendered outside a request (an email): nothing to keep on
        return find_linked_pages()
    return fragments.remember(request, fragments.key("linked-pages"), find_linked_pages)


@register.simple_tag(takes_context=True)
def page_url(context, kind):
    """The address of the page of `kind` (about, contact, privacy) in the page's language, or ""
    when it is not published in that language."""
    return next((page["url"] for page in linked_pages(context) if page["kind"] == kind), "")


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The pages listed in the footer, in their chosen order: [{"title", "url", "kind"}]."""
    return [page for page in linked_pages(context) if page["in_footer"]]
