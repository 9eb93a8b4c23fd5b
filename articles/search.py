"""Article search: documents and queries both go through prepare() (Arabic folding, a light stem),
matched by PostgreSQL full text (GIN-indexed vectors) or, on SQLite, by the same words in Python."""

import functools
import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.languages import DIGITS

MAX_QUERY_LENGTH = 200
CONFIGS = {"ar": "arabic", "en": "english"}
# Title > summary > body > author names, as PostgreSQL's A > B > C > D weights.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}

_FOLDING = str.maketrans(
    {
        **dict.fromkeys(range(0x064B, 0x0653)),  # tanwin, harakat, shadda, sukun
        0x0670: None,  # superscript alef
        0x0640: None,  # tatweel
        **dict.fromkeys("أإآٱ", "ا"),
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian keheh
        **DIGITS,  # Arabic-Indic and Persian digits
    }
)
# Control characters (NUL among them) become spaces; format characters (bidi marks, zero-width
# joiners, soft hyphen) vanish, so they split or join nothing.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FORMAT = re.compile(r"[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# A word in an unfolded text: letters and digits, with any Arabic marks inside it.
WORD = re.compile(r"(?:\w|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# Clitics with the definite article, then suffixes (plural, ta marbuta, nisba, the alef of an
# accusative tanwin as in "إضراباً"), longest first.
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
_SUFFIXES = ("ات", "ون", "ين", "يه", "ه", "ي", "ا")
_MIN_STEM = 3


def fold(text):
    """The form of a text that matching compares: one spelling per letter, no marks, lower case."""
    text = _CONTROL.sub(" ", text)
    text = _FORMAT.sub("", text)
    return text.translate(_FOLDING).lower()


def stem(word):
    """A light stem of a folded word, the same for documents and queries.

    PostgreSQL's Arabic stemmer alone treats a folded ta marbuta as a pronoun, and stems a word
    differently with and without the article ("الحكومه" vs "حكومه"): strip the article and a
    couple of suffixes first so that every spelling reaches it as one string.
    """
    if not _ARABIC_LETTER.search(word):
        return word
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            word = word[len(prefix) :]
            break
    for _round in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def prepare(text):
    """The folded, stemmed words of a text joined by spaces: what PostgreSQL turns into a vector.

    Only words reach its parser, which would otherwise drop "<b>" in a text as an HTML tag.
    """
    return " ".join(stem(word) for word in WORD.findall(fold(text)))


def _english_stem(word):
    # Only for the Python matcher (PostgreSQL's English stemmer does more): plural -s.
    if word.isascii() and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=50_000)
def compared_form(word):
    """A word of a text as the Python matcher compares it: a body repeats most of its words, and
    a page of results has ten bodies to mark up."""
    return _english_stem(stem(fold(word)))


def words(text):
    """The words of a text as the Python matcher compares them."""
    return [_english_stem(word) for word in prepare(text).split()]


# --- Query syntax (websearch_to_tsquery's, parsed the same way in Python) -----------------


@dataclass
class ParsedQuery:
    """Clauses all required (each a choice of word sequences joined by OR), and exclusions.

    Words are prepared (`prepare`); the Python matcher compares them through `_english_stem`.
    """

    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses)

    @property
    def highlighted(self):
        return {
            _english_stem(word)
            for clause in self.clauses
            for sequence in clause
            for word in sequence
        }

    def websearch(self):
        """The same query, rebuilt in websearch_to_tsquery's syntax from prepared words only."""

        def quoted(sequence):
            return sequence[0] if len(sequence) == 1 else '"' + " ".join(sequence) + '"'

        required = [" or ".join(quoted(sequence) for sequence in clause) for clause in self.clauses]
        return " ".join([*required, *(f"-{quoted(sequence)}" for sequence in self.excluded)])


# Arabic writes a phrase between « », English often between “ ”: the same as "…".
QUOTES = str.maketrans(dict.fromkeys("«»“”", '"'))
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def parse(query):
    """Quoted phrases, `-word` or `-"phrase"` exclusions, `or` between alternatives."""
    parsed = ParsedQuery()
    pending_or = False
    for match in _TOKEN.finditer(fold(query.translate(QUOTES))):
        phrase_minus, phrase, word_minus, word = match.groups()
        negated = bool(phrase_minus or word_minus)
        text = phrase if phrase is not None else word
        if phrase is None and text == "or" and not negated:
            pending_or = bool(parsed.clauses)
            continue
        sequence = prepare(text).split()
        if not sequence:
            continue
        if negated:
            parsed.excluded.append(sequence)
            pending_or = False
        elif pending_or:
            parsed.clauses[-1].append(sequence)
            pending_or = False
        else:
            parsed.clauses.append([sequence])
    return parsed


def _contains(tokens, sequence):
    sequence = [_english_stem(word) for word in sequence]
    size = len(sequence)
    return any(tokens[i : i + size] == sequence for i in range(len(tokens) - size + 1))


# --- Documents ------------------------------------------------------------------------------


_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")
_INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "code",
    "em",
    "i",
    "mark",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
}


def plain_text(body_html):
    """The text of sanitized HTML: a block or a line break separates words, inline tags do not."""
    return html.unescape(
        _TAG.sub(lambda tag: "" if tag.group(2).lower() in _INLINE_TAGS else " ", body_html or "")
    )


def document(article, language):
    """(weight, text) pairs of an article in a language; names only when the byline shows them."""
    names = " ".join(
        byline.author.in_language("name", language) for byline in article.named_bylines
    )
    return [
        ("A", article.in_language("title", language)),
        ("B", article.in_language("summary", language)),
        ("C", plain_text(article.in_language("body", language))),
        ("D", names),
    ]


def stores_vectors():
    """PostgreSQL keeps a vector per article; elsewhere the search reads the rows themselves."""
    return connection.vendor == "postgresql"


def index(article):
    """Store the article's vectors, computed from the prepared text of each field."""
    if stores_vectors():
        documents = {language: document(article, language) for language in CONFIGS}
        type(article).objects.filter(pk=article.pk).update(**vectors(documents))


def vectors(documents):
    """The update of the search columns for {language: [(weight, text), …]}."""
    columns = {}
    for language, parts in documents.items():
        config = CONFIGS[language]
        vector = None
        for weight, text in parts:
            prepared = Value(prepare(text), output_field=TextField())
            part = SearchVector(prepared, config=config, weight=weight)
            vector = part if vector is None else vector + part
        columns[f"search_{language}"] = vector
    return columns


# --- Searching ------------------------------------------------------------------------------


# Best first among the newest matches: a word found in every one of 100,000 articles ranks
# MAX_CANDIDATES of them, not all. Without stored vectors (SQLite, the zero-setup default) the
# newest MAX_CANDIDATES_READ articles are read and scored in Python.
MAX_CANDIDATES = 500
MAX_CANDIDATES_READ = 2000


def search(articles, query, language):
    """The `articles` matching `query`, best first, as a list or a queryset (PostgreSQL)."""
    parsed = parse(query)
    if not parsed:
        return []
    if stores_vectors():
        search_query = SearchQuery(
            parsed.websearch(), config=CONFIGS[language], search_type="websearch"
        )
        vector = F(f"search_{language}")
        matching = articles.filter(**{f"search_{language}": search_query})
        newest = matching.order_by("-publish_at", "-id").values("pk")[:MAX_CANDIDATES]
        return (
            articles.filter(pk__in=newest)
            .annotate(rank=SearchRank(vector, search_query))
            .order_by("-rank", "-publish_at", "-id")
        )
    scored = []
    for article in articles.order_by("-publish_at", "-id")[:MAX_CANDIDATES_READ]:
        if not _may_match(parsed, article, language):
            continue
        fields = [(WEIGHTS[w], words(text)) for w, text in document(article, language)]
        if score := _score(parsed, fields):
            scored.append((score, article))
    scored.sort(key=lambda pair: (pair[0], pair[1].publish_at, pair[1].pk), reverse=True)
    return [article for _score_, article in scored]


def _may_match(parsed, article, language):
    """A quick necessary test: a stem is a piece of its folded word, so every required clause has
    all the words of one of its sequences somewhere in the folded texts. It spares splitting and
    stemming the words of most articles."""
    raw = fold(
        " ".join(
            [
                article.in_language("title", language),
                article.in_language("summary", language),
                plain_text(article.in_language("body", language)),
                *(byline.author.in_language("name", language) for byline in article.named_bylines),
            ]
        )
    )
    return all(
        any(all(_english_stem(word) in raw for word in sequence) for sequence in clause)
        for clause in parsed.clauses
    )


def _score(parsed, fields):
    everything = [token for _weight, tokens in fields for token in tokens]
    if any(_contains(everything, sequence) for sequence in parsed.excluded):
        return 0
    score = 0
    for clause in parsed.clauses:
        found = [
            weight * sum(_contains(tokens, sequence) for sequence in clause)
            for weight, tokens in fields
        ]
        if not any(found):
            return 0
        score += sum(found)
    return score


# --- Snippets -------------------------------------------------------------------------------

SNIPPET_WORDS = 32


def snippet(article, query, language):
    """A passage around the first match, from the summary or the body (whichever matches more of
    the query's words; the summary when neither does), matches in <mark>, everything escaped."""
    wanted = parse(query).highlighted
    candidates = []
    for text in (
        article.in_language("summary", language),
        plain_text(article.in_language("body", language)),
    ):
        spans, matched, first_hit = [], set(), None
        for match in WORD.finditer(text):
            word = compared_form(match.group())
            hit = word if word in wanted else None
            spans.append((match.start(), match.end(), hit))
            if hit:
                matched.add(hit)
                first_hit = len(spans) - 1 if first_hit is None else first_hit
            # Every word found and the passage read: the rest of a long body changes nothing.
            if wanted and matched == wanted and len(spans) > first_hit + SNIPPET_WORDS:
                break
        candidates.append((len(matched), bool(text), -len(candidates), text, spans))
    _matched, _filled, _order, text, spans = max(candidates)
    hits = [n for n, (_start, _end, word) in enumerate(spans) if word]
    return _marked(text, spans, first=max(0, hits[0] - 8) if hits else 0)


def _marked(text, spans, first):
    shown = spans[first : first + SNIPPET_WORDS]
    if not shown:
        return ""
    pieces = ["… " if first else ""]
    position = shown[0][0] if first else 0
    for word_start, word_end, hit in shown:
        pieces.append(escape(text[position:word_start]))
        word = escape(text[word_start:word_end])
        pieces.append(f"<mark>{word}</mark>" if hit else word)
        position = word_end
    rest = text[position:]
    if first + SNIPPET_WORDS < len(spans):
        pieces.append(" …")
    else:
        pieces.append(escape(rest))
    return mark_safe("".join(pieces).strip())  # noqa: S308 (every piece of text is escaped above)
