"""Base classes for models translated with modeltranslation (ar and en), and their slugs."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGE_CODES, current_language
from core.sanitize import sanitize_html


class Translated:
    """For models registered with modeltranslation: read a field in a chosen language."""

    def in_language(self, field, language):
        return getattr(self, f"{field}_{language}") or ""

    def translation(self, field, language=None):
        """(value, language) in `language`, else in the first other language that has it.

        Templates use the returned language to mark other-language text with lang and dir.
        """
        language = language or current_language()
        for code in [language, *(c for c in LANGUAGE_CODES if c != language)]:
            if value := self.in_language(field, code):
                return value, code
        return "", language

    def require_every_language(self, *fields):
        """Model-level twin of modeltranslation's `required_languages`, which guards forms only."""
        errors = {
            f"{field}_{code}": _("This field is required in every language.")
            for field in fields
            for code in LANGUAGE_CODES
            if not self.in_language(field, code)
        }
        if errors:
            raise ValidationError(errors)


class RichText:
    """A translated rich-text `body` and a `title` that names the slugs (articles, campaigns)."""

    def save(self, *args, **kwargs):
        # Sanitized here, not only in the admin form, so no write path can store hostile HTML.
        for code in LANGUAGE_CODES:
            setattr(self, f"body_{code}", sanitize_html(self.in_language("body", code)) or None)
        fill_slugs(self, source="title")
        super().save(*args, **kwargs)

    @property
    def body_html(self):
        """The body, sanitized again on output: rows written around save() are still safe."""
        return mark_safe(sanitize_html(self.body or ""))  # noqa: S308 (this is the sanitizer)


def fill_slugs(instance, source):
    """Give each language that has a `source` text a Unicode slug; store no slug as NULL."""
    for code in LANGUAGE_CODES:
        slug = instance.in_language("slug", code)
        if not slug and (text := instance.in_language(source, code)):
            max_length = instance._meta.get_field("slug").max_length
            # A title of punctuation alone slugifies to nothing; the page still needs a URL.
            slug = (
                slugify(text, allow_unicode=True)[:max_length].strip("-") or uuid.uuid4().hex[:12]
            )
        setattr(instance, f"slug_{code}", slug or None)
