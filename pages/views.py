from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from pages.models import Page


def page_detail(request, slug):
    """A page in the language of the address; 404 where it is not published or not written."""
    language = get_language()
    page = get_object_or_404(Page.objects.public(language), **{f"slug_{language}": slug})
    return render(request, "pages/page_detail.html", {"page": page, "translated_object": page})
