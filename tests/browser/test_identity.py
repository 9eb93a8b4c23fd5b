"""The organisation's identity as a reader sees it on a phone and a desktop: the mark beside the
translated name in the header, the footer's pages, Donate and feed links, and the site's own
pages (the privacy policy) laid out and accessible in both directions."""

import pytest

from pages.models import Page
from tests.browser.helpers import describe_violations, settle
from tests.pages.helpers import make_page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NAMES = {"ar": "تحالف من أجل الديمقراطية", "en": "Coalition for Democracy"}


@pytest.fixture
def pages(transactional_db, settings):
    settings.DONATE_URL = "https://example.org/donate"
    return [
        make_page(title_ar="من نحن", title_en="About us", kind=Page.Kind.ABOUT, footer_order=1),
        make_page(
            title_ar="اتصلوا بنا", title_en="Contact", kind=Page.Kind.CONTACT, footer_order=2
        ),
        make_page(
            title_ar="سياسة الخصوصية",
            title_en="Privacy policy",
            summary_ar="ما نجمعه ولماذا.",
            summary_en="What we collect, and why.",
            body_ar="<h2>حين توقّعون حملة</h2><ul><li>اسمكم الكامل</li><li>بلدكم</li></ul>",
            body_en="<h2>When you sign</h2><ul><li>your full name</li><li>your country</li></ul>",
            kind=Page.Kind.PRIVACY,
            footer_order=3,
        ),
    ]


def box(page, selector):
    return page.eval_on_selector(
        selector,
        """element => {
            const r = element.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    width: r.width, height: r.height};
        }""",
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_header_shows_the_mark_at_the_start_of_the_line_beside_the_name(
    new_context, live_server, pages, language, viewport
):
    page = new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}/{language}/")
    settle(page)
    assert page.eval_on_selector(".site-name__logo", "image => image.naturalWidth") > 0
    logo, name = box(page, ".site-name__logo"), box(page, ".site-name__text")
    assert (logo["width"], logo["height"]) == (40, 40)
    assert page.inner_text(".site-name__text") == NAMES[language]
    # Side by side, the mark first in the reading direction: right of the name in Arabic.
    assert logo["top"] < name["bottom"] and name["top"] < logo["bottom"]
    if language == "ar":
        assert logo["left"] >= name["right"]
    else:
        assert logo["right"] <= name["left"]
    # The page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_the_arabic_footer_on_a_phone_links_every_page_donate_and_the_feed(
    new_context, live_server, pages
):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/ar/")
    settle(page)
    links = page.eval_on_selector_all(
        ".site-footer__nav a",
        "links => links.map(link => [link.textContent.trim(), link.getAttribute('href')])",
    )
    assert [text for text, _href in links][:3] == ["من نحن", "اتصلوا بنا", "سياسة الخصوصية"]
    hrefs = [href for _text, href in links]
    assert hrefs[:3] == [pages[0].url_in("ar"), pages[1].url_in("ar"), pages[2].url_in("ar")]
    assert "/ar/feed/" in hrefs
    assert "https://example.org/donate" in hrefs
    # Each a target a thumb can hit, and all of the footer on the screen's width.
    for selector in (".site-footer__nav li a", ".site-footer__donate"):
        heights = page.eval_on_selector_all(
            selector, "links => links.map(link => link.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 24, selector
    footer = box(page, ".site-footer")
    assert footer["left"] >= 0 and footer["right"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.click(".site-footer__nav >> text=سياسة الخصوصية")
    assert page.inner_text("h1") == "سياسة الخصوصية"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_privacy_policy_page_is_accessible_and_reads_in_its_direction(
    new_context, live_server, pages, axe, language, viewport
):
    page = new_context(viewport=viewport).new_page()
    response = page.goto(live_server.url + pages[2].url_in(language))
    assert response.status == 200
    settle(page)
    expected = "rtl" if language == "ar" else "ltr"
    assert page.eval_on_selector(".prose", "el => getComputedStyle(el).direction") == expected
    violations = axe(page)
    assert not violations, describe_violations(violations)
