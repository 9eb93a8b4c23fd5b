"""Author profiles: what readers see of an author changes only with an editor, and every change
of a profile, by anyone, is in the audit log."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Author
from staff.models import AuditEntry
from tests.helpers import form_values, make_article, make_author, make_staff, staff_login

pytestmark = pytest.mark.django_db

PHISHING = "https://login-newsroom.example.net/"


def logged_in(user):
    client = Client(headers={"Accept-Language": "en"})
    staff_login(client, user)
    return client


def change_url(author):
    return f"/admin/articles/author/{author.pk}/change/"


def crafted_form(author, **changes):
    """The author's change form as a POST, built by hand: a writer may not be shown the form."""
    fields = ("name_ar", "name_en", "slug", "role_ar", "role_en", "bio_ar", "bio_en", "website")
    return {field: getattr(author, field) or "" for field in fields} | changes


def author_entries():
    """What staff did to profiles (the rows the helpers make are audited too, with no actor)."""
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.AUTHOR_CHANGED, actor__isnull=False
    ).order_by("pk")


@pytest.fixture
def author():
    """An author named in the byline of a live article."""
    author = make_author(name_en="Rana Haddad", website="https://rana.example.org/")
    make_article(authors=[author])
    return author


@pytest.mark.parametrize(
    "publish_at", [timedelta(hours=-1), timedelta(hours=2)], ids=["live", "scheduled"]
)
def test_a_writer_cannot_change_an_author_a_published_byline_names(client, publish_at):
    author = make_author(name_en="Rana Haddad", website="https://rana.example.org/")
    article = make_article(authors=[author], publish_at=timezone.now() + publish_at)
    writer = logged_in(make_staff("Writer"))

    response = writer.post(
        change_url(author), crafted_form(author, name_en="Support desk", website=PHISHING)
    )

    assert response.status_code == 403
    author.refresh_from_db()
    assert (author.name_en, author.website) == ("Rana Haddad", "https://rana.example.org/")
    assert not author_entries().exists()
    if publish_at < timedelta(0):
        for page in (author.url_in("en"), article.url_in("en")):
            html = client.get(page).content.decode()
            assert "Rana Haddad" in html and "Support desk" not in html and PHISHING not in html


def test_a_writer_is_told_why_a_public_profile_is_read_only(author):
    page = logged_in(make_staff("Writer")).get(change_url(author)).content.decode()
    assert 'name="_save"' not in page
    assert "Only an editor may change it" in page


def test_an_editor_changes_a_public_profile_and_the_change_is_audited(author):
    editor = make_staff("Editor")
    client = logged_in(editor)
    data = form_values(client.get(change_url(author)).content.decode(), "author_form")

    response = client.post(
        change_url(author), data | {"name_en": "Rana K. Haddad", "website": "https://rana.example/"}
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.name_en == "Rana K. Haddad"
    entry = author_entries().get()
    assert (entry.actor, entry.target) == (editor, f"#{author.pk} {author.slug}")
    assert entry.details == {"fields": ["name_en", "website"]}


@pytest.mark.parametrize(
    "byline",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.UNPUBLISHED},
        {"byline_mode": Article.BylineMode.ORGANISATION},
    ],
    ids=["draft", "unpublished", "live but signed by the team"],
)
def test_a_writer_edits_an_author_no_published_byline_names(byline):
    author = make_author(name_en="New colleague")
    make_article(authors=[author], **byline)
    writer = make_staff("Writer")

    response = logged_in(writer).post(
        change_url(author), crafted_form(author, role_en="Correspondent")
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.role_en == "Correspondent"
    entry = author_entries().get()
    assert (entry.actor, entry.details) == (writer, {"fields": ["role_en"]})


def test_saving_an_unchanged_profile_records_nothing():
    author = make_author()
    response = logged_in(make_staff("Writer")).post(change_url(author), crafted_form(author))
    assert response.status_code == 302
    assert not author_entries().exists()


def test_adding_an_author_is_audited_with_the_fields_filled():
    writer = make_staff("Writer")
    form = {
        "name_ar": "سلمى يوسف",
        "name_en": "Salma Youssef",
        "slug": "salma-youssef",
        "role_ar": "",
        "role_en": "",
        "bio_ar": "",
        "bio_en": "",
        "website": "",
    }

    response = logged_in(writer).post("/admin/articles/author/add/", form)

    assert response.status_code == 302
    entry = author_entries().get()
    assert entry.actor == writer and entry.target == f"#{Author.objects.get().pk} salma-youssef"
    assert entry.details == {"fields": ["name_ar", "name_en", "slug"], "added": True}


def test_deleting_an_author_is_audited(editor_client, editor):
    one, two, three = make_author(), make_author(), make_author()

    editor_client.post(f"/admin/articles/author/{one.pk}/delete/", {"post": "yes"})
    editor_client.post(
        "/admin/articles/author/",
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
    )

    assert not Author.objects.exists()
    entries = author_entries()
    assert [(e.actor, e.target, e.details) for e in entries] == [
        (editor, f"#{author.pk} {author.slug}", {"deleted": True}) for author in (one, two, three)
    ]


FILLED_BY_MAKE_AUTHOR = ("name_ar", "name_en", "role_ar", "role_en", "bio_ar", "bio_en")


def test_a_profile_changed_in_code_is_audited_too():
    author = make_author(name_en="Before")
    author = Author.objects.get(pk=author.pk)
    author.name_en = "After"
    author.save()
    author.delete()
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.AUTHOR_CHANGED).order_by("pk")
    assert [(e.actor_name, e.details) for e in entries] == [
        ("", {"fields": [*FILLED_BY_MAKE_AUTHOR, "slug"], "added": True}),
        ("", {"fields": ["name_en"]}),
        ("", {"deleted": True}),
    ]


def test_public_authors_are_those_a_published_byline_names():
    live, scheduled, draft, team, unused = (make_author() for _ in range(5))
    make_article(authors=[live])
    make_article(authors=[scheduled], publish_at=timezone.now() + timedelta(days=1))
    make_article(authors=[draft], status=Article.Status.DRAFT)
    make_article(authors=[team], byline_mode=Article.BylineMode.HIDDEN)
    make_article(authors=[live])  # named twice, listed once

    assert list(Author.objects.public()) == sorted([live, scheduled], key=lambda a: a.slug)
    assert live.is_public() and not unused.is_public()


@pytest.mark.parametrize("byline", ["none", "draft", "team", "scheduled"])
def test_an_author_no_live_byline_names_has_no_page_feed_or_sitemap_entry(client, byline):
    """A writer's new profile (say, with a phishing website) gets no page on our domain before
    an editor publishes an article naming its author; nor is an at-risk author's page a clue."""
    author = make_author(website=PHISHING)
    if byline == "draft":
        make_article(authors=[author], status=Article.Status.DRAFT)
    elif byline == "team":
        make_article(authors=[author], byline_mode=Article.BylineMode.ORGANISATION)
    elif byline == "scheduled":
        make_article(authors=[author], publish_at=timezone.now() + timedelta(days=1))
    for language in ("ar", "en"):
        assert client.get(author.url_in(language)).status_code == 404
        assert client.get(f"{author.url_in(language)}feed/").status_code == 404
    assert author.slug not in client.get("/sitemap-authors.xml").content.decode()
    make_article(authors=[author])
    assert client.get(author.url_in("en")).status_code == 200
    assert author.slug in client.get("/sitemap-authors.xml").content.decode()
