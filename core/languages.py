"""The site's languages: their codes, which one is active, and the direction each is written in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_info

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def current_language():
    # None inside translation.override(None), as the admin uses for its change messages.
    return get_language() or settings.LANGUAGE_CODE


def direction(language):
    """ "rtl" or "ltr": how text in `language` is written."""
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


def url_in_language(language, view_name, **kwargs):
    with translation.override(language):
        return reverse(view_name, kwargs=kwargs)


# Arabic-Indic and Persian digits, as typed on Arabic and Persian keyboards, read as 0-9.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def fold_digits(text):
    return text.translate(DIGITS)
