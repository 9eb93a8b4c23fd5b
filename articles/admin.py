import functools

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import uploads
from articles.images import CleanImage
from articles.models import Article, Author, Byline, PreviewLink, Topic
from articles.revisions import compare
from articles.views import render_preview
from articles.widgets import HeroImageInput
from core.admin import ContentDirectionAdmin
from core.links import absolute_url

LANGUAGES = settings.LANGUAGES


@admin.register(Topic)
class TopicAdmin(ContentDirectionAdmin):
    list_display = ("name_ar", "name_en", "slug_ar", "slug_en")
    search_fields = ("name_ar", "name_en")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Author)
class AuthorAdmin(ContentDirectionAdmin):
    list_display = ("name_ar", "name_en", "role", "slug")
    search_fields = ("name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default

    # A public profile is read only for a writer: the admin shows it without a save button and
    # refuses a POST (403), whatever the form sent.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.may_be_changed_by(request.user)
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not obj.may_be_changed_by(request.user):
            self.message_user(
                request,
                _(
                    "Readers see this profile on published articles. Only an editor may change "
                    "it: ask one for the change you need."
                ),
                messages.WARNING,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Every change of a profile is audited, with who made it.
    def save_model(self, request, obj, form, change):
        obj.save(by=request.user)

    def delete_model(self, request, obj):
        obj.delete(by=request.user)

    def delete_queryset(self, request, queryset):
        for author in queryset:
            author.delete(by=request.user)


class KnownChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField taking its object from `known` ({value as a form sends it: object}),
    already read with others, and asking its queryset only for any other value."""

    known = {}

    def to_python(self, value):
        if isinstance(value, str) and value in self.known:
            return self.known[value]
        return super().to_python(value)


class BylineForm(forms.ModelForm):
    # The model's checks of its own fields would ask whether the author exists: the form's field
    # has just read it. Only there: the formset's check that two bylines do not name one author
    # comes after, and still sees the author.
    _author_read = False

    def _post_clean(self):
        self._author_read = "author" in self.cleaned_data
        try:
            super()._post_clean()
        finally:
            self._author_read = False

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        return exclude | {"author"} if self._author_read else exclude


class BylineFormSet(forms.BaseInlineFormSet):
    """Byline forms that find their byline and author among rows read once for all of them (the
    article's bylines with their authors, and any other author named): a save reads as much for
    one author as for ten, not three rows more per byline."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk = form.fields[self.model._meta.pk.name]
        form.fields[self.model._meta.pk.name] = KnownChoiceField(
            pk.queryset, initial=pk.initial, required=False, widget=pk.widget
        )
        form.fields[self.model._meta.pk.name].known = self.bylines
        if isinstance(form.fields.get("author"), KnownChoiceField):
            form.fields["author"].known = self.authors

    @functools.cached_property
    def bylines(self):
        return {str(byline.pk): byline for byline in self.get_queryset()}

    @functools.cached_property
    def authors(self):
        """{author's key as sent: author} for the article's authors and any other sent."""
        known = {str(byline.author_id): byline.author for byline in self.bylines.values()}
        sent = (
            {
                self.data.get(f"{self.add_prefix(index)}-author")
                for index in range(self.total_form_count())
            }
            if self.is_bound
            else set()
        )
        if others := [value for value in sent - known.keys() if value and value.isdigit()]:
            known |= {str(pk): author for pk, author in Author.objects.in_bulk(others).items()}
        return known


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 1
    # The people who wrote it, shown under the title (change_form.html): not "bylines", the
    # campaigns' word for signatures in Arabic.
    verbose_name = _("author")
    verbose_name_plural = _("authors")
    autocomplete_fields = ("author",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")  # BylineFormSet.authors

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs.setdefault("form_class", KnownChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # A byline is part of its article (as an auto-created through model would be): the roles hold
    # article permissions, none on Byline, so the article's own permissions decide here.
    def _may_edit_article(self, request, obj):
        action = "change" if obj is not None else "add"
        return request.user.has_perm(f"articles.{action}_article")

    def has_add_permission(self, request, obj):
        return self._may_edit_article(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article") or self._may_edit_article(
            request, obj
        )


class HeroImageWidget(AdminFileWidget, HeroImageInput):
    """The admin's file input, with the photo's thumbnail and crops (articles.widgets)."""


class ArticleForm(forms.ModelForm):
    # The revision number the editor started from: saving over a newer one is a conflict.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The signed token of a photo kept from a refused save (articles.uploads): sent again, it
    # stands for the file the browser forgot.
    kept_image = forms.CharField(widget=forms.HiddenInput, required=False)
    user = None  # who fills the form in (ArticleAdmin.get_form)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        if "status" in self.fields and not self.user_can_publish:
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] in Article.WRITER_STATUSES
            ]

    def clean(self):
        cleaned = super().clean()
        self._recall_kept_image(cleaned)
        article = self.instance
        if article.pk and not self.has_error("loaded_version"):
            current = Article.objects.filter(pk=article.pk).values_list("version", flat=True).get()
            started_from = cleaned.get("loaded_version")
            if started_from is not None and started_from != current:
                if article.revisions.filter(number__in=[started_from, current]).count() == 2:
                    diff_url = reverse(
                        "admin:articles_article_diff", args=[article.pk, started_from, current]
                    )
                else:  # opened before its first revision (an article made outside the admin)
                    diff_url = reverse("admin:articles_article_revisions", args=[article.pk])
                # The form shown again starts from the current revision: saving it once more,
                # having seen what changed, is a deliberate choice to replace that revision.
                self.data = self.data.copy()
                self.data[self.add_prefix("loaded_version")] = current
                raise forms.ValidationError(
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _(
                            "Someone else saved this article after you opened it, so your "
                            "changes were not saved. They are still in the form below."
                        ),
                        diff_url,
                        _("See what changed"),
                    ),
                    code="conflict",
                )
        return cleaned

    def _set_data(self, name, value):
        self.data = self.data.copy()
        self.data[self.add_prefix(name)] = value

    def _recall_kept_image(self, cleaned):
        """Without a new file (nor "clear" ticked), the kept photo is the one to save."""
        token = cleaned.get("kept_image")
        if (
            not token
            or self.user is None
            or self.files.get(self.add_prefix("hero_image"))
            or cleaned.get("hero_image") is False
        ):
            return
        try:
            cleaned["hero_image"] = uploads.recall(token, self.user)
        except ValidationError as error:
            self._set_data("kept_image", "")
            self.add_error("hero_image", error)

    def keep_image(self):
        """On a form shown again after a refused save: keep the photo it cleaned (or still hold
        the one kept before), so the editor need not choose it again and sees its thumbnail."""
        if not self.is_bound or self.user is None:
            return
        image = getattr(self, "cleaned_data", {}).get("hero_image")
        token = self.data.get(self.add_prefix("kept_image"), "")
        if image is False:  # "clear" ticked: no photo is wanted
            token = ""
        elif isinstance(image, CleanImage) and self.files.get(self.add_prefix("hero_image")):
            token = uploads.keep(image, self.user) or ""
        elif token:
            try:
                uploads.kept_name(token, self.user)
            except ValidationError:
                token = ""
        self._set_data("kept_image", token)
        if token:
            self.fields["hero_image"].widget.kept_url = reverse(
                "admin:articles_article_kept_image", args=[token]
            )

    def discard_kept_image(self):
        """Once saved with the article, the kept copy is not needed (the prune would take it)."""
        if token := self.cleaned_data.get("kept_image"):
            user = self.user
            transaction.on_commit(lambda: uploads.discard(token, user), robust=True)

    def _update_errors(self, errors):
        # The model's checks name the field to fix (and so mark its language tab); one this form
        # does not show is reported at the top.
        if hasattr(errors, "error_dict"):
            keyed = {}
            for field, messages in errors.error_dict.items():
                key = field if field in self.fields else NON_FIELD_ERRORS
                keyed.setdefault(key, []).extend(messages)
            errors = ValidationError(keyed)
        super()._update_errors(errors)


EDITOR_ONLY_FIELDS = ("publish_at", "featured")


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, _("Missing %(language)s") % {"language": name}) for code, name in LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in dict(LANGUAGES):
            return queryset.exclude(pk__in=Article.objects.in_language(self.value()))
        return queryset


class ScheduledFilter(admin.SimpleListFilter):
    title = _("schedule")
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [("yes", _("Scheduled for later"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.scheduled()
        return queryset


@admin.register(Article)
class ArticleAdmin(ContentDirectionAdmin):
    form = ArticleForm
    list_display = (
        "__str__",
        "publication_state",
        "publish_at",
        "featured",
        "in_arabic",
        "in_english",
    )
    list_filter = (
        "status",
        ScheduledFilter,
        MissingTranslationFilter,
        "authors",
        "topics",
        "featured",
    )
    search_fields = ("title_ar", "title_en", "summary_ar", "summary_en")
    date_hierarchy = "publish_at"
    show_full_result_count = False  # a second COUNT of every article (9 ms at 100,000)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topics",)
    inlines = (BylineInline,)  # shown between the first two fieldsets (change_form.html)
    actions = ("publish", "unpublish", "submit_for_review")
    fieldsets = (
        (None, {"fields": ("title", "slug")}),
        (None, {"fields": ("summary", "body", "loaded_version")}),
        (
            _("Image"),
            {
                "fields": (
                    "hero_image",
                    "kept_image",
                    "hero_alt",
                    "hero_caption",
                    "hero_credit",
                    ("hero_focal_x", "hero_focal_y"),
                )
            },
        ),
        (
            _("Publishing"),
            {
                "fields": (
                    "publishing_checks",
                    "status",
                    "publish_at",
                    "featured",
                    "byline_mode",
                    "topics",
                    "pages",
                )
            },
        ),
    )

    # --- Who may do what -----------------------------------------------------------------
    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_restore_permission(self, request, article):
        return self.has_change_permission(request, article) and self.has_publish_permission(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["publishing_checks", "pages"]
        if not self.has_publish_permission(request):
            readonly += EDITOR_ONLY_FIELDS
            if obj is not None and obj.status not in Article.WRITER_STATUSES:
                readonly.append("status")
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user_can_publish = self.has_publish_permission(request)
        form.user = request.user
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "hero_image":
            kwargs["widget"] = HeroImageWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # a refused save: the photo sent is not lost
            context["adminform"].form.keep_image()
        # The buttons say what saving does: on an article readers may see, an editor chooses
        # between changing it now and a pending change to preview first; a writer sends it.
        released = obj is not None and obj.is_released()
        can_publish = self.has_publish_permission(request)
        context["offer_pending_change"] = released and can_publish
        if released and not can_publish:
            context["save_label"] = _("Send the change for review")
        elif released and obj.is_live():
            context["save_label"] = _("Publish the change")
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Saving: every save is a revision --------------------------------------------------
    def save_model(self, request, obj, form, change):
        form.discard_kept_image()  # once committed: its copy is in the form's cleaned data
        asked_pending = "_save_pending" in request.POST and obj.is_released()
        request.review_needed = asked_pending or obj.needs_review(request.user)
        if request.review_needed:
            return  # a pending revision, made by save_related once the relations are known
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        article = form.instance
        if request.review_needed:
            byline_forms = [
                f.cleaned_data
                for formset in formsets
                for f in formset.forms
                if f.cleaned_data.get("author") and not f.cleaned_data.get("DELETE")
            ]
            author_ids = [
                data["author"].pk for data in sorted(byline_forms, key=lambda d: d["position"])
            ]
            topic_ids = [topic.pk for topic in form.cleaned_data.get("topics", [])]
            pending = article.propose_change(request.user, topic_ids, author_ids)
            request.pending_revision = pending
            if self.has_publish_permission(request):
                message = _(
                    "Saved as pending change %(number)d: readers still see the article as it "
                    "was. Preview it, share it or publish it here."
                )
            else:
                message = _(
                    "This article is live: your changes were sent to an editor for review as "
                    "revision %(number)d."
                )
            self.message_user(request, message % {"number": pending.number}, messages.INFO)
            return
        super().save_related(request, form, formsets, change)
        article.record_revision(request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        # Nothing was saved (the formsets were not either): the history says what happened.
        if pending := getattr(request, "pending_revision", None):
            return _("Sent changes for review as revision %(number)d.") % {"number": pending.number}
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        # A pending change is not in the form (it shows the live article): where to preview it.
        if getattr(request, "pending_revision", None):
            return redirect("admin:articles_article_revisions", obj.pk)
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The stock "was changed successfully" would be untrue: the live article is as it was.
        if getattr(request, "pending_revision", None) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    # --- Read-only panels ----------------------------------------------------------------
    @admin.display(description=_("Checks before publishing"))
    def publishing_checks(self, article):
        problems = article.publishing_problems() if article.pk else []
        if not problems:
            return _("Nothing to fix.") if article.pk else "—"
        return format_html_join(
            "",
            '<p class="publishing-check publishing-check--{}">{} {}</p>',
            (
                (
                    "blocking" if problem.blocking else "warning",
                    _("Must fix:") if problem.blocking else _("Check:"),
                    problem.message,
                )
                for problem in problems
            ),
        )

    @admin.display(description=_("Pages"))
    def pages(self, article):
        """Per language, the live page or a preview; share links for reviewers with no account."""
        if not article.pk:
            return "—"
        live = article.is_live()
        released = article.is_released()
        languages = [
            (code, name) for code, name in LANGUAGES if code in article.intended_languages()
        ]
        share_links = article.preview_links.filter(
            revision=None, revoked_at=None, expires_at__gt=timezone.now()
        )
        return render_to_string(
            "admin/articles/article/_pages.html",
            {
                "article": article,
                "pages": [
                    (
                        name,
                        article.url_in(code)
                        if live and code in article.available_languages
                        else None,
                        reverse("admin:articles_article_preview", args=[article.pk, code]),
                    )
                    for code, name in languages
                ],
                "share_links": [
                    (link, [(name, link.url_in(code)) for code, name in languages])
                    for link in share_links
                ],
                "released": released,
                "pending_changes": article.revisions.awaiting_review().count() if released else 0,
            },
        )

    @admin.display(description=_("status"), ordering="status")
    def publication_state(self, article):
        return article.publication_state()  # "Scheduled for …" rather than a status not yet true

    @admin.display(boolean=True, description=_("Arabic"))
    def in_arabic(self, article):
        return "ar" in article.available_languages

    @admin.display(boolean=True, description=_("English"))
    def in_english(self, article):
        return "en" in article.available_languages

    # --- Bulk actions, each one logged ---------------------------------------------------
    @admin.action(description=_("Publish the selected articles"), permissions=("publish",))
    def publish(self, request, queryset):
        published, blocked = 0, []
        for article in queryset:
            try:
                article.publish(request.user)
            except ValidationError:
                blocked.append(str(article))
                continue
            self.log_status_change(request, article)
            published += 1
        self.message_user(request, _("Published: %(count)d.") % {"count": published})
        if blocked:
            self.message_user(
                request,
                _("Not published, fix their checks first: %(titles)s")
                % {"titles": f"{_(',')} ".join(blocked)},
                messages.WARNING,
            )

    @admin.action(description=_("Unpublish the selected articles"), permissions=("publish",))
    def unpublish(self, request, queryset):
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.unpublish(request.user)
            self.log_status_change(request, article)

    @admin.action(description=_("Submit the selected articles for review"), permissions=("change",))
    def submit_for_review(self, request, queryset):
        for article in queryset.filter(status=Article.Status.DRAFT):
            article.submit_for_review(request.user)
            self.log_status_change(request, article)

    def log_status_change(self, request, article):
        self.log_change(request, article, [{"changed": {"fields": ["status"]}}])

    # --- Extra pages: preview, share links, revisions ------------------------------------
    def get_urls(self):

        extra = [
            ("<int:pk>/preview/<str:language>/", self.preview_view, "preview"),
            ("<int:pk>/share-preview/", self.share_preview_view, "share_preview"),
            (
                "<int:pk>/revisions/<int:number>/share-preview/",
                self.share_preview_view,
                "share_revision_preview",
            ),
            (
                "<int:pk>/revisions/<int:number>/preview/<str:language>/",
                self.preview_view,
                "revision_preview",
            ),
            ("<int:pk>/revoke-preview/<uuid:link>/", self.revoke_preview_view, "revoke_preview"),
            ("<int:pk>/revisions/", self.revisions_view, "revisions"),
            ("<int:pk>/revisions/<int:old>/<int:new>/", self.diff_view, "diff"),
            ("<int:pk>/revisions/<int:number>/restore/", self.restore_view, "restore"),
            ("kept-image/<str:token>/", self.kept_image_view, "kept_image"),
        ]
        return [
            path(route, self.admin_site.admin_view(function), name=f"articles_article_{name}")
            for route, function, name in extra
        ] + super().get_urls()

    def _article_or_404(self, request, pk, permission="view"):
        article = get_object_or_404(Article, pk=pk)
        allowed = {"view": self.has_view_permission, "change": self.has_change_permission}
        if not allowed[permission](request, article):
            raise PermissionDenied
        return article

    def kept_image_view(self, request, token):
        """The preview of a photo kept from a refused save, for the editor who sent it only."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        try:
            file, content_type = uploads.open_kept(token, request.user)
        except ValidationError:
            raise Http404 from None
        response = FileResponse(file, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=3600"
        return response

    def preview_view(self, request, pk, language, number=None):
        """The article as saved or, with `number`, as that revision would make it."""
        article = self._article_or_404(request, pk)
        if language not in dict(LANGUAGES):
            raise Http404
        revision = None if number is None else get_object_or_404(article.revisions, number=number)
        with translation.override(language):
            if revision is None:
                return render_preview(request, article)
            return render_preview(request, article.as_of(revision), revision)

    def share_preview_view(self, request, pk, number=None):
        """A share link to the article as saved or, with `number`, to that revision."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, pk, "change")
        revision = None if number is None else get_object_or_404(article.revisions, number=number)
        link = PreviewLink.objects.create(
            article=article, revision=revision, created_by=request.user
        )
        self.log_change(request, article, _("Created a share link for reviewers."))
        # Full addresses, to paste into a message, in the languages the text is written in.
        shown = revision or article
        urls = [
            absolute_url(link.url_in(code))
            for code in shown.intended_languages() or [settings.LANGUAGE_CODE]
        ]
        self.message_user(request, _("Share link created: %(url)s") % {"url": " ".join(urls)})
        if revision:
            return redirect("admin:articles_article_revisions", article.pk)
        return redirect("admin:articles_article_change", article.pk)

    def revoke_preview_view(self, request, pk, link):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, pk, "change")
        link = get_object_or_404(article.preview_links, pk=link)
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        self.log_change(request, article, _("Revoked a share link."))
        self.message_user(request, _("The share link no longer works."))
        if link.revision_id:
            return redirect("admin:articles_article_revisions", article.pk)
        return redirect("admin:articles_article_change", article.pk)

    def revisions_view(self, request, pk):
        article = self._article_or_404(request, pk)
        revisions = article.revision_history()  # each says what it was: published, pending…
        can_change = self.has_change_permission(request, article)
        # The share links of changes awaiting review, listed under each.
        share_links = {}
        for link in article.preview_links.filter(
            revision__isnull=False, revoked_at=None, expires_at__gt=timezone.now()
        ):
            share_links.setdefault(link.revision_id, []).append(link)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "title": _("Revisions of “%(title)s”") % {"title": article},
            "revisions": [
                self._revision_row(revision, share_links.get(revision.pk, []))
                for revision in revisions
            ],
            "can_change": can_change,
            "can_restore": self.has_restore_permission(request, article),
            "live": article.is_live(),
        }
        return render(request, "admin/articles/article/revisions.html", context)

    @staticmethod
    def _revision_row(revision, share_links):
        """A revision, the languages it can be previewed in, its share links with their pages."""
        languages = [
            (code, name) for code, name in LANGUAGES if code in revision.intended_languages()
        ]
        return (
            revision,
            languages,
            [
                (link, [(name, link.url_in(code)) for code, name in languages])
                for link in share_links
            ],
        )

    def diff_view(self, request, pk, old, new):
        article = self._article_or_404(request, pk)
        revisions = {r.number: r for r in article.revisions.filter(number__in=[old, new])}
        if old not in revisions or new not in revisions:
            raise Http404
        can_restore = self.has_restore_permission(request, article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "title": _("Changes from revision %(old)d to %(new)d") % {"old": old, "new": new},
            "old": revisions[old],
            "new": revisions[new],
            "changes": compare(revisions[old].content, revisions[new].content),
            "live": article.is_live(),
            # Either side may be brought back, unless the article holds it already.
            "restorable": [
                revisions[number]
                for number in dict.fromkeys([old, new])
                if can_restore and number != article.version
            ],
        }
        return render(request, "admin/articles/article/diff.html", context)

    def restore_view(self, request, pk, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, pk, "change")
        if not self.has_restore_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(article.revisions, number=number)
        try:
            restored = article.restore(revision, request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect("admin:articles_article_revisions", article.pk)
        numbers = {"old": revision.number, "new": restored.number}
        if revision.pending:  # a change that waited for review: now the article's text
            message = _("Applied change %(old)d as revision %(new)d.") % numbers
        else:
            message = _("Restored revision %(old)d as revision %(new)d.") % numbers
        self.log_change(request, article, message)
        self.message_user(request, message)
        return redirect("admin:articles_article_change", article.pk)
