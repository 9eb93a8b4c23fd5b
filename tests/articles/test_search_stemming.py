"""Search finds the forms of a word (Snowball's stemmers, the same on SQLite and PostgreSQL) and
finds articles by their topics' and authors' names, which follow renames at any scale."""

import unicodedata
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import example, given
from hypothesis import strategies as st

from articles import search
from articles.models import Article, Topic
from tests.articles.test_search import ARABIC_QUERIES, CORPUS, ENGLISH_QUERIES
from tests.campaigns.test_worker import run_worker
from tests.helpers import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db

on_postgres = connection.vendor == "postgresql"


def results(query, language="ar"):
    with translation.override(language):
        return list(search.search(Article.objects.public(), query, language))


def found(query, language="ar"):
    return {article.pk for article in results(query, language)}


# Forms of one word: the conjunctions و and ف, the prepositions ب and ل, the article, attached
# pronouns (ها، هم), plural endings (ات، ون، ين), the ta marbuta, and these together.
ARABIC_FAMILIES = {
    "rights": "حقوق الحقوق وحقوق بحقوق لحقوق حقوقهم وبحقوق فحقوقها",
    "detainees": "معتقل المعتقلون والمعتقلين للمعتقلين معتقلات معتقليهم",
    "government": "حكومة الحكومات وحكومتها فالحكومة بحكومات لحكومتهم",
    "elections": "انتخاب وانتخابات بالانتخابات للانتخابات انتخاباتهم",
    "organisations": "المنظمة لمنظمات ومنظماتها بالمنظمات منظمتهم",
    "freedom": "حرية الحريات وحرياتهم لحرية لحريتها",
    # A verb: Snowball writes "است" for its "يست" and "تست" (the SQLite search must still read it).
    "use": "يستخدمون تستخدم نستخدم",
}
ENGLISH_FAMILIES = {
    "observe": "observers observation observed observing",
    "elect": "elections election elected",
}


@pytest.mark.parametrize(
    ("language", "family"),
    [*(("ar", name) for name in ARABIC_FAMILIES), *(("en", name) for name in ENGLISH_FAMILIES)],
)
def test_every_form_of_a_word_finds_every_other(language, family):
    families = ARABIC_FAMILIES if language == "ar" else ENGLISH_FAMILIES
    forms = families[family].split()
    articles = {
        form: make_article(languages=(language,), **{f"title_{language}": form}) for form in forms
    }
    other = next(name for name in families if name != family)
    make_article(languages=(language,), **{f"title_{language}": families[other]})
    misses = {
        query: found(query, language)
        for query in forms
        if found(query, language) != {article.pk for article in articles.values()}
    }
    assert not misses, {query: len(pks) for query, pks in misses.items()}


def test_a_word_in_presentation_forms_or_with_a_hamza_seat_finds_its_plain_spelling():
    shaped = "\ufe8d\ufedf\ufea4\ufed8\ufeee\ufed5"  # "الحقوق" as a PDF's text layer writes it
    assert unicodedata.normalize("NFKC", shaped) == "الحقوق"
    rights = make_article(title_ar=f"تقرير عن {shaped}")
    officials = make_article(title_ar="المسؤولون عن القرار")
    assert found("حقوق") == {rights.pk}
    assert found("مسؤول") == {officials.pk}


ARABIC_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهويأإآؤئىة"
ARABIC_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "يست", "تست", "نست", "سي"]
ARABIC_SUFFIXES = ["", "ات", "ون", "ين", "ها", "هم", "تهم", "ية", "يات", "تها", "ي", "ا", "ه"]


@given(
    st.one_of(
        st.builds(
            "".join,
            st.tuples(
                st.sampled_from(ARABIC_PREFIXES),
                st.text(alphabet=ARABIC_LETTERS, min_size=1, max_size=7),
                st.sampled_from(ARABIC_SUFFIXES),
            ),
        ),
        st.text(alphabet="abcdefgilmnorstuvyz", min_size=1, max_size=14),
    )
)
@example("يستخدمون")  # stemmed "استخدم"
@example("happy")  # stemmed "happi"
@example("ب")  # a preposition alone
@example("وبالحريات")
def test_a_stems_piece_is_in_the_folded_word(word):
    """The Python matcher reads only the articles whose folded text holds a piece of each query
    stem (`search._piece`): a stem with no such piece would be found by PostgreSQL alone."""
    folded = search.fold(word)
    for each in search.WORD.findall(folded):
        assert search._piece(search.stem(each)) in each, (each, search.stem(each))


# --- Names: topics' and authors' ------------------------------------------------------------


def test_a_topics_name_and_an_authors_name_find_its_articles_below_a_title_with_the_words():
    topic = make_topic(name_ar="حقوق المعتقلين", name_en="Detainees' rights")
    author = make_author(name_ar="سلمى حداد", name_en="Salma Haddad")
    tagged = make_article(topics=[topic])
    signed = make_article(authors=[author])
    titled = make_article(
        title_ar="زيارة المعتقلين في سجن الواحة وإعلان الحداد",
        title_en="Detainees visited; the Haddad family speaks",
    )
    assert results("حقوق المعتقلين") == [tagged]
    assert results("المعتقلين") == [titled, tagged]
    assert results("Detainees' rights", "en") == [tagged]
    assert results("detainees", "en") == [titled, tagged]
    assert results("سلمى حداد") == [signed]
    assert results("الحداد") == [titled, signed]
    assert results("Haddad", "en") == [titled, signed]


def test_the_search_page_finds_an_article_by_its_topic_in_the_same_number_of_queries(
    client, django_assert_max_num_queries
):
    topic = make_topic(name_ar="حقوق المعتقلين", name_en="Detainees' rights")
    make_article(title_ar="خبر أول", topics=[topic], authors=[make_author()])
    with translation.override("ar"):
        path = reverse("articles:search")
    with CaptureQueriesContext(connection) as one:
        response = client.get(path, {"q": "المعتقلين"})
    assert [a.title_ar for a in response.context["articles"]] == ["خبر أول"]
    for _ in range(12):
        make_article(topics=[topic, make_topic()], authors=[make_author(), make_author()])
    with django_assert_max_num_queries(len(one)):
        response = client.get(path, {"q": "حقوق المعتقلين"})
    assert response.context["paginator"].count == 13


def test_a_renamed_topic_finds_its_articles_by_the_new_name_in_queries_however_many():
    topic = make_topic(name_ar="حقوق المعتقلين", name_en="Detainees' rights")
    make_article(topics=[topic])

    def rename(name_ar, name_en):
        topic.name_ar, topic.name_en = name_ar, name_en
        with CaptureQueriesContext(connection) as queries:
            topic.save()
        return len(queries)

    few = rename("حرية التعبير", "Free expression")
    articles = [make_article(topics=[topic, make_topic()]) for _ in range(15)]
    many = rename("حقوق السجناء", "Prisoners' rights")
    assert many == few
    everyone = {article.pk for article in Article.objects.filter(topics=topic)}
    assert len(everyone) == 16 and {article.pk for article in articles} <= everyone
    assert found("السجناء") == everyone
    assert found("Prisoners", "en") == everyone
    assert found("التعبير") == found("المعتقلين") == set()


def test_renaming_an_author_rewrites_their_signed_articles_in_queries_however_many():
    author = make_author(name_ar="كريم الصباغ", name_en="Karim Sabbagh")
    make_article(authors=[author])

    def rename(name_ar):
        author.name_ar = name_ar
        with CaptureQueriesContext(connection) as queries:
            author.save()
        return len(queries)

    few = rename("كريم الدباغ")
    signed = [make_article(authors=[author, make_author()]) for _ in range(15)]
    hidden = make_article(authors=[author], byline_mode=Article.BylineMode.ORGANISATION)
    many = rename("كريم النجار")
    assert many == few
    assert {article.pk for article in signed} < found("النجار")
    assert hidden.pk not in found("النجار")
    assert found("الدباغ") == found("الصباغ") == set()


def test_an_authors_profile_change_that_keeps_the_name_leaves_the_articles_alone():
    author = make_author(name_ar="كريم الصباغ")
    make_article(authors=[author])
    author.bio_ar = "يكتب عن النقابات."
    with CaptureQueriesContext(connection) as queries:
        author.save()
    assert not [q["sql"] for q in queries if q["sql"].startswith('UPDATE "articles_article"')]


def test_topics_added_taken_off_or_deleted_from_either_side_are_followed():
    topic = make_topic(name_ar="حقوق المعتقلين", name_en="Detainees' rights")
    article = make_article(topics=[topic])
    assert found("حقوق المعتقلين") == {article.pk}
    article.topics.remove(topic)
    assert found("حقوق المعتقلين") == set()
    topic.articles.add(article)
    assert found("حقوق المعتقلين") == {article.pk}
    topic.articles.clear()
    assert found("حقوق المعتقلين") == set()
    article.topics.add(topic)
    assert found("Detainees' rights", "en") == {article.pk}
    topic.delete()
    assert found("حقوق المعتقلين") == found("Detainees' rights", "en") == set()


@pytest.mark.skipif(not on_postgres, reason="vectors are stored on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_rename_rewrites_no_article_in_its_request_and_the_worker_does_it(settings):
    """37,000 articles under a topic are a minute's work for PostgreSQL: queued with the rename,
    done by `manage.py db_worker` in batches."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    topic = make_topic(name_ar="حقوق المعتقلين", name_en="Detainees' rights")
    articles = {make_article(topics=[topic]).pk for _ in range(3)}
    topic.name_ar = "حقوق السجناء"
    with CaptureQueriesContext(connection) as queries:
        topic.save()
    assert not [q for q in queries if q["sql"].startswith('UPDATE "articles_article"')]
    assert found("المعتقلين") == articles and found("السجناء") == set()  # till the worker runs
    run_worker()
    assert found("السجناء") == articles and found("المعتقلين") == set()


@pytest.mark.skipif(not on_postgres, reason="vectors are stored on PostgreSQL only")
def test_a_renames_vectors_are_those_indexing_the_article_afresh_makes():
    """A rename rewrites the names part alone (ts_filter keeps the texts' weights): the result is
    the vector that indexing the whole article again would store."""
    topics = [make_topic(name_ar="حقوق المعتقلين"), make_topic(name_ar="الصحافة")]
    authors = [make_author(name_ar="سلمى حداد"), make_author(name_ar="كريم ناصر")]
    article = make_article(
        title_ar="المعتقلون وحقوقهم",
        summary_ar="ملخص عن الحقوق",
        body_ar="<p>" + " ".join(["نص طويل عن حقوق المعتقلين"] * 40) + "</p>",
        authors=authors,
        topics=topics,
    )
    topics[0].name_ar = "حرية التعبير"
    topics[0].save()
    authors[1].name_ar = "كريم النجار"
    authors[1].save()
    vectors = Article.objects.filter(pk=article.pk).values_list("search_ar", "search_en")
    renamed = vectors.get()
    assert "'تعبير':" in renamed[0] and "'نجار':" in renamed[0]
    search.index(article)
    assert vectors.get() == renamed


@pytest.mark.skipif(not on_postgres, reason="vectors are stored on PostgreSQL only")
def test_saving_an_article_object_again_keeps_the_vectors_written_after_it_was_made():
    """The object never read its vectors (they were written by an UPDATE of their own): saving
    it, with the searched texts unchanged, must not write its empty copy over them."""
    article = make_article(title_ar="متظاهرون يطالبون بالإفراج عن المعتقلين")
    article.featured = True
    article.save()
    assert found("متظاهرون") == {article.pk}
    stale = Article.objects.get(pk=article.pk)
    Article.objects.get(pk=article.pk).save()  # reindexed by another object meanwhile...
    stale.hero_credit = "Handout"
    stale.save()  # ...and this one's vectors, as read, are not written back either
    assert found("المعتقلين") == {article.pk}


# --- Both databases find the same --------------------------------------------------------


EXTRA_QUERIES = [
    ("لحقوق", "ar"),
    ("حقوقهم", "ar"),
    ("وحكومتها", "ar"),
    ("الحكومه", "ar"),
    ("حرياتهم", "ar"),
    ('"حقوق المعتقلين"', "ar"),  # a topic's name, as a phrase
    ("المعتقلين -حقوق", "ar"),
    ("سلمى حداد", "ar"),
    ("observation", "en"),
    ("elected", "en"),
    ("ors", "en"),  # stemmed "or": a word, not an alternative
    ("Detainees' rights", "en"),
]


@pytest.mark.skipif(not on_postgres, reason="compares PostgreSQL's full text with Python's")
def test_postgres_and_the_python_matcher_used_on_sqlite_find_the_same(monkeypatch):
    """The same articles, in the same order; for a phrase, the same articles (ts_rank weighs how
    near each other its words stand anywhere in the article, which the Python ranking leaves
    aside)."""
    topic = make_topic(name_ar="حقوق المعتقلين", name_en="Detainees' rights")
    salma = make_author(name_ar="سلمى حدّاد", name_en="Salma Haddad")
    for n, texts in enumerate(CORPUS.values()):
        languages = ("ar", "en") if "title_en" in texts else ("ar",)
        authors, topics = [salma] if n % 3 == 0 else [], [topic] if n % 2 else []
        make_article(languages=languages, authors=authors, topics=topics, **texts)
    make_article(title_ar="حكوماتهم وحقوقهم", title_en="ORS and observation")
    queries = [(query, "ar") for query, _ in ARABIC_QUERIES]
    queries += [(query, "en") for query, _ in ENGLISH_QUERIES] + EXTRA_QUERIES
    postgres = {query: results(query, language) for query, language in queries}
    monkeypatch.setattr(search, "stores_vectors", lambda: False)
    python = {query: results(query, language) for query, language in queries}

    def compared(query, articles):
        pks = [article.pk for article in articles]
        return set(pks) if '"' in query else pks

    differ = {
        query: (postgres[query], python[query])
        for query, _language in queries
        if compared(query, postgres[query]) != compared(query, python[query])
    }
    assert not differ
    assert [query for query, found in postgres.items() if not found] == [
        "إذاعة -الأمل",
        "internet -exams",
        "Writer Salma",  # her English name is Salma Haddad here
    ]


# --- Articles stored before ---------------------------------------------------------------

BEFORE = ("articles", "0006_language_availability")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migrating_prepares_the_names_and_makes_the_stored_vectors_again():
    call_command("migrate", *BEFORE, verbosity=0)
    try:
        old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
        topic = old.get_model("articles", "Topic").objects.create(
            name_ar="حقوق المعتقلين", name_en="Detainees' rights", slug_ar="t", slug_en="t"
        )
        author = old.get_model("articles", "Author").objects.create(
            name_ar="سلمى حداد", name_en="Salma Haddad", slug="salma"
        )
        article = old.get_model("articles", "Article").objects.create(
            title_ar="وانتخابات البلدية",
            body_ar="<p>نص</p>",
            slug_ar="a",
            status="published",
            publish_at=timezone.now() - timedelta(hours=1),
            available_ar=True,
        )
        old.get_model("articles", "Byline").objects.create(article=article, author=author)
        article.topics.add(topic)
    finally:
        call_command("migrate", verbosity=0)
    assert Topic.objects.values_list("prepared_name_ar", "prepared_name_en").get() == (
        "حقوق معتقل",
        "detaine right",
    )
    assert found("الانتخابات") == found("حقوق المعتقلين") == found("سلمى") == {article.pk}
    vectors = Article.objects.filter(pk=article.pk).values_list("search_ar", "search_en")
    migrated = vectors.get()
    search.index(Article.objects.get(pk=article.pk))
    assert vectors.get() == migrated  # as saving the article makes them (None on SQLite)
