from django.urls import register_converter


class UnicodeSlugConverter:
    """Like Django's <slug:…> but also accepts Arabic (any Unicode word character)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")
