from modeltranslation.translator import TranslationOptions, register

from pages.models import Page


# empty_values=None: a missing translation is stored as NULL, never "", so "exists in a
# language" is one test and unique slugs do not collide on empty strings.
@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body")
    empty_values = None
