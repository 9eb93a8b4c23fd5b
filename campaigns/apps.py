from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db import apps as tasks_db_apps


class CampaignsConfig(AppConfig):
    default = True
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from campaigns import (
            signals,  # noqa: F401  (connects the page cache to the models)
            work_queue,  # noqa: F401  (its panel on the admin home)
        )


class EmailQueueConfig(tasks_db_apps.TasksAppConfig):
    """django-tasks-db under a name staff understand, in their language: supporters' emails."""

    default = False
    verbose_name = _("Email queue")
