from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core import converters  # noqa: F401  (registers <uslug:…> for every app's URLs)
