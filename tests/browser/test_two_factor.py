"""The second factor in a real browser: a new staff member sets up an authenticator app or a
passkey (a virtual authenticator, through the DevTools protocol) after the password, gets
recovery codes, and signs in with it next time; the pages pass axe in Arabic and English and the
Content-Security-Policy refuses nothing on them.

Screenshots go to /tmp/shots/ (outside the repository), for a person to look at.
"""

from base64 import b32decode, b64decode
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.browser.helpers import describe_violations, totp_code, watched_page

PASSWORD = "pw-two-factor-journey-7"
LOGIN = "/admin/login/"
VERIFY = "/admin/two-factor/"
SETUP = "/admin/two-factor/setup/"
INDEX = "/admin/"
SHOTS = Path("/tmp/shots")  # noqa: S108 (pictures to look at, not kept)
DIRECTIONS = {"ar": "rtl", "en": "ltr"}
# A passkey on this computer: a platform authenticator that keeps the credential (a discoverable
# one) and checks the user (a fingerprint, a PIN), always successfully.
AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}
# --- Fixtures and helpers -----------------------------------------------------------------------


@pytest.fixture
def staff(transactional_db, django_user_model):
    """`staff(username)`: an active staff member with a password and no second factor yet."""

    def make(username="nadia"):
        return django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True
        )

    return make


@pytest.fixture
def browser_in(new_context):
    """`browser_in(language)`: a page in a fresh browser speaking `language`, whose refusals by
    the Content-Security-Policy, console errors and uncaught exceptions go to `page.problems`."""

    def make(language, **options):
        context = new_context(
            locale=language,
            extra_http_headers={"Accept-Language": language},
            viewport={"width": 1280, "height": 900},
            **options,
        )
        return watched_page(context)

    return make


@pytest.fixture
def passkeys_here(settings, live_server):
    """Passkeys for the live server's origin. Browsers refuse an IP address as relying party, so
    the server must be reached as localhost (pytest-django's default), a secure context too."""
    assert urlsplit(live_server.url).hostname == "localhost", live_server.url
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]


def virtual_authenticator(page, credentials=()):
    """Give `page` a passkey-capable authenticator holding `credentials` (as exported by
    WebAuthn.getCredentials); returns a function listing the credentials it holds now."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    authenticator = {"authenticatorId": added["authenticatorId"]}
    for credential in credentials:
        cdp.send("WebAuthn.addCredential", {**authenticator, "credential": credential})
    return lambda: cdp.send("WebAuthn.getCredentials", authenticator)["credentials"]


def where(page):
    """The path of the page's URL, and its `next` parameter if any."""
    url = urlsplit(page.url)
    return url.path, parse_qs(url.query).get("next", [None])[0]


def sign_in_with_password(page, base_url, username, start=INDEX):
    """Open the admin page `start` signed out, get sent to the login form, type the password;
    returns the response of the page that follows."""
    page.goto(base_url + start)
    assert where(page) == (LOGIN, start)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation() as navigation:
        page.click("#login-form [type=submit]")
    return navigation.value


def submit_code(page, code, form):
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click(f"{form} [type=submit]")


def confirm_app(page, code):
    submit_code(page, code, "section[aria-labelledby=app-heading] form")


def verify_with_code(page, code):
    submit_code(page, code, "#login-form")


def assert_recovery_codes(page, user):
    codes = page.locator("ol.recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    stored = StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    assert sorted(codes) == sorted(stored)


def continue_to_admin(page, user):
    """From the recovery codes, on to the admin's index, signed in."""
    with page.expect_navigation():
        page.click(f"#content-main a.button[href='{INDEX}']")
    assert_in_admin(page, user)


def assert_in_admin(page, user, path=INDEX):
    assert where(page) == (path, None)
    assert page.text_content("#user-tools strong") == user.username  # the admin's own header


def look(page, name):
    """Save a screenshot to /tmp/shots/ for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


# --- The authenticator app ----------------------------------------------------------------------


def test_a_new_staff_member_sets_up_an_authenticator_app_then_signs_in_with_its_codes(
    staff, browser_in, live_server
):
    user = staff()
    page = browser_in("ar")
    sign_in_with_password(page, live_server.url, user.username)
    assert where(page) == (SETUP, INDEX), "a staff member with no second factor must set one up"

    # The key as shown, typed into an app by hand: the app's code confirms it.
    key = b32decode(page.inner_text("#totp-secret").replace(" ", ""))
    app = TOTPDevice.objects.get(user=user)
    assert not app.confirmed
    assert key == app.bin_key
    confirm_app(page, f"{totp(key):06d}")
    app.refresh_from_db()
    assert app.confirmed
    assert_recovery_codes(page, user)
    continue_to_admin(page, user)
    assert page.problems == []

    # Another day, another browser: the password, then a fresh code from the app.
    page = browser_in("ar")
    sign_in_with_password(page, live_server.url, user.username)
    assert where(page) == (VERIFY, INDEX)
    assert page.locator("#passkey-verification-button").count() == 0  # no passkey to offer
    # With the password alone, any admin page leads to the second step, and on after it.
    page.goto(live_server.url + "/admin/password_change/")
    assert where(page) == (VERIFY, "/admin/password_change/")
    verify_with_code(page, totp_code(app))
    assert_in_admin(page, user, "/admin/password_change/")
    assert page.is_visible("#id_old_password")
    assert page.problems == []


def test_the_second_step_leads_on_to_the_page_asked_for_query_string_and_all(
    staff, browser_in, live_server
):
    user = staff()
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    app = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    wanted = "/admin/auth/user/?is_staff__exact=1&o=1"  # a filtered, sorted list
    page = browser_in("en")
    sign_in_with_password(page, live_server.url, user.username, start=wanted)
    assert where(page) == (VERIFY, wanted)
    verify_with_code(page, totp_code(app))
    assert page.url == live_server.url + wanted


def test_a_code_already_used_is_refused_in_the_browser_too(staff, browser_in, live_server):
    user = staff()
    app = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page = browser_in("en")
    sign_in_with_password(page, live_server.url, user.username)
    code = totp_code(app)
    verify_with_code(page, code)
    assert_in_admin(page, user)

    # The same code, seen over a shoulder, opens nothing in another browser.
    other = browser_in("en")
    sign_in_with_password(other, live_server.url, user.username)
    verify_with_code(other, code)
    assert where(other) == (VERIFY, INDEX)
    assert other.locator(".errorlist").count() == 1
    assert other.problems == []


def test_not_you_log_out_on_the_second_step_signs_out(staff, browser_in, live_server):
    user = staff()
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page = browser_in("en")
    sign_in_with_password(page, live_server.url, user.username)
    assert where(page) == (VERIFY, INDEX)
    with page.expect_navigation():
        page.click(".two-factor-logout")
    assert where(page)[0] == LOGIN
    # Signed out indeed: the admin asks for the password again, not for the second factor.
    page.goto(live_server.url + INDEX)
    assert where(page) == (LOGIN, INDEX)
    assert page.problems == []


# --- Passkeys -----------------------------------------------------------------------------------


def test_a_new_staff_member_adds_a_passkey_then_signs_in_with_it(
    staff, browser_in, live_server, passkeys_here
):
    user = staff()
    page = browser_in("en")
    held = virtual_authenticator(page)
    sign_in_with_password(page, live_server.url, user.username)
    assert where(page) == (SETUP, INDEX)

    # The button appears once the script has seen the browser can make passkeys; once the
    # passkey is made, the page reloads into the recovery codes.
    with page.expect_navigation():
        page.click("#passkey-register-button")
    assert_recovery_codes(page, user)
    passkey = WebAuthnCredential.objects.get(user=user)
    assert passkey.confirmed
    [credential] = held()
    assert credential["rpId"] == "localhost"
    assert credential["isResidentCredential"]
    assert b64decode(credential["credentialId"]) == bytes(passkey.credential_id)
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    continue_to_admin(page, user)
    assert page.problems == []

    # The passkey alone is no way in: the login form offers none (passwordless login is off).
    page = browser_in("en")
    virtual_authenticator(page, [credential])
    page.goto(live_server.url + LOGIN)
    assert page.locator("[id^=passkey-]").count() == 0

    # The same computer another day: the password, then the passkey.
    sign_in_with_password(page, live_server.url, user.username)
    assert where(page) == (VERIFY, INDEX)
    registered_at = passkey.last_used_at
    with page.expect_navigation(url=live_server.url + INDEX):
        page.click("#passkey-verification-button")
    assert_in_admin(page, user)
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None and passkey.last_used_at != registered_at
    assert page.problems == []


# --- Every page of it: accessible in both languages, nothing refused by the CSP -----------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_two_factor_pages_are_accessible_and_refuse_nothing(
    language, staff, browser_in, live_server, passkeys_here, axe
):
    user = staff()
    page = browser_in(language)
    virtual_authenticator(page)
    violations = {}  # every page's, before failing, to see them all at once

    def check(name):
        """The page as it is now: right language and direction, axe's verdict; a screenshot."""
        assert page.eval_on_selector("html", "html => [html.lang, html.dir]") == [
            language,
            DIRECTIONS[language],
        ]
        if found := axe(page):
            violations[name] = describe_violations(found)
        look(page, f"{name}-{language}")

    def look_around(name):
        """Screenshots only: dark theme, and a phone's width."""
        page.emulate_media(color_scheme="dark")
        look(page, f"{name}-{language}-dark")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 390, "height": 844})
        look(page, f"{name}-{language}-phone")
        page.set_viewport_size({"width": 1280, "height": 900})

    # The setup page, first time: a passkey or an app. Under the admin's strict policy.
    policy = sign_in_with_password(page, live_server.url, user.username).headers[
        "content-security-policy"
    ]
    assert "script-src" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert where(page) == (SETUP, INDEX)
    page.wait_for_selector("#passkey-register-button")
    qr_code = page.locator(".two-factor-qr svg").bounding_box()
    assert 120 <= qr_code["width"] <= 400, qr_code  # scannable, not the whole screen
    assert abs(qr_code["width"] - qr_code["height"]) < 1
    check("setup")
    look_around("setup")

    # A passkey, then the recovery codes.
    with page.expect_navigation():
        page.click("#passkey-register-button")
    assert_recovery_codes(page, user)
    check("recovery-codes")
    continue_to_admin(page, user)

    # The setup page again, with a factor: add the app as well.
    page.goto(live_server.url + SETUP)
    page.wait_for_selector("#passkey-register-button")
    check("setup-more")
    confirm_app(page, f"{totp(b32decode(page.inner_text('#totp-secret').replace(' ', ''))):06d}")
    assert where(page) == (SETUP, None)
    assert page.locator(".messagelist .success").count() == 1
    factors = page.locator(".two-factor-setup > ul li").all_inner_texts()
    assert len(factors) == 2 and all(name.strip() for name in factors), factors
    check("setup-done")

    # Signed out and in again: the second step offers the passkey and the app's code.
    with page.expect_navigation():
        page.click("#logout-form [type=submit]")
    response = sign_in_with_password(page, live_server.url, user.username)
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert where(page) == (VERIFY, INDEX)
    page.wait_for_selector("#passkey-verification-button")
    check("verify")
    look_around("verify")

    # A wrong code: the error is said, next to the field.
    app = TOTPDevice.objects.get(user=user, confirmed=True)
    right = {f"{totp(app.bin_key, drift=app.drift + step):06d}" for step in (-1, 0, 1)}
    verify_with_code(
        page, next(code for code in ("000000", "111111", "222222") if code not in right)
    )
    assert where(page) == (VERIFY, INDEX)
    assert page.locator("#login-form .errorlist").count() == 1
    page.wait_for_selector("#passkey-verification-button")
    check("verify-error")

    assert violations == {}, "\n".join(f"{name}:\n{text}" for name, text in violations.items())
    assert page.problems == []


def test_the_two_factor_pages_carry_the_sites_name(staff, browser_in, live_server):
    """Like every admin page: the coalition's name in the header and the window's title."""
    with translation.override("en"):
        name = str(settings.SITE_NAME)
    user = staff()
    page = browser_in("en")
    sign_in_with_password(page, live_server.url, user.username)
    assert where(page) == (SETUP, INDEX)
    assert page.inner_text("#site-name") == name
    assert page.title().endswith(f"| {name}")

    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(live_server.url + VERIFY)
    assert where(page) == (VERIFY, None)
    assert page.inner_text("#site-name") == name
    assert page.title().endswith(f"| {name}")
