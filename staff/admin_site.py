from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from staff import two_factor, work_queue

# The admin's index and sidebar: the newsroom's own sections first, in this order (and their
# models in this order), then the back office's people; any other app (security, devices, the
# email queue: packages' apps) after them, grouped under a heading of their own.
NEWSROOM_APPS = {
    "articles": ["article", "author", "topic"],
    "campaigns": ["campaign", "signup"],
    "pages": [],
    "staff": [],
    "auth": ["user", "group"],
}

# The security packages' apps and models, named in the admin's language (they ship no Arabic,
# and "Otp_Totp" means nothing to an editor): {app label: (name, {model: plural name})}.
SYSTEM_NAMES = {
    "axes": (gettext_lazy("Sign-in attempts"), {}),
    "otp_totp": (
        gettext_lazy("Authenticator apps"),
        {"totpdevice": gettext_lazy("Authenticator apps")},
    ),
    "otp_static": (
        gettext_lazy("Recovery codes"),
        {"staticdevice": gettext_lazy("Recovery code sets")},
    ),
    "django_otp_webauthn": (
        gettext_lazy("Passkeys"),
        {"webauthncredential": gettext_lazy("Passkeys")},
    ),
}


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

    def get_app_list(self, request, app_label=None):
        """The apps in NEWSROOM_APPS' order, then the others, each marked `system` (and named by
        SYSTEM_NAMES where their package names them poorly)."""
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["system"] = app["app_label"] not in NEWSROOM_APPS
            if app["app_label"] in SYSTEM_NAMES:
                app["name"], model_names = SYSTEM_NAMES[app["app_label"]]
                for model in app["models"]:
                    model["name"] = model_names.get(model["object_name"].lower(), model["name"])
            app["models"].sort(key=model_order(NEWSROOM_APPS.get(app["app_label"], [])))
        return sorted(apps, key=app_order)

    def each_context(self, request):
        context = super().each_context(request)
        context["available_app_groups"] = app_groups(context["available_apps"])
        return context

    def index(self, request, extra_context=None):
        """The home: the signed-in user's work queue (staff.work_queue), then the apps."""
        app_list = self.get_app_list(request)
        context = {
            "app_list": app_list,
            "app_groups": app_groups(app_list),
            "work_queue": work_queue.panels_for(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_urls(self):
        return [
            path("two-factor/", two_factor.verify, name="two_factor"),
            path("two-factor/setup/", two_factor.setup, name="two_factor_setup"),
            path("two-factor/recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
            *super().get_urls(),
        ]


def app_order(app):
    """Sort key of an app (already sorted by name): the newsroom's in their order, then others."""
    labels = list(NEWSROOM_APPS)
    return labels.index(app["app_label"]) if app["app_label"] in labels else len(labels)


def model_order(names):
    """Sort key of an app's models (already sorted by name): those in `names` first, in order."""

    def key(model):
        name = model["object_name"].lower()
        return names.index(name) if name in names else len(names)

    return key


def app_groups(app_list):
    """[(heading or None, apps)]: the newsroom's apps, then the others under their heading."""
    groups = [
        (None, [app for app in app_list if not app["system"]]),
        (gettext_lazy("Security and system"), [app for app in app_list if app["system"]]),
    ]
    return [(heading, apps) for heading, apps in groups if apps]


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer once a user name has failed too often from one network address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return two_factor.admin_page(
        request, "admin/locked_out.html", _("Sign-in paused"), status=429, cooloff_minutes=minutes
    )
