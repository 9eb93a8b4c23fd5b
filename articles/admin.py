from django.contrib import admin
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from articles.models import Article, Author, Byline, Topic


class ContentDirectionAdmin(TabbedTranslationAdmin):
    """Tabbed translation admin whose fields are typed in their content's direction.

    modeltranslation only adds an `mt-bidi` class; an Arabic field must be right-to-left (and an
    English one left-to-right) whatever the admin's own UI language is.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on modeltranslation's fields only
        if formfield is not None and language:
            direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
            formfield.widget.attrs.update(lang=language, dir=direction)
        return formfield

    class Media:
        css = {"all": ["css/admin.css"]}


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


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ("author",)


@admin.register(Article)
class ArticleAdmin(ContentDirectionAdmin):
    list_display = ("__str__", "status", "publish_at", "featured", "in_arabic", "in_english")
    list_filter = ("status", "featured", "topics")
    search_fields = ("title_ar", "title_en", "summary_ar", "summary_en")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topics",)
    inlines = (BylineInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (_("Image"), {"fields": ("hero_image", "hero_alt", "hero_caption", "hero_credit")}),
        (_("Publishing"), {"fields": ("status", "publish_at", "featured", "topics")}),
    )

    @admin.display(boolean=True, description=_("Arabic"))
    def in_arabic(self, article):
        return "ar" in article.available_languages

    @admin.display(boolean=True, description=_("English"))
    def in_english(self, article):
        return "en" in article.available_languages

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
