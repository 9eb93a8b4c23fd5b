"""The admin writes dates and numbers as the public site does, one way per language, and its
rich-text editor's menu has its words in the admin's language (the catalogue half of it; the
browser half is tests/browser/test_admin_language.py)."""

import json
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Signup, SignupTally
from tests.helpers import make_article, make_campaign, make_staff, staff_login

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)
# How each language writes that moment, on the site (the date) and in the admin (date and time).
DATES = {"ar": "22 نوفمبر، 2026", "en": "22 November 2026"}
DATETIMES = {"ar": "22 نوفمبر، 2026، 14:05", "en": "22 November 2026, 14:05"}
# The menu's words (static/js/admin-editor-labels.js) and those the library itself passes through
# gettext in the dialogs this project's editor opens (link, ordered list).
EDITOR_LABELS = [
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "Paragraph",
    "unordered list",
    "ordered list",
    "blockquote",
    "bold",
    "italic",
    "insert link",
    "remove link",
    "undo",
    "redo",
]
EDITOR_DIALOG_TEXTS = [
    "URL",
    "Title",
    "Edit Link",
    "Update",
    "Cancel",
    "List properties",
    "List type",
    "Start at",
    "Decimal numbers",
    "Lowercase letters",
    "Uppercase letters",
    "Lowercase Roman numerals",
    "Uppercase Roman numerals",
]
SWITCH_LABEL = "Language of the translated fields"  # static/js/admin-language-tabs.js


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def editor(client, settings):
    settings.TIME_ZONE = "UTC"
    staff_login(client, make_staff("Editor"))
    return client


@pytest.mark.parametrize("language", ["ar", "en"])
def test_admin_list_writes_dates_as_the_site_does(editor, client, language):
    article = make_article(publish_at=PUBLISHED)
    with translation.override(language):
        public = client.get(article.get_absolute_url())
    admin_list = client.get(
        reverse("admin:articles_article_changelist"), headers={"accept-language": language}
    )
    assert public.status_code == admin_list.status_code == 200
    assert DATES[language] in text_of(public.text)
    assert DATETIMES[language] in text_of(admin_list.text)
    # Django's fallback, the US pattern, nowhere ("ديسمبر 3, 2026", "Nov. 22, 2026, 2:05 p.m.").
    assert not re.search(r"\b(نوفمبر|November|Nov\.) 22, 2026", text_of(admin_list.text))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_date_formats_agree_in_both_places(language):
    """Every *_FORMAT the templates may name gives the same day first order, with a 24-hour clock
    like the admin's time fields."""
    with translation.override(language):
        rendered = Template(
            '{{ moment|date:"DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}|'
            '{{ moment|date:"TIME_FORMAT" }}|{{ moment|date:"SHORT_DATE_FORMAT" }}|'
            '{{ moment|date:"SHORT_DATETIME_FORMAT" }}|{{ moment }}'
        ).render(Context({"moment": PUBLISHED}))
    assert rendered.split("|") == [
        DATES[language],
        DATETIMES[language],
        "14:05",
        "22/11/2026",
        "22/11/2026 14:05",
        DATETIMES[language],
    ]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_dashboard_percentages_use_a_decimal_point(client, settings, language):
    staff_login(client, make_staff("Campaign manager"))
    campaign = make_campaign()
    Signup.objects.create(
        campaign=campaign, email="huda@example.org", language="ar", confirmed_at=timezone.now()
    )
    SignupTally.objects.recount([campaign])  # a row written around Signup's methods
    response = client.get(
        reverse("admin:campaigns_campaign_dashboard", args=[campaign.pk]),
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    assert "100.0%" in text_of(response.text)
    assert "100,0" not in response.text
    with translation.override(language):
        numbers = Template("{{ 2.5|floatformat:1 }} {{ 5000|floatformat:'0g' }}").render(Context())
    assert numbers == "2.5 5,000"


def test_editor_words_have_arabic_in_the_admins_javascript_catalogue(editor, client):
    """What gettext() answers in the Arabic admin's pages, for every word the editor shows."""
    response = client.get(reverse("admin:jsi18n"), headers={"accept-language": "ar"})
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.text, re.S)
    catalogue = json.loads(match.group(1))
    missing = [
        text
        for text in [*EDITOR_LABELS, *EDITOR_DIALOG_TEXTS, SWITCH_LABEL]
        if not re.search("[\u0600-\u06ff]", str(catalogue.get(text, "")))
    ]
    assert missing == []


def test_the_editors_menu_module_is_loaded_with_every_editor(editor, client):
    response = client.get(reverse("admin:articles_article_add"), headers={"accept-language": "ar"})
    assert response.status_code == 200
    configs = re.findall(r'data-django-prose-editor-configurable="([^"]+)"', response.text)
    assert configs, "no editor on the article form"
    for config in configs:
        assert json.loads(unescape(config))["js_modules"] == [static("js/admin-editor-labels.js")]
    # The admin's own catalogue (gettext) comes first, from this origin.
    assert response.text.index(reverse("admin:jsi18n")) < response.text.index(
        "django_prose_editor/editor.js"
    )
    # And the labels it translates are the library's own words: an upgrade that renames them
    # fails here rather than leaving the menu in English.
    library = (
        Path(__import__("django_prose_editor").__file__).parent
        / "static/django_prose_editor/editor.js"
    ).read_text(encoding="utf-8")
    for label in ("Heading ${e}", *EDITOR_LABELS[3:]):
        assert f'"{label}"' in library or f"`{label}`" in library, label
    labels_js = (Path(settings.BASE_DIR) / "static/js/admin-editor-labels.js").read_text()
    for label in EDITOR_LABELS:
        assert f'"{label}"' in labels_js, label  # listed there for whoever updates djangojs.po
