"""The self-hosted fonts (manage.py subset_fonts makes them): small, declared in site.css for
exactly the characters they draw, and drawing every character of the site's own Arabic text.

A character a face's unicode-range claims but its font lacks is drawn from a system font; an
Arabic letter drawn so breaks the joining of its word and the look of the page."""

import re
import unicodedata
from pathlib import Path

import django
import django_countries
import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent.parent
FONTS = ROOT / "static" / "fonts"
ARABIC_FONT = "noto-naskh-arabic-wght.woff2"
LATIN_FONT = "noto-sans-latin-wght.woff2"
# First view of an article page (issue 13): HTML + CSS + fonts within 60 KB.
BUDGET = {ARABIC_FONT: 24_000, LATIN_FONT: 20_000}
# The Arabic text a reader can see, besides what editors write: the site's catalogue, the
# demo content, the templates, and the catalogues of Django and django-countries (dates,
# form errors, the country list of the signup form).
ARABIC_SOURCES = [
    ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    Path(django.__file__).parent / "conf" / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    Path(django_countries.__file__).parent / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    *sorted((ROOT / "newsroom" / "demo").rglob("*.*")),
    *sorted((ROOT / "templates").rglob("*.html")),
]


def cmap(name):
    return set(TTFont(FONTS / name).getBestCmap())


def font_faces():
    """{font file: the code points of its @font-face's unicode-range} from site.css."""
    css = (ROOT / "static" / "css" / "site.css").read_text()
    faces = {}
    for block in re.findall(r"@font-face\s*{(.*?)}", css, re.DOTALL):
        source = re.search(r'url\("\.\./fonts/([^"]+)"\)', block)[1]
        points = set()
        for first, last in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", block, re.IGNORECASE):
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        faces[source] = points
    return faces


def is_arabic(character):
    return unicodedata.name(character, "").startswith("ARABIC")


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_each_font_is_within_its_budget(name):
    assert (FONTS / name).stat().st_size <= BUDGET[name]


def test_each_face_claims_exactly_what_its_font_draws():
    faces = font_faces()
    assert sorted(faces) == [ARABIC_FONT, LATIN_FONT]
    for name, claimed in faces.items():
        drawn = cmap(name)
        assert claimed - drawn == set(), f"{name} lacks {sorted(map(hex, claimed - drawn))}"
        assert drawn - claimed == set(), f"site.css leaves out {sorted(map(hex, drawn - claimed))}"


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_fonts_keep_both_weights_and_the_licence_notice(name):
    font = TTFont(FONTS / name)
    (axis,) = font["fvar"].axes
    assert (axis.axisTag, axis.minValue, axis.maxValue) == ("wght", 400, 700)  # site.css: 400 700
    assert "Copyright" in font["name"].getDebugName(0)  # the OFL: keep the copyright notice


def test_the_arabic_font_draws_all_of_the_sites_arabic_text():
    drawn = cmap(ARABIC_FONT)
    text = "".join(path.read_text(encoding="utf-8") for path in ARABIC_SOURCES)
    missing = {c for c in text if is_arabic(c) and ord(c) not in drawn}
    assert missing == set(), (
        "add to ARABIC in newsroom/management/commands/subset_fonts.py: "
        + ", ".join(f"U+{ord(c):04X} {unicodedata.name(c)}" for c in sorted(missing))
    )


def test_the_fonts_draw_every_other_character_of_that_text():
    """Digits, punctuation, « » and the rest come from the Latin face: none is left to a
    system font."""
    drawn = cmap(ARABIC_FONT) | cmap(LATIN_FONT)
    text = "".join(path.read_text(encoding="utf-8") for path in ARABIC_SOURCES)
    missing = {c for c in text if c.isprintable() and ord(c) not in drawn}
    assert missing == set(), ", ".join(
        f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in sorted(missing)
    )
