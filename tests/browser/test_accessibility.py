"""axe-core's WCAG 2.2 A and AA rules on every kind of public page, in both languages, at a
phone's and a desktop's width: with JavaScript off (as readers on Tor Browser see the site), and
on as well when the page has a script. Form errors, closed campaigns and the error pages count:
a reader meets them too.

A failure is named by page type, language and width (`pytest -k "campaign-closed and ar"`).
"""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.test import Client, RequestFactory
from django.utils import timezone

from campaigns import views as campaign_views
from campaigns.tokens import make_token
from newsroom.views import server_error
from tests.browser.helpers import describe_violations, open_response, settle, url_in
from tests.helpers import make_article, make_campaign, record_signup, signup_data
from tests.test_outage import database_down

LANGUAGES = ("ar", "en")
WIDTHS = {390: 844, 1280: 900}  # width: height of the window
PAGES = {}  # page type -> (visit, expected HTTP status, languages)


def page_type(name, status=200, languages=LANGUAGES):
    """Register `visit(page, data, language)`: it brings the browser page to a page of this type
    as a reader would and returns the response of that page's navigation."""

    def register(visit):
        PAGES[name] = (visit, status, languages)
        return visit

    return register


def submit(page, selector):
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


def fill_signup_form(page):
    page.fill("#id_full_name", "ليلى أحمد")
    page.fill("#id_email", "leila@example.org")
    page.check("#id_consent")
    # As if shown a minute ago: the form refuses what is sent faster than a person types.
    page.eval_on_selector(
        "[name=started]", "(input, value) => { input.value = value; }", signup_data()["started"]
    )


# --- Articles -------------------------------------------------------------------------------


@page_type("home")
def home(page, data, language):
    return page.goto(url_in(language, "articles:home"))


@page_type("untranslated-notice")
def untranslated_notice(page, data, language):
    """Where the language switch of an article not written in the other language leads."""
    return page.goto(url_in(language, "articles:home") + "?untranslated=1")


@page_type("list")
def article_list(page, data, language):
    return page.goto(url_in(language, "articles:list"))


@page_type("list-page-2")
def article_list_later_page(page, data, language):
    # Made here, not with the rest: every other page type would pay for them.
    if not data.get("more_articles"):
        data["more_articles"] = [
            make_article(topics=[data["topic"]], authors=[data["omar"]]) for _ in range(9)
        ]
    return page.goto(url_in(language, "articles:list") + "?page=2")


@page_type("article")
def article(page, data, language):
    """With a hero image, two bylines and their bio boxes, a quote and a list."""
    return page.goto(data["elections"].url_in(language))


@page_type("article-arabic-only", languages=("ar",))
def arabic_only_article(page, data, language):
    return page.goto(data["arabic_only"].url_in(language))


@page_type("author")
def author(page, data, language):
    return page.goto(data["rana"].url_in(language))


@page_type("author-bio-in-other-language")
def author_with_other_language_bio(page, data, language):
    return page.goto(data["omar"].url_in(language))


@page_type("topic")
def topic(page, data, language):
    return page.goto(data["topic"].url_in(language))


@page_type("search-results")
def search_results(page, data, language):
    words = {"ar": "الانتخابات", "en": "elections"}
    return page.goto(url_in(language, "articles:search") + f"?q={words[language]}")


@page_type("search-no-results")
def search_without_results(page, data, language):
    return page.goto(url_in(language, "articles:search") + "?q=zzqxjv")


@page_type("search-too-long", status=400)
def search_too_long(page, data, language):
    return page.goto(url_in(language, "articles:search") + "?q=" + "a" * 201)


# --- Campaigns ------------------------------------------------------------------------------


@page_type("campaign-list")
def campaign_list(page, data, language):
    return page.goto(url_in(language, "campaigns:join"))


@page_type("campaign-open")
def campaign_open(page, data, language):
    return page.goto(data["campaign"].url_in(language))


@page_type("campaign-form-errors")
def campaign_form_errors(page, data, language):
    page.goto(data["campaign"].url_in(language))
    return submit(page, ".signup-form [type=submit]")  # nothing filled in


@page_type("campaign-closed")
def campaign_closed(page, data, language):
    return page.goto(data["closed"].url_in(language))


@page_type("campaign-not-open-yet")
def campaign_not_open_yet(page, data, language):
    return page.goto(data["not_yet_open"].url_in(language))


@page_type("thanks")
def thanks(page, data, language):
    page.goto(data["campaign"].url_in(language))
    fill_signup_form(page)
    return submit(page, ".signup-form [type=submit]")


@page_type("confirm")
def confirm(page, data, language):
    return page.goto(url_in(language, "campaigns:confirm", token=data["confirm_token"]))


@page_type("confirmed")
def confirmed(page, data, language):
    confirm(page, data, language)
    return submit(page, "main form [type=submit]")


@page_type("leave")
def leave(page, data, language):
    return page.goto(url_in(language, "campaigns:leave", token=data["leave_token"]))


@page_type("left")
def left(page, data, language):
    leave(page, data, language)
    return submit(page, "button[name=action][value=leave]")


@page_type("erased")
def erased(page, data, language):
    leave(page, data, language)
    return submit(page, "button[name=action][value=erase]")


@page_type("link-invalid", status=400)
def link_invalid(page, data, language):
    return page.goto(url_in(language, "campaigns:confirm", token="not-a-token"))


# --- Pages of the site's own, and the error pages -------------------------------------------


@page_type("static-page")
def static_page(page, data, language):
    if data["privacy_policy"] is None:
        pytest.skip("no `pages` app (about, privacy, contact pages) in this project yet")
    return page.goto(data["privacy_policy"].url_in(language))


@page_type("404", status=404)
def not_found(page, data, language):
    return page.goto(url_in(language, "articles:home") + "no-such-page/")


@page_type("429", status=429)
def too_many_signups(page, data, language):
    """A signup from a network address past its hourly limit (set to none here)."""
    data["monkeypatch"].setattr(campaign_views, "SIGNUPS_PER_ADDRESS", 0)
    page.goto(data["campaign"].url_in(language))
    fill_signup_form(page)
    return submit(page, ".signup-form [type=submit]")


@page_type("503", status=503)
def database_unreachable(page, data, language):
    """What the site answers while its database does not (core.outage), made by the real view in
    this process with the database cut off, then shown by the browser at the page's address."""
    path = url_in(language, "articles:home")
    with database_down():
        response = Client().get(path)
    return open_response(page, path, response)


@page_type("500", status=500)
def server_failed(page, data, language):
    path = url_in(language, "articles:home")
    return open_response(page, path, server_error(RequestFactory().get(path)))


# --- The sweep ------------------------------------------------------------------------------


def privacy_policy():
    """The privacy policy (a page of the `pages` app, linked beside the consent box), when the
    project has that app: headings, a list and a link, as such pages have."""
    if not apps.is_installed("pages"):
        return None
    texts = {
        "title_ar": "سياسة الخصوصية",
        "title_en": "Privacy policy",
        "slug_ar": "سياسة-الخصوصية",
        "slug_en": "privacy-policy",
        "body_ar": (
            "<h2>ما نحفظه</h2><p>الاسم والبريد الإلكتروني،"
            " والبلد ورقم الهاتف إن أعطيتمونا إياهما.</p>"
            "<h2>حقوقكم</h2><ul><li>أن تطّلعوا على بياناتكم</li><li>أن تطلبوا محوها</li></ul>"
            '<p>راسلونا على <a href="mailto:privacy@example.org">privacy@example.org</a>.</p>'
        ),
        "body_en": (
            "<h2>What we keep</h2><p>Your name and email, and your country and phone number if"
            " you give them.</p><h2>Your rights</h2><ul><li>To see your data</li>"
            "<li>To have it erased</li></ul>"
            '<p>Write to <a href="mailto:privacy@example.org">privacy@example.org</a>.</p>'
        ),
    }
    # One page of each kind: the app (or a data migration of its) may have made it already.
    page, _created = apps.get_model("pages", "Page").objects.update_or_create(
        kind="privacy", defaults=texts | {"footer_order": 1, "published": True}
    )
    return page


@pytest.fixture
def data(site, monkeypatch):
    """`site` (articles, authors, a topic), an open campaign with a supporter's confirm and leave
    links, a closed one and one not open yet, and the privacy policy."""
    campaign = make_campaign(
        title_ar="أوقفوا محاكمة الصحفيين أمام المحاكم العسكرية",
        title_en="Stop military trials of journalists",
        body_ar="<p>يمثل الصحفيون أمام محاكم لا تضمن لهم محاكمة عادلة.</p>",
        body_en="<p>Journalists face courts that do not give them a fair trial.</p>",
        goal=5000,
    )
    now = timezone.now()
    closed = make_campaign(featured=False, closes_at=now - timedelta(days=3))
    not_yet_open = make_campaign(featured=False, opens_at=now + timedelta(days=10))
    signup = record_signup(campaign, "supporter@example.org")
    return {
        **site,
        "campaign": campaign,
        "closed": closed,
        "not_yet_open": not_yet_open,
        "confirm_token": make_token(signup, "confirm"),
        "leave_token": make_token(signup, "leave"),
        "privacy_policy": privacy_policy(),
        "monkeypatch": monkeypatch,
    }


def sweep_cases():
    for name, (_visit, _status, languages) in PAGES.items():
        for language in languages:
            for width in WIDTHS:
                yield pytest.param(name, language, width, id=f"{name}-{language}-{width}")


@pytest.mark.parametrize(("kind", "language", "width"), list(sweep_cases()))
def test_public_page_has_no_axe_violations(
    new_context, live_server, data, axe, kind, language, width
):
    visit, status, _languages = PAGES[kind]
    found = []
    for javascript in (False, True):
        context = new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport={"width": width, "height": WIDTHS[width]},
            is_mobile=width < 800,
            has_touch=width < 800,
        )
        page = context.new_page()
        response = visit(page, data, language)
        assert response.status == status, f"{kind}: {unquote(page.url)}"
        settle(page)
        if violations := axe(page, javascript=javascript):
            found.append(
                f"{kind}, {language}, {width} px, JavaScript {'on' if javascript else 'off'}:"
                f" {unquote(page.url)}\n{describe_violations(violations)}"
            )
        # Scripts are progressive enhancement only: the page again with them, if it has any.
        if javascript or not page.locator("script[src]").count():
            break
    assert found == [], "\n\n".join(found)
