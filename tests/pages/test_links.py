"""What every page links to: the mark and the organisation's name in the header, and the footer's
pages (in their chosen order), Donate link and feed; `{% page_url %}` for the code that needs
one page by its kind. The footer is on every page: it costs no query while nothing changed."""

import re
import subprocess

import pytest
from django.conf import settings as settings_module
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from pages.models import Page
from tests.helpers import settings_read_with
from tests.pages.helpers import make_page

pytestmark = pytest.mark.django_db


def render(template, language="en", path="/"):
    """`template` rendered as a page's part, for a new request in `language`."""
    request = RequestFactory().get(f"/{language}{path}")
    with translation.override(language):
        return Template(template).render(RequestContext(request, {}))


def footer(language="en"):
    return render('{% include "includes/_footer.html" %}', language)


def footer_links(html):
    nav = html.split('class="site-footer__nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a[^>]* href="([^"]+)"[^>]*>([^<]+)</a>', nav)


PAGE_URL = '{% load pages %}{% page_url "privacy" as privacy_url %}[{{ privacy_url }}]'


def test_page_url_gives_the_page_of_a_kind_in_the_current_language():
    privacy = make_page(kind=Page.Kind.PRIVACY, title_ar="سياسة الخصوصية", title_en="Privacy")
    assert render(PAGE_URL, "en") == "[/en/pages/privacy/]"
    assert render(PAGE_URL, "ar") == f"[{privacy.url_in('ar')}]"


def test_page_url_is_empty_without_a_published_page_in_that_language():
    assert render(PAGE_URL, "en") == "[]"
    make_page(kind=Page.Kind.PRIVACY, languages=("ar",))
    assert render(PAGE_URL, "en") == "[]"
    Page.objects.update(published=False)
    assert render(PAGE_URL, "ar") == "[]"


def test_page_url_finds_a_page_that_is_not_in_the_footer():
    make_page(kind=Page.Kind.PRIVACY, title_en="Privacy", footer_order=None)
    assert render(PAGE_URL, "en") == "[/en/pages/privacy/]"
    assert "/en/pages/privacy/" not in footer("en")


def test_the_footer_lists_its_pages_in_the_chosen_order_then_the_feed():
    make_page(title_en="Privacy policy", footer_order=3, kind=Page.Kind.PRIVACY)
    make_page(title_en="About us", footer_order=1, kind=Page.Kind.ABOUT)
    make_page(title_en="Contact", footer_order=2, kind=Page.Kind.CONTACT)
    make_page(title_en="Not in the footer")
    make_page(title_en="Not published", footer_order=0, published=False)
    make_page(languages=("ar",), footer_order=0)  # not in English
    assert footer_links(footer("en")) == [
        ("/en/pages/about-us/", "About us"),
        ("/en/pages/contact/", "Contact"),
        ("/en/pages/privacy-policy/", "Privacy policy"),
        ("/en/feed/", "Subscribe to the feed"),
    ]
    assert len(footer_links(footer("ar"))) == 5


def test_the_footer_costs_no_query_while_nothing_changed(django_assert_num_queries):
    make_page(title_en="About us", footer_order=1)
    with django_assert_num_queries(1):
        footer("en")
    with django_assert_num_queries(0):  # another request, another reader
        html = footer("en")
        render(PAGE_URL, "en")
    assert "About us" in html


def test_a_saved_page_shows_in_the_footer_at_once():
    page = make_page(title_en="About us", footer_order=1)
    assert "About us" in footer("en")
    page.title_en = "Who we are"
    page.save()
    assert "Who we are" in footer("en") and "About us" not in footer("en")
    page.delete()
    assert "Who we are" not in footer("en")


def test_an_editors_change_in_the_admin_shows_at_once(client, editor_client):
    page = make_page(title_en="About us", footer_order=1, kind=Page.Kind.ABOUT)
    assert "About us" in client.get("/en/").content.decode()  # kept by the page cache
    assert "About us" in client.get(page.url_in("en")).content.decode()
    form = {
        "title_ar": page.title_ar,
        "title_en": "Who we are",
        "slug_ar": page.slug_ar,
        "slug_en": page.slug_en,
        "summary_ar": "",
        "summary_en": "",
        "body_ar": page.body_ar,
        "body_en": "<p>Changed text.</p>",
        "kind": "about",
        "footer_order": "1",
        "published": "on",
    }
    response = editor_client.post(f"/admin/pages/page/{page.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    editor_client.logout()
    home = client.get("/en/").content.decode()
    assert "Who we are" in home and "About us" not in home
    assert "<p>Changed text.</p>" in client.get(page.url_in("en")).content.decode()


def test_the_admin_refuses_a_second_privacy_policy(editor_client):
    make_page(kind=Page.Kind.PRIVACY)
    form = {"title_en": "Another", "body_en": "<p>x</p>", "kind": "privacy", "published": "on"}
    response = editor_client.post("/admin/pages/page/add/", form, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "There is already a page of this kind." in response.content.decode()
    assert Page.objects.count() == 1


def test_the_donate_link_appears_only_when_configured(settings):
    settings.DONATE_URL = ""
    assert "site-footer__donate" not in footer("en")
    settings.DONATE_URL = "https://example.org/donate"
    html = footer("en")
    assert '<a class="site-footer__donate" href="https://example.org/donate">Donate</a>' in html


@pytest.mark.slow  # a fresh process reads the settings
def test_donate_url_is_read_from_the_environment_and_must_be_a_web_address():
    read = settings_read_with("DONATE_", DONATE_URL="https://example.org/donate")
    assert read == {"DONATE_URL": "https://example.org/donate"}
    assert settings_read_with("DONATE_", DONATE_URL="") == {"DONATE_URL": ""}
    with pytest.raises(subprocess.CalledProcessError) as refused:
        settings_read_with("DONATE_", DONATE_URL="javascript:alert(1)")
    assert "DONATE_URL must be an https://" in refused.value.stderr


def test_the_header_shows_the_mark_beside_the_organisations_name(client, settings):
    body = client.get("/en/").content.decode()
    header = body.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    home_link = re.search(r'<a class="site-name" href="/en/">(.*?)</a>', header).group(1)
    # The name is text beside the mark (translated, read once by a screen reader): the mark,
    # sized in the page so nothing moves when it loads, has an empty alt.
    assert re.fullmatch(
        r'<img class="site-name__logo" src="/static/img/logo.svg" alt="" width="40" height="40">'
        r'<span class="site-name__text">Coalition for Democracy</span>',
        home_link,
    )
    arabic = client.get("/ar/").content.decode()
    assert '<span class="site-name__text">تحالف من أجل الديمقراطية</span>' in arabic


def test_the_organisations_name_is_set_in_one_place(client, settings):
    settings.SITE_NAME = "Civic Forum"
    with translation.override("en"):
        body = client.get("/en/").content.decode()
    assert body.count("Coalition for Democracy") == 0
    assert '<span class="site-name__text">Civic Forum</span>' in body
    assert "<title>Civic Forum</title>" in body
    assert "© " in body and "Civic Forum</p>" in body


def test_the_favicon_is_the_headers_mark():
    def drawing(name):
        svg = (settings_module.BASE_DIR / "static" / "img" / name).read_text()
        svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
        return re.findall(r"<(?:circle|path|rect)[^>]*>", svg)

    assert drawing("favicon.svg") == drawing("logo.svg")
    assert len(drawing("logo.svg")) >= 3
