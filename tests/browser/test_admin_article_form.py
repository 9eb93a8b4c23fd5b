"""The article form in a browser (Arabic admin, 1280 px): a refused save keeps the photo and marks
the language tab to fix; the focal point is chosen by clicking the photo."""

import pytest
from PIL import Image

from articles.models import Article
from tests.browser.helpers import SCREENSHOTS

ADD_URL = "/admin/articles/article/add/"


@pytest.fixture
def page(new_context, sign_in, live_server, media_in_tmp):
    context = new_context(
        extra_http_headers={"Accept-Language": "ar"}, viewport={"width": 1280, "height": 900}
    )
    sign_in(context)
    page = context.new_page()
    page.errors = []

    def on_console(message):
        # Chromium asks for /favicon.ico once per browser; test_pages checks the icon itself.
        if message.type == "error" and not message.location.get("url", "").endswith("favicon.ico"):
            page.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(live_server.url + ADD_URL)
    page.wait_for_selector(".ui-tabs-nav")
    page.wait_for_selector(".ProseMirror", state="attached")
    return page


def photo(path):
    image = Image.new("RGB", (1200, 800), (40, 110, 150))
    image.paste((220, 180, 60), (0, 0, 300, 200))
    image.save(path, "JPEG")
    return path


def refused_save(page, tmp_path):
    page.fill("#id_title_ar", "المراقبون يطالبون بإعادة فرز الأصوات في دائرتين انتخابيتين")
    page.locator(".prose-editor:has(> #id_body_ar) .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("قدّم المراقبون طلبًا رسميًا لإعادة الفرز.")
    page.set_input_files("#id_hero_image", str(photo(tmp_path / "IMG_0042.jpg")))
    page.fill("#id_hero_credit", "Newsroom")
    page.select_option("#id_status", "published")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote").count() == 1
    assert not Article.objects.exists()


def test_a_refused_save_keeps_the_photo_and_marks_the_tab_to_fix(page, tmp_path):
    refused_save(page, tmp_path)
    # The tab of the Arabic alt text says it holds an error, in words; the field shows it.
    tab = page.locator(".ui-tabs-nav li:has(a[href='#tab_id_hero_alt_ar'])")
    assert "ui-tab-has-errors" in tab.get_attribute("class")
    page.wait_for_selector(".tab-error-text")
    assert tab.locator(".tab-error-text").count() == 1
    assert page.is_visible("#tab_id_hero_alt_ar .errorlist")
    assert page.locator(".ui-tab-has-errors").count() == 1  # only the field at fault
    # The photo is still there, as a thumbnail; the file input says nothing was chosen.
    thumbnail = page.locator(".hero-image-preview__image")
    page.wait_for_function("image => image.complete", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("image => image.naturalWidth") == 1200
    assert page.input_value("#id_kept_image")
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-article-form-refused-ar.png", full_page=True)
    page.locator(".field-hero_image").screenshot(
        path=SCREENSHOTS / "admin-article-form-photo-ar.png"
    )

    # Corrected and saved without choosing the file again.
    page.fill("#id_hero_alt_ar", "مراقبون يراجعون محاضر الفرز")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote").count() == 0
    article = Article.objects.get()
    assert (article.hero_width, article.hero_height) == (1200, 800)
    assert page.errors == []


def test_clicking_the_photo_sets_the_focal_point_and_the_crops_follow(page, tmp_path):
    refused_save(page, tmp_path)
    thumbnail = page.locator(".hero-image-preview__image")
    page.wait_for_function("image => image.complete", arg=thumbnail.element_handle())
    thumbnail.scroll_into_view_if_needed()
    box = thumbnail.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.8)
    assert float(page.input_value("#id_hero_focal_x")) == pytest.approx(0.1, abs=0.02)
    assert float(page.input_value("#id_hero_focal_y")) == pytest.approx(0.8, abs=0.02)
    # The card crop (1200×630 of a 1200×800 photo) can only move down: near the bottom.
    card = page.locator(".hero-crop--card img")
    position = card.evaluate("image => getComputedStyle(image).objectPosition")
    _x, y = (float(value.rstrip("%")) for value in position.split())
    assert y > 90
    marker = page.locator(".hero-focal-marker")
    assert marker.is_visible()

    page.fill("#id_hero_alt_ar", "مراقبون يراجعون محاضر الفرز")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    article = Article.objects.get()
    assert article.hero_focal_x == pytest.approx(0.1, abs=0.02)
    assert article.hero_focal_y == pytest.approx(0.8, abs=0.02)
    # Saved: without JavaScript, the previews are the stored crops of the chosen point.
    html = page.request.get(page.url).text()
    page.locator(".field-hero_image").screenshot(
        path=SCREENSHOTS / "admin-article-form-photo-saved-ar.png"
    )
    assert f"/card-{round(article.hero_focal_x * 100)}-80.jpg" in html
    assert page.errors == []


def test_the_authors_come_right_under_the_title(page):
    order = page.evaluate(
        """() => ["#id_title_ar", "#bylines-group", "#id_summary_ar"].map(
            (selector) => document.querySelector(selector).getBoundingClientRect().top)"""
    )
    assert order == sorted(order)
    assert page.inner_text("#bylines-group h2").strip() == "الكتّاب"
    # The title takes the width of its row, not 20em.
    assert page.eval_on_selector("#id_title_ar", "input => input.offsetWidth") > 500
