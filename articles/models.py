import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Max, Prefetch, prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles import files, search
from articles.images import SafeImageField, focal_point_fields, generate_renditions
from core import pagecache
from core.bilingual import RichText, Translated, fill_slugs
from core.languages import LANGUAGE_CODES, current_language, url_in_language
from core.sanitize import EDITOR_EXTENSIONS, sanitize_html
from staff import audit

logger = logging.getLogger(__name__)


def _random_name(folder, filename):
    # The uploader's file name can identify them or their device; keep only the extension.
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


def author_photo_path(instance, filename):
    return _random_name("authors", filename)


def article_image_path(instance, filename):
    return _random_name("articles", filename)


def make_renditions(field_file, focal_x=0.5, focal_y=0.5):
    """Resized copies for pages; an original stored before cleaning existed may not decode."""
    try:
        generate_renditions(field_file, focal_x, focal_y)
    except ValidationError:
        logger.warning("No renditions for %s: the stored original does not decode.", field_file)


def set_prepared_names(author_or_topic):
    """Keep the prepared names of an author or a topic; True when a stored one changed (its
    articles' vectors then need the new ones: `reindex_names_later`)."""
    names = search.prepared_names(author_or_topic)
    renamed = not author_or_topic._state.adding and any(
        getattr(author_or_topic, column) != value for column, value in names.items()
    )
    for column, value in names.items():
        setattr(author_or_topic, column, value)
    return renamed


def reindex_names_later(**articles):
    """Queue articles.tasks.reindex_names: a topic may hold 37,000 articles, a minute's work for
    the database. Queued in the caller's transaction: it runs after the rename is committed, or
    never (at once with the immediate backend, as in tests)."""
    if search.stores_vectors():
        from articles.tasks import reindex_names  # the task module imports this one

        reindex_names.enqueue(**articles)


class Topic(Translated, models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    # The name as its articles' search vectors hold it (articles.search.names_vector).
    prepared_name_ar = models.TextField(editable=False, default="")
    prepared_name_en = models.TextField(editable=False, default="")

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
        renamed = set_prepared_names(self)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if renamed:
                reindex_names_later(topic_id=self.pk)

    def get_absolute_url(self):
        return self.url_in(current_language())

    def clean(self):
        self.require_every_language("name")
        fill_slugs(self, source="name")

    def url_in(self, language):
        if slug := self.in_language("slug", language):
            return url_in_language(language, "articles:topic", slug=slug)
        return None


# What an author's profile shows readers: a change to any of these is audited.
PROFILE_FIELDS = (
    *(f"{field}_{code}" for field in ("name", "role", "bio") for code in LANGUAGE_CODES),
    "slug",
    "photo",
    "website",
)


class AuthorQuerySet(models.QuerySet):
    def public(self):
        """Authors whose profile readers see: named by the byline of a published article, live or
        scheduled (a scheduled article goes live with nobody looking at it again)."""
        published = Article.objects.filter(status=Article.Status.PUBLISHED).signed()
        return self.filter(pk__in=published.values("bylines__author"))

    def credited(self):
        """Authors with a page (and a feed, and a place in the sitemap): named by the byline of
        a live article. Any other author's page would say something no published article says:
        that a team-signed article's author works here, or whatever a profile not yet reviewed
        (a writer's, on our domain) claims."""
        return self.filter(pk__in=Article.objects.live().signed().values("bylines__author"))


class Author(Translated, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    role = models.CharField(_("role"), max_length=160, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = SafeImageField(
        _("photo"),
        upload_to=author_photo_path,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    # The name as its articles' search vectors hold it (articles.search.names_vector).
    prepared_name_ar = models.TextField(editable=False, default="")
    prepared_name_en = models.TextField(editable=False, default="")

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["slug"]

    def __str__(self):
        return self.translation("name")[0]

    def save(self, *args, by=None, **kwargs):
        """Save, recording in the audit log which profile fields `by` (None: a command) changed."""
        adding = self._state.adding
        loaded = getattr(self, "_loaded", None) or self.stored_profile()
        renamed = set_prepared_names(self)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if renamed:
                reindex_names_later(author_id=self.pk)
            self._loaded = self.profile()
            if changed := [f for f, value in self._loaded.items() if value != loaded.get(f, "")]:
                details = {"fields": changed} | ({"added": True} if adding else {})
                audit.record(audit.Action.AUTHOR_CHANGED, by, self.audit_name, **details)
        if loaded.get("photo", "") != self._loaded["photo"]:
            delete_image_when_unused(loaded.get("photo"))
        if self.photo:
            make_renditions(self.photo)

    def get_absolute_url(self):
        return self.url_in(current_language())

    def delete(self, *args, by=None, **kwargs):
        audit_name = self.audit_name  # the primary key is gone once deleted
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            audit.record(audit.Action.AUTHOR_CHANGED, by, audit_name, deleted=True)
        return deleted

    @classmethod
    def from_db(cls, db, field_names, values):
        author = super().from_db(db, field_names, values)
        # As loaded: save() audits what changed and deletes a replaced photo (no extra query).
        row = dict(zip(field_names, values, strict=True))
        if row.keys() >= set(PROFILE_FIELDS):
            author._loaded = {field: str(row[field] or "") for field in PROFILE_FIELDS}
        return author

    def profile(self):
        return {field: str(getattr(self, field) or "") for field in PROFILE_FIELDS}

    def stored_profile(self):
        """The profile as stored ({} for a new author)."""
        if self.pk is None:
            return {}
        stored = Author.objects.filter(pk=self.pk).values(*PROFILE_FIELDS).first() or {}
        return {field: str(value or "") for field, value in stored.items()}

    @property
    def audit_name(self):
        # Not the name: the name is what a change may replace.
        return f"#{self.pk} {self.slug}"

    def is_public(self):
        return self.pk is not None and Author.objects.public().filter(pk=self.pk).exists()

    def may_be_changed_by(self, user):
        """Readers take a public profile for the newsroom's word: as with a live article, it
        changes only by someone who may publish, never by a writer alone."""
        return user.has_perm("articles.publish_article") or not self.is_public()

    def clean(self):
        self.require_every_language("name")

    def url_in(self, language):
        return url_in_language(language, "articles:author", slug=self.slug)


# Every text an article has per language; any of them filled means it is being written there.
LANGUAGE_TEXT_FIELDS = ("title", "summary", "body", "hero_alt", "hero_caption")
SUMMARY_LIMIT = 300
# What a revision keeps; workflow fields are recorded but a restore leaves them as they are.
REVISION_TRANSLATED_FIELDS = ("title", "slug", "summary", "body", "hero_alt", "hero_caption")
REVISION_CONTENT_FIELDS = ("hero_credit", "hero_focal_x", "hero_focal_y", "byline_mode")
REVISION_FIELDS = (*REVISION_CONTENT_FIELDS, "status", "publish_at", "featured")


# What an article's search vectors are made from (articles.search.document), its bylines aside.
SEARCHED_FIELDS = (
    *(f"{field}_{code}" for field in ("title", "summary", "body") for code in LANGUAGE_CODES),
    "byline_mode",
)
SEARCH_VECTORS = tuple(f"search_{code}" for code in LANGUAGE_CODES)


@dataclass(frozen=True)
class Problem:
    message: str
    blocking: bool
    field: str = ""  # the form field to fix, where there is one (NON_FIELD_ERRORS otherwise)


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """Published and due: a scheduled article appears when its time comes, with no cron job."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        """Published, to go live at a time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def drafts_of(self, user):
        """`user`'s drafts (the articles they started that are still drafts)."""
        return self.filter(status=Article.Status.DRAFT, created_by=user)

    def awaiting_review(self):
        """Submitted for review: an editor's to publish or send back."""
        return self.filter(status=Article.Status.REVIEW)

    def in_language(self, language=None):
        """Available in a language: its title and body exist in that language."""
        language = language or current_language()
        return self.filter(**{f"available_{language}": True})

    def with_bylines(self):
        return self.prefetch_related(bylines_with_authors())

    def public(self):
        """What readers see in the page's language: every public list goes through this. Bylines
        are fetched by whoever prints them (`with_bylines`, articles.views.card_parts): a list
        whose cards are kept (core.fragments) needs none."""
        return self.live().in_language()

    def listed(self):
        """For lists of cards: without the bodies and search vectors, the bulk of each row."""
        return self.defer(
            *(f"{field}_{code}" for field in ("body", "search") for code in LANGUAGE_CODES)
        )

    def read_in(self, language):
        """For pages quoting the body in `language` (the article, search results): without the
        search vectors and the other language's body."""
        others = [code for code in LANGUAGE_CODES if code != language]
        return self.defer(*SEARCH_VECTORS, *(f"body_{code}" for code in others))

    def signed(self):
        """Articles whose byline names their authors (not the team's, not unsigned ones)."""
        return self.filter(byline_mode=Article.BylineMode.AUTHORS)

    def signed_by(self, author):
        """An author's articles: only those whose byline names them. An article signed by the
        team or unsigned must never be tied to its author, anywhere."""
        return self.signed().filter(bylines__author=author)


class Article(RichText, Translated, models.Model):
    """An article in one or both languages, and its way from draft to readers."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class BylineMode(models.TextChoices):
        AUTHORS = "authors", _("The named authors")
        ORGANISATION = "organisation", _("The editorial team")
        HIDDEN = "hidden", _("No byline")

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
    hero_image = SafeImageField(
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
    hero_credit = models.CharField(
        _("image credit"),
        max_length=120,
        blank=True,
        help_text=_('The photographer, or where the picture comes from, e.g. "Handout".'),
    )
    hero_focal_x, hero_focal_y = focal_point_fields()
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("authors")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="articles", verbose_name=_("topics")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        help_text=_("A time in the future schedules the article: it goes live then."),
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    byline_mode = models.CharField(
        _("byline"),
        max_length=12,
        choices=BylineMode.choices,
        default=BylineMode.AUTHORS,
        help_text=_("For authors at risk: sign as the editorial team, or show no byline."),
    )
    # Who may move an article between these without publishing rights (writers).
    WRITER_STATUSES = (Status.DRAFT, Status.REVIEW)

    # The number of the revision this row holds: a save made from an older one is a conflict.
    version = models.PositiveIntegerField(default=0, editable=False)
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
    # The prepared text's vector per language (articles.search), kept by save() and the
    # signals below; PostgreSQL only, GIN-indexed there by migration 0005 (not in Meta.indexes:
    # SQLite rebuilds tables with every declared index, and has no GIN).
    # Available in a language (title and body there), kept by save(): lists filter and count on
    # these, never on the bodies (at 100,000 articles `body_ar > ''` reads every body).
    available_ar = models.BooleanField(default=False, editable=False)
    available_en = models.BooleanField(default=False, editable=False)
    search_ar = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("publish_article", _("Can publish, unpublish, schedule and feature articles")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug_ar"], name="article_slug_ar_unique"),
            models.UniqueConstraint(fields=["slug_en"], name="article_slug_en_unique"),
        ]
        # Each language's public list, newest first: read in index order, never sorted.
        indexes = [
            models.Index(
                models.F("publish_at").desc(),
                models.F("id").desc(),
                condition=models.Q(status="published", **{f"available_{code}": True}),
                name=f"article_public_{code}",
            )
            for code in ("ar", "en")
        ] + [
            # The admin home's "waiting for review", last changed first (staff.work_queue).
            models.Index(
                models.F("updated_at").desc(),
                condition=models.Q(status="review"),
                name="article_awaiting_review",
            ),
        ]

    def __str__(self):
        return self.translation("title")[0]

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded", None) or self.stored_state()
        adding, chosen = self._state.adding, kwargs.get("update_fields") is not None
        if not (adding or chosen or kwargs.get("force_insert")):
            # The vectors are written by search.index() and index_names() alone: this object's
            # copy is as it was read, or empty when they were written after it was made.
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.attname in self.__dict__  # as Django does, deferred fields left out
                and field.attname not in SEARCH_VECTORS
            ]
        # A draft goes out dated from now, not from when it was drafted; a time chosen stays
        # (compared to the second: the admin's time field has no microseconds).
        if (
            self.status == self.Status.PUBLISHED
            and loaded["status"] in self.WRITER_STATUSES
            and self.publish_at.replace(microsecond=0)
            == loaded["publish_at"].replace(microsecond=0)
            and self.publish_at <= timezone.now()
        ):
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)
        self._loaded = {
            "status": self.status,
            "publish_at": self.publish_at,
            "hero_image": self.hero_image.name or "",
            "searched": [getattr(self, field) for field in SEARCHED_FIELDS],
            "indexed": True,
        }
        if loaded.get("hero_image", "") != self._loaded["hero_image"]:
            delete_image_when_unused(loaded.get("hero_image"), article=self.pk)
        # The vectors of texts as they were are still right: a save that changes none of them
        # (most corrections do not touch the searched texts; a change of status, of topics...)
        # skips the bulk of its work. Bylines, topics and their names reindex when they change.
        if not (loaded.get("indexed") and loaded.get("searched") == self._loaded["searched"]):
            search.index(self)
        if self.hero_image:
            make_renditions(self.hero_image, self.hero_focal_x, self.hero_focal_y)
        # Whatever the path (form, bulk action, applied revision), going live or off is audited.
        live_before, live_now = (
            loaded["status"] == self.Status.PUBLISHED,
            self.status == self.Status.PUBLISHED,
        )
        if live_before != live_now:
            audit.record(
                audit.Action.PUBLISH if live_now else audit.Action.UNPUBLISH,
                self.updated_by,
                f"#{self.pk} {self}",
                publish_at=self.publish_at.isoformat() if live_now and self.publish_at else None,
            )

    def get_absolute_url(self):
        return self.url_in(current_language())

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # As loaded: save() compares, to date a first publication, to audit going live and to
        # delete a replaced image (read from the row, never a query per deferred field).
        row = dict(zip(field_names, values, strict=True))
        if row.keys() >= {"status", "publish_at", "hero_image"}:
            article._loaded = {
                "status": row["status"],
                "publish_at": row["publish_at"],
                "hero_image": row["hero_image"] or "",
            }
            # And what its search vectors were made from, when they were (all read: a full row).
            if row.keys() >= {*SEARCHED_FIELDS, *SEARCH_VECTORS}:
                article._loaded |= {
                    "searched": [row[field] for field in SEARCHED_FIELDS],
                    "indexed": all(row[field] is not None for field in SEARCH_VECTORS),
                }
        return article

    def stored_state(self):
        """Status, publication time and image as stored ({"status": None} for a new article)."""
        if self.pk is not None:
            stored = (
                Article.objects.filter(pk=self.pk)
                .values("status", "publish_at", "hero_image")
                .first()
            )
            if stored:
                return stored
        return {"status": None}

    # --- The workflow: every path (admin form, bulk actions, commands) goes through these ------
    def publish(self, user, at=None):
        """Put the article live, now or at `at` (scheduled: live when the time comes, no cron).

        Raises ValidationError when a blocking check fails; nothing is saved then.
        """
        if blocking := [p.message for p in self.publishing_problems() if p.blocking]:
            raise ValidationError(blocking)
        self.status = self.Status.PUBLISHED
        if at is not None:
            self.publish_at = at
        return self.save_revision(user)

    def schedule(self, user, at):
        if at <= timezone.now():
            raise ValidationError(_("Choose a publication time in the future."))
        return self.publish(user, at)

    def unpublish(self, user):
        self.status = self.Status.UNPUBLISHED
        return self.save_revision(user)

    def submit_for_review(self, user):
        self.status = self.Status.REVIEW
        return self.save_revision(user)

    def save_revision(self, user):
        """Save the row as `user` and record it as the next revision."""
        self.updated_by = user
        if self.pk is None:
            self.created_by = user
        self.save()
        return self.record_revision(user)

    def is_released(self):
        """Whether the article as stored has left the writers' hands (published, scheduled or
        unpublished since): a change to it may wait as a pending revision (propose_change)."""
        return (
            self.pk is not None
            and Article.objects.filter(pk=self.pk).exclude(status__in=self.WRITER_STATUSES).exists()
        )

    def is_live(self):
        """Whether readers see the article now, as stored (ArticleQuerySet.live)."""
        return self.pk is not None and Article.objects.live().filter(pk=self.pk).exists()

    def needs_review(self, user):
        """A change by someone who may not publish, to a live article, waits for an editor."""
        return not user.has_perm("articles.publish_article") and self.is_released()

    def propose_change(self, user, topic_ids, author_ids):
        """Keep `user`'s edit of this live article as a pending revision for an editor; the live
        row stays as it is, except that hiding the byline applies at once (it protects people)."""
        if self.byline_mode != self.BylineMode.AUTHORS:
            Article.objects.filter(pk=self.pk).update(byline_mode=self.byline_mode)
            search.index_names(Article.objects.filter(pk=self.pk))  # names no longer found
            pagecache.content_changed()  # update() sends no signal: the cached pages, too
        # A new upload is stored now, as saving the row would, so the revision names a file
        # that exists (the row itself keeps the live image).
        Article._meta.get_field("hero_image").pre_save(self, add=False)
        return self.record_revision(
            user, content=self.snapshot(topic_ids, author_ids), pending=True
        )

    def clean(self):
        fill_slugs(self, source="title")
        # Drafts may be incomplete (saving never loses work); publishing needs every blocking
        # check to pass, whatever path the article takes to the public.
        if self.status != self.Status.PUBLISHED:
            return
        # Keyed by field, so a form shows each next to what to fix (and marks its language tab).
        blocking = {}
        for problem in self.publishing_problems():
            if problem.blocking:
                blocking.setdefault(problem.field or NON_FIELD_ERRORS, []).append(problem.message)
        if blocking:
            raise ValidationError(blocking)

    def intended_languages(self):
        """The languages the article is being written in: any of its texts exists there."""
        return [
            code
            for code in LANGUAGE_CODES
            if any(self.in_language(field, code) for field in LANGUAGE_TEXT_FIELDS)
        ]

    def publishing_problems(self):
        """What an editor must fix (blocking) or should look at before the article goes out."""
        problems = []
        languages = self.intended_languages()
        if not languages:
            problems.append(Problem(_("Write a title and a body in at least one language."), True))
        for code in languages:
            language = get_language_info(code)["name_translated"]
            if not self.in_language("title", code):
                message = _("The title is missing in %(language)s.")
                problems.append(Problem(message % {"language": language}, True, f"title_{code}"))
            if not self.in_language("body", code):
                message = _("The body is missing in %(language)s.")
                problems.append(Problem(message % {"language": language}, True, f"body_{code}"))
            if self.hero_image and not self.in_language("hero_alt", code):
                message = _("The image needs a description (alt text) in %(language)s.")
                problems.append(Problem(message % {"language": language}, True, f"hero_alt_{code}"))
            if len(self.in_language("summary", code)) > SUMMARY_LIMIT:
                message = _("The summary in %(language)s is longer than %(limit)d characters.")
                problems.append(
                    Problem(message % {"language": language, "limit": SUMMARY_LIMIT}, False)
                )
        if self.hero_image and not self.hero_credit:
            problems.append(Problem(_("The image needs a credit."), True, "hero_credit"))
        named = self.pk is not None and self.bylines.exists()
        if self.byline_mode == self.BylineMode.AUTHORS and not named:
            problems.append(Problem(_("No author is named in the byline."), False))
        return problems

    def snapshot(self, topic_ids=None, author_ids=None):
        """The article's content as a revision stores it; relations default to the saved ones."""
        content = {
            f"{field}_{code}": self.in_language(field, code)
            for field in REVISION_TRANSLATED_FIELDS
            for code in LANGUAGE_CODES
        }
        content |= {field: getattr(self, field) for field in REVISION_FIELDS}
        if self.publish_at:  # the admin's time field keeps whole seconds: no phantom changes
            content["publish_at"] = self.publish_at.replace(microsecond=0)
        content["hero_image"] = self.hero_image.name or ""
        content["topics"] = sorted(
            topic_ids if topic_ids is not None else self.topics.values_list("pk", flat=True)
        )
        content["authors"] = list(
            author_ids
            if author_ids is not None
            else self.bylines.values_list("author_id", flat=True)
        )
        return content

    def record_revision(self, user, *, content=None, pending=False, restored_from=None):
        """Store the next revision; unless pending, this row now holds that revision's number."""
        with transaction.atomic():
            # Numbers in order: the row locked (its key read, not its texts) before the last
            # number is read, in a statement of its own that sees what the lock waited for.
            Article.objects.select_for_update().filter(pk=self.pk).values_list("pk").first()
            number = (self.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
            revision = Revision.objects.create(
                article=self,
                number=number,
                created_by=user,
                content=self.snapshot() if content is None else content,
                pending=pending,
                restored_from=restored_from,
            )
            if not pending:
                Article.objects.filter(pk=self.pk).update(version=number)
                self.version = number
        return revision

    def take_content(self, content):
        """Set a revision's texts, image and byline mode on this row, unsaved."""
        for field in REVISION_TRANSLATED_FIELDS:
            for code in LANGUAGE_CODES:
                setattr(self, f"{field}_{code}", content[f"{field}_{code}"] or None)
        for field in REVISION_CONTENT_FIELDS:
            setattr(self, field, content[field])
        self.hero_image = content["hero_image"]

    def as_of(self, revision):
        """This article as `revision` would make it, for a preview and never saved: its texts,
        image, topics and bylines (a pending change read before anyone applies it)."""
        article = Article.objects.get(pk=self.pk)
        article.take_content(revision.content)
        authors = Author.objects.in_bulk(revision.content["authors"])
        article._prefetched_objects_cache = {
            "topics": list(Topic.objects.filter(pk__in=revision.content["topics"])),
            "bylines": [
                Byline(article=article, author=authors[pk], position=position)
                for position, pk in enumerate(revision.content["authors"])
                if pk in authors  # an author deleted since is left out, as restore() does
            ],
        }
        return article

    @classmethod
    def from_content(cls, content):
        """An unsaved article holding a revision's texts, to ask them questions (no query)."""
        article = cls()
        article.take_content(content)
        return article

    def restore(self, revision, user):
        """Bring back a revision's content as a new revision; the publishing state stays as is.

        Raises ValidationError when the restored text would break a published article's checks.
        """
        content = revision.content
        self.take_content(content)
        self.full_clean()
        with transaction.atomic():
            self.save()
            self.topics.set(Topic.objects.filter(pk__in=content["topics"]))
            self.bylines.all().delete()
            # An author deleted since then is left out of the restored byline.
            existing = set(
                Author.objects.filter(pk__in=content["authors"]).values_list("pk", flat=True)
            )
            authors = [pk for pk in content["authors"] if pk in existing]
            Byline.objects.bulk_create(
                Byline(article=self, author_id=pk, position=position)
                for position, pk in enumerate(authors)
            )
            # bulk_create sends no signal: the authors' names again
            search.index_names(Article.objects.filter(pk=self.pk))
            return self.record_revision(user, restored_from=revision)

    def is_available_in(self, language):
        """Whether the article can be read in `language`: its title and body exist there."""
        return bool(self.in_language("title", language) and self.in_language("body", language))

    @property
    def available_languages(self):
        """As last saved (save() keeps the columns): no body read to build a link."""
        return [code for code in LANGUAGE_CODES if getattr(self, f"available_{code}")]

    def revision_history(self):
        """Its revisions, newest first, each able to say what it was (Revision.event) without
        another query."""
        return Revision.trace(list(self.revisions.select_related("created_by", "restored_from")))

    @property
    def is_scheduled(self):
        """Published, to go live at a time still to come (as ArticleQuerySet.scheduled())."""
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    def publication_state(self):
        """Where the article stands for readers, in words: its status, or "Scheduled for <time>"
        when it is published for a time still to come (not live yet, whatever the status says)."""
        if self.is_scheduled:
            return _("Scheduled for %(time)s") % {"time": local_datetime(self.publish_at)}
        return self.get_status_display()

    @property
    def last_changed(self):
        # An article saved before its scheduled time was not changed after it came out.
        return max(self.updated_at, self.publish_at)

    @property
    def named_bylines(self):
        """The bylines to print: none when the article is signed by the team or unsigned."""
        return self.bylines.all() if self.byline_mode == self.BylineMode.AUTHORS else []

    @property
    def signed_by_team(self):
        return self.byline_mode == self.BylineMode.ORGANISATION

    def url_in(self, language):
        if language in self.available_languages:
            return url_in_language(
                language, "articles:detail", slug=self.in_language("slug", language)
            )
        return None

    def related(self, limit=3):
        """Live articles in the page's language sharing a topic, newest first, in one query and
        without their bylines: the page fetches those with its own (`with_bylines_of`)."""
        topics = Article.topics.through.objects
        shared = topics.filter(topic__in=topics.filter(article=self.pk).values("topic"))
        # A semi-join, not a join and DISTINCT: each article once, read in the list's index order.
        return (
            Article.objects.live()
            .in_language()
            .listed()
            .filter(pk__in=shared.values("article"))
            .exclude(pk=self.pk)[:limit]
        )

    def with_related(self):
        """The related articles, after one query fetching their bylines and this article's."""
        related = list(self.related())
        prefetch_related_objects([self, *related], bylines_with_authors())
        return related


def bylines_with_authors():
    return Prefetch("bylines", queryset=Byline.objects.select_related("author"))


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


# Authors' and topics' names are found in their articles' vectors (weight D): a byline or a
# topic added or taken away makes that part again (renames: Author.save(), Topic.save()).
@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def reindex_byline_article(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_names(Article.objects.filter(pk=instance.article_id))


@receiver(m2m_changed, sender=Article.topics.through)
def reindex_topics_articles(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        search.index_names(Article.objects.filter(pk=instance.pk))
    elif reverse and action in ("post_add", "post_remove"):  # topic.articles.add(...)
        search.index_names(Article.objects.filter(pk__in=pk_set))
    elif reverse and action == "pre_clear":  # topic.articles.clear(): known before, not after
        forget_topic(instance)


@receiver(pre_delete, sender=Topic)
def reindex_deleted_topics_articles(sender, instance, **kwargs):
    """Its links to articles go with it, without a signal."""
    forget_topic(instance)


def forget_topic(topic):
    """The names part of its articles' vectors made again without it, out of the request."""
    if search.stores_vectors():
        articles = list(Article.objects.filter(topics=topic).values_list("pk", flat=True))
        if articles:
            reindex_names_later(article_ids=articles, without_topic=topic.pk)


class RevisionQuerySet(models.QuerySet):
    def awaiting_review(self):
        """Writers' changes to live articles that no editor has applied yet (a pending revision
        an editor restores is applied: the revisions page says so too)."""
        applied = Revision.objects.filter(restored_from=models.OuterRef("pk"))
        return self.filter(pending=True).filter(~models.Exists(applied))


class Revision(models.Model):
    """An immutable copy of an article's content as saved: nothing is lost by saving.

    A pending revision is a writer's change to a published article: it waits for an editor
    instead of changing the live text.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    content = models.JSONField(_("content"), encoder=DjangoJSONEncoder)
    pending = models.BooleanField(_("awaiting review"), default=False)
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
        ]
        # The admin home's pending changes, newest first: a few rows among every save's.
        indexes = [
            models.Index(
                models.F("created_at").desc(),
                condition=models.Q(pending=True),
                name="revision_awaiting_review",
            ),
        ]

    def __str__(self):
        return f"{self.article} #{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A revision is never changed once saved.")
        super().save(*args, **kwargs)

    # What a revision was, read from what it stores and from the revision saved before it.
    PENDING, APPLIED, RESTORED = "pending", "applied", "restored"
    CREATED, SAVED, SUBMITTED = "created", "saved", "submitted"
    PUBLISHED, SCHEDULED, UNPUBLISHED = "published", "scheduled", "unpublished"

    @classmethod
    def trace(cls, revisions):
        """Tell each of an article's revisions (all of them, as a list) what came before and after
        it, so that `event` reads no more rows: the saved revision before it (pending changes never
        changed the article) and, for a pending change, the revision it was applied as."""
        applied_as = {}
        previous = None
        for revision in sorted(revisions, key=lambda r: r.number):
            if revision.restored_from_id:
                applied_as.setdefault(revision.restored_from_id, revision.number)
            revision._previous = previous
            if not revision.pending:
                previous = revision
        for revision in revisions:
            revision._applied_as = applied_as.get(revision.pk) if revision.pending else None
        return revisions

    @property
    def previous_saved(self):
        """The revision the article held when this one was made (None for the first)."""
        if not hasattr(self, "_previous"):
            self._previous = (
                Revision.objects.filter(article=self.article_id, pending=False)
                .filter(number__lt=self.number)
                .order_by("-number")
                .first()
            )
        return self._previous

    @property
    def applied_as(self):
        """The number of the revision a pending change became when an editor applied it."""
        if not hasattr(self, "_applied_as"):
            applied = Revision.objects.filter(restored_from=self).order_by("number").first()
            self._applied_as = applied.number if applied and self.pending else None
        return self._applied_as

    def intended_languages(self):
        """The languages this revision's text is written in (those it can be previewed in)."""
        return Article.from_content(self.content).intended_languages()

    @property
    def publish_at(self):
        value = self.content.get("publish_at")
        return parse_datetime(value) if isinstance(value, str) else value

    @property
    def event(self):
        """What this revision did: a change awaiting review (or applied), a restore, the save
        that published, scheduled, unpublished or submitted the article, or an ordinary save."""
        if self.pending:
            return self.APPLIED if self.applied_as else self.PENDING
        if self.restored_from_id:
            return self.RESTORED  # a restore keeps the publishing state: it is only a restore
        status = self.content.get("status")
        before = self.previous_saved
        before_status = before.content.get("status") if before else None
        if status == Article.Status.PUBLISHED:
            scheduled = self.publish_at is not None and self.publish_at > self.created_at
            if before_status != Article.Status.PUBLISHED:
                return self.SCHEDULED if scheduled else self.PUBLISHED
            if scheduled and self.publish_at != before.publish_at:
                return self.SCHEDULED
        elif status != before_status and status == Article.Status.REVIEW:
            return self.SUBMITTED
        elif status != before_status and status == Article.Status.UNPUBLISHED:
            return self.UNPUBLISHED
        return self.SAVED if before else self.CREATED

    @property
    def event_label(self):
        event = self.event
        if event == self.APPLIED:
            return _("Applied as revision %(number)s") % {"number": self.applied_as}
        if event == self.RESTORED:
            return _("Restored from %(number)s") % {"number": self.restored_from.number}
        if event == self.SCHEDULED:
            return pgettext_lazy("revision", "Scheduled for %(time)s") % {
                "time": local_datetime(self.publish_at)
            }
        return {
            self.PENDING: _("Awaiting review"),
            self.CREATED: pgettext_lazy("revision", "Created"),
            self.SAVED: _("Saved"),
            self.SUBMITTED: pgettext_lazy("revision", "Submitted for review"),
            self.PUBLISHED: pgettext_lazy("revision", "Published"),
            self.UNPUBLISHED: pgettext_lazy("revision", "Unpublished"),
        }[event]


def local_datetime(value):
    """A time as the admin shows it: in the site's time zone, in the language's format."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def image_fields():
    """(model, field) of every SafeImageField of the site, whatever app its model is in (a
    campaign's image too, without this app importing that one)."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, SafeImageField)
    ]


def image_in_use(name, article=None):
    """Whether a row shows this original (an article, an author, a campaign…), or a revision of
    `article` (the one it was that article's image) can still restore it: then it stays, with its
    renditions. Revisions of that article only: reading every revision's content would read
    every body."""
    return any(
        model._default_manager.filter(**{field.attname: name}).exists()
        for model, field in image_fields()
    ) or (
        article is not None
        and Revision.objects.filter(article=article, content__hero_image=name).exists()
    )


def images_in_use():
    """Every name image_in_use() holds for (repeats included), streamed from the database."""
    columns = [
        model._default_manager.values_list(field.attname, flat=True)
        for model, field in image_fields()
    ]
    columns.append(Revision.objects.values_list("content__hero_image", flat=True))
    for names in columns:
        yield from filter(None, names.order_by().iterator())  # order_by(): no sort needed


def delete_image_when_unused(name, article=None):
    """Once the transaction commits, delete an original and its renditions if nothing names it
    then (`article`: whose image it was). Not before: a rollback would leave a row naming a
    deleted file."""

    def delete_if_unused():
        if not image_in_use(name, article):
            files.delete(name)

    if name:
        # robust: storage failing here must not fail a change already committed (the
        # remove_orphan_files command deletes what is left).
        transaction.on_commit(delete_if_unused, robust=True)


@receiver(pre_save, sender=Article)
def mark_availability(sender, instance, **kwargs):
    """Per language, whether the article can be read there, from the texts as they will be
    stored (pre_save: after RichText.save has sanitized the bodies, an empty one to NULL)."""
    for code in LANGUAGE_CODES:
        setattr(instance, f"available_{code}", instance.is_available_in(code))


@receiver(pre_delete, sender=Article)
def delete_article_images(sender, instance, **kwargs):
    """The article's image, and those of its revisions: a revision is deleted only with its
    article (read now, in the same transaction: they are gone once deleted)."""
    names = {
        instance.hero_image.name,
        *instance.revisions.values_list("content__hero_image", flat=True),
    }
    for name in names:
        delete_image_when_unused(name, article=instance.pk)


@receiver(post_delete, sender=Author)
def delete_author_photo(sender, instance, **kwargs):
    delete_image_when_unused(instance.photo.name)


class PreviewLink(models.Model):
    """A signed, expiring, revocable link that lets a reviewer without an account read a draft."""

    LIFETIME = timedelta(days=7)
    SALT = "articles.preview"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    # A link to one revision (a pending change to a live article) rather than to the article.
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.article} ({self.expires_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = timezone.now() + self.LIFETIME
        super().save(*args, **kwargs)

    @property
    def token(self):
        return signing.TimestampSigner(salt=self.SALT).sign(str(self.id))

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def url_in(self, language):
        return url_in_language(language, "articles:preview", token=self.token)

    def shown_article(self):
        """What the link shows: the article as saved, or as its revision would make it."""
        return self.article.as_of(self.revision) if self.revision_id else self.article

    @classmethod
    def active_for(cls, token):
        """The link a token names, if its signature holds and it is neither expired nor revoked."""
        try:
            link_id = signing.TimestampSigner(salt=cls.SALT).unsign(token, max_age=cls.LIFETIME)
        except signing.BadSignature:
            return None
        link = cls.objects.select_related("article", "revision").filter(pk=link_id).first()
        return link if link and link.is_active else None
