"""The site's own pages (About, Contact, the privacy policy…): one per language it is written in,
at /<lang>/pages/<slug>/, cacheable, with its other language one click away and nothing else."""

from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from pages.models import Page
from tests.pages.helpers import make_page

pytestmark = pytest.mark.django_db


def test_a_page_answers_in_both_languages_at_its_own_slugs(client):
    page = make_page(title_ar="من نحن", title_en="About us", body_en="<p>We are a coalition.</p>")
    assert page.url_in("en") == "/en/pages/about-us/"
    english = client.get("/en/pages/about-us/")
    arabic = client.get(page.url_in("ar"))
    assert english.status_code == arabic.status_code == 200
    assert "<h1>About us</h1>" in english.content.decode()
    assert "<p>We are a coalition.</p>" in english.content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert "<h1>من نحن</h1>" in arabic.content.decode()


def test_an_arabic_slug_works_end_to_end(client):
    page = make_page(title_ar="سياسة الخصوصية")
    assert page.slug_ar == "سياسة-الخصوصية"
    path = "/ar/pages/" + quote("سياسة-الخصوصية") + "/"
    assert page.url_in("ar") == path
    response = client.get(path)
    assert response.status_code == 200
    assert "<h1>سياسة الخصوصية</h1>" in response.content.decode()


def test_an_unpublished_page_is_not_found(client):
    page = make_page(published=False)
    assert client.get(page.url_in("ar")).status_code == 404
    assert client.get(page.url_in("en")).status_code == 404


def test_a_page_is_not_found_in_a_language_it_is_not_written_in(client):
    arabic_only = make_page(languages=("ar",), slug_en="only-arabic")
    assert client.get(arabic_only.url_in("ar")).status_code == 200
    assert arabic_only.url_in("en") is None
    assert client.get("/en/pages/only-arabic/").status_code == 404
    # Nor through the other language's slug: no silent fallback to the Arabic text.
    assert client.get(f"/en/pages/{quote(arabic_only.slug_ar)}/").status_code == 404


def test_a_title_without_a_body_is_not_a_page_in_that_language(client):
    page = make_page(languages=("ar",), title_en="Half written")
    assert page.slug_en == "half-written"
    assert client.get("/en/pages/half-written/").status_code == 404
    assert page.url_in("en") is None


def test_the_switcher_goes_to_the_same_page_in_the_other_language(client):
    page = make_page(title_ar="اتصلوا بنا", title_en="Contact")
    arabic = client.get(page.url_in("ar")).content.decode()
    assert 'href="/en/pages/contact/" hreflang="en"' in arabic
    english = client.get("/en/pages/contact/").content.decode()
    assert f'href="{page.url_in("ar")}" hreflang="ar"' in english


def test_the_switcher_goes_home_with_a_notice_when_the_page_has_no_translation(client):
    page = make_page(languages=("ar",))
    body = client.get(page.url_in("ar")).content.decode()
    assert 'href="/en/?untranslated=1" hreflang="en"' in body


def test_a_page_names_its_canonical_address_and_only_its_real_languages(client):
    both = make_page(title_en="Privacy policy", summary_en="What we collect, and why.")
    body = client.get(both.url_in("en")).content.decode()
    assert '<link rel="canonical" href="http://localhost:8000/en/pages/privacy-policy/">' in body
    assert 'hreflang="ar"' in body and 'hreflang="en"' in body
    assert '<meta property="og:description" content="What we collect, and why.">' in body

    arabic_only = make_page(languages=("ar",))
    body = client.get(arabic_only.url_in("ar")).content.decode()
    assert 'rel="alternate" hreflang="en"' not in body


def test_a_page_is_public_and_cacheable(client):
    page = make_page()
    response = client.get(page.url_in("en"))
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_the_body_is_sanitized_whatever_writes_it(client):
    page = make_page(
        body_en='<p onclick="steal()">Hello<script>alert(1)</script></p>'
        '<p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)></p>'
    )
    page.refresh_from_db()
    assert page.body_en == '<p>Hello</p><p><a rel="noopener noreferrer">x</a></p>'
    body = client.get(page.url_in("en")).content.decode()
    assert "<script>alert" not in body and "onerror" not in body and "javascript:" not in body


def test_an_editors_empty_paragraph_is_no_body():
    page = make_page(languages=("ar",), title_en="Empty", body_en="<p></p>")
    assert page.body_en is None
    assert not Page.objects.public("en").filter(pk=page.pk).exists()


def test_a_language_half_written_is_refused_with_a_message_on_the_missing_field():
    page = Page(title_ar="عنوان", body_en="<p>English text only.</p>")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert set(refused.value.message_dict) == {"body_ar", "title_en"}


def test_a_page_needs_a_title_and_a_body_in_one_language_at_least():
    with pytest.raises(ValidationError) as refused:
        Page(body_ar="<p></p>").full_clean()
    assert set(refused.value.message_dict) == {"title_ar"}


def test_there_is_one_page_of_each_kind_but_any_number_of_others():
    make_page(kind=Page.Kind.PRIVACY)
    make_page(kind=Page.Kind.OTHER)
    make_page(kind=Page.Kind.OTHER)
    second = Page(title_en="Another policy", body_en="<p>x</p>", kind=Page.Kind.PRIVACY)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "توجد صفحة من هذا النوع بالفعل." in str(refused.value)  # the default language
    with pytest.raises(IntegrityError):
        second.save()


def test_published_pages_are_in_the_sitemap_in_their_languages(client):
    both = make_page(title_en="About us")
    arabic_only = make_page(languages=("ar",))
    draft = make_page(published=False, title_en="Draft page")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-site-pages.xml" in index
    section = client.get("/sitemap-site-pages.xml").content.decode()
    assert "http://localhost:8000/en/pages/about-us/" in section
    assert f"http://localhost:8000{both.url_in('ar')}" in section
    assert f"http://localhost:8000{arabic_only.url_in('ar')}" in section
    assert section.count("<url>") == 3  # both languages of one page, one of the other
    assert "draft-page" not in section and draft.slug_ar not in section
