from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps  # a module: its AdminConfig is no default here
from django.utils.translation import gettext_lazy as _
from django_tasks_db import apps as tasks_db_apps


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom import audit  # noqa: F401  (connects the sign-in receivers)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with every admin page behind the second factor."""

    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"


class EmailQueueConfig(tasks_db_apps.TasksAppConfig):
    """django-tasks-db under a name staff understand, in their language."""

    default = False
    verbose_name = _("Email queue")
