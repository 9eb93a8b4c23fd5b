"""The admin in one language at a time: the rich-text editor's menu speaks the admin's language,
and the language switch beside the form's title shows the language the fields' tabs show."""

import re

import pytest

from tests.browser.helpers import SCREENSHOTS, watched_page

ADMIN_ADD = "/admin/articles/article/add/"
TRANSLATED_FIELDS = ("title", "slug", "summary", "body", "hero_alt", "hero_caption")
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")

# Every word the menu shows: the dropdown's options, and the buttons' tooltips and accessible names
# (the dropdown's own button shows a copy of the chosen item's).
MENU_LABELS = """menubar => [
  ...[...menubar.querySelectorAll(".prose-menubar__option")].map(option => option.textContent),
  ...[...menubar.querySelectorAll("[title]")].map(element => element.title),
  ...[...menubar.querySelectorAll("[aria-label]")].map(element => element.ariaLabel),
].filter(Boolean)"""


@pytest.fixture
def article_form(new_context, live_server, sign_in):
    """`article_form(language)`: the article add form of a signed-in editor (both factors), in
    that admin language, once the tabs and the editors are built."""

    def open_form(language, **options):
        context = new_context(extra_http_headers={"Accept-Language": language}, **options)
        sign_in(context)
        page = watched_page(context)
        assert page.goto(live_server.url + ADMIN_ADD).status == 200
        page.wait_for_selector("#modeltranslation-main-switch")
        page.wait_for_selector(".prose-editor:has(> #id_body_ar) .prose-menubar", state="attached")
        return page

    return open_form


def menubar(page, language):
    return page.locator(f".prose-editor:has(> #id_body_{language}) .prose-menubar")


def open_block_menu(page, language):
    """Click the body's block-type dropdown open; returns its options."""
    page.locator(f".ui-tabs-nav a[href='#tab_id_body_{language}']").click()
    menubar(page, language).evaluate("menubar => menubar.scrollIntoView({block: 'center'})")
    menubar(page, language).locator(".prose-menubar__selected").click()
    options = menubar(page, language).locator(".prose-menubar__picker")
    options.wait_for(state="visible")
    return options


def test_the_editors_menu_is_in_arabic_in_the_arabic_admin(article_form):
    page = article_form("ar", viewport={"width": 1280, "height": 900})
    for language in ("ar", "en"):  # the admin's language, whichever field's language
        labels = menubar(page, language).evaluate(MENU_LABELS)
        assert len(labels) >= 13, labels
        assert [label for label in labels if LATIN.search(label)] == [], language
        assert all(ARABIC.search(label) for label in labels), labels
    # They are what Django's catalogue says for the library's English words, not words of ours.
    expected = page.evaluate(
        """() => ["Heading 2", "Heading 3", "Heading 4", "Paragraph"].map(gettext)"""
    )
    options = open_block_menu(page, "ar")
    assert options.locator(".prose-menubar__option").all_inner_texts() == expected
    bold = menubar(page, "ar").locator("[data-name='bold']")
    assert bold.get_attribute("title") == page.evaluate("() => gettext('bold')")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-article-ar-editor-menu.png")
    # The chosen block's button shows the same word as its option.
    options.locator(".prose-menubar__option").nth(0).click()
    chosen = menubar(page, "ar").locator(".prose-menubar__selected [title]")
    assert chosen.get_attribute("title") == expected[0]
    assert page.problems == []


def test_the_editors_menu_stays_english_in_the_english_admin(article_form):
    page = article_form("en")
    options = open_block_menu(page, "ar")
    texts = options.locator(".prose-menubar__option").all_inner_texts()
    assert texts == ["Heading 2", "Heading 3", "Heading 4", "Paragraph"]
    assert menubar(page, "ar").locator("[data-name='bold']").get_attribute("title") == "bold"
    assert page.problems == []


def active_tabs(page):
    """The language each translated field's tabs show, by field."""
    return {
        field: page.locator(
            f".ui-tabs:has(#id_{field}_ar) > .ui-tabs-nav > li.ui-tabs-active > a"
        ).text_content()  # not inner_text(): CSS shows it in capitals
        for field in TRANSLATED_FIELDS
    }


def switch_shows(page):
    """What the language switch shows: its chosen option's text, "" when none is."""
    return page.eval_on_selector(
        "#modeltranslation-main-switch",
        "select => select.selectedIndex < 0 ? '' : select.options[select.selectedIndex].text",
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_language_switch_shows_what_the_tabs_show(article_form, language):
    page = article_form(language)
    # Each admin opens the fields on its own language's tab, and the switch says so.
    assert set(active_tabs(page).values()) == {language}
    assert switch_shows(page) == language
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"admin-article-{language}-language-switch.png")
    assert page.get_attribute("#modeltranslation-main-switch", "aria-label") == page.evaluate(
        "() => gettext('Language of the translated fields')"
    )
    # One field moved to the other language: the fields differ, and the switch claims neither.
    other = {"ar": "en", "en": "ar"}[language]
    page.click(f".ui-tabs:has(#id_title_ar) .ui-tabs-nav a[href='#tab_id_title_{other}']")
    assert active_tabs(page)["title"] == other
    assert switch_shows(page) == ""
    # Choosing from the switch moves every field, and it shows that language.
    page.select_option("#modeltranslation-main-switch", label=other)
    assert set(active_tabs(page).values()) == {other}, active_tabs(page)
    assert switch_shows(page) == other
    # Back on one field's tab of the first language, then on all the others: agreed again.
    for field in TRANSLATED_FIELDS:
        assert switch_shows(page) == (other if field == TRANSLATED_FIELDS[0] else "")
        tabs = page.locator(f".ui-tabs:has(#id_{field}_ar) > .ui-tabs-nav")
        tabs.locator(f"a[href='#tab_id_{field}_{language}']").click()
    assert set(active_tabs(page).values()) == {language}
    assert switch_shows(page) == language
    assert page.problems == []
