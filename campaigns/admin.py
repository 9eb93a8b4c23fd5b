from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import ContentDirectionAdmin
from campaigns.models import Campaign, Signup


@admin.register(Campaign)
class CampaignAdmin(ContentDirectionAdmin):
    list_display = ("__str__", "active", "featured", "opens_at", "closes_at", "confirmed_count")
    list_filter = ("active", "featured")
    search_fields = ("title_ar", "title_en")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("articles",)
    readonly_fields = ("confirmed_count", "erased_count")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            _("Signup form"),
            {"fields": ("button_label", "consent_text", "consent_required", "thank_you_text")},
        ),
        (
            _("Running"),
            {
                "fields": (
                    "goal",
                    "opens_at",
                    "closes_at",
                    "active",
                    "featured",
                    "articles",
                    "confirmed_count",
                    "erased_count",
                )
            },
        ),
    )


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "campaign", "country", "language", "confirmed_at")
    list_filter = ("campaign", "country", ("confirmed_at", admin.EmptyFieldListFilter), "language")
    search_fields = ("email",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "campaign",
        "email",
        "consent_given_at",
        "consent_text",
        "sources",
        "created_at",
        "updated_at",
        "confirmed_at",
        "unsubscribed_at",
    )

    def has_add_permission(self, request):
        return False  # supporters sign up themselves, with their own consent
