"""Article search: documents and queries both go through prepare() (Arabic folding, the Snowball
stemmers), matched by PostgreSQL full text (GIN-indexed vectors) or, on SQLite, by the same words
in Python.

Every word is stemmed here, in Python, and PostgreSQL only stores and matches the words it is
given (its `simple` configuration: no stemming, no stop words of its own): both databases see the
same words, so they find the same articles.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Case, F, Func, OuterRef, Subquery, TextField, Value, When
from django.db.models.expressions import CombinedExpression
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.languages import DIGITS

MAX_QUERY_LENGTH = 200
# The text-search configuration of each language's vector: `simple` for both, the words arriving
# stemmed (PostgreSQL's `arabic` and `english` would stem them again, and differently than here).
CONFIGS = {"ar": "simple", "en": "simple"}
# Title > summary > body > names (authors, topics), as PostgreSQL's A > B > C > D weights.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}

_FOLDING = str.maketrans(
    {
        **dict.fromkeys(range(0x0610, 0x061B)),  # Quranic honorifics and small letters
        **dict.fromkeys(range(0x064B, 0x0660)),  # tanwin, harakat, shadda, sukun, other marks
        0x0670: None,  # superscript alef
        **dict.fromkeys(range(0x06D6, 0x06EE)),  # Quranic annotation marks
        0x0640: None,  # tatweel
        **dict.fromkeys("أإآٱ", "ا"),
        # Hamza on a seat as its seat, as the Snowball stemmer writes it: its stem is then a piece
        # of the word (the SQLite search relies on that, see `_piece`).
        "ؤ": "و",
        "ئ": "ي",
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
# A word in an unfolded text: letters and digits, with any Arabic marks inside it. Not "_", which
# PostgreSQL's parser reads as a space.
WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

# What Snowball's Arabic stemmer leaves on (it strips "ال" but not "وال", and a plural suffix
# only after the article): stripped first, so that every form of a word reaches it as one string.
# The article with the clitics before it, longest first.
_ARTICLES = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
# Attached pronouns, then plural and feminine endings, nisba, the alef of an accusative tanwin
# ("إضراباً"); a word loses up to three ("المعتقلين" -> "معتقل", "حرياتهم" -> "حري").
_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم")
_SUFFIXES = (*_PRONOUNS, "ات", "ون", "ين", "يه", "ه", "ي", "ا")
_MIN_STEM = 3
# The ya of a nisba before its feminine or plural ending, or a pronoun after it.
_NISBA = re.compile(r"ي(?:ه|ات|ت(?:" + "|".join(_PRONOUNS) + r"))$")


def fold(text):
    """The form of a text that matching compares: one spelling per letter, no marks, lower case.

    NFKC first: Arabic presentation forms and ligatures ("ﻻ"), full-width and superscript
    characters become the letters and digits they show.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    text = _FORMAT.sub("", text)
    return text.translate(_FOLDING).lower()


def _light_stem(word):
    """A folded Arabic word without the clitics and endings Snowball leaves on."""
    for prefix in _ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            word = word[len(prefix) :]
            break
    # The conjunctions و and ف, before a word of four letters or more: five when an alef
    # follows ("وانتخابات"), as "وافق" and "واجب" are words of their own.
    if word[:1] in ("و", "ف") and len(word) > 4 and (word[1] != "ا" or len(word) > 5):
        word = word[1:]
    # The prepositions ب and ل: taken before a nisba's ending when two letters come before it
    # ("لحرية", or its ya would go too and leave "لحر"); otherwise after the endings, if three
    # letters stay, four before an alef ("لجنتها" stays "لجن", "لإدارتها" is "ادار").
    preposition = word[:1] in ("ب", "ل")
    if preposition and (nisba := _NISBA.search(word)) and nisba.start() >= 3:
        word, preposition = word[1:], False
    for _round in range(3):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                # Before a pronoun a ta marbuta is written ت ("حريتهم"): dropped as its folded ه
                # is, but never from a word of three letters ("بيتهم").
                if suffix in _PRONOUNS and word.endswith("ت") and len(word) > _MIN_STEM:
                    word = word[:-1]
                break
        else:
            break
    if preposition and len(word) > _MIN_STEM + (word[1:2] == "ا"):
        word = word[1:]
    return word


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """The stem of a folded word, the same for documents and queries: Snowball's Arabic stemmer
    (what PostgreSQL's `arabic` configuration runs) for an Arabic word, after `_light_stem`;
    Snowball's English stemmer for any other. Cached: a text repeats most of its words, and the
    stemmers are plain Python."""
    # A stemmer object keeps its word while it works: one per call, as threads share this.
    if _ARABIC_LETTER.search(word):
        return snowballstemmer.stemmer("arabic").stemWord(_light_stem(word))
    return snowballstemmer.stemmer("english").stemWord(word)


def prepare(text):
    """The folded, stemmed words of a text joined by spaces: what PostgreSQL turns into a vector.

    Only words reach its parser, which would otherwise drop "<b>" in a text as an HTML tag.
    """
    return " ".join(_stems(fold(text)))


def _stems(folded):
    return [stem(word) for word in WORD.findall(folded)]


@functools.lru_cache(maxsize=50_000)
def compared_form(word):
    """A word of a text as the matcher compares it: a body repeats most of its words, and a page
    of results has ten bodies to mark up."""
    return prepare(word)


def _piece(stemmed):
    """A piece of every folded word that has this stem. Both stemmers mostly cut a word's ends;
    Snowball's Arabic one writes "است" for the "يست", "تست" or "نست" of a verb, its English
    one rewrites up to the last two letters of what it keeps ("happy" -> "happi")."""
    if _ARABIC_LETTER.search(stemmed):
        return stemmed[1:] if stemmed.startswith("است") else stemmed
    return stemmed[: max(1, len(stemmed) - 2)]


# --- Query syntax (websearch_to_tsquery's, parsed the same way in Python) -----------------


@dataclass
class ParsedQuery:
    """Clauses all required (each a choice of word sequences joined by OR), and exclusions.

    Words are prepared (`prepare`): as stored in PostgreSQL's vectors, as the Python matcher
    compares them.
    """

    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses)

    @property
    def highlighted(self):
        return {word for clause in self.clauses for sequence in clause for word in sequence}

    def websearch(self):
        """The same query, rebuilt in websearch_to_tsquery's syntax from prepared words only,
        each sequence quoted: a stem that reads "or" ("ors") is a word, not an alternative."""

        def quoted(sequence):
            return '"' + " ".join(sequence) + '"'

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


def texts(article, language):
    """(weight, text) pairs of an article's own texts in a language."""
    return [
        ("A", article.in_language("title", language)),
        ("B", article.in_language("summary", language)),
        ("C", plain_text(article.in_language("body", language))),
    ]


def names(article, language):
    """The names an article is also found by: its authors' when the byline shows them, then its
    topics', in `names_vector`'s order (a phrase may run from one name into the next)."""
    return " ".join(
        [
            *(byline.author.in_language("name", language) for byline in article.named_bylines),
            *(topic.in_language("name", language) for topic in article.topics.all()),
        ]
    )


def document(article, language):
    """(weight, text) pairs of an article in a language, its names last and lightest."""
    return [*texts(article, language), ("D", names(article, language))]


def stores_vectors():
    """PostgreSQL keeps a vector per article; elsewhere the search reads the rows themselves."""
    return connection.vendor == "postgresql"


def index(article):
    """Store the article's vectors: its texts prepared here, its names part by the database."""
    if stores_vectors():
        model = type(article)
        columns = vectors({language: texts(article, language) for language in CONFIGS})
        model.objects.filter(pk=article.pk).update(
            **{
                f"search_{language}": columns[f"search_{language}"] + names_vector(model, language)
                for language in CONFIGS
            }
        )


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


# --- Names: authors' and topics', kept prepared on their rows -----------------------------


def prepared_names(author_or_topic):
    """{column: the name prepared} that an author or a topic keeps for its articles' vectors."""
    return {
        f"prepared_name_{language}": prepare(author_or_topic.in_language("name", language))
        for language in CONFIGS
    }


def names_vector(model, language, without_topic=None):
    """The names part (weight D) of an article's vector in `language`, made by the database from
    the names its authors and topics keep prepared: the same words as `names()`, and a rename
    needs no article read. `model` is Article (or a migration's: hence the plain "authors",
    Article.BylineMode.AUTHORS)."""
    column = f"prepared_name_{language}"
    bylines = model._meta.get_field("bylines").related_model.objects
    authors = (
        bylines.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(names=StringAgg(f"author__{column}", " ", order_by=("position", "id")))
        .values("names")
    )
    links = model.topics.through.objects.filter(article=OuterRef("pk"))
    if without_topic is not None:
        links = links.exclude(topic=without_topic)
    topics = (
        links.order_by()
        .values("article")
        .annotate(names=StringAgg(f"topic__{column}", " ", order_by="topic_id"))
        .values("names")
    )
    return SearchVector(
        Case(
            When(byline_mode="authors", then=Subquery(authors)),
            default=Value(""),
            output_field=TextField(),
        ),
        Subquery(topics),
        config=CONFIGS[language],
        weight="D",
    )


def index_names(articles, without_topic=None):
    """Make the names part of the vectors of `articles` (a queryset) again, in one UPDATE, the
    rest of each vector kept as it is (`ts_filter` keeps the A, B and C weights' positions).

    What a changed byline or list of topics needs (one article), and a renamed topic or author
    (articles.tasks.reindex_names, a batch at a time): no article is read into Python.
    `without_topic`: a topic being deleted, whose links may not be gone yet."""
    if stores_vectors():
        articles.update(
            **{
                f"search_{language}": CombinedExpression(
                    Func(
                        F(f"search_{language}"),
                        function="ts_filter",
                        template="%(function)s(%(expressions)s, '{a,b,c}')",
                        output_field=SearchVectorField(),
                    ),
                    "||",
                    names_vector(articles.model, language, without_topic),
                    output_field=SearchVectorField(),
                )
                for language in CONFIGS
            }
        )


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
    newest = articles.prefetch_related("topics").order_by("-publish_at", "-id")
    for article in newest[:MAX_CANDIDATES_READ]:
        folded = [(WEIGHTS[w], fold(text)) for w, text in document(article, language)]
        if not _may_match(parsed, " ".join(text for _weight, text in folded)):
            continue
        fields = [(weight, _stems(text)) for weight, text in folded]
        if score := _score(parsed, fields):
            scored.append((score, article))
    scored.sort(key=lambda pair: (pair[0], pair[1].publish_at, pair[1].pk), reverse=True)
    return [article for _score_, article in scored]


def _may_match(parsed, folded):
    """A quick necessary test: every required clause has all the words of one of its sequences,
    or a piece of each (`_piece`), somewhere in the folded texts. It spares splitting and
    stemming the words of most articles."""
    return all(
        any(all(_piece(word) in folded for word in sequence) for sequence in clause)
        for clause in parsed.clauses
    )


def _score(parsed, fields):
    """0 unless every clause has a sequence in the text (one running from a field into the next
    counts, as in PostgreSQL's vector, whose positions run on); else the weights of the fields
    holding the query's words, a phrase's words counted wherever they stand, as ts_rank does."""
    everything = [token for _weight, tokens in fields for token in tokens]
    if any(_contains(everything, sequence) for sequence in parsed.excluded):
        return 0
    present = [(weight, set(tokens)) for weight, tokens in fields]
    score = 0
    for clause in parsed.clauses:
        if not any(_contains(everything, sequence) for sequence in clause):
            return 0
        score += sum(
            weight * sum(word in words for word in sequence) / len(sequence)
            for sequence in clause
            for weight, words in present
        )
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
