"""The editorial workflow through the admin, as writers and editors in their real roles use it.

Forms are opened with a GET and sent back as a browser would (see `helpers.form_values`), so the
hidden fields the workflow depends on (loaded_version, inline management forms) are the real ones.
"""

import re
import time
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.core import signing
from django.test import Client
from django.utils import timezone, translation

from articles.models import Article, PreviewLink, Revision
from tests.helpers import (
    article_form,
    form_values,
    make_article,
    make_author,
    make_staff,
    make_topic,
    staff_login,
    uploaded_jpeg,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"


# --- Helpers --------------------------------------------------------------------------------


def admin_url(article, page="change/"):
    return f"/admin/articles/article/{article.pk}/{page}"


def logged_in(user, language="en"):
    """A browser of its own for `user`, whose admin speaks `language` (English)."""
    client = Client(headers={"Accept-Language": language})
    staff_login(client, user)
    return client


def open_form(client, article):
    response = client.get(admin_url(article))
    assert response.status_code == 200
    return form_values(response.content.decode())


def save(client, article, data, **changes):
    return client.post(admin_url(article), data | changes)


def edit(client, article, **changes):
    """Open the change form and save it with `changes`, as an editor in a browser does."""
    return save(client, article, open_form(client, article), **changes)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def bulk(client, action, *articles):
    return client.post(
        CHANGELIST_URL, {"action": action, "_selected_action": [a.pk for a in articles]}
    )


def action_choices(client):
    html = client.get(CHANGELIST_URL).content.decode()
    select = re.search(r'<select name="action".*?</select>', html, re.S).group(0)
    return set(re.findall(r'<option value="([^"]*)"', select)) - {""}


def fresh(article):
    return Article.objects.get(pk=article.pk)


def numbers(article):
    return list(article.revisions.order_by("number").values_list("number", flat=True))


def live_page(article, language="en"):
    """The public page as an anonymous reader gets it."""
    return Client().get(fresh(article).url_in(language))


def saved(article, user=None):
    """Store the article's current state as its next revision, as an admin save would."""
    article.record_revision(user)
    return article


def log_entries(article):
    return LogEntry.objects.filter(object_id=str(article.pk), action_flag=CHANGE)


@pytest.fixture
def writer():
    return make_staff("Writer")


@pytest.fixture
def desk_editor():
    """An editor by role (a staff member in the Editor group), not a superuser."""
    return make_staff("Editor")


@pytest.fixture
def writer_client(writer):
    return logged_in(writer)


@pytest.fixture
def desk_client(desk_editor):
    return logged_in(desk_editor)


# --- A writer writes; an editor publishes ---------------------------------------------------


def test_a_writer_cannot_publish_a_new_article_through_the_form(writer_client):
    response = writer_client.post(ADD_URL, article_form(status="published"))
    assert response.status_code == 200
    assert "Select a valid choice. published is not one of the available choices." in (
        response.content.decode()
    )
    assert not Article.objects.exists()


def test_a_writer_cannot_publish_a_draft_and_nothing_changes(writer_client):
    draft = saved(make_article(status=Article.Status.DRAFT, title_en="Draft title"))
    response = edit(writer_client, draft, status="published", title_en="Changed title")
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    article = fresh(draft)
    assert (article.status, article.title_en) == ("draft", "Draft title")
    assert numbers(article) == [1]


def test_a_writer_saves_a_draft_then_submits_it_for_review(writer_client, writer):
    response = writer_client.post(
        ADD_URL, article_form(status="draft", featured="on", publish_at_0="2030-01-01")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == "draft"
    assert article.created_by == article.updated_by == writer
    # Scheduling and featuring are an editor's decisions: the writer's values are ignored.
    assert not article.featured
    assert article.publish_at < timezone.now()

    assert edit(writer_client, article, status="review").status_code == 302
    assert fresh(article).status == "review"
    assert [r.content["status"] for r in article.revisions.order_by("number")] == [
        "draft",
        "review",
    ]


@pytest.mark.parametrize("page", ["add", "change"])
def test_a_writer_sees_publish_time_and_featured_read_only(writer_client, desk_client, page):
    draft = make_article(status=Article.Status.DRAFT)
    url = ADD_URL if page == "add" else admin_url(draft)
    writer_html = writer_client.get(url).content.decode()
    assert 'name="publish_at_0"' not in writer_html
    assert 'name="featured"' not in writer_html
    assert '<option value="review"' in writer_html
    assert '<option value="published"' not in writer_html
    assert '<option value="unpublished"' not in writer_html

    editor_html = desk_client.get(url).content.decode()
    assert 'name="publish_at_0"' in editor_html
    assert 'name="featured"' in editor_html
    assert '<option value="published"' in editor_html


# --- A writer's change to a live article waits for an editor --------------------------------


@pytest.fixture
def live_article(desk_editor):
    author = make_author()
    return saved(make_article(title_en="Live headline", authors=[author]), desk_editor)


def test_a_writers_change_to_a_live_article_waits_for_an_editor(
    writer_client, writer, desk_client, desk_editor, live_article
):
    topic, second_author = make_topic(), make_author()
    response = edit(
        writer_client,
        live_article,
        title_en="Corrected headline",
        status="draft",  # not a field the writer has here: ignored
        topics=[topic.pk],
        **{"bylines-1-author": second_author.pk, "bylines-1-position": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == admin_url(live_article, "revisions/")  # where to preview it
    assert messages_of(response) == [
        "This article is live: your changes were sent to an editor for review as revision 2."
    ]
    assert log_entries(live_article).get().get_change_message() == (
        "Sent changes for review as revision 2."
    )

    # The live article is untouched, in the database and on its public page.
    article = fresh(live_article)
    assert (article.title_en, article.status, article.version) == ("Live headline", "published", 1)
    assert not article.topics.exists()
    assert article.bylines.count() == 1
    page = live_page(article).content.decode()
    assert "Live headline" in page
    assert "Corrected headline" not in page

    pending = Revision.objects.get(article=article, pending=True)
    assert pending.number == 2
    assert pending.created_by == writer
    assert pending.content["title_en"] == "Corrected headline"
    assert pending.content["status"] == "published"
    assert pending.content["topics"] == [topic.pk]
    assert pending.content["authors"] == [live_article.bylines.get().author_id, second_author.pk]

    # The editor finds it, compares it with the live text, and applies it.
    revisions = desk_client.get(admin_url(article, "revisions/")).content.decode()
    assert "Awaiting review" in revisions
    diff_url = admin_url(article, "revisions/1/2/")
    assert f'href="{diff_url}"' in revisions
    diff = desk_client.get(diff_url).content.decode()
    assert "<del>Live</del><ins>Corrected</ins>" in diff
    assert admin_url(article, "revisions/2/restore/") in diff

    assert desk_client.post(admin_url(article, "revisions/2/restore/")).status_code == 302
    article = fresh(article)
    assert (article.title_en, article.status, article.version) == (
        "Corrected headline",
        "published",
        3,
    )
    assert list(article.topics.all()) == [topic]
    assert [b.author_id for b in article.bylines.all()] == pending.content["authors"]
    applied = article.revisions.get(number=3)
    assert applied.restored_from == pending
    assert applied.created_by == desk_editor
    assert not applied.pending
    assert "Corrected headline" in live_page(article).content.decode()
    revisions = desk_client.get(admin_url(article, "revisions/")).content.decode()
    assert "Awaiting review" not in revisions, "an applied change is no longer waiting"
    assert "Applied as revision 3" in revisions
    assert "Restored from 2" in revisions


def test_a_new_image_in_a_writers_pending_change_is_kept_until_an_editor_applies_it(
    writer_client, desk_client, live_article
):
    data = open_form(writer_client, live_article) | {
        "hero_image": uploaded_jpeg("street.jpg", size=(120, 80)),
        "hero_alt_ar": "شارع",
        "hero_alt_en": "A street",
        "hero_credit": "Handout",
    }
    assert save(writer_client, live_article, data).status_code == 302
    assert not fresh(live_article).hero_image

    pending = live_article.revisions.get(pending=True)
    assert desk_client.post(admin_url(live_article, "revisions/2/restore/")).status_code == 302
    article = fresh(live_article)
    assert article.hero_image.name == pending.content["hero_image"]
    assert "street" not in article.hero_image.name
    assert article.hero_image.storage.exists(article.hero_image.name), "a missing file"
    assert (article.hero_width, article.hero_height) == (120, 80)


def test_a_writer_cannot_apply_a_pending_change_themselves(writer_client, live_article):
    edit(writer_client, live_article, title_en="Corrected headline")
    response = writer_client.post(admin_url(live_article, "revisions/2/restore/"))
    assert response.status_code == 403
    assert fresh(live_article).title_en == "Live headline"
    diff = writer_client.get(admin_url(live_article, "revisions/1/2/")).content.decode()
    assert "/restore/" not in diff


def test_a_writers_change_to_a_live_article_must_still_pass_the_checks(writer_client, live_article):
    response = edit(writer_client, live_article, body_en="")
    assert response.status_code == 200
    assert "The body is missing in English." in response.content.decode()
    assert not live_article.revisions.filter(pending=True).exists()


# --- Every save is a revision: list, compare, restore ---------------------------------------


@pytest.fixture
def twice_saved(desk_client):
    """An article added and then edited through the admin by an editor."""
    response = desk_client.post(
        ADD_URL,
        article_form(status="draft", title_en="Old words here", body_en="<p>English body</p>"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert edit(desk_client, article, title_en="New words here").status_code == 302
    return fresh(article)


def test_every_admin_save_stores_a_numbered_revision_by_its_author(twice_saved, desk_editor):
    first, second = twice_saved.revisions.order_by("number")
    assert (first.number, second.number, twice_saved.version) == (1, 2, 2)
    for revision in (first, second):
        assert revision.created_by == desk_editor
        assert not revision.pending
        for field in ("title", "slug", "summary", "body", "hero_alt", "hero_caption"):
            assert {f"{field}_ar", f"{field}_en"} <= set(revision.content), field
    assert first.content["title_ar"] == second.content["title_ar"] == "مقال من لوحة التحرير"
    assert first.content["body_en"] == "<p>English body</p>"
    assert (first.content["title_en"], second.content["title_en"]) == (
        "Old words here",
        "New words here",
    )
    assert len(first.content["authors"]) == 1
    assert len(first.content["topics"]) == 1


def test_the_revisions_page_lists_every_revision(twice_saved, desk_client, desk_editor):
    html = desk_client.get(admin_url(twice_saved, "revisions/")).content.decode()
    assert "2 (current)" in html
    assert re.search(r"<td>1</td>", html)
    assert html.count(f"<td>{desk_editor.username}</td>") == 2
    assert f'href="{admin_url(twice_saved, "revisions/1/2/")}"' in html


def test_the_diff_shows_the_changed_field_per_language(twice_saved, desk_client):
    response = desk_client.get(admin_url(twice_saved, "revisions/1/2/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Title (EN)" in html
    assert "<del>Old</del><ins>New</ins> words here" in html
    assert 'lang="en" dir="ltr"' in html
    assert "Title (AR)" not in html  # unchanged fields are not listed
    assert "Body (EN)" not in html


def test_the_diff_of_an_arabic_field_is_marked_right_to_left(twice_saved, desk_client):
    edit(desk_client, twice_saved, title_ar="مقال من لوحة الأخبار")
    html = desk_client.get(admin_url(twice_saved, "revisions/2/3/")).content.decode()
    assert "Title (AR)" in html
    assert "<del>التحرير</del><ins>الأخبار</ins>" in html
    assert 'lang="ar" dir="rtl"' in html


def test_the_diff_escapes_markup_typed_into_a_field(twice_saved, desk_client):
    edit(desk_client, twice_saved, title_en="<script>alert(1)</script> words here")
    for diff in ("revisions/2/3/", "revisions/3/2/"):  # the markup added, then removed
        html = desk_client.get(admin_url(twice_saved, diff)).content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_diff_between_revisions_that_do_not_exist_is_404(twice_saved, desk_client):
    assert desk_client.get(admin_url(twice_saved, "revisions/1/9/")).status_code == 404


def test_restoring_an_old_revision_adds_a_new_one_and_loses_nothing(
    twice_saved, desk_client, desk_editor
):
    response = desk_client.post(admin_url(twice_saved, "revisions/1/restore/"))
    assert response.status_code == 302
    assert "Restored revision 1 as revision 3." in messages_of(response)
    article = fresh(twice_saved)
    assert article.title_en == "Old words here"
    assert (numbers(article), article.version) == ([1, 2, 3], 3)
    restored = article.revisions.get(number=3)
    assert restored.restored_from.number == 1
    assert restored.created_by == desk_editor
    assert restored.content["title_en"] == "Old words here"
    assert article.revisions.get(number=2).content["title_en"] == "New words here"
    assert log_entries(article).filter(change_message="Restored revision 1 as revision 3.").exists()
    assert "Restored from 1" in desk_client.get(admin_url(article, "revisions/")).content.decode()


def test_a_restore_that_would_break_a_live_article_is_refused(desk_client):
    article = saved(
        make_article(languages=("ar",), status=Article.Status.DRAFT, title_en="Half written")
    )
    article.body_en = "<p>Finished.</p>"
    article.status = Article.Status.PUBLISHED
    article.save()
    saved(article)
    response = desk_client.post(admin_url(article, "revisions/1/restore/"))
    assert response.status_code == 302
    assert response.headers["Location"] == admin_url(article, "revisions/")
    assert "The body is missing in English." in messages_of(response)
    assert fresh(article).body_en == "<p>Finished.</p>"
    assert numbers(article) == [1, 2]


# --- Two people editing at once -------------------------------------------------------------


def test_a_save_from_an_outdated_form_is_refused_and_keeps_the_text(desk_editor):
    article = saved(make_article(title_en="First words"))
    first, second = logged_in(desk_editor), logged_in(make_staff("Editor"))
    opened = open_form(first, article)
    assert opened["loaded_version"] == "1"

    assert edit(second, article, title_en="Second editor's words").status_code == 302

    response = save(first, article, opened, title_en="First editor's words")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this article after you opened it" in html
    diff_url = admin_url(article, "revisions/1/2/")
    assert f'href="{diff_url}"' in html
    assert first.get(diff_url).status_code == 200
    assert fresh(article).title_en == "Second editor's words"
    assert numbers(article) == [1, 2]
    assert form_values(html)["title_en"] == "First editor's words"
    assert form_values(html)["loaded_version"] == "2"


def test_after_a_conflict_the_kept_form_can_be_saved_on_purpose(desk_editor):
    article = saved(make_article(title_en="First words"))
    first, second = logged_in(desk_editor), logged_in(make_staff("Editor"))
    opened = open_form(first, article)
    edit(second, article, title_en="Second editor's words")
    conflict = save(first, article, opened, title_en="First editor's words")
    assert conflict.status_code == 200

    # Having seen what changed, the first editor saves the form they still have.
    response = save(first, article, form_values(conflict.content.decode()))
    assert response.status_code == 302
    assert fresh(article).title_en == "First editor's words"
    assert numbers(article) == [1, 2, 3]


def test_a_conflict_on_an_article_never_saved_in_the_admin_links_to_a_page_that_exists(
    desk_editor,
):
    article = make_article(title_en="First words")  # made outside the admin: version 0
    first, second = logged_in(desk_editor), logged_in(make_staff("Editor"))
    opened = open_form(first, article)
    edit(second, article, title_en="Second editor's words")
    html = save(first, article, opened, title_en="First editor's words").content.decode()
    assert "Someone else saved this article after you opened it" in html
    link = re.search(r'<a href="([^"]+)">See what changed</a>', html).group(1)
    assert first.get(link).status_code == 200


def test_the_orm_recording_a_revision_also_makes_an_open_form_outdated(desk_client):
    article = saved(make_article(title_en="First words"))
    opened = open_form(desk_client, article)
    article.title_en = "Changed elsewhere"
    article.save()
    saved(article)
    response = save(desk_client, article, opened, title_en="Mine")
    assert response.status_code == 200
    assert fresh(article).title_en == "Changed elsewhere"


# --- Previews and share links ---------------------------------------------------------------


def assert_private_preview(response):
    assert response.status_code == 200
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.content.decode()
    cache_control = response.headers["Cache-Control"]
    for directive in ("no-cache", "no-store", "private"):
        assert directive in cache_control
    assert "public" not in cache_control


@pytest.fixture
def draft():
    return make_article(status=Article.Status.DRAFT, title_ar="مسودة سرية", title_en="Secret draft")


@pytest.mark.parametrize(("language", "title"), [("ar", "مسودة سرية"), ("en", "Secret draft")])
def test_an_admin_preview_of_a_draft_is_never_indexed_nor_cached(
    desk_client, draft, language, title
):
    response = desk_client.get(admin_url(draft, f"preview/{language}/"))
    assert_private_preview(response)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert title in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_preview_in_a_language_the_article_is_not_written_in_is_404(desk_client, language):
    arabic_only = make_article(languages=("ar",), status=Article.Status.DRAFT)
    assert desk_client.get(admin_url(arabic_only, f"preview/{language}/")).status_code == 404


def share(client, article):
    response = client.post(admin_url(article, "share-preview/"))
    assert response.status_code == 302
    return response


def test_a_share_link_lets_a_reviewer_without_an_account_read_the_draft(
    desk_client, desk_editor, draft
):
    share(desk_client, draft)
    link = PreviewLink.objects.get(article=draft)
    assert link.created_by == desk_editor
    assert link.is_active
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= PreviewLink.LIFETIME
    assert log_entries(draft).filter(user=desk_editor).exists()

    for language, title in (("ar", "مسودة سرية"), ("en", "Secret draft")):
        response = Client().get(link.url_in(language))
        assert_private_preview(response)
        assert title in response.content.decode()
        assert not response.cookies
        assert "Set-Cookie" not in response.headers

    # The change form lists the link with a button to revoke it.
    html = desk_client.get(admin_url(draft)).content.decode()
    # The token carries the second it was signed: compare what it names, not its text.
    listed = re.search(r'href="/en/preview/([^/"]+)/"', html)
    assert listed and PreviewLink.active_for(listed.group(1)) == link
    assert admin_url(draft, f"revoke-preview/{link.pk}/") in html


def test_the_share_link_announced_to_the_editor_works_for_an_english_only_draft(
    desk_client, settings
):
    english_only = make_article(languages=("en",), status=Article.Status.DRAFT)
    response = share(desk_client, english_only)
    [message] = messages_of(response)
    urls = re.findall(r"\S+/preview/\S+", message)
    # On the public address, not the one the editor reached the admin by.
    assert urls == [f"{settings.SITE_URL}{PreviewLink.objects.get().url_in('en')}"]
    assert Client().get(urls[0]).status_code == 200


def test_a_share_link_with_a_tampered_token_is_404(desk_client, draft):
    share(desk_client, draft)
    token = PreviewLink.objects.get().token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(f"/en/preview/{tampered}/").status_code == 404
    assert Client().get(f"/en/preview/{token.split(':')[0]}/").status_code == 404


def test_an_expired_share_link_is_404(desk_client, draft):
    share(desk_client, draft)
    link = PreviewLink.objects.get()
    assert Client().get(link.url_in("en")).status_code == 200
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(link.url_in("en")).status_code == 404


def signed_days_ago(monkeypatch, link, days):
    """The link's token as it was signed `days` ago (the signer reads the clock from time)."""
    then = time.time() - timedelta(days=days).total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        return link.token


@pytest.mark.parametrize(("days", "status"), [(6, 200), (8, 404)])
def test_a_share_token_older_than_its_lifetime_is_404_whatever_the_row_says(
    desk_client, draft, monkeypatch, days, status
):
    share(desk_client, draft)
    link = PreviewLink.objects.get()
    link.expires_at = timezone.now() + timedelta(days=30)
    link.save()
    token = signed_days_ago(monkeypatch, link, days)
    assert Client().get(f"/en/preview/{token}/").status_code == status


def test_a_revoked_share_link_is_404(desk_client, desk_editor, draft):
    share(desk_client, draft)
    link = PreviewLink.objects.get()
    response = desk_client.post(admin_url(draft, f"revoke-preview/{link.pk}/"))
    assert response.status_code == 302
    assert PreviewLink.objects.get().revoked_at is not None
    assert Client().get(link.url_in("en")).status_code == 404
    assert Client().get(link.url_in("ar")).status_code == 404
    assert log_entries(draft).filter(change_message="Revoked a share link.").exists()
    assert f"revoke-preview/{link.pk}/" not in desk_client.get(admin_url(draft)).content.decode()


@pytest.mark.parametrize(
    "page", ["share-preview/", "revoke-preview/{link}/", "revisions/1/restore/"]
)
def test_pages_that_change_something_refuse_a_get(desk_client, draft, page):
    saved(draft)
    link = PreviewLink.objects.create(article=draft)
    assert desk_client.get(admin_url(draft, page.format(link=link.pk))).status_code == 405
    assert PreviewLink.objects.get().revoked_at is None
    assert PreviewLink.objects.count() == 1
    assert numbers(draft) == [1]


@pytest.mark.parametrize(
    "page", ["share-preview/", "revoke-preview/{link}/", "revisions/1/restore/"]
)
def test_pages_that_change_something_need_the_csrf_token(desk_editor, draft, page):
    saved(draft)
    link = PreviewLink.objects.create(article=draft)
    client = Client(enforce_csrf_checks=True)
    staff_login(client, desk_editor)
    assert client.post(admin_url(draft, page.format(link=link.pk))).status_code == 403
    assert PreviewLink.objects.get().revoked_at is None
    assert numbers(draft) == [1]


def test_a_share_link_cannot_be_revoked_through_another_article(desk_client, draft):
    link = PreviewLink.objects.create(article=draft)
    other = make_article(status=Article.Status.DRAFT)
    desk_client.post(admin_url(other, f"revoke-preview/{link.pk}/"))
    assert PreviewLink.objects.get().is_active
    assert Client().get(link.url_in("en")).status_code == 200


def test_a_role_without_articles_cannot_make_a_share_link(draft):
    client = logged_in(make_staff("Campaign manager"))
    assert client.post(admin_url(draft, "share-preview/")).status_code == 403
    assert not PreviewLink.objects.exists()


# --- Checks before publishing ---------------------------------------------------------------

# (form fields, article fields for the ORM, the message): each one alone blocks publishing.
BLOCKING = {
    "image without alt text": (
        lambda: {"hero_image": uploaded_jpeg(), "hero_credit": "Handout"},
        lambda: {"hero_image": uploaded_jpeg(), "hero_credit": "Handout", "hero_alt_en": "A"},
        "The image needs a description (alt text) in Arabic.",
    ),
    "image without credit": (
        lambda: {"hero_image": uploaded_jpeg(), "hero_alt_ar": "صورة"},
        lambda: {"hero_image": uploaded_jpeg(), "hero_alt_ar": "صورة", "hero_alt_en": "A"},
        "The image needs a credit.",
    ),
    "title without body": (
        lambda: {"title_en": "Title only"},
        lambda: {"title_en": "Title only", "body_en": ""},
        "The body is missing in English.",
    ),
    "body without title": (
        lambda: {"body_en": "<p>Body only</p>"},
        lambda: {"title_en": "", "body_en": "<p>Body only</p>"},
        "The title is missing in English.",
    ),
}


@pytest.mark.parametrize("problem", BLOCKING)
def test_the_form_refuses_to_publish_with_a_blocking_problem(desk_client, problem):
    form_fields, _orm_fields, message = BLOCKING[problem]
    response = desk_client.post(ADD_URL, article_form(status="published", **form_fields()))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()

    # The same text saves as a draft: saving never loses work.
    response = desk_client.post(ADD_URL, article_form(status="draft", **form_fields()))
    assert response.status_code == 302
    draft = Article.objects.get()
    html = desk_client.get(admin_url(draft)).content.decode()
    assert "Checks before publishing" in html
    assert f"Must fix: {message}" in html


@pytest.mark.parametrize("problem", BLOCKING)
def test_the_bulk_action_refuses_to_publish_with_a_blocking_problem(desk_client, problem):
    _form_fields, orm_fields, message = BLOCKING[problem]
    fine = make_article(status=Article.Status.REVIEW)
    blocked = make_article(status=Article.Status.REVIEW, **orm_fields())
    with translation.override("en"):  # the desk's language, as its messages below
        assert any(p.message == message and p.blocking for p in blocked.publishing_problems())

    response = bulk(desk_client, "publish", fine, blocked)
    assert response.status_code == 302
    assert fresh(blocked).status == "review"
    assert fresh(fine).status == "published"
    assert not blocked.revisions.exists()
    assert not log_entries(blocked).exists()
    assert f"Not published, fix their checks first: {blocked}" in messages_of(response)
    assert "Published: 1." in messages_of(response)


def test_warnings_do_not_block_publishing_but_are_listed(desk_client):
    response = desk_client.post(
        ADD_URL,
        article_form(status="published", summary_ar="ا" * 301, **{"bylines-0-author": ""}),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == "published"
    assert not article.bylines.exists()
    html = desk_client.get(admin_url(article)).content.decode()
    assert "Checks before publishing" in html
    assert "Check: The summary in Arabic is longer than 300 characters." in html
    assert "Check: No author is named in the byline." in html
    assert "Must fix:" not in html


def test_the_bulk_action_publishes_despite_warnings(desk_client):
    article = make_article(status=Article.Status.REVIEW, summary_en="x" * 301)
    assert all(not p.blocking for p in article.publishing_problems())
    bulk(desk_client, "publish", article)
    assert fresh(article).status == "published"


def test_an_article_with_nothing_to_fix_says_so(desk_client):
    article = make_article(authors=[make_author()])
    assert "Nothing to fix." in desk_client.get(admin_url(article)).content.decode()


# --- Bulk actions ---------------------------------------------------------------------------


def test_a_writer_is_not_offered_publish_or_unpublish(writer_client, desk_client):
    make_article()
    assert action_choices(writer_client) == {"submit_for_review"}
    assert action_choices(desk_client) == {
        "publish",
        "unpublish",
        "submit_for_review",
        "delete_selected",
    }


@pytest.mark.parametrize(("action", "status"), [("publish", "review"), ("unpublish", "published")])
def test_a_writer_posting_publish_or_unpublish_anyway_changes_nothing(
    writer_client, action, status
):
    article = make_article(status=status)
    bulk(writer_client, action, article)
    assert fresh(article).status == status
    assert not article.revisions.exists()
    assert not log_entries(article).exists()


def test_a_writer_submits_drafts_for_review_in_bulk(writer_client, writer):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    published = make_article()
    response = bulk(writer_client, "submit_for_review", *drafts, published)
    assert response.status_code == 302
    for draft in drafts:
        assert fresh(draft).status == "review"
        revision = draft.revisions.get()
        assert (revision.created_by, revision.content["status"]) == (writer, "review")
        assert log_entries(draft).get().user == writer
    assert fresh(published).status == "published"
    assert not published.revisions.exists()
    assert not log_entries(published).exists()


def test_an_editor_publishes_then_unpublishes_in_bulk_with_a_log_and_a_revision(
    desk_client, desk_editor
):
    article = make_article(status=Article.Status.REVIEW)
    page = article.url_in("en")
    bulk(desk_client, "publish", article)
    assert fresh(article).status == "published"
    assert Client().get(page).status_code == 200

    bulk(desk_client, "unpublish", article)
    assert fresh(article).status == "unpublished"
    assert Client().get(page).status_code == 404

    revisions = list(article.revisions.order_by("number"))
    assert [r.content["status"] for r in revisions] == ["published", "unpublished"]
    assert {r.created_by for r in revisions} == {desk_editor}
    assert fresh(article).version == 2
    entries = log_entries(article)
    assert entries.count() == 2
    assert {e.user for e in entries} == {desk_editor}
    assert all(e.get_change_message() == "Changed status." for e in entries)


# --- Byline safety --------------------------------------------------------------------------


@pytest.fixture
def at_risk():
    """An author whose name must never appear next to an article signed otherwise."""
    author = make_author(name_ar="سميرة حداد", name_en="Samira Haddad", slug="samira-haddad")
    topic = make_topic()
    return author, topic


def byline_of(html):
    return re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)


def feed_entry(language, title):
    feed = ET.fromstring(Client().get(f"/{language}/feed/").content)  # noqa: S314 (our own)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    for entry in feed.findall("atom:entry", ns):
        if entry.find("atom:title", ns).text == title:
            return entry, ns
    raise AssertionError(f"{title} is not in the feed")


@pytest.mark.parametrize("mode", ["organisation", "hidden"])
@pytest.mark.parametrize(
    ("language", "title", "name"),
    [("en", "Sensitive story", "Samira Haddad"), ("ar", "قصة حساسة", "سميرة حداد")],
)
def test_an_article_not_signed_by_its_authors_never_reveals_them(
    at_risk, mode, language, title, name
):
    author, topic = at_risk
    article = make_article(
        title_ar="قصة حساسة",
        title_en="Sensitive story",
        authors=[author],
        topics=[topic],
        byline_mode=mode,
    )
    html = live_page(article, language).content.decode()
    assert title in html
    byline = byline_of(html)
    assert name not in html
    assert author.url_in(language) not in html
    assert "author-box" not in html
    if mode == "hidden":
        assert byline.strip().startswith("<time"), "no byline, only the date"
    elif language == "en":
        assert "By the editorial team" in byline

    # Nor anywhere else on the public site: the lists and topic pages, the feed.
    reader = Client()
    for page in (f"/{language}/", f"/{language}/articles/", topic.url_in(language)):
        page_html = reader.get(page).content.decode()
        assert title in page_html, page
        assert name not in page_html, page
    assert title not in reader.get(author.url_in(language)).content.decode()
    entry, ns = feed_entry(language, title)
    assert entry.find("atom:author", ns) is None
    assert name not in reader.get(f"/{language}/feed/").content.decode()


def test_an_article_signed_by_its_authors_names_and_links_them(at_risk):
    author, topic = at_risk
    article = make_article(title_en="Signed story", authors=[author], topics=[topic])
    html = live_page(article, "en").content.decode()
    byline = byline_of(html)
    assert "Samira Haddad" in byline
    assert f'href="{author.url_in("en")}"' in byline
    assert "By the editorial team" not in html
    assert 'class="author-box"' in html
    assert "Signed story" in Client().get(author.url_in("en")).content.decode()
    entry, ns = feed_entry("en", "Signed story")
    assert entry.find("atom:author/atom:name", ns).text == "Samira Haddad"


# --- Finding articles in the changelist -----------------------------------------------------


def listed(client, query):
    response = client.get(f"{CHANGELIST_URL}?{query}")
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_the_missing_translation_filter_lists_only_articles_without_that_language(desk_client):
    arabic_only = make_article(languages=("ar",))
    english_only = make_article(languages=("en",))
    make_article()
    assert listed(desk_client, "missing=en") == {arabic_only}
    assert listed(desk_client, "missing=ar") == {english_only}


def test_the_scheduled_filter_lists_only_published_articles_still_to_come(desk_client):
    later = timezone.now() + timedelta(days=1)
    scheduled = make_article(publish_at=later)
    make_article(status=Article.Status.DRAFT, publish_at=later)
    make_article()
    assert listed(desk_client, "scheduled=yes") == {scheduled}


def test_the_author_and_topic_filters(desk_client):
    author, topic = make_author(), make_topic()
    by_author = make_article(authors=[author])
    on_topic = make_article(topics=[topic])
    make_article(authors=[make_author()], topics=[make_topic()])
    assert listed(desk_client, f"authors__id__exact={author.pk}") == {by_author}
    assert listed(desk_client, f"topics__id__exact={topic.pk}") == {on_topic}


@pytest.mark.parametrize(("query", "title"), [("الانتخابات", "ar"), ("elections", "en")])
def test_search_finds_a_title_in_either_language(desk_client, query, title):
    arabic = make_article(languages=("ar",), title_ar="مراقبة الانتخابات البلدية")
    english = make_article(languages=("en",), title_en="Monitoring the municipal Elections")
    make_article()
    expected = {"ar": arabic, "en": english}[title]
    assert listed(desk_client, f"q={query}") == {expected}


def test_publishing_a_draft_dates_it_today_unless_a_time_was_chosen(editor_client):
    old = timezone.now() - timedelta(days=30)
    draft = make_article(status=Article.Status.DRAFT, publish_at=old)
    scheduled_for = timezone.now() + timedelta(days=2)
    scheduled = make_article(status=Article.Status.DRAFT, publish_at=scheduled_for)
    editor_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
    )
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.status == scheduled.status == Article.Status.PUBLISHED
    assert draft.publish_at > timezone.now() - timedelta(minutes=1)
    assert scheduled.publish_at == scheduled_for


def test_a_writer_hiding_a_byline_on_a_live_article_takes_effect_at_once(client):
    writer = make_staff("Writer")
    author = make_author()
    article = make_article(authors=[author])
    article.record_revision(None)
    staff_login(client, writer)
    change = f"/admin/articles/article/{article.pk}/change/"
    values = form_values(client.get(change).content.decode())
    values["byline_mode"] = "hidden"
    values["title_en"] = "A new title waiting for review"
    assert client.post(change, values).status_code == 302
    article.refresh_from_db()
    assert article.byline_mode == Article.BylineMode.HIDDEN
    assert article.title_en != "A new title waiting for review"
    assert author.name_en not in client.get(article.url_in("en")).content.decode()


# --- Through the admin: an editor keeps a change to a live article pending, previews it,
# shares it and publishes it ------------------------------------------------------------------


def submit_buttons(html):
    """The submit row's buttons: {name: label}."""
    return {
        name: label
        for label, name in re.findall(
            r'<input type="submit" value="([^"]*)"[^>]*name="([^"]+)"', html
        )
    }


def save_pending(client, article, **changes):
    return save(client, article, open_form(client, article), _save_pending="1", **changes)


def test_the_buttons_say_what_saving_a_live_article_does(desk_client, live_article):
    buttons = submit_buttons(desk_client.get(admin_url(live_article)).content.decode())
    assert buttons["_save"] == "Publish the change"
    assert buttons["_save_pending"] == "Save as a pending change"

    writer_buttons = submit_buttons(
        logged_in(make_staff("Writer")).get(admin_url(live_article)).content.decode()
    )
    assert writer_buttons["_save"] == "Send the change for review"
    assert "_save_pending" not in writer_buttons  # a writer's change always waits

    draft = make_article(status=Article.Status.DRAFT)
    draft_buttons = submit_buttons(desk_client.get(admin_url(draft)).content.decode())
    assert draft_buttons["_save"] == "Save"
    assert "_save_pending" not in draft_buttons

    arabic = submit_buttons(
        logged_in(make_staff("Editor"), "ar").get(admin_url(live_article)).content.decode()
    )
    assert arabic["_save"] == "انشر التعديل"
    assert arabic["_save_pending"] == "احفظه تعديلًا معلّقًا"


def test_an_editors_pending_change_leaves_the_live_article_as_it_was(
    desk_client, desk_editor, live_article
):
    response = save_pending(desk_client, live_article, title_en="Corrected headline")

    assert response.status_code == 302
    assert response["Location"] == admin_url(live_article, "revisions/")
    assert messages_of(response) == [
        "Saved as pending change 2: readers still see the article as it was. "
        "Preview it, share it or publish it here."
    ]
    stored = Article.objects.get(pk=live_article.pk)
    assert (stored.title_en, stored.version) == ("Live headline", 1)
    assert "Live headline" in Client().get(stored.url_in("en")).content.decode()
    pending = stored.revisions.get(number=2)
    assert (pending.pending, pending.created_by, pending.event) == (True, desk_editor, "pending")
    assert pending.content["title_en"] == "Corrected headline"


def test_a_pending_change_is_previewed_in_each_of_its_languages(desk_client, live_article):
    save_pending(desk_client, live_article, title_en="Corrected headline", title_ar="عنوان مصحّح")
    revisions = desk_client.get(admin_url(live_article, "revisions/")).content.decode()
    for code in ("ar", "en"):
        assert f'href="{admin_url(live_article, f"revisions/2/preview/{code}/")}"' in revisions

    preview = desk_client.get(admin_url(live_article, "revisions/2/preview/en/"))
    html = preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert "Corrected headline" in html and "Live headline" not in html
    assert "Preview of revision 2: this version is not published." in html
    arabic = desk_client.get(admin_url(live_article, "revisions/2/preview/ar/")).content.decode()
    assert "عنوان مصحّح" in arabic
    # The revision the article holds is previewed too, and a language it lacks is not found.
    assert (
        "Live headline"
        in desk_client.get(admin_url(live_article, "revisions/1/preview/en/")).content.decode()
    )
    english_only = make_article(languages=("en",))
    english_only.record_revision(None)
    assert desk_client.get(admin_url(english_only, "revisions/1/preview/ar/")).status_code == 404
    assert desk_client.get(admin_url(live_article, "revisions/9/preview/en/")).status_code == 404


def test_a_pending_change_has_a_share_link_that_shows_it_until_revoked(desk_client, live_article):
    save_pending(desk_client, live_article, title_en="Corrected headline")
    assert desk_client.get(admin_url(live_article, "revisions/2/share-preview/")).status_code == 405
    response = desk_client.post(admin_url(live_article, "revisions/2/share-preview/"))
    assert response["Location"] == admin_url(live_article, "revisions/")
    link = PreviewLink.objects.get(article=live_article)
    assert link.revision.number == 2

    reviewer = Client()  # no account
    page = reviewer.get(link.url_in("en"))
    assert page.status_code == 200
    assert "Corrected headline" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    # Listed with its revision, not among the article's own links on the change form.
    revisions = desk_client.get(admin_url(live_article, "revisions/")).content.decode()
    # (by its id: the token's signature carries the second it was made)
    assert f"revoke-preview/{link.pk}/" in revisions
    assert str(link.pk) not in desk_client.get(admin_url(live_article)).content.decode()

    revoked = desk_client.post(admin_url(live_article, f"revoke-preview/{link.pk}/"))
    assert revoked["Location"] == admin_url(live_article, "revisions/")
    assert reviewer.get(link.url_in("en")).status_code == 404


def test_an_editor_publishes_a_pending_change(desk_client, desk_editor, live_article):
    save_pending(desk_client, live_article, title_en="Corrected headline")
    revisions = desk_client.get(admin_url(live_article, "revisions/")).content.decode()
    assert "Publish change 2" in revisions
    change_form = desk_client.get(admin_url(live_article)).content.decode()
    assert "1 change awaiting review" in change_form

    response = desk_client.post(admin_url(live_article, "revisions/2/restore/"))

    assert messages_of(response) == ["Applied change 2 as revision 3."]
    stored = Article.objects.get(pk=live_article.pk)
    assert (stored.title_en, stored.version, stored.status) == (
        "Corrected headline",
        3,
        "published",
    )
    assert "Corrected headline" in Client().get(stored.url_in("en")).content.decode()
    history = {r.number: r for r in stored.revision_history()}
    assert history[2].event == "applied"
    assert history[3].restored_from_id == history[2].pk
    assert "awaiting review" not in desk_client.get(admin_url(live_article)).content.decode()
    # The writer cannot: publishing is an editor's.
    assert (
        logged_in(make_staff("Writer"))
        .post(admin_url(live_article, "revisions/2/restore/"))
        .status_code
        == 403
    )


def test_asking_for_a_pending_change_on_a_draft_simply_saves_it(desk_client):
    draft = make_article(status=Article.Status.DRAFT, title_en="Draft headline")
    draft.record_revision(None)
    save_pending(desk_client, draft, title_en="Better draft headline")
    stored = Article.objects.get(pk=draft.pk)
    assert stored.title_en == "Better draft headline"  # nobody reads a draft: nothing to hold back
    assert not stored.revisions.filter(pending=True).exists()
