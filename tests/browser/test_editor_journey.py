"""An editor's whole journey through the real admin, in Arabic, with JavaScript on: log in, write
an article in both languages with a photo, save a draft, preview it, publish it; then a reader
sees it. And the photo as stored keeps nothing of where it was taken.

Then an Arabic editor's working day, each step photographed into the `make screenshots` gallery
(screenshots/editor-day/): morning, she signs in with her second factor, writes a bilingual
article with a photo, tries to publish it without the English alt text (refused: the photo stays,
the tab says where to look), fixes it, previews it and submits it for review; afternoon, she
corrects a live article as a pending change, previews it, shares it with a reviewer who has no
account, reads the difference as text (not tags) and publishes it."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import ExifTags, Image

from articles.models import Article
from tests.browser.helpers import Journey, totp_code
from tests.helpers import make_author

ADMIN_ADD = "/admin/articles/article/add/"
PASSWORD = "pw-editor-journey-1"
SCREENSHOT = Path(settings.BASE_DIR) / "screenshots" / "admin-article-ar.png"
GPS_IFD = ExifTags.IFD.GPSInfo  # 0x8825

ARTICLE = {
    "title": {
        "ar": "المراقبون يطالبون بإعادة فرز الأصوات في دائرتين",
        "en": "Observers call for a recount in two districts",
    },
    "summary": {
        "ar": "طلب رسمي إلى الهيئة المستقلة للانتخابات.",
        "en": "A formal request to the independent election commission.",
    },
    "body": {
        "ar": [
            "قدّم المراقبون طلبًا رسميًا لإعادة فرز الأصوات بعد رصد فروق في المحاضر.",
            "وقالت الهيئة إنها ستدرس الطلب خلال أسبوع.",
        ],
        "en": [
            "Observers filed a formal request for a recount after finding gaps in the tallies.",
            "The commission said it would consider the request within a week.",
        ],
    },
    "hero_alt": {
        "ar": "مراقبون يراجعون محاضر الفرز",
        "en": "Observers reviewing tally sheets",
    },
}
CREDIT = "Newsroom / Handout"
DIRECTIONS = {"ar": "rtl", "en": "ltr"}


# --- Test data ------------------------------------------------------------------------------


def jpeg_with_gps(path, size=(1600, 900)):
    """A real photo-sized JPEG whose EXIF says where it was taken, as a phone's would."""
    image = Image.new("RGB", size, (40, 110, 150))
    image.paste((220, 180, 60), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (33.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (36.0, 17.0, 44.0)
    image.save(path, "JPEG", exif=exif, quality=90)
    with Image.open(path) as written:
        assert written.getexif().get_ifd(GPS_IFD)  # the test file really carries GPS
    return path


def editor_user(django_user_model):
    """A staff member in the "Editor" role, not a superuser: the role alone must be enough.
    (The flush between transactional tests ends in post_migrate, which applies the roles again.)"""
    group = Group.objects.get(name="Editor")
    user = django_user_model.objects.create_user(
        "layla", "layla@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(group)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)  # her second factor
    return user


# --- Driving the admin ----------------------------------------------------------------------


def watch_errors(page):
    """Collect console errors and uncaught exceptions on `page` into the returned list."""
    errors = []

    def on_console(message):
        # Chromium asks for /favicon.ico once per browser; test_pages checks the icon itself.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    return errors


def log_in(page, base_url, username, next_path=ADMIN_ADD):
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form [type=submit]")
    # The second step: the code her authenticator app shows.
    assert urlsplit(page.url).path == "/admin/two-factor/", "no second factor was asked for"
    page.fill("#id_code", totp_code(TOTPDevice.objects.get(user__username=username)))
    with page.expect_navigation():
        page.click("#login-form [type=submit]")
    assert page.url == base_url + next_path, "the login form did not let the editor in"


def open_tab(page, field, language):
    """Click the language tab modeltranslation made for a translated field."""
    page.click(f".ui-tabs-nav a[href='#tab_id_{field}_{language}']")
    assert page.is_visible(f"#tab_id_{field}_{language}")


def fill_translated(page, field, language, text):
    open_tab(page, field, language)
    page.fill(f"#id_{field}_{language}", text)


def fill_body(page, language, paragraphs):
    """Type into the prose editor (ProseMirror) as an editor would: one paragraph per Enter."""
    open_tab(page, "body", language)
    editable = ".ProseMirror[contenteditable=true]"  # the outer .ProseMirror holds the toolbar
    editor = page.locator(f".prose-editor:has(> #id_body_{language}) {editable}")
    editor.click()
    for number, paragraph in enumerate(paragraphs):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)
    assert editor.evaluate("element => getComputedStyle(element).direction") == DIRECTIONS[language]
    for paragraph in paragraphs:
        assert paragraph in editor.inner_text()


def choose_author(page, name):
    """Pick the byline's author through its select2 autocomplete, by typing part of the name."""
    page.click("#bylines-0 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", name.split()[0])
    page.click(f".select2-results__option:has-text('{name}')")
    assert page.inner_text("#select2-id_bylines-0-author-container").strip().endswith(name)


def fill_article(page, image_path, author_name):
    for language in ("ar", "en"):
        for field in ("title", "summary"):
            fill_translated(page, field, language, ARTICLE[field][language])
        fill_body(page, language, ARTICLE["body"][language])
    page.set_input_files("#id_hero_image", str(image_path))
    for language in ("ar", "en"):
        fill_translated(page, "hero_alt", language, ARTICLE["hero_alt"][language])
    page.fill("#id_hero_credit", CREDIT)
    choose_author(page, author_name)
    for field in ("title", "summary", "body", "hero_alt"):  # show the Arabic side again
        open_tab(page, field, "ar")


def save_and_continue(page):
    with page.expect_navigation():
        page.click("input[name=_continue]")
    errors = page.locator(".errornote, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.locator(".messagelist .success").count() == 1


def create_article_through_admin(page, live_server, tmp_path, author_name):
    """Log in through the login form as the editor and fill the whole add form (unsaved)."""
    log_in(page, live_server.url, "layla")
    page.wait_for_selector(".ui-tabs-nav")
    page.wait_for_selector(".ProseMirror", state="attached")
    fill_article(page, jpeg_with_gps(tmp_path / "IMG_20240512_103355.jpg"), author_name)
    return page


# --- Tests ----------------------------------------------------------------------------------


@pytest.fixture
def editor_page(new_context, live_server, transactional_db, django_user_model):
    """A page in an Arabic-speaking editor's browser; `page.errors` collects script errors."""
    editor_user(django_user_model)
    context = new_context(
        extra_http_headers={"Accept-Language": "ar"}, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.errors = watch_errors(page)
    return page


@pytest.fixture
def author(transactional_db):
    return make_author(name_ar="سلمى الكردي", name_en="Salma Al-Kurdi", slug="salma-al-kurdi")


def test_editor_writes_previews_and_publishes_a_bilingual_article(
    editor_page, live_server, tmp_path, new_context, author
):
    page = create_article_through_admin(editor_page, live_server, tmp_path, author.name_ar)
    assert page.eval_on_selector("html", "html => [html.lang, html.dir]") == ["ar", "rtl"]
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT, full_page=True)

    # Saved as a draft: nothing public yet, nothing lost.
    save_and_continue(page)
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by.username == "layla"
    assert [byline.author for byline in article.bylines.all()] == [author]
    assert article.available_languages == ["ar", "en"]
    assert (article.hero_width, article.hero_height) == (1600, 900)
    assert [problem.message for problem in article.publishing_problems()] == []
    assert new_context().new_page().goto(live_server.url + article.url_in("ar")).status == 404

    # Preview each language from the "Pages" row: the draft as it will look, never indexed.
    change_url = page.url
    previews = page.locator(".field-pages a[href*='/preview/']")
    assert previews.count() == 2
    for index, language in enumerate(("ar", "en")):
        link = previews.nth(index)
        assert link.get_attribute("href").endswith(f"/preview/{language}/")
        with page.expect_navigation() as navigation:
            link.click()
        assert "noindex" in navigation.value.headers["x-robots-tag"]
        assert page.inner_text("h1.article__title") == ARTICLE["title"][language]
        assert page.eval_on_selector("html", "html => html.dir") == DIRECTIONS[language]
        assert "noindex" in page.get_attribute("meta[name=robots]", "content")
        page.go_back()
        assert page.url == change_url

    # Publish.
    page.select_option("#id_status", "published")
    save_and_continue(page)
    assert page.locator(".publishing-check--blocking").count() == 0
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert Article.objects.live().filter(pk=article.pk).exists()
    page.wait_for_load_state("networkidle")  # late errors too
    assert page.errors == []

    # A reader, signed out, sees it in both languages.
    reader = new_context().new_page()
    for language in ("ar", "en"):
        response = reader.goto(live_server.url + article.url_in(language))
        assert response.status == 200
        assert reader.eval_on_selector("html", "html => [html.lang, html.dir]") == [
            language,
            DIRECTIONS[language],
        ]
        assert reader.inner_text("h1.article__title") == ARTICLE["title"][language]
        body = reader.inner_text(".article__body")
        for paragraph in ARTICLE["body"][language]:
            assert paragraph in body
        assert reader.locator(".article__body p").count() == 2
        assert reader.locator("meta[name=robots]").count() == 0
        assert author.in_language("name", language) in reader.inner_text(".byline")
        hero = reader.locator(".article__hero img")
        assert hero.get_attribute("alt") == ARTICLE["hero_alt"][language]
        hero.scroll_into_view_if_needed()
        reader.wait_for_function("image => image.complete", arg=hero.element_handle())
        assert hero.evaluate("image => image.naturalWidth") > 0
        assert CREDIT in reader.inner_text(".article__hero figcaption")


def test_uploaded_photo_is_stored_without_its_location(editor_page, live_server, tmp_path, author):
    page = create_article_through_admin(editor_page, live_server, tmp_path, author.name_ar)
    save_and_continue(page)
    stored = Article.objects.get().hero_image
    assert "IMG_20240512" not in stored.name  # the uploader's file name is not kept either
    with stored.open("rb") as file, Image.open(file) as image:
        exif = image.getexif()
        assert GPS_IFD not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert len(exif) == 0, dict(exif)


# --- An Arabic editor's day -----------------------------------------------------------------

CORRECTION = "وأكّدت الهيئة أنها تسلّمت الشكاوى كلها."
CORRECTED_TITLE = "مراقبو الانتخابات يوثقون مخالفات في أربع محافظات"


def admin_path(article, page="change/"):
    return f"/admin/articles/article/{article.pk}/{page}"


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state("networkidle")


def test_an_arabic_editors_day(editor_page, live_server, site, tmp_path, new_context):
    page, base = editor_page, live_server.url
    day = Journey("editor-day", "An Arabic editor's day in the admin (1280 px, JavaScript on)")
    author = site["rana"]
    live = site["elections"]
    live.hero_credit = "Newsroom"  # as a colleague published it: every check passed
    live.save()
    live.record_revision(None)  # revision 1

    # --- Morning: sign in with the second factor ---------------------------------------------
    page.goto(f"{base}/admin/login/?next={ADMIN_ADD}")
    page.fill("#id_username", "layla")
    page.fill("#id_password", PASSWORD)
    click_and_wait(page, "#login-form [type=submit]")
    assert urlsplit(page.url).path == "/admin/two-factor/", "no second factor was asked for"
    assert page.eval_on_selector("html", "html => [html.lang, html.dir]") == ["ar", "rtl"]
    day.step(page, "Sign-in, second step: the code from her authenticator app")
    page.fill("#id_code", totp_code(TOTPDevice.objects.get(user__username="layla")))
    click_and_wait(page, "#login-form [type=submit]")
    assert urlsplit(page.url).path == ADMIN_ADD

    # --- A bilingual article with a photo; publishing without the English alt text is refused -
    page.wait_for_selector(".ProseMirror", state="attached")
    fill_article(page, jpeg_with_gps(tmp_path / "IMG_20240512_103355.jpg"), author.name_ar)
    open_tab(page, "hero_alt", "en")
    page.fill("#id_hero_alt_en", "")
    open_tab(page, "hero_alt", "ar")
    page.select_option("#id_status", "published")
    click_and_wait(page, "input[name=_continue]")
    assert page.locator(".errornote").count() == 1
    assert not Article.objects.filter(title_en=ARTICLE["title"]["en"]).exists()
    tab = page.locator(".ui-tabs-nav li:has(a[href='#tab_id_hero_alt_en'])")
    assert "ui-tab-has-errors" in tab.get_attribute("class")
    assert tab.locator(".tab-error-text").inner_text().strip() == "(خطأ)"
    thumbnail = page.locator(".hero-image-preview__image")
    page.wait_for_function("image => image.complete", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("image => image.naturalWidth") == 1600  # the photo is still here
    day.step(page, "A refused save: the photo is kept, the English alt text's tab says “(خطأ)”")

    # Fixed, and sent for review rather than published: without choosing the photo again.
    open_tab(page, "hero_alt", "en")
    page.fill("#id_hero_alt_en", ARTICLE["hero_alt"]["en"])
    page.select_option("#id_status", "review")
    click_and_wait(page, "input[name=_continue]")
    assert page.locator(".errornote, .errorlist").count() == 0
    article = Article.objects.get(title_en=ARTICLE["title"]["en"])
    assert article.status == Article.Status.REVIEW
    assert (article.hero_width, article.hero_height) == (1600, 900)
    assert [byline.author for byline in article.bylines.all()] == [author]
    day.step(page, "Saved and submitted for review, the kept photo included")

    page.click(".field-pages a[href$='/preview/ar/']")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1.article__title") == ARTICLE["title"]["ar"]
    assert page.locator(".preview-notice").count() == 1
    day.step(page, "Her article's preview in Arabic: not published, never indexed")

    # --- Afternoon: a correction to a live article, held as a pending change ------------------
    page.goto(base + admin_path(live))
    open_tab(page, "title", "ar")
    page.fill("#id_title_ar", CORRECTED_TITLE)
    open_tab(page, "body", "ar")
    first = page.locator(".prose-editor:has(> #id_body_ar) .ProseMirror[contenteditable=true] p")
    first.first.click()
    page.keyboard.press("End")
    page.keyboard.type(" " + CORRECTION)
    assert page.input_value("input[name=_save]") == "انشر التعديل"
    assert page.input_value("input[name=_save_pending]") == "احفظه تعديلًا معلّقًا"
    page.locator(".submit-row").scroll_into_view_if_needed()
    day.step(page, "A live article corrected: publish the change now, or keep it pending")
    click_and_wait(page, "input[name=_save_pending]")
    assert page.locator(".errornote").count() == 0, page.inner_text("#content")
    assert urlsplit(page.url).path == admin_path(live, "revisions/")
    live.refresh_from_db()
    assert live.title_ar != CORRECTED_TITLE and live.version == 1  # readers see it as it was
    assert page.locator(".revision-event--pending").count() == 1
    day.step(page, "The pending change, with its previews, a share link and “publish”")

    page.click(f"a[href='{admin_path(live, 'revisions/2/preview/ar/')}']")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1.article__title") == CORRECTED_TITLE
    assert CORRECTION in page.inner_text(".article__body")
    assert "النسخة 2" in page.inner_text(".preview-notice")
    day.step(page, "The pending change previewed as readers will see it")
    page.go_back()

    # A reviewer without an account reads the change through a share link.
    click_and_wait(page, ".revision-pending-actions button:has-text('رابط مشاركة')")
    share = page.locator(".revision-pending-actions a[href*='/preview/']").first
    reviewer = new_context().new_page()
    reviewer.goto(base + share.get_attribute("href"))
    assert reviewer.inner_text("h1.article__title") == CORRECTED_TITLE
    assert Client().get(live.url_in("ar")).content.decode().count(CORRECTED_TITLE) == 0

    # The difference as text, in Arabic's direction: no tags.
    click_and_wait(page, f"a[href='{admin_path(live, 'revisions/1/2/')}']")
    text = page.inner_text(".revision-text[lang=ar]")
    assert "<p>" not in text and "p/>" not in text and "<" not in text
    assert CORRECTION.split()[0] in page.inner_text(".revision-text[lang=ar] ins")
    direction = page.eval_on_selector(
        ".revision-text[lang=ar]", "e => getComputedStyle(e).direction"
    )
    assert direction == "rtl"
    day.step(page, "What changed, as text: added words underlined, removed ones struck through")

    # Published: readers now see the correction.
    click_and_wait(page, "button:has-text('انشر التعديل 2')")
    assert urlsplit(page.url).path == admin_path(live)
    assert "طُبّق التعديل 2" in page.inner_text(".messagelist")
    live.refresh_from_db()
    assert (live.title_ar, live.version) == (CORRECTED_TITLE, 3)
    reader = new_context().new_page()
    reader.goto(base + live.url_in("ar"))
    assert reader.inner_text("h1.article__title") == CORRECTED_TITLE
    assert CORRECTION in reader.inner_text(".article__body")
    day.step(page, "The change published: the article's form says so")
    assert page.errors == []
