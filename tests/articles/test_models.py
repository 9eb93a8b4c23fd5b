from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from articles.models import Article, Author, Topic
from core.sanitize import sanitize_html
from tests.helpers import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db


def test_article_is_available_only_in_languages_with_title_and_body():
    both = make_article()
    arabic_only = make_article(languages=("ar",))
    english_title_only = make_article(languages=("ar",), title_en="Title without a body")

    assert set(Article.objects.in_language("ar")) == {both, arabic_only, english_title_only}
    assert list(Article.objects.in_language("en")) == [both]
    assert arabic_only.available_languages == ["ar"]


def test_in_language_defaults_to_the_active_language():
    make_article(languages=("ar",))
    english = make_article(languages=("en",))
    with translation.override("en"):
        assert list(Article.objects.in_language()) == [english]


def test_live_hides_drafts_and_scheduled_articles_until_their_time():
    now = timezone.now()
    published = make_article(publish_at=now - timedelta(minutes=1))
    make_article(status=Article.Status.DRAFT, publish_at=now - timedelta(days=1))
    scheduled = make_article(publish_at=now + timedelta(minutes=5))

    assert list(Article.objects.live()) == [published]

    Article.objects.filter(pk=scheduled.pk).update(publish_at=now - timedelta(seconds=1))
    assert set(Article.objects.live()) == {published, scheduled}


HOSTILE_HTML = [
    ("<p>hi</p><script>alert(1)</script>", ["<script", "alert(1)"]),
    ('<img src="x" onerror="alert(1)">', ["<img", "onerror"]),
    ('<p onclick="steal()">click</p>', ["onclick", "steal"]),
    ('<a href="javascript:alert(1)">x</a>', ["javascript:"]),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript", "JaVaScRiPt"]),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
    ('<iframe src="https://evil.example/"></iframe>', ["<iframe", "evil.example"]),
    ('<svg onload="alert(1)"><circle r="1"/></svg>', ["<svg", "onload"]),
    ("<style>body{display:none}</style><p>x</p>", ["<style", "display:none"]),
    ('<p style="background:url(https://evil.example/x)">x</p>', ["style=", "evil.example"]),
    ('<form action="https://evil.example/"><input name="q"></form>', ["<form", "<input"]),
    ('<a href="https://ok.example/" target="_blank" onmouseover="x()">ok</a>', ["onmouseover"]),
]


@pytest.mark.parametrize(("payload", "forbidden"), HOSTILE_HTML)
def test_sanitizer_strips_hostile_html(payload, forbidden):
    cleaned = sanitize_html(payload)
    for fragment in forbidden:
        assert fragment not in cleaned


@pytest.mark.parametrize(
    "allowed",
    [
        "<p>نص <strong>عريض</strong> و<em>مائل</em></p>",
        "<h2>عنوان</h2>",
        "<h3>Sub</h3>",
        "<h4>Minor</h4>",
        "<blockquote><p>quote</p></blockquote>",
        "<ul><li>a</li></ul>",
        "<ol><li>b</li></ol>",
        "<figure><figcaption>caption</figcaption></figure>",
        "<p>line<br>break</p>",
    ],
)
def test_sanitizer_keeps_the_allowed_markup(allowed):
    assert sanitize_html(allowed) == allowed


def test_sanitizer_marks_links_noopener_noreferrer_and_keeps_safe_schemes():
    cleaned = sanitize_html('<a href="https://example.org/">x</a><a href="mailto:a@b.org">m</a>')
    assert cleaned.count('rel="noopener noreferrer"') == 2
    assert 'href="https://example.org/"' in cleaned
    assert 'href="mailto:a@b.org"' in cleaned


def test_an_empty_editor_paragraph_is_no_body_at_all():
    article = make_article(languages=("ar",), body_en="<p></p>", title_en="Only a title")
    article.refresh_from_db()
    assert article.body_en is None
    assert "en" not in article.available_languages


def test_saving_through_the_orm_sanitizes_every_language():
    article = make_article(
        body_ar="<p>مرحبا</p><script>alert(1)</script>", body_en='<img src=x onerror="alert(1)">x'
    )
    article.refresh_from_db()
    assert article.body_ar == "<p>مرحبا</p>"
    assert "onerror" not in article.body_en


def test_slugs_are_filled_from_titles_and_keep_arabic_letters():
    article = make_article(title_ar="حرية الصحافة أولاً", title_en="Press Freedom First")
    assert article.slug_ar == "حرية-الصحافة-أولا"  # tanwin is a mark, not a letter
    assert article.slug_en == "press-freedom-first"


def test_arabic_slug_drops_diacritics_and_punctuation():
    article = make_article(languages=("ar",), title_ar="الانتخابَاتُ: مَن يُراقِبُها؟")
    assert article.slug_ar == "الانتخابات-من-يراقبها"
    assert article.slug_en is None


def test_a_title_without_letters_still_gets_a_working_url(client):
    article = make_article(languages=("ar",), title_ar="؟!")
    assert article.slug_ar
    assert client.get(article.url_in("ar")).status_code == 200


def test_publishing_refuses_a_title_without_a_body_in_a_language():
    article = Article(
        title_ar="عنوان فقط",
        title_en="Both",
        body_en="<p>Body</p>",
        status=Article.Status.PUBLISHED,
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.messages == ["The body is missing in Arabic."]


def test_a_draft_may_be_incomplete():
    Article(title_ar="عنوان فقط").full_clean()


def test_publishing_refuses_an_article_with_no_language():
    article = Article(status=Article.Status.PUBLISHED)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert error.value.messages == ["Write a title and a body in at least one language."]


def test_clean_reports_a_duplicate_slug_as_a_field_error():
    make_article(title_ar="عنوان مكرر", title_en="Repeated")
    duplicate = Article(
        title_ar="عنوان مكرر", body_ar="<p>نص</p>", title_en="Another", body_en="<p>x</p>"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    # On the Arabic slug alone (the English title is new), as a "unique" error, not a crash.
    assert list(error.value.error_dict) == ["slug_ar"]
    [unique] = error.value.error_dict["slug_ar"]
    assert unique.code == "unique"
    assert unique.params["unique_check"] == ("slug_ar",)


def test_topics_and_author_names_are_required_in_every_language_by_the_model():
    with pytest.raises(ValidationError) as error:
        Topic(name_ar="حريات").full_clean()
    assert "name_en" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Author(name_en="Only English", slug="only-english").full_clean()
    assert "name_ar" in error.value.message_dict


def test_switcher_target_is_the_article_in_the_other_language_or_nothing():
    both = make_article(title_ar="الحق في التجمع", title_en="The right to assemble")
    arabic_only = make_article(languages=("ar",))

    assert both.url_in("en") == "/en/articles/the-right-to-assemble/"
    assert unquote(both.url_in("ar")) == "/ar/articles/الحق-في-التجمع/"
    assert arabic_only.url_in("en") is None


def test_translation_falls_back_to_another_language_and_says_which():
    author = make_author(bio_ar=None, bio_en="English only.")
    assert author.translation("bio", "ar") == ("English only.", "en")
    assert author.translation("bio", "en") == ("English only.", "en")
    assert author.translation("role", "ar") == ("محررة", "ar")


def test_related_articles_share_a_topic_are_live_and_in_the_page_language():
    topic, other_topic = make_topic(), make_topic()
    article = make_article(topics=[topic])
    sibling = make_article(topics=[topic])
    make_article(topics=[other_topic])
    make_article(topics=[topic], status=Article.Status.DRAFT)
    english_only = make_article(languages=("en",), topics=[topic])

    with translation.override("ar"):
        assert list(article.related()) == [sibling]
    with translation.override("en"):
        assert set(article.related()) == {sibling, english_only}
