"""Hostile input on the signup form: never a 5xx, never a changed row for refused input, and what
is stored is clean (no controls, no bidi overrides, nothing longer than its column)."""

import html
import re
import time
from urllib.parse import quote, urlencode

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.forms import INVISIBLE, TIMESTAMP_SALT
from campaigns.models import Signup, normalize_email
from tests.helpers import make_campaign, signup_data

pytestmark = pytest.mark.django_db

FORM = "form"  # 200, the form shown again with its errors
BOT = "bot"  # 302 to the thanks page, as for a person, but nothing stored
STORED = "stored"  # 302 and one row, with the input cleaned


@pytest.fixture
def campaign():
    return make_campaign()


def rows():
    return list(Signup.objects.order_by("pk").values())


def assert_clean(signup):
    """What any stored row must be, whatever was posted."""
    for field in ("full_name", "email", "phone"):
        value = getattr(signup, field)
        assert not INVISIBLE.search(value), (field, value)
        assert len(value) <= Signup._meta.get_field(field).max_length, (field, len(value))
    for source in signup.sources:
        for key, value in source.items():
            assert not INVISIBLE.search(value), (key, value)


HOSTILE = {
    # name: (fields changed in signup_data(), expected outcome)
    "nul in name": ({"full_name": "Lei\x00la"}, FORM),
    "nul in email": ({"email": "leila\x00@example.org"}, FORM),
    "nul in phone": ({"phone": "+20\x00123456789"}, FORM),
    "10,000-character name": ({"full_name": "ل" * 10_000}, FORM),
    "name of bidi overrides only": ({"full_name": "\u202e\u202d\u2066"}, FORM),
    "name of spaces only": ({"full_name": " \t\u00a0\u3000 "}, FORM),
    "arabic local part": ({"email": "ليلى@مثال.مصر"}, FORM),  # not deliverable by Django's mail
    "line break in email": ({"email": "leila@example.org\r\nBcc: x@evil.example"}, FORM),
    "two addresses": ({"email": "leila@example.org, x@evil.example"}, FORM),
    "300-character email": ({"email": "a" * 290 + "@example.org"}, FORM),
    # NFKC turns U+FE6B into "@": the address would become leila@example.org@evil.example
    "small commercial at": ({"email": "leila@example.org\ufe6bevil.example"}, FORM),
    # NFKC turns U+FDFA into 18 letters: 70 characters posted, 1,100 stored (> varchar(254))
    "address growing under NFKC": ({"email": "a@" + "\ufdfa" * 60 + ".org"}, FORM),
    "domain no mail system can encode": ({"email": "leila@\ufffd.org"}, FORM),
    "country that does not exist": ({"country": "XX"}, FORM),
    "country name instead of code": ({"country": "Egypt"}, FORM),
    "phone with letters": ({"phone": "+20 12 abc 3456"}, FORM),
    "phone too long": ({"phone": "+" + "1" * 40}, FORM),
    "unknown language": ({"language": "fr"}, FORM),
    "huge source": ({"source": "s" * 100_000}, FORM),
    "consent refused": ({"consent": ""}, FORM),
    "script in name, bad email": (
        {"full_name": "<script>alert(1)</script>", "email": "x"},
        FORM,
    ),
    "honeypot filled": ({"website": "http://spam.example"}, BOT),
    "forged timestamp": ({"started": "1700000000:forged:signature"}, BOT),
    "timestamp signed for something else": ({"started": signing.dumps(time.time() - 60)}, BOT),
    "timestamp from the future": (  # signed by us, so not a forgery: asked to send again
        {"started": signing.dumps(time.time() + 3600, salt=TIMESTAMP_SALT)},
        FORM,
    ),
    "timestamp not a number": ({"started": signing.dumps("soon", salt=TIMESTAMP_SALT)}, BOT),
    "bidi override in name": ({"full_name": "ليلى\u202e أحمد"}, STORED),
    "zero-width characters in name": ({"full_name": "Lei\u200bla\u2060 \ufeffAhmed"}, STORED),
    "header injection in name": ({"full_name": "Leila\r\nBcc: x@evil.example"}, STORED),
    "unicode domain": ({"email": "user@exämple.org"}, STORED),
    "fullwidth letters in domain": ({"email": "leila@ｅｘａｍｐｌｅ.org"}, STORED),
    "phone with spaces and 00": ({"phone": "0020 (12) 345-6789"}, STORED),
}


@pytest.mark.parametrize(("fields", "outcome"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_post(client, campaign, fields, outcome):
    before = rows()
    response = client.post(campaign.url_in("ar"), signup_data(**fields))
    page = response.content.decode()
    if outcome == FORM:
        assert response.status_code == 200
        if "source" not in fields:  # the template shows no error for a hidden field
            assert 'role="alert"' in page
        assert rows() == before
        assert not mail.outbox
        assert "<script>alert" not in page
    elif outcome == BOT:
        assert response.status_code == 302
        assert response["Location"] == campaign.url_in("ar") + "thanks/"
        assert rows() == before
        assert not mail.outbox
    else:
        assert response.status_code == 302
        signup = Signup.objects.get()
        assert_clean(signup)
        assert len(mail.outbox) == 1


def test_what_is_stored_from_cleaned_input(client, campaign):
    post = client.post
    url = campaign.url_in("ar")
    post(url, signup_data(full_name="ليلى\u202e أحمد"))
    assert Signup.objects.get().full_name == "ليلى أحمد"
    post(url, signup_data(full_name="Leila\r\nBcc: x@evil.example", email="b@example.org"))
    assert Signup.objects.get(email="b@example.org").full_name == "Leila Bcc: x@evil.example"
    post(url, signup_data(email="leila@ｅｘａｍｐｌｅ.org"))  # the same address as the first
    assert Signup.objects.filter(email="leila@example.org").count() == 1
    post(url, signup_data(phone="0020 (12) 345-6789", email="c@example.org"))
    assert Signup.objects.get(email="c@example.org").phone == "+20123456789"


def test_a_name_with_a_line_break_reaches_no_email_header(client, campaign):
    client.post(campaign.url_in("ar"), signup_data(full_name="Leila\r\nBcc: x@evil.example"))
    (message,) = mail.outbox
    assert message.bcc == [] and message.cc == []
    assert message.recipients() == ["leila@example.org"]
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "evil" not in headers
    assert not re.search(r"^(bcc|cc):", headers, re.IGNORECASE | re.MULTILINE)


def test_a_unicode_domain_is_stored_as_typed_and_mailed_in_punycode(client, campaign):
    response = client.post(campaign.url_in("ar"), signup_data(email="user@exämple.org"))
    assert response.status_code == 302
    assert Signup.objects.get().email == "user@exämple.org"
    assert "To: user@xn--exmple-cua.org" in mail.outbox[0].message().as_string()


def raw_post(client, url, body, content_type="application/x-www-form-urlencoded"):
    """POST bytes as they are: the test client would encode a dict as valid UTF-8."""
    return client.generic("POST", url, body, content_type=content_type)


def encoded(**overrides):
    """signup_data() urlencoded; a field set to None is left out."""
    data = signup_data(**overrides)
    return urlencode({name: value for name, value in data.items() if value is not None})


FORM_TYPE = "application/x-www-form-urlencoded"
BODIES = {
    "%FF%FE as the name": ("full_name=%FF%FE&" + encoded(full_name=None), FORM_TYPE),
    "%FF%FE in the email": ("email=leila%FF%FE%40example.org&" + encoded(email=None), FORM_TYPE),
    "%FF%FE as a key, a lone surrogate as the source": (
        "%FF%FE=%FF%FE&source=%ED%A0%80&" + encoded(source=None),
        FORM_TYPE,
    ),
    "raw invalid bytes, name and email repeated": (
        b"full_name=\xff\xfe\xfd&email=\xc3\x28@example.org&" + encoded().encode(),
        FORM_TYPE,
    ),
    "raw invalid bytes as the name": (
        b"full_name=\xff\xfe\xfd&" + encoded(full_name=None).encode(),
        FORM_TYPE,
    ),
    "a UTF-16 byte order mark first": (b"\xff\xfe" + encoded().encode(), FORM_TYPE),
    "a thousand lone %": ("%" * 1000 + "&" + encoded(), FORM_TYPE),
    "unknown charset": (encoded(), FORM_TYPE + "; charset=nonexistent"),
    "UTF-16 body": (encoded().encode("utf-16"), FORM_TYPE + "; charset=utf-16"),
    "multipart with a wrong boundary": (encoded(), "multipart/form-data; boundary=missing"),
    "multipart without a boundary": (encoded(), "multipart/form-data"),
    "JSON content type": (encoded(), "application/json"),
    "empty body": ("", FORM_TYPE),
}


@pytest.mark.parametrize(("body", "content_type"), BODIES.values(), ids=BODIES.keys())
def test_undecodable_bodies_never_500(client, campaign, body, content_type):
    before = rows()
    response = raw_post(client, campaign.url_in("ar"), body, content_type)
    assert response.status_code < 500
    if response.status_code == 302 and rows() != before:
        assert_clean(Signup.objects.get())
    else:
        assert rows() == before


def test_invalid_utf8_in_the_name_is_replaced_not_a_500(client, campaign):
    body = "full_name=Lei%FFla&" + encoded(full_name=None)
    response = raw_post(client, campaign.url_in("ar"), body)
    assert response.status_code == 302
    assert Signup.objects.get().full_name == "Lei\ufffdla"


def test_a_repeated_field_counts_once_the_last_value(client, campaign):
    body = "email=a%40example.org&email=b%40example.org&" + encoded(email=None)
    assert raw_post(client, campaign.url_in("ar"), body).status_code == 302
    assert list(Signup.objects.values_list("email", flat=True)) == ["b@example.org"]


@pytest.mark.parametrize("missing", list(signup_data()))
def test_a_missing_field_stores_nothing(client, campaign, missing):
    data = signup_data()
    del data[missing]
    response = client.post(campaign.url_in("ar"), data)
    assert response.status_code in (200, 302)
    if missing in ("country", "phone", "source", "website"):  # optional: a normal signup
        assert Signup.objects.count() == 1
    else:
        assert not Signup.objects.exists()


def test_too_many_fields_or_too_big_a_body_is_a_400(client, campaign):
    url = campaign.url_in("ar")
    many = "&".join(f"f{n}=x" for n in range(1001)) + "&" + encoded()
    assert raw_post(client, url, many).status_code == 400
    big = encoded(source="s" * (6 * 1024 * 1024))
    assert raw_post(client, url, big).status_code == 400
    assert not Signup.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client, campaign, method):
    response = getattr(client, method)(campaign.url_in("ar"), encoded())
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert not Signup.objects.exists()


@pytest.mark.parametrize(
    ("language", "root", "words"),
    [
        ("ar", '<html lang="ar" dir="rtl">', "رمز الأمان"),
        ("en", '<html lang="en" dir="ltr">', "security token"),
    ],
)
def test_a_missing_csrf_token_is_a_403_in_the_page_language(campaign, language, root, words):
    response = Client(enforce_csrf_checks=True).post(campaign.url_in(language), signup_data())
    assert response.status_code == 403
    page = response.content.decode()
    assert root in page and words in page
    assert "Forbidden" not in page and "CSRF" not in page  # not Django's technical page
    assert not Signup.objects.exists()


def test_a_wrong_csrf_token_is_a_403_too(campaign):
    client = Client(enforce_csrf_checks=True)
    client.get(campaign.url_in("ar"))
    data = signup_data(csrfmiddlewaretoken="x" * 64)
    assert client.post(campaign.url_in("ar"), data).status_code == 403
    assert not Signup.objects.exists()


def test_tracking_parameters_are_cleaned_before_they_are_stored(client, campaign):
    # PostgreSQL's jsonb refuses U+0000: stored raw, it would fail the whole signup.
    query = "utm_source=a%00b&utm_medium=%E2%80%AEevil&utm_campaign=" + "c" * 500 + "&utm_term=%FF"
    response = client.post(f"{campaign.url_in('ar')}?{query}", signup_data())
    assert response.status_code == 302
    source = Signup.objects.get().sources[-1]
    assert source["utm_source"] == "ab"
    assert source["utm_medium"] == "evil"
    assert source["utm_campaign"] == "c" * 100
    assert source["utm_term"] == "\ufffd"


SOURCES = {
    "NUL": "a\x00b",
    "line breaks only": "\n" * 200,
    "200 characters, 300 once the browser sends CR LF": "a\n" * 100,
    "CR LF": "line\r\nbreak",
    "bidi override": "\u202eevil",
    "5,000 characters": "x" * 5000,
    "invalid UTF-8": "%FF",
}


@pytest.mark.parametrize("source", SOURCES.values(), ids=SOURCES.keys())
def test_any_source_in_a_link_still_lets_the_reader_sign(client, campaign, source):
    """A shared link with a poisoned ?source= must not make the form refuse everyone: the
    hidden field is sent back as rendered (a browser turns each line break into CR LF)."""
    page = client.get(f"{campaign.url_in('ar')}?source={quote(source, safe='%')}")
    shown = re.search(r'name="source" value="([^"]*)"', page.content.decode())
    hidden = html.unescape(shown[1]) if shown else ""
    hidden = hidden.replace("\r\n", "\n").replace("\n", "\r\n")
    response = client.post(campaign.url_in("ar"), signup_data(source=hidden))
    assert response.status_code == 302
    assert_clean(Signup.objects.get())


# --- Generated garbage ------------------------------------------------------------------

GARBAGE = st.one_of(st.text(), st.text(max_size=300), st.booleans(), st.integers())
MISSING = object()


def valid_values(started):
    """A strategy per field of a signup that should be stored."""
    return {
        "full_name": st.one_of(st.sampled_from(["ليلى أحمد", "Leila"]), st.text(max_size=200)),
        "email": st.one_of(st.sampled_from(["leila@example.org", "user@exämple.org"]), st.emails()),
        "country": st.sampled_from(["", "EG", "SD", "PS"]),
        "phone": st.sampled_from(["", "+20 123 456 789", "00970 599 123 456"]),
        "language": st.sampled_from(["ar", "en"]),
        "consent": st.sampled_from(["on", True]),
        "source": st.one_of(st.just(""), st.text(max_size=200)),
        "website": st.just(""),
        "started": st.just(started),
    }


@st.composite
def submissions(draw, started):
    """A signup with some fields (often none) replaced by garbage or left out, plus junk keys."""
    values = valid_values(started)
    spoiled = draw(st.one_of(st.just(set()), st.sets(st.sampled_from(list(values)))))
    data = {}
    for name, valid in values.items():
        value = draw(st.one_of(GARBAGE, st.just(MISSING)) if name in spoiled else valid)
        if value is not MISSING:
            data[name] = value
    extra = draw(st.dictionaries(st.text(min_size=1, max_size=20), GARBAGE, max_size=3))
    return extra | data


@pytest.mark.slow  # a thousand generated signups
def test_generated_garbage_never_500s_nor_changes_what_is_stored(client, monkeypatch):
    # The test client copies the context of every template rendered (each <option> of the
    # country list): a third of the time of a re-shown form, and unused here.
    monkeypatch.setattr("django.test.client.store_rendered_templates", lambda *args, **kwargs: None)
    campaign = make_campaign()
    url = campaign.url_in("ar")
    thanks = url + "thanks/"
    started = signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT)

    @settings(
        max_examples=1000,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(submissions(started))
    def check(data):
        cache.clear()  # no rate limit between examples
        mail.outbox.clear()
        with transaction.atomic():  # each example's rows are rolled back after it
            before = rows()
            response = client.post(url, data)
            assert response.status_code < 500
            if response.status_code == 302:
                assert response["Location"] == thanks
                if rows() != before:  # stored: under the address as posted, normalised
                    email = normalize_email(str(data["email"]))
                    assert_clean(Signup.objects.get(campaign=campaign, email=email))
            else:
                assert response.status_code == 200
                assert rows() == before
            transaction.set_rollback(True)

    check()
