"""The article form after a refused save keeps the photo and points at what to fix; the authors
come under the title; the photo shows as a thumbnail with its crops."""

import io
import os
import re
import time

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from articles import files, uploads
from articles.models import Article
from tests.helpers import article_form, jpeg_bytes, make_article, staff_login, uploaded_jpeg

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]

ADD_URL = "/admin/articles/article/add/"
ALT_MISSING = "The image needs a description (alt text) in Arabic."


def kept_token(html):
    match = re.search(r'<input type="hidden" name="kept_image"(?: value="([^"]*)")?', html)
    assert match, "no kept_image field"
    return match.group(1) or ""


def form_row(html, field):
    """The admin's row (its opening tag and content up to the next row) holding `field`."""
    match = re.search(
        rf'<div class="(form-row[^"]*\bfield-{field}\b[^"]*)">'
        r'(.*?)(?=<div class="form-row|</fieldset)',
        html,
        re.S,
    )
    assert match, field
    return match.group(1), match.group(2)


def kept_files():
    try:
        return default_storage.listdir(files.KEPT_FOLDER)[1]
    except FileNotFoundError:
        return []


def refused_save(client, **overrides):
    """A publication refused for its missing alt text, with a new photo."""
    data = article_form(
        hero_image=uploaded_jpeg("IMG_0042.jpg", size=(640, 400)),
        hero_credit="Newsroom",
        **overrides,
    )
    response = client.post(ADD_URL, data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    data.pop("hero_image")
    return data, response.content.decode()


def test_a_refused_save_keeps_the_photo_and_the_next_save_stores_it(editor_client):
    data, html = refused_save(editor_client)
    assert not Article.objects.exists()
    token = kept_token(html)
    assert token
    [kept] = kept_files()
    assert not kept.endswith((".jpg", ".png", ".webp"))  # never served by core.media
    # Its thumbnail, for the editor who sent it.
    preview = reverse("admin:articles_article_kept_image", args=[token])
    assert f'src="{preview}"' in html
    response = editor_client.get(preview)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    kept_bytes = b"".join(response.streaming_content)  # read to the end: the file is closed

    # Corrected, sent again without a file: the kept photo is the article's.
    data |= {"kept_image": token, "hero_alt_ar": "شارع في المدينة"}
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.hero_image.name.startswith("articles/")
    assert "IMG_0042" not in article.hero_image.name
    with article.hero_image.open("rb") as stored:
        assert stored.read() == kept_bytes
    assert (article.hero_width, article.hero_height) == (640, 400)


def test_the_kept_copy_is_deleted_once_the_article_is_saved(
    editor_client, django_capture_on_commit_callbacks
):
    data, html = refused_save(editor_client)
    data |= {"kept_image": kept_token(html), "hero_alt_ar": "وصف"}
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(ADD_URL, data).status_code == 302
    assert kept_files() == []
    assert Article.objects.get().hero_image


def test_the_error_is_shown_next_to_its_field_not_only_at_the_top(editor_client):
    _data, html = refused_save(editor_client)
    classes, row = form_row(html, "hero_alt_ar")
    assert "errors" in classes.split()
    assert ALT_MISSING in row
    top = html.split('<fieldset class="module', 1)[0]
    assert ALT_MISSING not in top  # not repeated among the form-wide errors
    # Without JavaScript the tabs do not exist; the row's "errors" class is what
    # modeltranslation's script turns into the tab's mark.


def test_an_error_for_a_field_the_form_lacks_is_shown_at_the_top(editor_client):
    response = editor_client.post(
        ADD_URL,
        article_form(title_ar="", body_ar="", summary_ar=""),
        headers={"Accept-Language": "en"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Write a title and a body in at least one language." in html


def test_a_kept_photo_is_refused_to_another_editor(editor_client, django_user_model, client):
    data, html = refused_save(editor_client)
    token = kept_token(html)
    other = django_user_model.objects.create_superuser("other", "other@example.org", None)
    other_client = staff_login(type(client)(), other)
    assert (
        other_client.get(reverse("admin:articles_article_kept_image", args=[token])).status_code
        == 404
    )
    data |= {"kept_image": token, "hero_alt_ar": "وصف"}
    response = other_client.post(ADD_URL, data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert str(uploads.REFUSED) in form_row(response.content.decode(), "hero_image")[1]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",  # replaced below by an altered real token
        signing.dumps({"name": "../../settings.py", "user": 1}, salt=uploads.SALT),
    ],
)
def test_an_altered_token_is_a_form_error_not_a_crash(editor_client, editor, token):
    data, html = refused_save(editor_client)
    if not token:
        real = kept_token(html)
        token = real[:-2] + ("AA" if real[-2:] != "AA" else "BB")
    data |= {"kept_image": token, "hero_alt_ar": "وصف"}
    response = editor_client.post(ADD_URL, data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert str(uploads.REFUSED) in form_row(response.content.decode(), "hero_image")[1]
    assert kept_token(response.content.decode()) == ""
    assert not Article.objects.exists()


def test_a_new_file_replaces_the_kept_one(editor_client):
    data, html = refused_save(editor_client)
    data |= {
        "kept_image": kept_token(html),
        "hero_alt_ar": "وصف",
        "hero_image": uploaded_jpeg("other.jpg", size=(300, 200)),
    }
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert (Article.objects.get().hero_width, Article.objects.get().hero_height) == (300, 200)


def test_kept_uploads_are_pruned_only_once_old(editor_client):
    refused_save(editor_client)
    refused_save(editor_client)
    young, old = (f"{files.KEPT_FOLDER}/{name}" for name in kept_files())
    two_hours_ago = time.time() - 2 * 3600  # past GRACE, well within KEPT_GRACE
    os.utime(default_storage.path(young), (two_hours_ago, two_hours_ago))
    long_ago = time.time() - files.KEPT_GRACE.total_seconds() - 60
    os.utime(default_storage.path(old), (long_ago, long_ago))
    call_command("remove_orphan_files", "--delete", stdout=io.StringIO())
    assert default_storage.exists(young)
    assert not default_storage.exists(old)


def test_the_authors_come_under_the_title_and_are_called_authors(editor_client):
    for language, heading in (("en", "Authors"), ("ar", "الكتّاب")):
        html = editor_client.get(ADD_URL, headers={"Accept-Language": language}).content.decode()
        group = html.index('id="bylines-group"')
        assert html.index('name="title_ar"') < html.index('name="slug_ar"') < group
        assert group < html.index('name="summary_ar"') < html.index('name="hero_image"')
        assert re.search(rf"<h2[^>]*>\s*{heading}\s*</h2>", html[group:]), language
        assert "التواقيع" not in html


def test_the_current_photo_shows_as_a_thumbnail_with_its_crops(editor_client):
    article = make_article(hero_focal_x=0.2, hero_focal_y=0.7)
    article.hero_image.save("p.jpg", ContentFile(jpeg_bytes(size=(1200, 800))))
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk]),
        headers={"Accept-Language": "en"},
    ).content.decode()
    widget = html[html.index('class="hero-image-widget"') :]
    sources = re.findall(r'<img src="([^"]+)"', widget)[:3]
    assert len(sources) == 3
    thumbnail, card, thumb = sources
    assert thumbnail.endswith("/480.jpg")
    assert card.endswith("/card-20-70.jpg") and thumb.endswith("/thumb-20-70.jpg")
    for url in sources:  # files that exist, served to the editor
        response = editor_client.get(url)
        assert response.status_code == 200, url
        # Read to the end, which closes the file. Not response.close(): outside the test
        # client's wrapper it would close the database connection too (request_finished).
        assert b"".join(response.streaming_content)
    assert 'data-focal-x="id_hero_focal_x"' in widget
    assert "/static/js/admin-focal-point.js" in html


def test_the_kept_copy_is_never_served_as_media(editor_client):
    refused_save(editor_client)
    [kept] = kept_files()
    assert editor_client.get(f"/media/{files.KEPT_FOLDER}/{kept}").status_code == 404


def test_a_save_refused_for_its_bylines_keeps_the_photo_too(editor_client):
    # The article's own fields pass; two bylines naming one author do not.
    data = article_form(
        hero_image=uploaded_jpeg(size=(320, 200)), hero_alt_ar="وصف", hero_credit="Newsroom"
    )
    data |= {
        "bylines-TOTAL_FORMS": "2",
        "bylines-1-author": data["bylines-0-author"],
        "bylines-1-position": "1",
    }
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    token = kept_token(response.content.decode())
    assert token
    data.pop("hero_image")
    data |= {"kept_image": token, "bylines-TOTAL_FORMS": "1"}
    del data["bylines-1-author"], data["bylines-1-position"]
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_width == 320
