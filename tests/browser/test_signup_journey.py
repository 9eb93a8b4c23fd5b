"""A supporter joins from the Arabic site with JavaScript off, confirms and leaves."""

import re
import time

import pytest
from django.conf import settings
from django.core import mail

from campaigns.forms import MIN_FILL_SECONDS
from campaigns.models import Campaign, Signup
from tests.browser.helpers import describe_violations
from tests.helpers import make_article, make_campaign, record_signup

pytestmark = pytest.mark.django_db(transaction=True)


def link(message, kind):
    return re.search(rf"http://\S+/{kind}/\S+/", message.body).group(0)


def test_supporter_joins_confirms_and_leaves_with_javascript_off(new_context, live_server, axe):
    campaign = make_campaign(goal=10)
    page = new_context(java_script_enabled=False).new_page()

    page.goto(live_server.url + "/ar/")
    page.click("header a.cta")  # the site-wide call to action leads to the featured campaign
    assert page.url.endswith(campaign.url_in("ar"))
    assert page.eval_on_selector(".signup-form", "form => getComputedStyle(form).direction") == (
        "rtl"
    )
    assert axe(page, javascript=False) == []
    page.fill("#id_full_name", "سارة يوسف")
    page.fill("#id_email", "Sara@Example.org")
    page.select_option("#id_country", "JO")
    page.check("#id_consent")
    time.sleep(MIN_FILL_SECONDS + 0.2)  # a person takes a moment; a bot does not
    page.click(".signup-form button[type=submit]")
    # The form is sent to its own place in the page (#sign), which the redirect keeps.
    assert page.url.split("#")[0].endswith("/thanks/")
    assert "شكرًا لانضمامكم." in page.content()

    signup = Signup.objects.get()
    assert (signup.email, signup.country.code, signup.language) == ("sara@example.org", "JO", "ar")
    (message,) = mail.outbox
    confirm_url = link(message, "confirm").replace(settings.SITE_URL, live_server.url)
    page.goto(confirm_url)
    assert Signup.objects.get().confirmed_at is None  # opening the link alone does nothing
    page.click("button[type=submit]")
    assert Signup.objects.get().confirmed_at is not None
    assert Campaign.objects.get().confirmed_count == 1

    page.goto(link(message, "leave").replace(settings.SITE_URL, live_server.url))
    page.click("button[value=erase]")
    assert not Signup.objects.exists()
    assert "مُحيت بياناتكم" in page.content()


def test_the_signup_button_is_in_the_page_font_and_a_phone_number_reads_left_to_right(
    new_context, live_server
):
    campaign = make_campaign()
    page = new_context().new_page()
    page.goto(live_server.url + campaign.url_in("ar"))
    font = "element => [getComputedStyle(element).fontFamily, getComputedStyle(element).fontSize]"
    body_font = page.eval_on_selector("body", font)
    assert page.eval_on_selector(".signup-form button[type=submit]", font) == body_font
    border = page.eval_on_selector(
        ".signup-form button[type=submit]", "button => getComputedStyle(button).borderStyle"
    )
    assert border == "none"  # not the browser's grey bevel
    page.fill("#id_phone", "+20 100 123 4567")
    assert page.eval_on_selector("#id_phone", "input => getComputedStyle(input).direction") == "ltr"


def box(page, selector):
    found = page.locator(selector).bounding_box()
    assert found, f"{selector} is not shown"
    return found


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_desktop_the_form_sits_beside_the_campaign_text(new_context, live_server, language):
    campaign = make_campaign(body_en="<p>Why this matters.</p>" * 8, body_ar="<p>لماذا.</p>" * 8)
    page = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = page.new_page()
    page.goto(live_server.url + campaign.url_in(language))
    story, form = box(page, ".campaign__story"), box(page, ".signup-form")
    # Side by side: no horizontal overlap, and the form beside the text, not under it.
    if language == "ar":  # the story on the right, where Arabic reading starts
        assert form["x"] + form["width"] <= story["x"]
    else:
        assert story["x"] + story["width"] <= form["x"]
    assert form["y"] < story["y"] + story["height"] and story["y"] < form["y"] + form["height"]
    assert box(page, "#sign-heading")["y"] < 800  # in the first screen
    assert not page.locator('a[href="#sign"]').is_visible()  # nothing to jump to


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_phone_a_link_on_the_first_screen_jumps_to_the_form(
    new_context, live_server, language
):
    campaign = make_campaign(body_en="<p>Why this matters.</p>" * 20, body_ar="<p>لماذا.</p>" * 20)
    page = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = page.new_page()
    page.goto(live_server.url + campaign.url_in(language))
    form = box(page, ".signup-form")
    assert form["y"] > 844  # the form itself is further down, after the story
    jump = box(page, 'a[href="#sign"]')
    assert jump["y"] + jump["height"] <= 844  # but the link to it is on the first screen
    page.click('a[href="#sign"]')
    assert page.url.endswith("#sign")
    heading = page.eval_on_selector("#sign-heading", "e => e.getBoundingClientRect().top")
    assert 0 <= heading < 844 / 3, heading  # the form's heading near the top of the screen
    assert page.evaluate("window.scrollY") > 0
    assert page.locator("#id_full_name").is_visible()


def test_after_signing_and_confirming_the_supporter_is_asked_to_share_and_offered_a_next_step(
    new_context, live_server, axe
):
    campaign = make_campaign()
    other = make_campaign(featured=False, title_ar="أطلقوا سراح الصحفيين المحتجزين")
    page = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = page.new_page()
    page.goto(live_server.url + campaign.url_in("ar"))
    page.fill("#id_full_name", "سارة يوسف")
    page.fill("#id_email", "sara@example.org")
    page.check("#id_consent")
    time.sleep(MIN_FILL_SECONDS + 0.2)
    page.click(".signup-form button[type=submit]")

    for step in ("thanks", "confirmed"):
        share = page.locator(".after-signup .share a[href^='https://wa.me/']")
        assert share.is_visible(), step
        assert page.locator("#next-step").is_visible(), step
        violations = axe(page, javascript=False)
        assert violations == [], describe_violations(violations)
        if step == "thanks":
            confirm_url = link(mail.outbox[0], "confirm").replace(
                settings.SITE_URL, live_server.url
            )
            page.goto(confirm_url)
            page.click("button[type=submit]")
            assert "wa.me" in page.content()

    page.click(f"text={other.title_ar}")  # the suggested campaign, a tap away
    assert page.url.endswith(other.url_in("ar"))


def test_with_no_other_campaign_the_thanks_page_offers_the_latest_articles(
    new_context, live_server
):
    campaign = make_campaign()
    article = make_article(title_en="What the observers saw")
    record_signup(campaign, "sara@example.org")
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + campaign.url_in("en") + "thanks/")
    assert page.locator(".share a[href^='https://t.me/']").is_visible()
    page.click("text=What the observers saw")
    assert page.url.endswith(article.url_in("en"))
