"""manage.py generate_load_data (make bench's data): the rows it writes in bulk are the rows the
app itself would have stored, and the site serves them."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from articles import search
from articles.models import Article, Author, Byline
from campaigns.models import Campaign, Signup
from newsroom.management.commands.generate_load_data import SEARCH_WORDS

pytestmark = pytest.mark.django_db

ARTICLES, SIGNUPS = 40, 60


@pytest.fixture
def generated():
    output = io.StringIO()
    call_command("generate_load_data", articles=ARTICLES, signups=SIGNUPS, stdout=output)
    return output.getvalue()


def stored(model, pk):
    """Every column of a row as the database holds it, search vectors included."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_it_writes_the_rows_asked_for_and_says_how_long_it_took(generated):
    assert Article.objects.count() == ARTICLES
    campaign = Campaign.objects.get(featured=True)
    assert campaign.signups.count() == Signup.objects.count() == SIGNUPS
    counted = campaign.signups.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
    assert 0 < campaign.confirmed_count == counted.count() < SIGNUPS
    assert f"{ARTICLES} articles:" in generated and "Generated in" in generated


def test_a_generated_row_is_what_saving_it_in_the_app_stores(generated):
    """Availability, slugs, the default language's columns, sanitized bodies, search vectors
    (PostgreSQL), the signup's last source, an author's prepared names: saving changes nothing
    but `updated_at`."""
    for article in Article.objects.with_bylines():
        before = stored(Article, article.pk)
        article.save()
        assert stored(Article, article.pk) | {"updated_at": None} == before | {"updated_at": None}
    for model in (Signup, Author):  # an author's row: its names kept prepared for search
        for row in model.objects.all()[:20]:
            before = stored(model, row.pk)
            row.save()
            assert stored(model, row.pk) | {"updated_at": None} == before | {"updated_at": None}


def test_articles_exist_in_their_languages_with_ordered_bylines_and_topics(generated):
    articles = Article.objects.all()
    for article in articles:
        assert article.available_languages == [
            code for code in ("ar", "en") if article.is_available_in(code)
        ]
        positions = list(article.bylines.values_list("position", flat=True))
        assert positions == list(range(len(positions))) and 1 <= len(positions) <= 3
        assert 1 <= article.topics.count() <= 2
    assert articles.filter(available_ar=True, available_en=False).exists()  # Arabic only
    assert articles.filter(available_ar=True, available_en=True).exists()
    assert Byline.objects.values("author").distinct().count() > 1


def test_a_generated_article_reads_in_both_languages(generated, client):
    article = (
        Article.objects.live()
        .filter(available_ar=True, available_en=True)
        .exclude(hero_image="")
        .first()
    )
    for code in ("ar", "en"):
        response = client.get(article.url_in(code))
        assert response.status_code == 200
        assert article.in_language("title", code) in response.content.decode()


def test_the_planted_words_are_found_in_every_article_in_twenty_in_one_in_none(generated):
    expected = {"every": None, "twenty": 20, "one": 1, "none": 0}
    for language, code in enumerate(("ar", "en")):
        live = Article.objects.live().in_language(code)
        for name, words in SEARCH_WORDS.items():
            with translation.override(code):
                found = len(list(search.search(live, words[language], code)))
            assert found == (expected[name] if expected[name] is not None else live.count())


def test_signups_are_as_the_form_and_the_confirm_link_leave_them(generated):
    signups = list(Signup.objects.all())
    assert len({signup.link_id for signup in signups}) == SIGNUPS
    campaign = Campaign.objects.get(featured=True)
    pages = {f"/{code}/join/{campaign.in_language('slug', code)}/" for code in ("ar", "en")}
    for signup in signups:
        assert signup.pending_change == {}
        assert signup.email == signup.email.lower()
        assert {entry["page"] for entry in signup.sources} <= pages  # request.path, unquoted
        assert signup.sources[-1]["source"] == signup.last_source
        assert signup.consent_given_at == signup.created_at


def test_it_refuses_a_database_that_has_rows_and_changes_nothing(generated):
    with pytest.raises(CommandError, match=f"{ARTICLES} articles.*{SIGNUPS} signups"):
        call_command("generate_load_data", articles=5, signups=5, stdout=io.StringIO())
    assert Article.objects.count() == ARTICLES


def test_the_dashboard_counts_the_generated_signups(generated):
    campaign = Campaign.objects.get(featured=True)
    numbers = campaign.numbers(days=3650, top_sources=100)
    signups = Signup.objects.filter(campaign=campaign)
    assert numbers["total"] == signups.count() > 0
    assert numbers["confirmed"] == signups.filter(confirmed_at__isnull=False).count()
    assert sum(count for _day, count in numbers["per_day"]) == signups.count()
    assert sum(count for _country, count in numbers["countries"]) == signups.count()
