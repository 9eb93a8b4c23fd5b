from dataclasses import dataclass

from django import template
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, override

register = template.Library()


@register.filter(name="text_direction")
def direction(language):
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


@dataclass
class Localized:
    value: str
    language: str

    @property
    def attrs(self):
        """` lang="…" dir="…"` when the text is not in the page's language (no silent fallback)."""
        if self.language == get_language():
            return ""
        return format_html(' lang="{}" dir="{}"', self.language, direction(self.language))


@register.simple_tag
def translation(obj, field):
    """`{% translation author "bio" as bio %}<p{{ bio.attrs }}>{{ bio.value }}</p>`"""
    return Localized(*obj.translation(field))


@register.simple_tag(takes_context=True)
def switch_language_url(context, language):
    """The same page in `language`: the object's own URL there (its translated slug), or that
    language's home (with a notice when the object has no translation)."""
    obj = context.get("translated_object")
    if obj is None:
        path = context["request"].path
        if (url := translate_url(path, language)) != path:
            return url
    elif url := obj.url_in(language):
        return url
    with override(language):
        return reverse("articles:home") + "?untranslated=1"
