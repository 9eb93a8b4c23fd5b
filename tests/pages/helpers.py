"""Builders for the site's own pages (pages.Page) in tests."""

import itertools

from pages.models import Page

_numbers = itertools.count(1)


def make_page(languages=("ar", "en"), **fields):
    """A published page in `languages`, in no place of the footer unless told."""
    n = next(_numbers)
    texts = {
        "ar": {"title_ar": f"صفحة رقم {n}", "body_ar": f"<p>نص الصفحة {n}.</p>"},
        "en": {"title_en": f"Page number {n}", "body_en": f"<p>Text of page {n}.</p>"},
    }
    values = {"published": True}
    for code in languages:
        values |= texts[code]
    return Page.objects.create(**(values | fields))
