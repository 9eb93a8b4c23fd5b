"""Template tags for bilingual pages: text direction, and other-language text marked as such."""

from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from core.languages import direction

register = template.Library()
register.filter("text_direction", direction)


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
