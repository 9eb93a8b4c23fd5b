from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from staff import two_factor


class StaffAdminSite(admin.AdminSite):
    """The admin, reachable only after a password *and* a second factor (staff.two_factor)."""

    site_header = site_title = settings.SITE_NAME
    index_title = gettext_lazy("Newsroom")

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        # Past the password but not the second factor: every admin URL ends up here, then there.
        user = request.user
        if user.is_active and user.is_staff and not user.is_verified():
            query = f"?{urlencode({'next': request.GET['next']})}" if "next" in request.GET else ""
            return redirect(reverse("admin:two_factor") + query)
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("two-factor/", two_factor.verify, name="two_factor"),
            path("two-factor/setup/", two_factor.setup, name="two_factor_setup"),
            path("two-factor/recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
            *super().get_urls(),
        ]


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer once a user name has failed too often from one network address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return two_factor.admin_page(
        request, "admin/locked_out.html", _("Sign-in paused"), status=429, cooloff_minutes=minutes
    )
