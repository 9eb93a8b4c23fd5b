"""The confirmation email as its reader gets it: from the organisation, in their language and
direction first, saying why it came and where its button leads, and fetching nothing."""

import email
import re
from collections import defaultdict
from email import policy
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from campaigns.models import Signup
from tests.helpers import make_campaign, signup_data

pytestmark = pytest.mark.django_db

SITE_NAME = {"ar": "تحالف من أجل الديمقراطية", "en": "Coalition for Democracy"}
BUTTON = {"ar": "تأكيد توقيعي", "en": "Confirm my signature"}


@pytest.fixture
def campaign():
    return make_campaign(title_ar="أطلقوا سراح المعتقلين", title_en="Free the detainees")


class ReadEmail(HTMLParser):
    """The HTML version as a mail client reads it: every element with its attributes, the text in
    each language (by the nearest `lang`), and each link with its text and whether it sits in a
    coloured cell (a button)."""

    VOID = {"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, html):
        super().__init__()
        self.open, self.elements, self.links = [], [], []
        self.text = defaultdict(str)
        self.feed(html)

    def lang(self):
        return next((attrs["lang"] for _tag, attrs in reversed(self.open) if "lang" in attrs), "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "a":
            button = any("bgcolor" in a for t, a in self.open if t == "td")
            self.links.append({"href": attrs.get("href"), "text": "", "button": button})
        if tag not in self.VOID:
            self.open.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        self.text[self.lang()] += data
        if any(tag == "a" for tag, _attrs in self.open):
            self.links[-1]["text"] += data

    def part(self, language):
        return " ".join(self.text[language].split())


def html_of(message):
    (alternative,) = message.alternatives
    assert alternative.mimetype == "text/html"
    return ReadEmail(alternative.content)


def links_in(message):
    """Confirm and leave links of the text version, each language's in turn."""
    return re.findall(r"http://\S+/(?:confirm|leave)/\S+/", message.body)


def day_of(signup):
    day = timezone.localdate(signup.updated_at, timezone.get_default_timezone())
    return f"{day.day} {day:%B} {day.year}"


def sign(client, campaign, language="ar", **details):
    """Sign up on the page in `language`, asking for emails in it; the email sent."""
    client.post(campaign.url_in(language), signup_data(language=language, **details))
    return mail.outbox[-1]


def sign_again_when_confirmed(client, campaign, language="ar"):
    """The pending variant: an address confirmed, then signed again with other details."""
    first = sign(client, campaign, language)
    client.post(links_in(first)[0].removeprefix(settings.SITE_URL))
    return sign(client, campaign, language, full_name="Mallory")


def test_the_email_comes_as_html_and_as_text_and_each_says_who_sends_it_and_why(client, campaign):
    message = sign(client, campaign, "en")
    signup = Signup.objects.get()
    reason = (
        f"On {day_of(signup)}, someone, probably you, used this address on localhost:8000 "
        "to join “Free the detainees”."
    )
    html = html_of(message)
    for text in (html.part("en"), " ".join(message.body.split())):
        assert SITE_NAME["en"] in text
        assert reason in text
        assert "If it was not you, do nothing" in text
        assert "We never ask for a password or payment details by email." in text
    assert f"{settings.SITE_URL}/en/" in message.body.split()  # the site's address, in full
    assert SITE_NAME["ar"] in html.part("ar")  # and the Arabic part after it, as Arabic


def test_an_arabic_supporters_email_is_arabic_and_right_to_left_first_then_english(
    client, campaign
):
    message = sign(client, campaign, "ar")
    html = html_of(message)
    marked = [(attrs["lang"], attrs.get("dir")) for _tag, attrs in html.elements if "lang" in attrs]
    assert marked == [("ar", "rtl"), ("ar", "rtl"), ("en", "ltr")]  # <html>, then each part
    assert SITE_NAME["ar"] in html.part("ar") and SITE_NAME["en"] not in html.part("ar")
    assert "أكّدوا توقيعكم" in html.part("ar") and BUTTON["ar"] in html.part("ar")
    assert "Confirm your signature" in html.part("en")
    assert message.body.index(SITE_NAME["ar"]) < message.body.index(SITE_NAME["en"])
    # Needs the new Arabic strings (locale/ar): the reason, with the site and the day.
    assert "على موقع localhost:8000 للانضمام إلى «أطلقوا سراح المعتقلين»" in html.part("ar")


def test_an_english_supporters_email_is_english_and_left_to_right_first(client, campaign):
    html = html_of(sign(client, campaign, "en"))
    marked = [(attrs["lang"], attrs.get("dir")) for _tag, attrs in html.elements if "lang" in attrs]
    assert marked == [("en", "ltr"), ("en", "ltr"), ("ar", "rtl")]


def test_the_button_leads_to_the_confirm_page_whose_address_is_written_out_below_it(
    client, campaign
):
    message = sign(client, campaign, "ar")
    confirm_ar, leave_ar, confirm_en, leave_en = links_in(message)
    links = html_of(message).links
    buttons = [(link["href"], link["text"].strip()) for link in links if link["button"]]
    assert buttons == [(confirm_ar, BUTTON["ar"]), (confirm_en, BUTTON["en"])]
    written_out = [link["href"] for link in links if link["text"].strip() == link["href"]]
    assert written_out == [confirm_ar, confirm_en]
    hrefs = [link["href"] for link in links]
    assert leave_ar in hrefs and leave_en in hrefs


def test_the_html_loads_nothing_and_links_only_to_the_site(client, campaign):
    html = html_of(sign(client, campaign, "ar"))
    fetching = {"img", "link", "script", "style", "iframe", "object", "embed", "video", "audio"}
    assert not [tag for tag, _attrs in html.elements if tag in fetching]
    for tag, attrs in html.elements:
        assert not {"src", "srcset", "background", "poster"} & attrs.keys(), tag
        assert "url(" not in attrs.get("style", "") and "@import" not in attrs.get("style", "")
    hrefs = {link["href"] for link in html.links}
    assert all(href.startswith(f"{settings.SITE_URL}/") for href in hrefs), hrefs
    assert {f"{settings.SITE_URL}/ar/", f"{settings.SITE_URL}/en/"} <= hrefs  # the footer's


def sender_of(message):
    raw = message.message().as_bytes()
    header = re.search(rb"^From: (.*(?:\r?\n[ \t].*)*)", raw, re.MULTILINE).group(1)
    (address,) = email.message_from_bytes(raw, policy=policy.default)["From"].addresses
    return header, address


def test_the_sender_is_the_organisation_by_name_in_the_supporters_language(client, campaign):
    _header, address = sender_of(sign(client, campaign, "ar"))
    assert (address.display_name, address.addr_spec) == (SITE_NAME["ar"], "no-reply@localhost")
    _header, address = sender_of(sign(client, campaign, "en", email="sam@example.org"))
    assert (address.display_name, address.addr_spec) == (SITE_NAME["en"], "no-reply@localhost")


def test_a_configured_sender_name_in_arabic_with_punctuation_is_encoded_and_reads_back(
    client, campaign, settings
):
    settings.EMAIL_FROM_NAME = 'حملة «الحرية»، "الآن", معًا'
    settings.DEFAULT_FROM_EMAIL = "Someone Else <campaigns@exämple.org>"
    header, address = sender_of(sign(client, campaign, "en"))
    assert header.isascii() and b"=?utf-8?" in header  # RFC 2047, not raw UTF-8 in a header
    assert address.display_name == 'حملة «الحرية»، "الآن", معًا'
    assert address.addr_spec == "campaigns@xn--exmple-cua.org"
    settings.EMAIL_FROM_NAME = "Democracy Now, Coalition"  # a comma: quoted, one address
    _header, address = sender_of(sign(client, campaign, "en", email="sam@example.org"))
    assert address.display_name == "Democracy Now, Coalition"


def test_the_subject_says_what_the_email_is_in_the_supporters_language(client, campaign):
    assert sign(client, campaign, "en").subject == "Confirm your signature: Free the detainees"
    mail.outbox.clear()
    Signup.objects.all().delete()
    pending = sign_again_when_confirmed(client, campaign, "en")
    assert pending.subject == "Confirm your new details: Free the detainees"
    # Needs the new Arabic strings (locale/ar).
    arabic = sign(client, campaign, "ar", email="sara@example.org")
    assert arabic.subject == "أكّدوا توقيعكم: أطلقوا سراح المعتقلين"


def test_the_list_unsubscribe_header_leads_to_the_leave_page_in_the_supporters_language(
    client, campaign
):
    message = sign(client, campaign, "en")
    leave_en = links_in(message)[1]
    assert "/en/join/leave/" in leave_en
    assert message.extra_headers["List-Unsubscribe"] == f"<{leave_en}>"
    # Leaving is the leave page's own POST, so mail clients are not offered a one-click one.
    assert "List-Unsubscribe-Post" not in message.extra_headers
    assert client.get(leave_en.removeprefix(settings.SITE_URL)).status_code == 200


@pytest.mark.parametrize("variant", ["new", "known", "pending"])
def test_each_variant_says_what_happened_and_what_the_button_does(client, campaign, variant):
    if variant == "pending":
        message = sign_again_when_confirmed(client, campaign, "en")
    else:
        message = sign(client, campaign, "en")
        if variant == "known":
            message = sign(client, campaign, "en", full_name="Leila A.")
    said = {
        "new": ("Confirm your signature", "used this address on", "Confirm my signature"),
        "known": ("Confirm your signature", "Your details were updated", "Confirm my signature"),
        "pending": ("Confirm your new details", "nothing has changed yet", "Use these details"),
    }
    heading, sentence, button = said[variant]
    html = html_of(message)
    for text in (html.part("en"), message.body):
        assert heading in text and sentence in text
    assert next(link["text"].strip() for link in html.links if link["button"]) == button
    if variant == "pending":
        assert "Mallory" in html.part("en") and "Mallory" in message.body
    for other in {"Your details were updated", "nothing has changed yet"} - {sentence}:
        assert other not in message.body
