"""Absolute links start with SITE_URL, path included, whatever prefix the app is served under."""

import pytest
from django.urls import set_script_prefix

from core.links import absolute_url, site_path


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("site_url", "prefix", "path", "expected"),
    [
        ("https://example.org", "/", "/ar/feed/", "https://example.org/ar/feed/"),
        ("https://example.org/news", "/", "/ar/feed/", "https://example.org/news/ar/feed/"),
        # Served under SCRIPT_NAME=/news: reverse() already starts with it.
        (
            "https://example.org/news",
            "/news/",
            "/news/ar/feed/",
            "https://example.org/news/ar/feed/",
        ),
        (
            "https://example.org/news",
            "/news/",
            "/static/a.css",
            "https://example.org/news/static/a.css",
        ),
    ],
)
def test_a_path_lands_on_site_url(settings, script_prefix, site_url, prefix, path, expected):
    settings.SITE_URL = site_url
    script_prefix(prefix)
    assert absolute_url(path) == expected


def test_an_absolute_url_stays_and_arabic_is_percent_encoded(settings):
    settings.SITE_URL = "https://example.org"
    assert absolute_url("https://cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"
    assert (
        absolute_url("/ar/articles/حرية/")
        == "https://example.org/ar/articles/%D8%AD%D8%B1%D9%8A%D8%A9/"
    )


def test_site_path_drops_the_script_prefix(script_prefix):
    script_prefix("/news/")
    assert site_path("/news/ar/") == "/ar/"
    assert site_path("/ar/") == "/ar/"


@pytest.mark.django_db
def test_feeds_sitemap_and_robots_agree_on_a_site_url_with_a_path(client, settings):
    settings.SITE_URL = "https://example.org/news"
    assert "Sitemap: https://example.org/news/sitemap.xml" in client.get("/robots.txt").text
    index = client.get("/sitemap.xml").text
    assert "<loc>https://example.org/news/sitemap-pages.xml</loc>" in index
    assert "<loc>https://example.org/news/ar/</loc>" in client.get("/sitemap-pages.xml").text
    assert 'href="https://example.org/news/en/"' in client.get("/en/feed/").text
