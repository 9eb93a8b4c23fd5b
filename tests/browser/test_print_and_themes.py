"""What readers' own settings do to the pages: an article printed, the dark colour scheme, and
reduced motion."""

import re

import pytest
from django.utils import translation

from tests.browser.helpers import describe_violations, url_in
from tests.helpers import make_campaign

REPORT = "https://example.org/report"


@pytest.fixture
def pages(site):
    """The site's article with links in its body (one to another site, one within the page), and
    a featured campaign: home, article, campaign and 404 pages in both languages."""
    article = site["elections"]
    for code, words in (("ar", ("التقرير", "الملاحظة")), ("en", ("the report", "the note"))):
        body = getattr(article, f"body_{code}")
        links = f'<p><a href="{REPORT}">{words[0]}</a> <a href="#note">{words[1]}</a></p>'
        setattr(article, f"body_{code}", body + links)
    article.save()
    campaign = make_campaign()
    return {
        language: {
            "home": url_in(language, "articles:home"),
            "article": article.url_in(language),
            "campaign": campaign.url_in(language),
            "404": f"/{language}/no-such-page/",
        }
        for language in ("ar", "en")
    }


def rgb(css_colour):
    return tuple(int(n) for n in re.findall(r"\d+", css_colour)[:3])


def luminance(css_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value) for value in rgb(css_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def computed(page, selector, prop, pseudo=None):
    return page.eval_on_selector(
        selector,
        "(element, [prop, pseudo]) => getComputedStyle(element, pseudo)[prop]",
        [prop, pseudo],
    )


# --- Print -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_printed_article_is_its_text_black_on_white_with_link_addresses_and_its_source(
    new_context, live_server, pages, settings, language
):
    # A reader in the dark scheme prints too: paper is still white, text still black.
    page = new_context(color_scheme="dark").new_page()
    page.goto(live_server.url + pages[language]["article"])
    assert not page.is_visible(".article .print-only")  # on screen, the page says where it is
    page.emulate_media(media="print")

    for clutter in (".site-header", ".site-footer", ".share", ".join-banner", ".skip-link"):
        assert computed(page, clutter, "display") == "none", clutter
    assert computed(page, ".article__body", "color") == "rgb(0, 0, 0)"
    assert computed(page, "html", "backgroundColor") == "rgb(255, 255, 255)"
    assert computed(page, ".article", "maxInlineSize") == "none"  # the page's full width

    report = f'.article__body a[href="{REPORT}"]'
    assert REPORT in computed(page, report, "content", "::after")
    assert computed(page, '.article__body a[href="#note"]', "content", "::after") == "none"

    source = page.inner_text(".article .print-only")
    with translation.override(language):
        assert str(settings.SITE_NAME) in source
    assert f"{settings.SITE_URL}/{language}/articles/" in source


# --- Dark colour scheme ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("kind", ["home", "article", "campaign", "404"])
def test_the_dark_scheme_is_dark_and_every_text_keeps_its_contrast(
    new_context, live_server, pages, axe, language, kind
):
    page = new_context(color_scheme="dark", viewport={"width": 390, "height": 844}).new_page()
    page.goto(live_server.url + pages[language][kind])
    assert luminance(computed(page, "html", "backgroundColor")) < 0.05
    assert luminance(computed(page, "main", "color")) > 0.6
    # Fields with text in them (the campaign's form, the 404's search): their text is checked too.
    for field in page.query_selector_all("input[type=text], input[type=email], input[type=search]"):
        field.fill("Leila")
    violations = [v for v in axe(page) if v["id"] == "color-contrast"]
    assert not violations, describe_violations(violations)


# --- Reduced motion --------------------------------------------------------------------------

# An element with a transition, an animation and smooth scrolling, as any section of the
# stylesheet might give one (set through the CSSOM, which the page's CSP allows).
MOVING = """() => {
  const element = document.createElement("p");
  element.id = "moving";
  element.textContent = "moving";
  element.style.transition = "color 1s";
  element.style.animation = "spin 2s infinite";
  document.querySelector("main").append(element);
  document.documentElement.style.scrollBehavior = "smooth";
}"""


def test_reduced_motion_means_no_transition_animation_or_smooth_scrolling(
    new_context, live_server, pages
):
    page = new_context(reduced_motion="no-preference").new_page()
    page.goto(live_server.url + pages["en"]["article"])
    page.evaluate(MOVING)

    def motion():
        return [
            computed(page, "#moving", "transitionDuration"),
            computed(page, "#moving", "animationName"),
            computed(page, "html", "scrollBehavior"),
        ]

    assert motion() == ["1s", "spin", "smooth"]  # as the element asks, by default
    page.emulate_media(reduced_motion="reduce")
    assert motion() == ["0s", "none", "auto"]
    durations = page.evaluate(
        "() => [...document.querySelectorAll('*')].map(element => {"
        "  const style = getComputedStyle(element);"
        "  return [style.transitionDuration, style.animationName];"
        "})"
    )
    assert {tuple(pair) for pair in durations} == {("0s", "none")}
