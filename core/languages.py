"""The site's languages: their codes, which one is active, and the direction each is written in."""

import unicodedata

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


# Where an Arabic name is looked for in an alphabetical list: alef with or without hamza or madda
# under one letter, and the definite article left aside ("الجزائر" under ج, as an index has it).
# The Arabic letters' code points follow the alphabet's order, so the rest is a plain comparison.
ALEF_FORMS = str.maketrans("أإآٱ", "اااا")


def alphabetical_key(name):
    """The key that puts names in a list in the order readers of the page's language expect."""
    if current_language() != "ar":  # "Åland" under A
        decomposed = unicodedata.normalize("NFKD", str(name))
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    folded = str(name).translate(ALEF_FORMS)
    return folded[2:] if folded.startswith("ال") else folded
