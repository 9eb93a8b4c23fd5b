"""An Arabic editor's working day in the real admin, JavaScript on, each step photographed into
the `make screenshots` gallery (screenshots/editor-day/):

morning: she signs in with her second factor, writes a bilingual article with a photo, tries to
publish it without the English alt text (refused: the photo stays, the tab says where to look),
fixes it, previews it and submits it for review;

afternoon: she corrects a live article as a pending change, previews it, shares it with a
reviewer who has no account, reads the difference as text (not tags) and publishes it.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from tests.browser.helpers import Journey, totp_code
from tests.browser.test_editor_journey import (
    ARTICLE,
    PASSWORD,
    editor_user,
    fill_article,
    jpeg_with_gps,
    open_tab,
    watch_errors,
)

ADMIN_ADD = "/admin/articles/article/add/"
CORRECTION = "وأكّدت الهيئة أنها تسلّمت الشكاوى كلها."
CORRECTED_TITLE = "مراقبو الانتخابات يوثقون مخالفات في أربع محافظات"


def admin_path(article, page="change/"):
    return f"/admin/articles/article/{article.pk}/{page}"


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state("networkidle")


@pytest.fixture
def editor_page(new_context, live_server, site, django_user_model):
    editor_user(django_user_model)  # "layla": the Editor role and an authenticator app
    context = new_context(
        extra_http_headers={"Accept-Language": "ar"}, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.errors = watch_errors(page)
    return page


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
