"""A supporter joins from the Arabic site with JavaScript off, confirms and leaves."""

import re
import time

import pytest
from django.conf import settings
from django.core import mail

from campaigns.forms import MIN_FILL_SECONDS
from campaigns.models import Campaign, Signup
from tests.helpers import make_campaign

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
    assert page.url.endswith("/thanks/")
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
