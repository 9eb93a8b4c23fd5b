"""The two self-hosted fonts, from their npm packages: `manage.py subset_fonts` (a development
command: fontTools is a dev dependency; here rather than in static/, which is served whole).

Fetches the pinned packages with `npm pack` (or reads their tarballs from --source DIR), checks
their files against the digests below, subsets them with fontTools and writes the woff2 files
to static/fonts/, then prints each face's unicode-range for static/css/site.css. Its README.md
says why each range and option is what it is; tests/core/test_fonts.py holds them to it.
"""

import hashlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

FOLDER = Path(settings.BASE_DIR) / "static" / "fonts"


def span(first, last=None):
    return set(range(first, (last or first) + 1))


# Modern Standard Arabic: its letters, harakat, digits and punctuation, plus the letters Arabic
# borrows for foreign sounds (پ چ ژ ڤ گ) and the Persian kaf and yeh that text pasted from a
# Persian keyboard carries; not the rest of U+0600-06FF (Quranic marks, Urdu, Sindhi, Pashto...).
ARABIC = (
    span(0x060C)  # ، comma
    | span(0x061B, 0x061C)  # ؛ semicolon, ARABIC LETTER MARK (bidi)
    | span(0x061F)  # ؟ question mark
    | span(0x0621, 0x063A)  # hamza .. ghain
    | span(0x0640, 0x0655)  # tatweel, feh .. yeh, harakat, shadda, sukun, maddah/hamza above/below
    | span(0x0660, 0x066C)  # Arabic-Indic digits, percent, decimal and thousands separators
    | span(0x0670)  # superscript (dagger) alef
    | {0x067E, 0x0686, 0x0698, 0x06A4, 0x06A9, 0x06AF, 0x06CC}  # پ چ ژ ڤ ک گ ی
    | span(0x200C, 0x200E)  # ZWNJ, ZWJ, LRM (the font has no RLM: it is never drawn anyway)
)
# English: Basic Latin, Latin-1, the typographic punctuation, €, ™ and minus. « » are Latin-1,
# so Arabic text takes them (and Western digits, spaces) from this face too.
LATIN = (
    span(0x0020, 0x007E)
    | span(0x00A0, 0x00FF)
    | {0x0131, 0x0152, 0x0153, 0x2009, 0x2022, 0x2026, 0x2032, 0x2033, 0x2039, 0x203A, 0x2044}
    | span(0x2013, 0x2014)  # – —
    | span(0x2018, 0x201A)  # ‘ ’ ‚
    | span(0x201C, 0x201E)  # “ ” „
    | {0x20AC, 0x2122, 0x2212}  # € ™ −
)
# The OpenType features browsers apply by default (site.css turns on no other): joining forms and
# marks for Arabic, kerning and ligatures for both. Fractions, tabular figures and the like go.
FEATURES = [
    "ccmp", "locl", "rvrn", "isol", "init", "medi", "fina", "rlig", "rclt", "calt", "liga", "clig",
    "kern", "mark", "mkmk", "curs", "ltra", "ltrm", "rtla", "rtlm",
]  # fmt: skip
# Copyright, family/style names, version, PostScript name, licence text and URL: the OFL's notice.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]

FONTS = [
    # output, npm package, file in it, its sha256, code points, wght range kept
    (
        "noto-naskh-arabic-wght.woff2",
        "@fontsource-variable/noto-naskh-arabic@5.3.0",
        "files/noto-naskh-arabic-arabic-wght-normal.woff2",
        "2a10d33e1f7129ab2b6ec76666e82ac5b509fbcfa7b4a3a1289bff42d2d64cd7",
        ARABIC,
        None,  # already 400-700
    ),
    (
        "noto-sans-latin-wght.woff2",
        "@fontsource-variable/noto-sans@5.3.0",
        "files/noto-sans-latin-wght-normal.woff2",
        "51ca196f49a33e79e7870ff88ebd2829a3f627a51e7d690986618f0e7ad2b52d",
        LATIN,
        (400, 700),  # from 100-900: site.css uses 400 and 700 only
    ),
]


def fetch(package, member, digest, source):
    """The original font's bytes, from the package's tarball: `npm pack`'s, or the one in source."""
    with tempfile.TemporaryDirectory() as temp:
        tarball = Path(source or temp) / (package[1:].replace("/", "-").replace("@", "-") + ".tgz")
        if not source:
            subprocess.run(  # noqa: S603 (a fixed command)
                ["npm", "pack", "--silent", "--pack-destination", temp, package],  # noqa: S607
                check=True,
                stdout=subprocess.DEVNULL,
            )
        with tarfile.open(tarball) as archive:
            data = archive.extractfile(f"package/{member}").read()
    if hashlib.sha256(data).hexdigest() != digest:
        raise CommandError(f"{package} {member}: not the file this command was written for")
    return data


def make(data, unicodes, wght):
    options = subset.Options()
    options.layout_features = FEATURES
    options.name_IDs = NAME_IDS
    options.hinting = False  # TrueType hints: browsers on phones and macOS ignore them
    options.notdef_outline = False
    options.flavor = "woff2"
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if wght:
        font = instancer.instantiateVariableFont(font, {"wght": wght})
        font.recalcTimestamp = False
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), sorted(font.getBestCmap())


def unicode_range(code_points):
    runs = []
    for point in code_points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:04X}" + (f"-{b:04X}" if b != a else "") for a, b in runs)


class Command(BaseCommand):
    help = "Make static/fonts/*.woff2 from the pinned npm packages (needs npm and fontTools)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", type=Path, help="folder holding the packages' tarballs (npm pack)"
        )

    def handle(self, *args, source=None, **options):
        for output, package, member, digest, unicodes, wght in FONTS:
            data, mapped = make(fetch(package, member, digest, source), unicodes, wght)
            (FOLDER / output).write_bytes(data)
            self.stdout.write(
                f"{output}: {len(data)} bytes\n  unicode-range: {unicode_range(mapped)};"
            )
