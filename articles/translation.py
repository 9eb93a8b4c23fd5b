from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, Author, Topic


# empty_values=None: a missing translation is stored as NULL, never "", so "available in a
# language" is one test and unique slugs do not collide on empty strings.
@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    required_languages = ("ar", "en")
    empty_values = None


@register(Author)
class AuthorTranslationOptions(TranslationOptions):
    fields = ("name", "role", "bio")
    required_languages = {"ar": ("name",), "en": ("name",)}
    empty_values = None


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "hero_alt", "hero_caption")
    empty_values = None
