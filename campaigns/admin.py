from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import (
    get_language,
    get_language_bidi,
    gettext,
    ngettext,
    override,
    pgettext_lazy,
)
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.filters import CountryFilter
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from campaigns import charts
from campaigns.export import export_response
from campaigns.models import Campaign, Signup, normalize_email
from core.admin import ContentDirectionAdmin
from core.pagination import CappedPaginator
from staff import audit

DASHBOARD_DAYS = 30
TOP_SOURCES = 10
FILTER_CHOICES_SECONDS = 300  # how long the country and source filters' choices are reused
NO_SOURCE = "__none__"  # the source filter's value for signups that came with no source
RECENT_SIGNUPS = 10_000  # whose sources the filter offers when no campaign is chosen


def top_sources(signups, limit=TOP_SOURCES):
    """[(last source or "", number of signups)], most common first, counted by the database."""
    return list(
        signups.values("last_source")
        .annotate(count=Count("pk"))
        .order_by("-count", "last_source")
        .values_list("last_source", "count")[:limit]
    )


def is_address(term):
    try:
        validate_email(term)
    except ValidationError:
        return False
    return True


def logged_filter(request):
    """The signup list's filter as the audit log keeps it: (text, details). Of the search, only
    that there was one and whether it was a whole address (someone looked a supporter up): the
    log is never erased, and a supporter's address must go when they erase their signup."""
    query = request.GET.copy()
    term = normalize_email(query.pop(SEARCH_VAR, [""])[-1])
    details = {"filter": query.urlencode()}
    text = gettext("Filter: %(query)s") % {"query": f"?{details['filter']}" if query else "—"}
    if term:
        whole = is_address(term)
        details["search"] = "address" if whole else "part"
        searched = (
            gettext("Searched for a whole address.")
            if whole
            else gettext("Searched for part of an address.")
        )
        text = f"{text} {searched}"
    return text, details


def campaign_numbers(campaign, days=DASHBOARD_DAYS):
    """What the dashboard shows: the campaign's figures (Campaign.numbers), laid out, and drawn
    (campaigns.charts) in the admin's writing direction."""
    numbers = campaign.numbers(days, TOP_SOURCES)
    total, per_day = numbers["total"], numbers["per_day"]
    rtl = get_language_bidi()
    return {
        **numbers,
        "confirmed_rate": 100 * numbers["confirmed"] / total if total else None,
        "per_day": [
            (day, count, to_date)
            for (day, count), (_day, to_date) in zip(
                per_day, charts.running_totals(per_day, total), strict=True
            )
        ],
        "recent_total": sum(count for _day, count in per_day),
        "daily_chart": charts.daily_bars(per_day, rtl=rtl),
        "progress_chart": charts.progress(
            per_day, total, campaign.confirmed_count, campaign.goal, rtl=rtl
        ),
        "countries": [
            (countries.name(code) if code else "", count) for code, count in numbers["countries"]
        ],
    }


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
        (_("Image"), {"fields": ("hero_image", "hero_alt", ("hero_focal_x", "hero_focal_y"))}),
        (
            _("Signup form"),
            {
                "fields": (
                    "button_label",
                    "consent_text",
                    "consent_required",
                    "thank_you_text",
                    "countries_first",
                )
            },
        ),
        (
            _("Running"),
            {
                "fields": (
                    "goal",
                    "show_count_from",
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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "countries_first":
            # Two lists with a filter box: a few countries picked from 249 without Ctrl-clicks.
            kwargs["widget"] = FilteredSelectMultiple(_("countries"), is_stacked=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_dashboard_permission(self, request, campaign=None):
        """Figures about supporters: for those who may see both the campaign and its signups."""
        return self.has_view_permission(request, campaign) and request.user.has_perm(
            "campaigns.view_signup"
        )

    def get_urls(self):
        dashboard = self.admin_site.admin_view(self.dashboard_view)
        return [
            path("<int:pk>/dashboard/", dashboard, name="campaigns_campaign_dashboard"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request, pk):
        if not self.has_dashboard_permission(request):
            raise PermissionDenied
        campaign = get_object_or_404(Campaign, pk=pk)
        if not self.has_dashboard_permission(request, campaign):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "campaign": campaign,
            "title": _("Dashboard: %(campaign)s") % {"campaign": campaign},
            "days": DASHBOARD_DAYS,
            "numbers": campaign_numbers(campaign),
        }
        return render(request, "admin/campaigns/campaign/dashboard.html", context)


class YesNoFilter(admin.SimpleListFilter):
    """Yes: the date field is set; no: it is empty."""

    field = None

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(**{f"{self.field}__isnull": self.value() == "no"})
        return queryset


class ConfirmedFilter(YesNoFilter):
    title = pgettext_lazy("signups filter", "confirmed")  # "confirmed" alone names a date
    parameter_name = "confirmed"
    field = "confirmed_at"


class UnsubscribedFilter(YesNoFilter):
    title = _("unsubscribed")
    parameter_name = "unsubscribed"
    field = "unsubscribed_at"


def filter_choices(request, name, values):
    """`values(signups)` for a filter's choices: of the campaign filtered on, else of the newest
    signups (read by index, never every row); each takes a pass over those signups, so the
    choices are reused for a few minutes."""
    campaign = request.GET.get("campaign__id__exact", "")
    campaign = campaign if campaign.isdigit() else ""

    def choices():
        if campaign:
            return values(Signup.objects.filter(campaign_id=campaign).order_by())
        newest = Signup.objects.values("pk")[:RECENT_SIGNUPS]
        return values(Signup.objects.filter(pk__in=newest).order_by())

    key = f"campaigns:signup-{name}:{campaign}"
    return cache.get_or_set(key, choices, FILTER_CHOICES_SECONDS)


class SignupCountryFilter(CountryFilter):
    """The countries signups came from (django-countries' filter reads every row for them)."""

    def __init__(self, field, request, *args, **kwargs):
        self.request = request
        super().__init__(field, request, *args, **kwargs)

    def lookup_choices(self, changelist):
        codes = set(
            filter_choices(
                self.request,
                "countries",
                lambda signups: list(signups.values_list("country", flat=True).distinct()),
            )
        )
        return [(code, name) for code, name in countries if code in codes]


class SourceFilter(admin.SimpleListFilter):
    """The source of each signup's latest entry (where the supporter last signed from).

    The choices are the most common sources (filter_choices). Any other source can be filtered
    on by putting it in the address: ?source=...
    """

    title = _("last source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        sources = filter_choices(
            request, "sources", lambda signups: [s for s, _count in top_sources(signups) if s]
        )
        return [(source, source) for source in sources] + [(NO_SOURCE, _("No source"))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(last_source="" if self.value() == NO_SOURCE else self.value())


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "full_name",
        "campaign",
        "country_name",
        "language",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    list_filter = (
        "campaign",
        ("country", SignupCountryFilter),
        ConfirmedFilter,
        "language",
        SourceFilter,
        UnsubscribedFilter,
        ("created_at", admin.DateFieldListFilter),
    )
    list_select_related = ("campaign",)
    search_fields = ("email",)
    search_help_text = _(
        "A whole address finds that address only; part of one (a name, @example.org) finds every "
        "address containing it."
    )
    # One COUNT per page, not two, and a bounded one (CappedPaginator: the newest 500 pages); no
    # date hierarchy (its year and month links each read every signup): a date filter instead.
    show_full_result_count = False
    paginator = CappedPaginator
    list_per_page = 50
    actions = ("export_selected",)
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

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, signup):
        # Named directly: as a plain column, each row would rebuild the list of 250 countries.
        return signup.country.name

    def has_add_permission(self, request):
        return False  # supporters sign up themselves, with their own consent

    def has_change_permission(self, request, obj=None):
        # Nobody but a supporter changes a supporter's data, superusers included: a correction
        # is a new signup that its confirm link, sent to the address, applies (Signup.receive).
        return False

    # A deletion by staff is an erasure like a supporter's own: counts kept right, and logged.
    def delete_model(self, request, obj):
        obj.erase(by=request.user)

    def delete_queryset(self, request, queryset):
        queryset.erase(by=request.user)

    def has_export_permission(self, request):
        return request.user.has_perm("campaigns.export_signup")

    def get_search_results(self, request, queryset, search_term):
        term = normalize_email(search_term)  # as addresses are stored
        if not term:
            return queryset, False
        if is_address(term):  # stored normalised: an exact match, found by index
            return queryset.filter(email=term), False
        # Addresses are stored lower-cased, as `term` is: a plain LIKE, which a trigram index
        # serves on PostgreSQL (campaigns migration 0005).
        return queryset.filter(email__contains=term), False

    # --- Every look at supporters is logged, as every export is ----------------------------
    def changelist_view(self, request, extra_context=None):
        context = {"can_export": self.has_export_permission(request), **(extra_context or {})}
        response = super().changelist_view(request, context)
        if request.method == "GET" and response.status_code == 200:
            text, details = logged_filter(request)
            audit.record(audit.Action.SIGNUPS_VIEWED, request.user, text, **details)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            audit.record(audit.Action.SIGNUPS_VIEWED, request.user, f"#{object_id}")
        return response

    # --- Export: every one logged, with who, when, which filter and how many rows ----------
    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export/", export, name="campaigns_signup_export"), *super().get_urls()]

    def export_view(self, request):
        """The "Export CSV" button: every signup the changelist's filters and search select."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(f"{reverse('admin:campaigns_signup_changelist')}?{ERROR_FLAG}=1")
        # Building the changelist counted its rows already: that COUNT is the one logged.
        return self.export(request, changelist.queryset, changelist.result_count)

    @admin.action(description=_("Export the selected signups as CSV"), permissions=("export",))
    def export_selected(self, request, queryset):
        # "Select all" across pages is the whole filter, as the button exports.
        ticked = request.POST.get("select_across") != "1"
        return self.export(request, queryset, queryset.count(), ticked=ticked)

    def export(self, request, queryset, count, ticked=False):
        message = ngettext(
            "Exported %(count)d signup as CSV.",
            "Exported %(count)d signups as CSV.",
            count,
        ) % {"count": count}
        if ticked:
            message += " " + gettext("Rows ticked in the list.")
        text, details = logged_filter(request)
        message += " " + text
        started = audit.record(
            audit.Action.SIGNUP_EXPORT, request.user, message, count=count, **details
        )
        language = get_language()

        def ended(finished, rows):
            """A second entry when the stream ends: a file cut short looks complete."""
            with override(language):  # the request, and its language, are over by now
                if finished:
                    text = ngettext(
                        "Export finished: %(count)d signup sent.",
                        "Export finished: %(count)d signups sent.",
                        rows,
                    )
                else:
                    text = ngettext(
                        "Export cut short: only %(count)d signup sent, the file is incomplete.",
                        "Export cut short: only %(count)d signups sent, the file is incomplete.",
                        rows,
                    )
            audit.record(
                audit.Action.SIGNUP_EXPORT,
                request.user,
                text % {"count": rows},
                export=started.pk,
                finished=finished,
                rows=rows,
            )

        return export_response(queryset, on_end=ended)


# --- The email queue (django-tasks-db), read only, in the admin's language --------------------
# Campaign managers and administrators see queued, failed and retried emails (migration 0003).
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class EmailQueueAdmin(DBTaskResultAdmin):
    """The library's own admin, with the three labels it leaves untranslatable."""

    @admin.display(description=_("task"))
    def task(self, result):
        return result.task_name

    @admin.display(description=_("error"))
    def formatted_traceback(self, result):
        return super().formatted_traceback(result)

    @admin.display(description=_("next try"))
    def display_run_after(self, result):
        return super().display_run_after(result)

    list_display = ("id", "task", *DBTaskResultAdmin.list_display[2:])
