"""What only a real browser shows: computed direction, the no-JS reader path, what the pages
fetch, the admin's tabs and editor. axe-core's checks of every public page type are in
test_accessibility.py."""

from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.helpers import url_in

DIRECTIONS = {"ar": "rtl", "en": "ltr"}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ADMIN_ADD = "/admin/articles/article/add/"


def direction(page, selector):
    return page.eval_on_selector(selector, "element => getComputedStyle(element).direction")


def directions(page, selector):
    return page.eval_on_selector_all(
        selector, "elements => elements.map(element => getComputedStyle(element).direction)"
    )


def same_path(url, path):
    return unquote(urlsplit(url).path) == unquote(path)


def settle(page):
    """Wait until lazy images (author photos load near the viewport only) and fonts are in."""
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_load_state("load")


def public_pages(site, language):
    """(name, path) of each kind of public page in `language`."""
    return [
        ("home", url_in(language, "articles:home")),
        ("list", url_in(language, "articles:list")),
        ("article", site["elections"].url_in(language)),
        ("author", site["omar"].url_in(language)),
        ("topic", site["topic"].url_in(language)),
    ]


# --- Direction ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_article_page_is_laid_out_in_its_language_direction(
    new_context, live_server, site, language
):
    expected = DIRECTIONS[language]
    context = new_context()
    page = context.new_page()
    response = page.goto(live_server.url + site["elections"].url_in(language))
    assert response.status == 200

    assert page.eval_on_selector("html", "html => [html.lang, html.dir]") == [language, expected]
    assert page.evaluate("() => getComputedStyle(document.body).direction") == expected
    assert direction(page, ".article__body") == expected
    assert directions(page, ".author-box") == [expected, expected]  # both authors


def test_headlines_have_no_standing_underline_through_arabic_descenders(
    new_context, live_server, site
):
    page = new_context().new_page()
    page.goto(live_server.url + "/ar/")
    decoration = "link => getComputedStyle(link).textDecorationLine"
    assert page.eval_on_selector(".lead__title a", decoration) == "none"
    page.hover(".lead__title a")
    assert page.eval_on_selector(".lead__title a", decoration) == "underline"  # still a link


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_article_cards_have_images(new_context, live_server, site, language, width):
    """Each card shows its article's picture, loaded, above the headline, as wide as the card, in
    the frame its width and height promised; one column on a phone, a grid on a desktop."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(live_server.url + url_in(language, "articles:list"))
    settle(page)
    cards = page.eval_on_selector_all(
        ".cards .card",
        """cards => cards.map(card => {
          const image = card.querySelector(".card__image img");
          const box = element => element.getBoundingClientRect();
          return image && {
            loaded: image.complete && image.naturalWidth > 0,
            imageTop: box(image).top, imageBottom: box(image).bottom,
            titleTop: box(card.querySelector(".card__title")).top,
            imageWidth: box(image).width, imageHeight: box(image).height,
            cardWidth: box(card).width, cardTop: box(card).top,
          };
        })""",
    )
    assert len(cards) == (3 if language == "ar" else 2)  # every article of the site has one
    for card in cards:
        assert card and card["loaded"], card
        assert card["imageBottom"] <= card["titleTop"], card  # the picture heads the card
        assert card["imageWidth"] == pytest.approx(card["cardWidth"], abs=1)
        assert card["imageHeight"] == pytest.approx(card["imageWidth"] * 630 / 1200, abs=1.5)
    tops = [card["cardTop"] for card in cards]
    if width == 390:
        assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one under another
    else:
        assert len(set(tops)) == 1  # side by side


def test_other_language_author_bio_is_marked_and_keeps_its_own_direction(
    new_context, live_server, site
):
    """Omar has no Arabic biography: the Arabic page shows the English one, marked as such."""
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + site["elections"].url_in("ar"))
    omar_box = page.locator(".author-box").filter(has_text="Omar edits the investigations desk.")
    assert omar_box.count() == 1
    assert omar_box.evaluate("box => getComputedStyle(box).direction") == "rtl"
    bio = omar_box.locator(".author-box__bio")
    assert bio.evaluate("bio => [bio.lang, getComputedStyle(bio).direction]") == ["en", "ltr"]


# --- Readers without JavaScript -------------------------------------------------------------


def test_language_switcher_leads_to_the_same_article_without_javascript(
    new_context, live_server, site
):
    article = site["elections"]
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.url_in("ar"))
    title = page.locator("h1.article__title")
    assert title.is_visible()
    assert title.inner_text() == article.title_ar

    switch = page.locator("a.language-switch")
    assert switch.count() == 1
    assert switch.get_attribute("hreflang") == "en"
    with page.expect_navigation():
        switch.click()
    assert same_path(page.url, article.url_in("en")), page.url
    assert page.eval_on_selector("html", "html => [html.lang, html.dir]") == ["en", "ltr"]
    assert page.locator("h1.article__title").inner_text() == article.title_en


def test_language_switcher_on_an_untranslated_article_explains_itself_without_javascript(
    new_context, live_server, site
):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + site["arabic_only"].url_in("ar"))
    assert page.locator("h1.article__title").is_visible()

    with page.expect_navigation():
        page.locator("a.language-switch").click()
    assert urlsplit(page.url).path == "/en/"
    assert urlsplit(page.url).query == "untranslated=1"
    notice = page.locator(".notice")
    assert notice.is_visible()
    assert "not available in this language" in notice.inner_text()


# --- Nothing from another origin ------------------------------------------------------------


def load_every_page(new_context, live_server, site, sign_in):
    """Load each public page in both languages and the admin's article form (JS on, as an
    editor would); return every request made as [(url, status, error text or None)]."""
    public = new_context()
    admin = new_context()
    sign_in(admin)
    requests = {}  # request → HTTP status, or the network error, or None if still pending

    def record(page):
        page.on("request", lambda request: requests.setdefault(request, None))
        page.on("response", lambda response: requests.update({response.request: response.status}))
        page.on("requestfailed", lambda request: requests.update({request: request.failure}))

    paths = [path for language in DIRECTIONS for _name, path in public_pages(site, language)]
    for context, path in [*((public, path) for path in paths), (admin, ADMIN_ADD)]:
        page = context.new_page()
        record(page)
        page.goto(live_server.url + path)
        settle(page)
        page.close()
    return [(request.url, status) for request, status in requests.items()]


def test_pages_load_only_from_this_host_and_nothing_fails(new_context, live_server, site, sign_in):
    """No font, script, image or beacon from a third party (readers may be watched), and no
    broken image, stylesheet, font or script."""
    requests = load_every_page(new_context, live_server, site, sign_in)
    assert any("/media/renditions/articles/" in url for url, _status in requests)  # images
    assert any("/media/renditions/authors/" in url for url, _status in requests)  # lazy too
    assert any("jquery-ui" in url for url, _status in requests)  # and the admin's scripts
    foreign = [
        url
        for url, _status in requests
        if not url.startswith("data:") and urlsplit(url).hostname not in LOCAL_HOSTS
    ]
    assert foreign == [], "requests to another host"
    # A request still pending or aborted when its page closed (Chromium fetches the icon late)
    # is not a failure; an HTTP error or another network error is.
    failed = [
        (url, status)
        for url, status in requests
        if not url.startswith("data:")
        and (
            (isinstance(status, str) and "ERR_ABORTED" not in status)
            or (isinstance(status, int) and status >= 400)
        )
    ]
    assert failed == [], "requests that failed"


# --- Admin ----------------------------------------------------------------------------------


@pytest.fixture
def admin_page(new_context, live_server, transactional_db, sign_in, request):
    """The article add form, signed in, in the admin UI language the test passes (indirect)."""
    ui_language = request.param
    context = new_context(extra_http_headers={"Accept-Language": ui_language})
    sign_in(context)
    page = context.new_page()
    page.errors = []  # console errors and uncaught exceptions, for the test to check

    def on_console(message):
        # Chromium asks for /favicon.ico once per browser, not per page, so whether that 404
        # shows here depends on test order: test_page_declares_its_icon checks it every time.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            page.errors.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.errors.append(f"page error: {error}"))
    response = page.goto(live_server.url + ADMIN_ADD)
    assert response.status == 200
    page.wait_for_selector(".ui-tabs-nav")
    page.wait_for_selector(".ProseMirror", state="attached")
    return page


def tab_group(page, field):
    """The jQuery UI tabs modeltranslation made for one translated field."""
    return page.locator(".ui-tabs").filter(has=page.locator(f"#id_{field}_ar"))


@pytest.mark.parametrize("admin_page", ["en", "ar"], indirect=True)
def test_admin_translation_tabs_put_arabic_first(admin_page):
    page = admin_page
    ui_language = page.eval_on_selector("html", "html => html.lang")
    assert (
        page.evaluate("() => getComputedStyle(document.body).direction") == DIRECTIONS[ui_language]
    )
    for field in ("title", "slug", "summary", "body", "hero_alt", "hero_caption"):
        tabs = tab_group(page, field).locator(".ui-tabs-nav > li > a")
        assert tabs.all_text_contents() == ["ar", "en"], field  # shown in capitals by CSS
        assert tabs.first.get_attribute("title") in {"Arabic", "العربية"}, field
        assert tabs.nth(1).get_attribute("title") in {"English", "الإنجليزية"}, field


@pytest.mark.parametrize("admin_page", ["en", "ar"], indirect=True)
def test_admin_fields_are_typed_in_their_language_direction(admin_page):
    page = admin_page
    for field in ("title", "summary", "hero_alt", "hero_caption", "body"):
        for language, expected in DIRECTIONS.items():
            assert direction(page, f"#id_{field}_{language}") == expected, (field, language)
    # The prose editor's editable area is not inside its textarea: static/css/admin.css gives it
    # the direction of the language it edits, whatever the admin's own direction.
    for language, expected in DIRECTIONS.items():
        editable = f".prose-editor:has(> #id_body_{language}) .ProseMirror"
        assert directions(page, editable) not in ([], None), language
        assert set(directions(page, editable)) == {expected}, language


@pytest.mark.parametrize("admin_page", ["en"], indirect=True)
def test_admin_article_form_works_without_script_errors(admin_page):
    page = admin_page
    # Open the Arabic body tab and type into its editor, as an editor would.
    tab_group(page, "body").locator(".ui-tabs-nav a[href$='_ar']").click()
    editor = page.locator(".prose-editor:has(> #id_body_ar) .ProseMirror[contenteditable=true]")
    assert editor.is_visible()
    editor.click()
    page.keyboard.type("نص تجريبي")
    assert "نص تجريبي" in editor.inner_text()
    tab_group(page, "title").locator(".ui-tabs-nav a[href$='_ar']").click()
    page.fill("#id_title_ar", "عنوان تجريبي")
    page.wait_for_load_state("networkidle")  # late errors too (a missing icon, a lazy script)
    assert page.errors == []


@pytest.mark.parametrize("where", ["public", "admin"])
def test_page_declares_its_icon(new_context, live_server, site, sign_in, where):
    """Without <link rel="icon">, every browser asks for /favicon.ico: a 404 in the console and
    in the server log."""
    context = new_context()
    sign_in(context)
    page = context.new_page()
    page.goto(live_server.url + (url_in("ar", "articles:home") if where == "public" else ADMIN_ADD))
    icon = page.evaluate("() => document.querySelector('link[rel~=icon]')?.href")
    assert icon, "no <link rel=icon>"
    assert page.request.get(icon).status == 200
