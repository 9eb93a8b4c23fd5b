"""Who may open which admin page: one table per role, checked against the real groups.

The roles are the groups the data migration creates; every user here is staff, never superuser.
"""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from articles.models import Article
from staff.models import AuditEntry
from tests.helpers import (
    form_values,
    make_article,
    make_author,
    make_staff,
    make_topic,
    staff_login,
)

pytestmark = pytest.mark.django_db

ROLES = ("Writer", "Editor", "Campaign manager", "Administrator")

# The designed outcome of a GET, per page and role. A view-only user gets the change page (read
# only) but not add or delete; a user with no permission on a model gets 403 on all its pages.
# fmt: off
MATRIX = {
    #  page                   Writer  Editor  Campaign  Administrator
    "index":                  (200,   200,    200,      200),
    "article changelist":     (200,   200,    403,      403),
    "article add":            (200,   200,    403,      403),
    "article change":         (200,   200,    403,      403),
    "article delete":         (403,   200,    403,      403),
    "article history":        (200,   200,    403,      403),
    "article revisions":      (200,   200,    403,      403),
    "article diff":           (200,   200,    403,      403),
    "article preview ar":     (200,   200,    403,      403),
    "article preview en":     (200,   200,    403,      403),
    "author changelist":      (200,   200,    403,      403),
    "author add":             (200,   200,    403,      403),
    "author change":          (200,   200,    403,      403),
    "author delete":          (403,   403,    403,      403),
    "author history":         (200,   200,    403,      403),
    "topic changelist":       (200,   200,    403,      403),
    "topic add":              (403,   200,    403,      403),
    "topic change":           (200,   200,    403,      403),
    "topic delete":           (403,   200,    403,      403),
    "topic history":          (200,   200,    403,      403),
    "user changelist":        (403,   403,    403,      200),
    "user add":               (403,   403,    403,      200),
    "user change":            (403,   403,    403,      200),
    "user delete":            (403,   403,    403,      403),
    "user history":           (403,   403,    403,      200),
    "group changelist":       (403,   403,    403,      200),
    "group add":              (403,   403,    403,      200),
    "group change":           (403,   403,    403,      200),
    "group delete":           (403,   403,    403,      403),
    "group history":          (403,   403,    403,      200),
    "audit changelist":       (403,   403,    403,      200),
    "audit add":              (403,   403,    403,      403),
    "audit change":           (403,   403,    403,      200),
    "audit delete":           (403,   403,    403,      403),
    "audit history":          (403,   403,    403,      200),
}
# fmt: on


@pytest.fixture
def pages():
    """Every admin page of the table, with an existing object of each model behind it."""
    article = make_article(title_en="Before")
    article.record_revision(None)
    article.title_en = "After"
    article.save()
    article.record_revision(None)
    objects = {
        "article": ("articles/article", article.pk),
        "author": ("articles/author", make_author().pk),
        "topic": ("articles/topic", make_topic().pk),
        "user": ("auth/user", User.objects.create_user("someone").pk),
        "group": ("auth/group", Group.objects.get(name="Writer").pk),
        "audit": ("staff/auditentry", AuditEntry.objects.create(action="login").pk),
    }
    urls = {"index": "/admin/"}
    for model, (prefix, pk) in objects.items():
        urls |= {
            f"{model} changelist": f"/admin/{prefix}/",
            f"{model} add": f"/admin/{prefix}/add/",
            f"{model} change": f"/admin/{prefix}/{pk}/change/",
            f"{model} delete": f"/admin/{prefix}/{pk}/delete/",
            f"{model} history": f"/admin/{prefix}/{pk}/history/",
        }
    urls |= {
        "article revisions": f"/admin/articles/article/{article.pk}/revisions/",
        "article diff": f"/admin/articles/article/{article.pk}/revisions/1/2/",
        "article preview ar": f"/admin/articles/article/{article.pk}/preview/ar/",
        "article preview en": f"/admin/articles/article/{article.pk}/preview/en/",
    }
    assert set(urls) == set(MATRIX)
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_admin_pages_it_is_designed_for(client, pages, role):
    staff_login(client, make_staff(role))
    column = ROLES.index(role)
    expected = {page: outcomes[column] for page, outcomes in MATRIX.items()}
    actual = {
        page: client.get(url, headers={"Accept-Language": "en"}).status_code
        for page, url in pages.items()
    }
    assert actual == expected


def test_the_admin_pages_send_visitors_without_a_staff_account_to_the_login(client, pages):
    # A preview shows unpublished text: no one outside the staff may read it this way.
    outsider = User.objects.create_user("reader")
    for user in (None, outsider):
        client.logout()
        if user:
            staff_login(client, user)
        for page, url in pages.items():
            response = client.get(url)
            assert response.status_code == 302, page
            assert response.headers["Location"].startswith("/admin/login/"), page


def test_a_writer_is_offered_no_delete_and_a_campaign_manager_sees_no_articles(client, pages):
    staff_login(client, make_staff("Writer"))
    changelist = client.get(pages["article changelist"]).content.decode()
    assert 'value="delete_selected"' not in changelist

    staff_login(client, make_staff("Campaign manager"))
    index = client.get("/admin/", headers={"Accept-Language": "en"}).content.decode()
    assert "/admin/articles/" not in index
    assert "/admin/auth/" not in index


@pytest.mark.parametrize(
    ("role", "restore_status"), [("Writer", 403), ("Editor", 302), ("Administrator", 403)]
)
def test_only_a_role_that_may_publish_restores_a_revision(client, pages, role, restore_status):
    staff_login(client, make_staff(role))
    url = pages["article revisions"] + "1/restore/"
    assert client.post(url).status_code == restore_status


@pytest.mark.parametrize("role", ["Writer", "Editor"])
def test_writers_and_editors_can_fill_bylines_and_topics_in_the_article_form(client, role):
    # The byline inline and the autocompletes behind its author and topic pickers.
    author = make_author(name_en="Rania Khoury")
    topic = make_topic(name_en="Elections")
    staff_login(client, make_staff(role))
    html = client.get("/admin/articles/article/add/").content.decode()
    assert 'name="bylines-TOTAL_FORMS"' in html
    for model, field, term, expected in (
        ("byline", "author", "Rania", author),
        ("article", "topics", "Elect", topic),
    ):
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
        )
        assert response.status_code == 200, model
        assert [r["id"] for r in response.json()["results"]] == [str(expected.pk)]


@pytest.mark.parametrize(("role", "allowed"), [("Writer", False), ("Editor", True)])
def test_only_an_editor_deletes_an_article(client, role, allowed):
    article = make_article()
    article.record_revision(None)
    staff_login(client, make_staff(role))
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == (302 if allowed else 403)
    assert Article.objects.filter(pk=article.pk).exists() is not allowed


# --- An Administrator manages accounts and roles, never more than the roles give ------------


@pytest.fixture
def administrator_client(client):
    staff_login(client, make_staff("Administrator"))
    return client


def user_form(client, user):
    response = client.get(f"/admin/auth/user/{user.pk}/change/")
    assert response.status_code == 200
    return form_values(response.content.decode(), form_id="user_form")


def test_an_administrator_gives_a_role_but_cannot_make_a_superuser(administrator_client):
    someone = User.objects.create_user("someone", is_staff=True)
    data = user_form(administrator_client, someone)
    assert "is_superuser" not in data
    assert "user_permissions" not in data
    editor_role = Group.objects.get(name="Editor")
    response = administrator_client.post(
        f"/admin/auth/user/{someone.pk}/change/",
        data | {"groups": [editor_role.pk], "is_superuser": "on", "user_permissions": ["1"]},
    )
    assert response.status_code == 302
    someone.refresh_from_db()
    assert list(someone.groups.all()) == [editor_role]
    assert not someone.is_superuser
    assert not someone.user_permissions.exists()


def test_an_administrator_cannot_take_over_a_superuser(administrator_client, editor):
    # `editor` is the superuser fixture: its account, password included, is out of reach.
    password = editor.password  # as stored (hashed; here unusable, as the fixture has none)
    data = user_form(administrator_client, editor)
    assert "csrfmiddlewaretoken" in data
    assert "username" not in data  # shown read only
    response = administrator_client.post(
        f"/admin/auth/user/{editor.pk}/change/", data | {"username": "taken", "is_active": ""}
    )
    assert response.status_code == 403
    password_url = f"/admin/auth/user/{editor.pk}/password/"
    assert administrator_client.get(password_url).status_code == 403
    response = administrator_client.post(
        password_url, {"password1": "Taken-over-1234", "password2": "Taken-over-1234"}
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert (editor.username, editor.is_active) == ("editor", True)
    assert editor.password == password


def test_an_administrator_cannot_change_what_a_role_may_do(administrator_client):
    writer_role = Group.objects.get(name="Writer")
    before = set(writer_role.permissions.all())
    url = f"/admin/auth/group/{writer_role.pk}/change/"
    data = form_values(administrator_client.get(url).content.decode(), form_id="group_form")
    assert data["name"] == "Writer"  # the form is there, only its permissions are read only
    assert "permissions" not in data
    administrator_client.post(url, data | {"permissions": ["1", "2", "3"]})
    assert set(writer_role.permissions.all()) == before


# --- create_staff --------------------------------------------------------------------------


def create_staff(*args, **options):
    out = io.StringIO()
    call_command("create_staff", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("role", "group"),
    [
        ("writer", "Writer"),
        ("editor", "Editor"),
        ("campaign-manager", "Campaign manager"),
        ("administrator", "Administrator"),
    ],
)
def test_create_staff_makes_a_staff_member_in_one_role_and_prints_the_password_once(role, group):
    output = create_staff("  Nadia@Example.org ", role=role)
    user = User.objects.get()
    assert user.username == user.email == "nadia@example.org"
    assert user.is_staff and user.is_active and not user.is_superuser
    assert [g.name for g in user.groups.all()] == [group]
    assert not user.user_permissions.exists()
    password = output.strip().splitlines()[-1]
    assert len(password) >= 16
    assert user.check_password(password)
    assert output.count(password) == 1


def test_create_staff_makes_a_new_password_each_time():
    first = create_staff("one@example.org", role="editor").strip().splitlines()[-1]
    second = create_staff("two@example.org", role="editor").strip().splitlines()[-1]
    assert first != second


@pytest.mark.parametrize("email", ["nadia@example.org", "NADIA@example.org"])
def test_create_staff_refuses_an_account_that_exists(email):
    create_staff("nadia@example.org", role="editor")
    with pytest.raises(CommandError, match="already exists"):
        create_staff(email, role="writer")
    assert User.objects.count() == 1
    assert [g.name for g in User.objects.get().groups.all()] == ["Editor"]


def test_create_staff_refuses_an_email_another_account_already_uses(editor):
    # The superuser fixture "editor" is editor@example.org under another username.
    with pytest.raises(CommandError, match="already exists"):
        create_staff("editor@example.org", role="writer")
    assert User.objects.count() == 1


@pytest.mark.parametrize("email", ["not-an-email", "nadia@", "@example.org", ""])
def test_create_staff_refuses_a_bad_email(email):
    with pytest.raises(CommandError):
        create_staff(email, role="editor")
    assert not User.objects.exists()


def test_create_staff_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        create_staff("nadia@example.org", role="superuser")
    assert not User.objects.exists()


def test_create_staff_needs_a_role():
    with pytest.raises(CommandError):
        create_staff("nadia@example.org")
    assert not User.objects.exists()


def test_create_staff_leaves_no_account_behind_when_the_role_group_is_missing():
    Group.objects.filter(name="Editor").delete()
    with pytest.raises(CommandError, match="Editor"):
        create_staff("nadia@example.org", role="editor")
    assert not User.objects.exists()
