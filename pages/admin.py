from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ContentDirectionAdmin
from core.languages import LANGUAGE_CODES
from pages.models import Page


@admin.register(Page)
class PageAdmin(ContentDirectionAdmin):
    list_display = ("__str__", "kind", "footer_order", "published", "languages", "updated_at")
    list_filter = ("published", "kind")
    search_fields = ("title_ar", "title_en")
    ordering = ("footer_order", "pk")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (_("On the site"), {"fields": ("kind", "footer_order", "published")}),
    )

    @admin.display(description=_("languages"))
    def languages(self, page):
        """The languages the page exists in: a missing one is a page readers of it never see."""
        return " · ".join(code for code in LANGUAGE_CODES if page.url_in(code)) or "—"
