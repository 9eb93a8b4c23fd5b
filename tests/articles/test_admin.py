import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from tests.helpers import article_form, make_article, uploaded_jpeg

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


def field_tag(html, name):
    match = re.search(rf'<(?:input|textarea)[^>]*\bname="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


@pytest.mark.parametrize("ui_language", ["ar", "en"])
def test_each_language_field_is_typed_in_its_own_direction(editor_client, ui_language):
    html = editor_client.get(ADD_URL, headers={"Accept-Language": ui_language}).content.decode()
    assert f'<html lang="{ui_language}"' in html
    for field in ("title", "summary", "body", "hero_alt", "hero_caption"):
        assert 'lang="ar" dir="rtl"' in field_tag(html, f"{field}_ar"), field
        assert 'lang="en" dir="ltr"' in field_tag(html, f"{field}_en"), field


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/admin/articles/author/add/", ("name", "role", "bio")),
        ("/admin/articles/topic/add/", ("name", "slug")),
    ],
)
def test_author_and_topic_fields_are_typed_in_their_own_direction(editor_client, path, fields):
    html = editor_client.get(path, headers={"Accept-Language": "en"}).content.decode()
    for field in fields:
        assert 'lang="ar" dir="rtl"' in field_tag(html, f"{field}_ar"), field
        assert 'lang="en" dir="ltr"' in field_tag(html, f"{field}_en"), field


def test_admin_tabs_put_arabic_first(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    assert html.index('name="title_ar"') < html.index('name="title_en"')


@pytest.mark.parametrize(
    "path",
    [
        ADD_URL,
        "/admin/articles/article/",
        "/admin/articles/author/add/",
        "/admin/articles/topic/add/",
        "/admin/",
    ],
)
def test_admin_pages_load_nothing_from_another_origin(editor_client, path):
    html = editor_client.get(path).content.decode()
    references = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert any("jquery-ui" in ref for ref in references) or path != ADD_URL
    for reference in references:
        assert reference.startswith(("/", "#", "?")) or reference == "", reference


def test_an_editor_creates_an_arabic_only_article_with_a_sanitized_body(editor_client, editor):
    response = editor_client.post(
        ADD_URL, article_form(body_ar='<p>نص</p><script>alert(1)</script><img onerror="x()">')
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.slug_ar == "مقال-من-لوحة-التحرير"
    assert article.body_ar == "<p>نص</p>"
    assert article.available_languages == ["ar"]
    assert article.created_by == editor
    assert [b.author_id for b in article.bylines.all()]


def test_an_english_only_article_needs_no_arabic(editor_client):
    form = article_form(title_ar="", summary_ar="", body_ar="", title_en="English only",
                        body_en="<p>Text</p>")  # fmt: skip
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 302
    assert Article.objects.get().available_languages == ["en"]


@pytest.mark.parametrize(
    ("ui_language", "message"),
    [
        ("en", "The body is missing in English."),
        ("ar", "النص غير موجود باللغة الإنجليزية."),
    ],
)
def test_a_title_without_body_is_a_form_error_in_the_editors_language(
    editor_client, ui_language, message
):
    response = editor_client.post(
        ADD_URL, article_form(title_en="Title only"), headers={"Accept-Language": ui_language}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_an_upload_that_is_not_an_image_is_a_form_error_and_nothing_is_saved(editor_client):
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>x</script></html>", "image/jpeg")
    response = editor_client.post(ADD_URL, article_form(hero_image=fake))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Article.objects.exists()


def test_a_real_image_upload_is_stored_under_a_random_name(editor_client, settings):
    response = editor_client.post(
        ADD_URL,
        article_form(
            hero_image=uploaded_jpeg("my-home-street.jpg", size=(320, 200)),
            hero_alt_ar="شارع في المدينة",
            hero_credit="Handout",
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert "my-home-street" not in article.hero_image.name
    assert article.hero_image.name.endswith(".jpg")
    assert (article.hero_width, article.hero_height) == (320, 200)


def test_changelist_shows_availability_per_language(editor_client):
    make_article(languages=("ar",), title_ar="عربي فقط")
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "عربي فقط" in html
    arabic = re.search(r'<td class="field-in_arabic">(.*?)</td>', html).group(1)
    english = re.search(r'<td class="field-in_english">(.*?)</td>', html).group(1)
    assert 'alt="True"' in arabic
    assert 'alt="False"' in english
