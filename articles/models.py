import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.sanitize import EDITOR_EXTENSIONS, sanitize_html

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _random_name(folder, filename):
    # The uploader's file name can identify them or their device; keep only the extension.
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


def author_photo_path(instance, filename):
    return _random_name("authors", filename)


def article_image_path(instance, filename):
    return _random_name("articles", filename)


def current_language():
    # None inside translation.override(None), as the admin uses for its change messages.
    return get_language() or settings.LANGUAGE_CODE


def url_in_language(language, view_name, **kwargs):
    with translation.override(language):
        return reverse(view_name, kwargs=kwargs)


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


class Topic(Translated, models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["slug_ar"], name="topic_slug_ar_unique"),
            models.UniqueConstraint(fields=["slug_en"], name="topic_slug_en_unique"),
        ]

    def __str__(self):
        return self.translation("name")[0]

    def save(self, *args, **kwargs):
        fill_slugs(self, source="name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_in(current_language())

    def clean(self):
        self.require_every_language("name")
        fill_slugs(self, source="name")

    def url_in(self, language):
        if slug := self.in_language("slug", language):
            return url_in_language(language, "articles:topic", slug=slug)
        return None


class Author(Translated, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    role = models.CharField(_("role"), max_length=160, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to=author_photo_path,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["slug"]

    def __str__(self):
        return self.translation("name")[0]

    def get_absolute_url(self):
        return self.url_in(current_language())

    def clean(self):
        self.require_every_language("name")

    def url_in(self, language):
        return url_in_language(language, "articles:author", slug=self.slug)


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """Published and due: a scheduled article appears when its time comes, with no cron job."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def in_language(self, language=None):
        """Available in a language: its title and body exist in that language."""
        language = language or current_language()
        return self.filter(**{f"title_{language}__gt": "", f"body_{language}__gt": ""})

    def with_bylines(self):
        return self.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )


class Article(Translated, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # blank=True: no single language is required (an article may be English-only); clean()
    # requires title and body together in each language used, and one language to publish.
    title = models.CharField(_("title"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("Filled from the title when left empty."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = ProseEditorField(
        _("body"), extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True
    )
    hero_image = models.ImageField(
        _("image"),
        upload_to=article_image_path,
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True)
    hero_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    hero_credit = models.CharField(_("image credit"), max_length=120, blank=True)
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("authors")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="articles", verbose_name=_("topics")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        help_text=_("A time in the future schedules the article: it goes live then."),
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["slug_ar"], name="article_slug_ar_unique"),
            models.UniqueConstraint(fields=["slug_en"], name="article_slug_en_unique"),
        ]

    def __str__(self):
        return self.translation("title")[0]

    def save(self, *args, **kwargs):
        # Sanitized here, not only in the admin form, so no write path can store hostile HTML.
        for code in LANGUAGE_CODES:
            setattr(self, f"body_{code}", sanitize_html(self.in_language("body", code)) or None)
        fill_slugs(self, source="title")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_in(current_language())

    def clean(self):
        fill_slugs(self, source="title")
        errors = {}
        for code in LANGUAGE_CODES:
            has_title, has_body = (bool(self.in_language(f, code)) for f in ("title", "body"))
            if has_title != has_body:
                missing = "body" if has_title else "title"
                errors[f"{missing}_{code}"] = _(
                    "In %(language)s, an article needs both a title and a body."
                ) % {"language": get_language_info(code)["name_translated"]}
        if not errors and self.status == self.Status.PUBLISHED and not self.available_languages:
            errors["status"] = _("Write the title and body in at least one language to publish.")
        if errors:
            raise ValidationError(errors)

    @property
    def available_languages(self):
        return [
            code
            for code in LANGUAGE_CODES
            if self.in_language("title", code) and self.in_language("body", code)
        ]

    @property
    def body_html(self):
        """The body, sanitized again on output: rows written around save() are still safe."""
        return mark_safe(sanitize_html(self.body or ""))  # noqa: S308 (this is the sanitizer)

    def url_in(self, language):
        if language in self.available_languages:
            return url_in_language(
                language, "articles:detail", slug=self.in_language("slug", language)
            )
        return None

    def related(self, limit=3):
        """Live articles in the page's language sharing a topic, newest first (two queries)."""
        topic_ids = [topic.pk for topic in self.topics.all()]
        return (
            Article.objects.live()
            .in_language()
            .with_bylines()
            .filter(topics__in=topic_ids)
            .exclude(pk=self.pk)
            .distinct()[:limit]
        )


class Byline(models.Model):
    """An author of an article, in the order the byline names them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]

    def __str__(self):
        return str(self.author)


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
