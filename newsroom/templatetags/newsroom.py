from django import template
from django.urls import reverse, translate_url
from django.utils.translation import override

register = template.Library()


@register.simple_tag(takes_context=True)
def switch_language_url(context, language):
    """The same page in `language`: the object's own URL there (its translated slug), or that
    language's home (with a notice when the object has no translation)."""
    obj = context.get("translated_object")
    if obj is None:
        path = context["request"].path
        if (url := translate_url(path, language)) != path:
            return url
    elif url := obj.url_in(language):
        return url
    with override(language):
        return reverse("articles:home") + "?untranslated=1"
