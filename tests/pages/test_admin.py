"""Editors manage the site's own pages in the admin; the other roles never reach them."""

import re

import pytest

from tests.helpers import make_staff, staff_login
from tests.pages.helpers import make_page

pytestmark = pytest.mark.django_db

# The outcome of a GET of each admin page of pages, per role.
EXPECTED = {
    "Writer": 403,
    "Editor": 200,
    "Campaign manager": 403,
    "Administrator": 403,
}


@pytest.mark.parametrize(("role", "status"), EXPECTED.items())
def test_editors_and_only_editors_manage_pages(client, role, status):
    page = make_page()
    staff_login(client, make_staff(role))
    urls = [
        "/admin/pages/page/",
        "/admin/pages/page/add/",
        f"/admin/pages/page/{page.pk}/change/",
        f"/admin/pages/page/{page.pk}/delete/",
    ]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, status)


def test_an_editor_adds_a_page_that_goes_live_in_the_footer(client):
    staff_login(client, make_staff("Editor"))
    form = {
        "title_ar": "من نحن",
        "title_en": "About us",
        "body_ar": "<p>نص.</p>",
        "body_en": "<p>Text.</p>",
        "kind": "about",
        "footer_order": "1",
        "published": "on",
    }
    assert client.post("/admin/pages/page/add/", form).status_code == 302
    client.logout()
    assert client.get("/en/pages/about-us/").status_code == 200
    assert 'href="/en/pages/about-us/">About us</a>' in client.get("/en/").content.decode()


def test_each_languages_fields_are_typed_in_their_direction(editor_client):
    form = editor_client.get("/admin/pages/page/add/").content.decode()
    for name, direction in (
        ("title_ar", 'lang="ar" dir="rtl"'),
        ("title_en", 'lang="en" dir="ltr"'),
    ):
        tag = re.search(rf'<input[^>]* name="{name}"[^>]*>', form).group()
        assert direction in tag
