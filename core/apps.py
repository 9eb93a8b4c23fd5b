from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # Each registers itself on import: the system checks, and <uslug:…> for every app's URLs.
        from core import checks, converters  # noqa: F401
