from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps  # a module: its AdminConfig is no default here


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import audit  # noqa: F401  (connects the sign-in receivers)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with every admin page behind the second factor."""

    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"
