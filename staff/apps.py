from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps  # a module: its AdminConfig is no default here
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from staff import audit, roles  # noqa: F401  (audit connects the sign-in receivers)

        post_migrate.connect(roles.apply_roles, sender=self)


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with every admin page behind the second factor."""

    default = False
    default_site = "staff.admin_site.StaffAdminSite"
