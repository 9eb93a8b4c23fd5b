from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core.bilingual import RichText, Translated, fill_slugs
from core.languages import LANGUAGE_CODES, current_language, url_in_language
from core.sanitize import EDITOR_EXTENSIONS, sanitize_html

# The footer and the page_url tag read every page they may show in one query: never more rows.
MOST_PAGES_LISTED = 30
LINK_FIELDS = ("title", "slug", "available")  # what Page.url_in and a link's text read


class PageQuerySet(models.QuerySet):
    def in_language(self, language=None):
        """Pages that exist in `language`: their title and body are written there."""
        language = language or current_language()
        return self.filter(**{f"available_{language}": True})

    def public(self, language=None):
        """What readers see in the page's language: every public path goes through this."""
        return self.filter(published=True).in_language(language)

    def linked(self, language=None):
        """The public pages the site links to on every page: those in the footer, and the ones
        code finds by kind (the privacy policy beside a consent box). Only what a link needs."""
        language = language or current_language()
        return (
            self.public(language)
            .filter(Q(footer_order__isnull=False) | ~Q(kind=Page.Kind.OTHER))
            .only("kind", "footer_order", *(f"{field}_{language}" for field in LINK_FIELDS))
            .order_by("footer_order", "pk")[:MOST_PAGES_LISTED]
        )


class Page(RichText, Translated, models.Model):
    """A page of the site's own (about us, contact, the privacy policy…), in one or both
    languages; it exists in a language when its title and body are written there."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("About us")
        CONTACT = "contact", _("Contact")
        PRIVACY = "privacy", _("Privacy policy")
        OTHER = "other", _("Other")

    # blank=True: no single language is required (a page may be Arabic only); clean() requires
    # the title and the body together in each language used.
    title = models.CharField(_("title"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("Filled from the title when left empty."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences, shown by search engines and shared links."),
    )
    body = ProseEditorField(
        _("body"), extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind,
        default=Kind.OTHER,
        help_text=_("The site links to its about, contact and privacy pages by their kind."),
    )
    footer_order = models.PositiveSmallIntegerField(
        _("place in the footer"),
        null=True,
        blank=True,
        help_text=_("Pages are listed in the footer from the smallest number; empty: not listed."),
    )
    published = models.BooleanField(_("published"), default=False)
    # Exists in a language (Page.exists_in), kept by save(): queries filter on these, never on
    # the bodies, as article lists do.
    available_ar = models.BooleanField(default=False, editable=False)
    available_en = models.BooleanField(default=False, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["footer_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug_ar"], name="page_slug_ar_unique"),
            models.UniqueConstraint(fields=["slug_en"], name="page_slug_en_unique"),
            # One about page, one contact page, one privacy policy: the links find it by kind.
            models.UniqueConstraint(
                fields=["kind"],
                condition=~Q(kind="other"),
                name="page_unique_kind",
                violation_error_message=_("There is already a page of this kind."),
            ),
        ]

    def __str__(self):
        return self.translation("title")[0]

    def get_absolute_url(self):
        return self.url_in(current_language())

    def exists_in(self, language):
        """Whether readers of `language` have this page: its title and body are written there."""
        return all(self.in_language(field, language) for field in ("title", "slug", "body"))

    def url_in(self, language):
        """The page's address in `language`, None when it does not exist there (as last saved:
        no body read to build a link)."""
        if getattr(self, f"available_{language}"):
            return url_in_language(
                language, "pages:detail", slug=self.in_language("slug", language)
            )
        return None

    def clean(self):
        fill_slugs(self, source="title")
        errors = {}
        for code in LANGUAGE_CODES:
            title, body = (
                self.in_language("title", code),
                sanitize_html(self.in_language("body", code)),
            )
            language = get_language_info(code)["name_translated"]
            if title and not body:
                errors[f"body_{code}"] = _("Write the body in %(language)s too.") % {
                    "language": language
                }
            if body and not title:
                errors[f"title_{code}"] = _("Write the title in %(language)s too.") % {
                    "language": language
                }
        if not errors and not any(self.in_language("title", code) for code in LANGUAGE_CODES):
            errors[f"title_{LANGUAGE_CODES[0]}"] = _(
                "Write a title and a body in at least one language."
            )
        if errors:
            raise ValidationError(errors)


@receiver(pre_save, sender=Page)
def mark_availability(sender, instance, **kwargs):
    """Per language, whether the page exists there, from the texts as they will be stored
    (pre_save: after RichText.save has sanitized the bodies, an empty one to NULL, and filled
    the slugs)."""
    for code in LANGUAGE_CODES:
        setattr(instance, f"available_{code}", instance.exists_in(code))
