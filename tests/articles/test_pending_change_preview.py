"""A change to a live article can wait as a pending change: read as it would look, previewed and
shared before anyone applies it, then published by an editor."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from articles.models import Article, PreviewLink
from tests.helpers import (
    form_values,
    make_article,
    make_author,
    make_staff,
    make_topic,
    staff_login,
)

pytestmark = pytest.mark.django_db


def test_an_article_as_of_a_pending_change_has_its_texts_authors_and_topics_and_nothing_is_saved():
    first, second = make_author(), make_author()
    old_topic, new_topic = make_topic(), make_topic()
    article = make_article(authors=[first], topics=[old_topic])
    live_title = article.title_en
    article.title_en = "A corrected headline"
    pending = article.propose_change(
        make_staff("Writer"), topic_ids=[new_topic.pk], author_ids=[second.pk, first.pk]
    )

    preview = Article.objects.get(pk=article.pk).as_of(pending)

    assert preview.title_en == "A corrected headline"
    assert [byline.author for byline in preview.named_bylines] == [second, first]
    assert list(preview.topics.all()) == [new_topic]
    # The live article is untouched: the change waits for an editor.
    stored = Article.objects.get(pk=article.pk)
    assert stored.title_en == live_title
    assert [byline.author for byline in stored.named_bylines] == [first]
    assert list(stored.topics.all()) == [old_topic]


def test_an_author_deleted_since_the_change_is_left_out_of_its_preview():
    kept, gone = make_author(), make_author()
    article = make_article(authors=[kept])
    pending = article.propose_change(
        make_staff("Writer"), topic_ids=[], author_ids=[gone.pk, kept.pk]
    )
    gone.bylines.all().delete()
    gone.delete()
    assert [b.author for b in article.as_of(pending).named_bylines] == [kept]


# --- Through the admin: an editor keeps a change to a live article pending, previews it,
# shares it and publishes it ------------------------------------------------------------------


def admin_url(article, page="change/"):
    return f"/admin/articles/article/{article.pk}/{page}"


def logged_in(user, language="en"):
    client = Client(headers={"Accept-Language": language})
    staff_login(client, user)
    return client


def submit_buttons(html):
    """The submit row's buttons: {name: label}."""
    return {
        name: label
        for label, name in re.findall(
            r'<input type="submit" value="([^"]*)"[^>]*name="([^"]+)"', html
        )
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def editor():
    return make_staff("Editor")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def live(editor):
    article = make_article(title_en="Live headline", authors=[make_author()])
    article.record_revision(editor)
    return article


def save_pending(client, article, **changes):
    html = client.get(admin_url(article)).content.decode()
    return client.post(admin_url(article), form_values(html) | changes | {"_save_pending": "1"})


def test_the_buttons_say_what_saving_a_live_article_does(editor_client, live):
    buttons = submit_buttons(editor_client.get(admin_url(live)).content.decode())
    assert buttons["_save"] == "Publish the change"
    assert buttons["_save_pending"] == "Save as a pending change"

    writer_buttons = submit_buttons(
        logged_in(make_staff("Writer")).get(admin_url(live)).content.decode()
    )
    assert writer_buttons["_save"] == "Send the change for review"
    assert "_save_pending" not in writer_buttons  # a writer's change always waits

    draft = make_article(status=Article.Status.DRAFT)
    draft_buttons = submit_buttons(editor_client.get(admin_url(draft)).content.decode())
    assert draft_buttons["_save"] == "Save"
    assert "_save_pending" not in draft_buttons

    arabic = submit_buttons(
        logged_in(make_staff("Editor"), "ar").get(admin_url(live)).content.decode()
    )
    assert arabic["_save"] == "انشر التعديل"
    assert arabic["_save_pending"] == "احفظه تعديلًا معلّقًا"


def test_an_editors_pending_change_leaves_the_live_article_as_it_was(editor_client, editor, live):
    response = save_pending(editor_client, live, title_en="Corrected headline")

    assert response.status_code == 302
    assert response["Location"] == admin_url(live, "revisions/")
    assert messages_of(response) == [
        "Saved as pending change 2: readers still see the article as it was. "
        "Preview it, share it or publish it here."
    ]
    stored = Article.objects.get(pk=live.pk)
    assert (stored.title_en, stored.version) == ("Live headline", 1)
    assert "Live headline" in Client().get(stored.url_in("en")).content.decode()
    pending = stored.revisions.get(number=2)
    assert (pending.pending, pending.created_by, pending.event) == (True, editor, "pending")
    assert pending.content["title_en"] == "Corrected headline"


def test_a_pending_change_is_previewed_in_each_of_its_languages(editor_client, live):
    save_pending(editor_client, live, title_en="Corrected headline", title_ar="عنوان مصحّح")
    revisions = editor_client.get(admin_url(live, "revisions/")).content.decode()
    for code in ("ar", "en"):
        assert f'href="{admin_url(live, f"revisions/2/preview/{code}/")}"' in revisions

    preview = editor_client.get(admin_url(live, "revisions/2/preview/en/"))
    html = preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert "Corrected headline" in html and "Live headline" not in html
    assert "Preview of revision 2: this version is not published." in html
    arabic = editor_client.get(admin_url(live, "revisions/2/preview/ar/")).content.decode()
    assert "عنوان مصحّح" in arabic
    # The revision the article holds is previewed too, and a language it lacks is not found.
    assert (
        "Live headline"
        in editor_client.get(admin_url(live, "revisions/1/preview/en/")).content.decode()
    )
    english_only = make_article(languages=("en",))
    english_only.record_revision(None)
    assert editor_client.get(admin_url(english_only, "revisions/1/preview/ar/")).status_code == 404
    assert editor_client.get(admin_url(live, "revisions/9/preview/en/")).status_code == 404


def test_a_pending_change_has_a_share_link_that_shows_it_until_revoked(editor_client, live):
    save_pending(editor_client, live, title_en="Corrected headline")
    assert editor_client.get(admin_url(live, "revisions/2/share-preview/")).status_code == 405
    response = editor_client.post(admin_url(live, "revisions/2/share-preview/"))
    assert response["Location"] == admin_url(live, "revisions/")
    link = PreviewLink.objects.get(article=live)
    assert link.revision.number == 2

    reviewer = Client()  # no account
    page = reviewer.get(link.url_in("en"))
    assert page.status_code == 200
    assert "Corrected headline" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    # Listed with its revision, not among the article's own links on the change form.
    revisions = editor_client.get(admin_url(live, "revisions/")).content.decode()
    assert link.url_in("en") in revisions
    assert link.url_in("en") not in editor_client.get(admin_url(live)).content.decode()

    revoked = editor_client.post(admin_url(live, f"revoke-preview/{link.pk}/"))
    assert revoked["Location"] == admin_url(live, "revisions/")
    assert reviewer.get(link.url_in("en")).status_code == 404


def test_an_editor_publishes_a_pending_change(editor_client, editor, live):
    save_pending(editor_client, live, title_en="Corrected headline")
    revisions = editor_client.get(admin_url(live, "revisions/")).content.decode()
    assert "Publish change 2" in revisions
    change_form = editor_client.get(admin_url(live)).content.decode()
    assert "1 change awaiting review" in change_form

    response = editor_client.post(admin_url(live, "revisions/2/restore/"))

    assert messages_of(response) == ["Applied change 2 as revision 3."]
    stored = Article.objects.get(pk=live.pk)
    assert (stored.title_en, stored.version, stored.status) == (
        "Corrected headline",
        3,
        "published",
    )
    assert "Corrected headline" in Client().get(stored.url_in("en")).content.decode()
    history = {r.number: r for r in stored.revision_history()}
    assert history[2].event == "applied"
    assert history[3].restored_from_id == history[2].pk
    assert "awaiting review" not in editor_client.get(admin_url(live)).content.decode()
    # The writer cannot: publishing is an editor's.
    assert (
        logged_in(make_staff("Writer")).post(admin_url(live, "revisions/2/restore/")).status_code
        == 403
    )


def test_asking_for_a_pending_change_on_a_draft_simply_saves_it(editor_client):
    draft = make_article(status=Article.Status.DRAFT, title_en="Draft headline")
    draft.record_revision(None)
    save_pending(editor_client, draft, title_en="Better draft headline")
    stored = Article.objects.get(pk=draft.pk)
    assert stored.title_en == "Better draft headline"  # nobody reads a draft: nothing to hold back
    assert not stored.revisions.filter(pending=True).exists()
