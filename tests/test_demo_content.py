"""`manage.py load_demo_content`: its data files, what it creates, a second run, its images."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.validators import validate_unicode_slug
from PIL import Image

from articles.models import Article, Author, Byline, Topic
from campaigns.models import Campaign
from newsroom.management.commands.load_demo_content import DEMO, read_demo_content
from pages.models import Page

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
CODES = ("ar", "en")


def load_demo_content():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def media_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def snapshot():
    models = (Topic, Author, Article, Byline, Article.topics.through, Campaign, Page)
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def versions(demo):
    """(language, demo article, its version, stored article) for every demo language version."""
    for data in demo["articles"]:
        for code in CODES:
            if code in data:
                stored = Article.objects.get(**{f"slug_{code}": data[code]["slug"]})
                yield code, data, data[code], stored


@pytest.fixture(scope="module")
def demo():
    return read_demo_content()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def loaded(db, media_root):
    return load_demo_content()


# Loading the whole demo site (images and renditions included) takes seconds: not in test-quick.
slow = pytest.mark.slow


def test_data_files_hold_a_body_for_every_version_and_nothing_else(demo):
    keys = [data["key"] for data in demo["articles"]]
    assert len(set(keys)) == len(keys) >= 12
    expected = set()
    for data in demo["articles"]:
        assert set(data) & set(CODES), data["key"]  # written in at least one language
        for code in CODES:
            if code in data:
                assert data[code]["title"] and data[code]["body"].startswith("<")
                assert "\n" not in data[code]["body"]
                expected.add(f"articles/{data['key']}.{code}.html")
    expected |= {f"campaign.{code}.html" for code in CODES}
    for data in demo["pages"]:
        for code in CODES:  # the site's own pages are written in every language
            assert data[code]["title"] and data[code]["body"].startswith("<")
            assert "\n" not in data[code]["body"]
            expected.add(f"pages/{data['key']}.{code}.html")
    assert all(demo["campaign"][f"body_{code}"] for code in CODES)
    assert {str(path.relative_to(DEMO)) for path in DEMO.rglob("*.html")} == expected


@slow
def test_first_run_creates_every_row(loaded, demo):
    articles = demo["articles"]
    assert loaded == (
        f"Demo content: created {len(articles)} articles, 4 authors, 4 topics, 1 campaign, "
        "3 pages (0 already present).\n"
    )
    assert Article.objects.count() == len(articles) >= 12
    assert Topic.objects.count() == len(demo["topics"]) == 4
    assert Author.objects.count() == len(demo["authors"]) == 4
    campaign = Campaign.objects.get()
    assert campaign.slug_en == demo["campaign"]["slug_en"]
    # Its own picture, described in both languages; a young campaign that shows its goal only.
    assert campaign.hero_image and campaign.hero_alt_ar and campaign.hero_alt_en
    assert (campaign.hero_width, campaign.hero_height) == (1200, 675)
    assert not campaign.shows_count
    assert list(campaign.countries_first)[:1] and "EG" in campaign.countries_first
    for author in Author.objects.all():
        assert author.photo
        assert (author.photo_width, author.photo_height) == (400, 400)


@slow
def test_articles_cover_both_languages_and_hidden_states(loaded):
    live = Article.objects.live()
    assert live.in_language("ar").filter(title_en=None).count() >= 2
    assert live.in_language("en").filter(title_ar=None).count() >= 2
    assert live.in_language("ar").filter(title_en__gt="").count() >= 8
    assert live.filter(featured=True).count() >= 4
    hidden = Article.objects.exclude(pk__in=live.values("pk"))
    assert sorted(a.status for a in hidden) == ["draft", "published"]  # a draft, a scheduled one


@slow
def test_bylines_and_topics_follow_the_data(loaded, demo):
    for _code, data, _version, article in versions(demo):
        assert [b.author.slug for b in article.bylines.all()] == data["authors"]
        assert sorted(t.slug_en for t in article.topics.all()) == sorted(data["topics"])


@slow
def test_second_run_changes_nothing(loaded, media_root, demo):
    rows, files = snapshot(), media_files(media_root)
    originals = [name for name in files if not name.startswith("renditions/")]
    assert len(originals) == len(demo["articles"]) + len(demo["authors"]) + 1  # the campaign's

    output = load_demo_content()

    assert "created 0 articles, 0 authors, 0 topics, 0 campaign, 0 pages" in output
    assert snapshot() == rows
    assert media_files(media_root) == files


@slow
def test_images_are_jpegs_without_exif(loaded):
    images = [(a.hero_image, (1200, 675)) for a in Article.objects.all()]
    images += [(a.photo, (400, 400)) for a in Author.objects.all()]
    for field, size in images:
        assert field.size < 80_000
        with Image.open(field.path) as image:
            assert image.format == "JPEG"
            assert image.size == size
            assert not image.getexif()
            assert "exif" not in image.info


@slow
def test_bodies_survive_sanitizing(loaded, demo):
    tags = re.compile(r"<(\w+)")
    for code, _data, version, article in versions(demo):
        stored = article.in_language("body", code)
        assert Counter(tags.findall(stored)) == Counter(tags.findall(version["body"]))


@slow
def test_slugs_are_valid_and_arabic_ones_use_arabic_letters(loaded, demo):
    for code, _data, version, article in versions(demo):
        validate_unicode_slug(article.in_language("slug", code))
        assert article.in_language("slug", code) == version["slug"]
        assert bool(ARABIC_LETTER.search(version["slug"])) == (code == "ar")


@slow
def test_links_lead_to_live_demo_articles_in_the_same_language(loaded, demo):
    for code, _data, _version, article in versions(demo):
        live_here = Article.objects.live().in_language(code)
        for href in re.findall(r'href="([^"]+)"', article.in_language("body", code)):
            if href.startswith("https://example.org/"):
                continue
            prefix = f"/{code}/articles/"
            assert href.startswith(prefix) and href.endswith("/"), href
            assert live_here.filter(**{f"slug_{code}": href[len(prefix) : -1]}).exists(), href


@slow
def test_about_contact_and_privacy_pages_are_live_in_both_languages_in_footer_order(loaded, client):
    pages = list(Page.objects.order_by("footer_order"))
    assert [(page.kind, page.footer_order) for page in pages] == [
        ("about", 1),
        ("contact", 2),
        ("privacy", 3),
    ]
    for page in pages:
        assert page.published
        for code in CODES:
            assert client.get(page.url_in(code)).status_code == 200
            validate_unicode_slug(page.in_language("slug", code))
            assert bool(ARABIC_LETTER.search(page.in_language("slug", code))) == (code == "ar")
    assert Page.objects.get(kind="privacy").url_in("en") == "/en/pages/privacy-policy/"


@slow
def test_a_page_edited_by_an_editor_is_left_alone_by_a_second_run(loaded):
    privacy = Page.objects.get(kind="privacy")
    privacy.title_en = "Our privacy policy"
    privacy.save()
    assert "0 pages" in load_demo_content()
    assert Page.objects.get(kind="privacy").title_en == "Our privacy policy"
    assert Page.objects.count() == 3


def test_the_privacy_policy_says_what_the_site_collects_and_how_to_leave(demo):
    """Kept true to the code: each of these is a fact of campaigns/ and core/ the policy states."""
    english = next(data for data in demo["pages"] if data["kind"] == "privacy")["en"]["body"]
    for fact in (
        "full name",
        "email address",
        "country",
        "phone number, only if you choose",
        "language you signed in",
        "consent text you agreed to, and the date and time",
        "where your signature came from",
        "after 14 days",  # campaigns.tokens.CONFIRM_LIFETIME
        "no analytics",
        "fonts included",
        "keyed hash",  # core.privacy
        "at most an hour",  # campaigns.views.RATE_WINDOW
        "Writers and editors cannot",  # staff.roles
        "erase",
        "privacy@example.org",
    ):
        assert fact in english, fact


@slow
def test_links_in_pages_lead_to_live_pages_in_the_same_language(loaded, client):
    for page in Page.objects.all():
        for code in CODES:
            for href in re.findall(r'href="([^"]+)"', page.in_language("body", code)):
                if href.startswith("mailto:"):
                    continue
                assert href.startswith(f"/{code}/"), href
                response = client.get(href)
                assert response.status_code == 200, href


def test_the_facts_the_privacy_policy_states_are_the_codes():
    """When one of these changes, the demo privacy policy (newsroom/demo/pages) must too."""
    from campaigns import tokens, views

    assert tokens.CONFIRM_LIFETIME == 14 * 24 * 3600
    assert views.RATE_WINDOW <= 3600
