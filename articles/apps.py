from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles import (
            signals,  # noqa: F401  (connects the page cache to the models)
            work_queue,  # noqa: F401  (its panels on the admin home)
        )
