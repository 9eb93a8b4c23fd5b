"""Security headers on every kind of response, pages with no inline script or style, external
links that leak nothing, and uploads that are only ever served as images."""

import io
import re
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from campaigns.forms import TIMESTAMP_SALT
from campaigns.models import Signup
from campaigns.tokens import make_token
from campaigns.views import SIGNUPS_PER_ADDRESS
from core.sanitize import sanitize_html
from tests.helpers import (
    jpeg_bytes,
    make_article,
    make_author,
    make_campaign,
    make_staff,
    make_topic,
    settings_read_with,
    staff_login,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "en")
YEAR = 31536000
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # files of this site only (static/js/share.js), nothing inline
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
TIPTAP_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")


@pytest.fixture(autouse=True)
def hsts(settings):
    """Production's HSTS (the test settings start in debug, where it is off). Django reads it
    when a client's first request builds the middleware, which is after this."""
    settings.SECURE_HSTS_SECONDS = YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, header
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def assert_common_headers(response):
    features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    assert all(features[feature] == "()" for feature in DENIED_FEATURES), features
    assert features["publickey-credentials-get"] == "(self)"
    assert features["publickey-credentials-create"] == "(self)"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains; preload"


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# --- Every kind of public page --------------------------------------------------------------


@pytest.fixture
def site():
    author = make_author()
    topic = make_topic()
    article = make_article(authors=[author], topics=[topic])
    article.hero_image.save("hero.jpg", ContentFile(jpeg_bytes()))  # small: fewer renditions
    article.hero_alt_ar, article.hero_alt_en = "صورة", "A photo"
    article.save()
    campaign = make_campaign()
    signup = Signup.objects.create(campaign=campaign, email="leila@example.org", language="ar")
    return {
        "author": author,
        "topic": topic,
        "article": article,
        "campaign": campaign,
        "signup": signup,
    }


PUBLIC_PAGES = {  # name: (status, path in a language)
    "home": (200, lambda site, lang: url_in(lang, "articles:home")),
    "article list": (200, lambda site, lang: url_in(lang, "articles:list")),
    "article": (200, lambda site, lang: site["article"].url_in(lang)),
    "author": (200, lambda site, lang: site["author"].url_in(lang)),
    "topic": (200, lambda site, lang: site["topic"].url_in(lang)),
    "feed": (200, lambda site, lang: url_in(lang, "articles:feed")),
    "campaign list": (200, lambda site, lang: url_in(lang, "campaigns:join")),
    "campaign": (200, lambda site, lang: site["campaign"].url_in(lang)),
    "thanks": (
        200,
        lambda site, lang: url_in(
            lang, "campaigns:thanks", slug=site["campaign"].in_language("slug", lang)
        ),
    ),
    "confirm link": (
        200,
        lambda site, lang: url_in(
            lang, "campaigns:confirm", token=make_token(site["signup"], "confirm")
        ),
    ),
    "leave link": (
        200,
        lambda site, lang: url_in(
            lang, "campaigns:leave", token=make_token(site["signup"], "leave")
        ),
    ),
    "broken link": (400, lambda site, lang: url_in(lang, "campaigns:confirm", token="broken")),
    "not found": (404, lambda site, lang: f"/{lang}/no-such-page/"),
}
HTML_PAGES = [name for name in PUBLIC_PAGES if name != "feed"]


def get_public(client, site, name, language):
    status, path = PUBLIC_PAGES[name]
    response = client.get(path(site, language), secure=True)
    assert response.status_code == status, path(site, language)
    return response


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_the_strict_policy_and_security_headers(client, site, name, language):
    response = get_public(client, site, name, language)
    assert policy(response) == PUBLIC_POLICY
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_too_many_signups_page_has_the_same_headers(client):
    campaign = make_campaign()
    started = signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT)  # filled in a minute ago
    data = {
        "full_name": "Leila Ahmed",
        "email": "leila@example.org",
        "country": "",
        "phone": "",
        "language": "en",
        "consent": "on",
        "source": "",
        "website": "",
        "started": started,
    }
    responses = [
        client.post(campaign.url_in("en"), data | {"email": f"s{n}@example.org"}, secure=True)
        for n in range(SIGNUPS_PER_ADDRESS + 1)
    ]
    assert responses[0].status_code == 302  # real signups, then the per-address limit
    assert responses[-1].status_code == 429
    assert policy(responses[-1]) == PUBLIC_POLICY
    assert_common_headers(responses[-1])


def test_health_check_static_and_media_files_have_the_headers(client):
    default_storage.save("articles/photo.jpg", ContentFile(jpeg_bytes()))
    for path, csp in (
        ("/healthz", "frame-ancestors 'none'"),
        ("/static/css/site.css", "frame-ancestors 'none'"),  # served by WhiteNoise
        ("/media/articles/photo.jpg", "default-src 'none'; sandbox"),
    ):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        assert csp in response["Content-Security-Policy"]
        assert_common_headers(response)
        response.close()  # a file response: its file stays open until then


def test_plain_http_gets_no_hsts(client):
    # A browser ignores HSTS sent over HTTP, and an attacker in the middle could strip it anyway.
    assert "Strict-Transport-Security" not in client.get("/healthz")


@pytest.mark.slow  # fresh processes
def test_production_settings_turn_hsts_on_and_let_it_be_configured():
    def hsts_in_production(**env):
        production = {"DJANGO_DEBUG": "0", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "example.org"}
        hsts = settings_read_with("SECURE_HSTS_", **(production | env))
        return [
            str(hsts[f"SECURE_HSTS_{name}"])
            for name in ("SECONDS", "INCLUDE_SUBDOMAINS", "PRELOAD")
        ]

    assert hsts_in_production() == [str(YEAR), "True", "True"]
    assert hsts_in_production(SECURE_HSTS_SECONDS="600") == ["600", "True", "False"]


@pytest.mark.slow  # fresh processes
def test_production_cookies_are_secure_host_only_and_for_the_whole_site(client, settings):
    production = {"DJANGO_DEBUG": "0", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "example.org"}
    for prefix in ("SESSION_COOKIE_", "CSRF_COOKIE_"):
        for name, value in settings_read_with(prefix, **production).items():
            setattr(settings, name, value)
    assert (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME) == (
        "__Host-sessionid",
        "__Host-csrftoken",
    )
    editor = make_staff("Editor")
    editor.set_password("correct horse battery staple 7")
    editor.save()
    form = client.get(make_campaign().url_in("en"), secure=True)
    login = client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": "correct horse battery staple 7"},
        secure=True,
    )
    assert login.status_code == 302
    # What a browser requires of a __Host- cookie, or it drops it.
    for cookie in (form.cookies["__Host-csrftoken"], login.cookies["__Host-sessionid"]):
        assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    # A signed-in editor is still told apart from an anonymous reader (no shared cache copy).
    page = client.get(make_article().url_in("en"), secure=True)
    assert "private" in page["Cache-Control"] and "public" not in page["Cache-Control"]


# --- Nothing inline on public pages -----------------------------------------------------------

DATA_BLOCKS = {"application/json", "application/ld+json"}  # never executed


def is_own_script_file(src):
    """A script file of this site's own (what script-src 'self' lets in), by a path on it."""
    return bool(src) and src.startswith(django_settings.STATIC_URL) and not src.startswith("//")


class InlineCode(HTMLParser):
    """Everything in a page that a strict policy would refuse, or that would need a script."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not (
            attrs.get("type") in DATA_BLOCKS or is_own_script_file(attrs.get("src"))
        ):
            self.found.append(f"<script {attrs}>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{name}= on <{tag}>" for name in attrs if name.startswith("on")]
        if "style" in attrs:
            self.found.append(f'style="{attrs["style"]}" on <{tag}>')
        if (attrs.get("href") or "").lower().startswith("javascript:"):
            self.found.append(f"javascript: link on <{tag}>")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", HTML_PAGES)
def test_public_page_has_no_inline_script_or_style(client, site, name, language):
    response = get_public(client, site, name, language)
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert "<html" in response.content.decode()
    assert parser.found == []


def test_inline_code_finder_finds_what_it_looks_for():
    parser = InlineCode()
    parser.feed(
        '<script type="application/ld+json">{}</script><p style="color: red" onclick="x()">'
        "<script>alert(1)</script><style>p {}</style>"
        '<script src="/static/js/share.js" defer></script>'
        '<script src="https://cdn.example.org/x.js"></script><script src="//cdn.example.org/y.js">'
    )
    assert parser.found == [
        "onclick= on <p>",
        'style="color: red" on <p>',
        "<script {}>",
        "<style>",
        "<script {'src': 'https://cdn.example.org/x.js'}>",
        "<script {'src': '//cdn.example.org/y.js'}>",
    ]


# --- The admin ------------------------------------------------------------------------------


@pytest.fixture
def editor_browser(editor):
    return staff_login(Client(), editor)


def test_admin_login_page_gets_scripts_from_this_origin_only(client):
    response = client.get(reverse("admin:login"), secure=True)
    assert response.status_code == 200
    assert policy(response) == PUBLIC_POLICY | {
        "script-src": ["'self'"],
        "style-src": ["'self'", TIPTAP_STYLE],
    }
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_admin_article_form_nonces_the_editors_import_map_and_nothing_else(editor_browser):
    nonces = []
    for _ in range(2):
        response = editor_browser.get(reverse("admin:articles_article_add"), secure=True)
        assert response.status_code == 200
        html = response.content.decode()
        [nonce] = re.findall(r'<script type="importmap" nonce="([^"]+)"', html)
        assert policy(response) == PUBLIC_POLICY | {
            "script-src": ["'self'", f"'nonce-{nonce}'"],
            "style-src": ["'self'", TIPTAP_STYLE],
        }
        assert_common_headers(response)
        # The import map is the one inline script, and the only one that can run.
        inline = re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html)
        assert inline == [f'<script type="importmap" nonce="{nonce}">']
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_admin_pages_without_the_editor_get_no_nonce(editor_browser):
    response = editor_browser.get(reverse("admin:index"), secure=True)
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]


def test_admin_pages_of_our_own_carry_no_inline_style_or_script(client):
    # The admin policy refuses inline style: the pages this project adds must not need it.
    manager = make_staff("Campaign manager")
    campaign = make_campaign()
    Signup.objects.create(campaign=campaign, email="rima@example.org", language="ar")
    staff_login(client, manager)
    pages = [
        reverse("admin:campaigns_campaign_dashboard", args=[campaign.pk]),
        reverse("admin:campaigns_signup_changelist"),
        reverse("admin:two_factor_setup"),
        reverse("admin:recovery_codes"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = InlineCode()
        parser.feed(response.content.decode())
        assert [found for found in parser.found if "<script" not in found] == [], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url


def test_signed_in_editor_reading_the_site_gets_the_public_policy(editor_browser, site):
    response = editor_browser.get(site["article"].url_in("en"), secure=True)
    assert policy(response) == PUBLIC_POLICY


# --- Links in article bodies ------------------------------------------------------------------


def test_links_in_article_bodies_open_nothing_and_send_no_referrer(client):
    article = make_article(
        body_en=(
            '<p><a href="https://gov.example/decree" target="_blank" rel="opener">decree</a> '
            '<a href="//cdn.example/x">cdn</a> <a href="/en/articles/">ours</a></p>'
        )
    )
    html = client.get(article.url_in("en")).content.decode()
    assert '<a href="https://gov.example/decree" rel="noopener noreferrer">decree</a>' in html
    assert '<a href="//cdn.example/x" rel="noopener noreferrer">cdn</a>' in html
    assert "target=" not in html.split("<article", 1)[1]


def test_sanitizer_replaces_any_rel_and_drops_targets():
    cleaned = sanitize_html('<p><a href="http://x.example" rel="opener" target="_blank">x</a></p>')
    assert cleaned == '<p><a href="http://x.example" rel="noopener noreferrer">x</a></p>'


# --- Uploaded media -------------------------------------------------------------------------

IMAGES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def image_bytes(extension):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, {"jpg": "JPEG"}.get(extension, extension))
    return buffer.getvalue()


@pytest.mark.parametrize("extension", IMAGES)
def test_uploaded_image_is_served_only_as_an_image(client, extension):
    data = image_bytes(extension)
    name = default_storage.save(f"renditions/articles/3f2a/480.{extension}", ContentFile(data))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == IMAGES[extension]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"] == f'attachment; filename="480.{extension}"'
    assert response["Cache-Control"] == f"public, max-age={YEAR}, immutable"
    assert not response.cookies


def test_image_for_a_signed_in_editor_is_kept_from_shared_caches(editor_browser):
    name = default_storage.save("articles/photo.jpg", ContentFile(jpeg_bytes()))
    response = editor_browser.get(f"/media/{name}")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    response.close()


def test_image_answers_head_but_not_post(client):
    name = default_storage.save("articles/photo.jpg", ContentFile(jpeg_bytes()))
    head = client.head(f"/media/{name}")
    assert head.status_code == 200 and head["Content-Type"] == "image/jpeg"
    head.close()
    assert client.post(f"/media/{name}").status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "articles/page.html",
        "articles/page.htm",
        "articles/drawing.svg",
        "articles/code.js",
        "articles/photo.jpg.html",
        "articles/README",
        "articles/photo.JPG.svg",
    ],
)
def test_a_file_of_another_type_is_not_found_even_when_it_exists(client, name):
    default_storage.save(name, ContentFile(b"<script>alert(document.domain)</script>"))
    assert default_storage.exists(name)
    response = client.get(f"/media/{name}")
    assert response.status_code == 404
    assert b"alert" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.jpg",
        "/media/articles/../../secret.jpg",
        "/media/%2e%2e/secret.jpg",
        "/media/..%2fsecret.jpg",
        "/media/{outside}",
        "/media/articles/photo.jpg%00",
        "/media/articles/photo%00.jpg",
        "/media/articles/",
        "/media/folder.jpg",
        "/media/",
        "/media/missing.jpg",
    ],
)
def test_paths_outside_media_and_folders_are_not_found(client, settings, path):
    # A real image just outside MEDIA_ROOT, and a folder whose name looks like an image.
    secret = settings.MEDIA_ROOT.parent / "secret.jpg"
    secret.write_bytes(jpeg_bytes())
    default_storage.save("articles/photo.jpg", ContentFile(jpeg_bytes()))
    (settings.MEDIA_ROOT / "folder.jpg").mkdir()
    response = client.get(path.format(outside=secret))
    assert response.status_code == 404
    assert response.get("Content-Type", "").startswith("text/html")
