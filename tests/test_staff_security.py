"""Staff accounts: the second factor, login lockout, the admin's address, sessions, audit log."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.http import urlencode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from campaigns.models import Signup
from campaigns.tokens import make_token
from staff.models import AuditEntry
from tests.helpers import make_article, make_campaign, make_staff, staff_login

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 7"
EN = {"Accept-Language": "en"}
VERIFY = "/admin/two-factor/"
SETUP = "/admin/two-factor/setup/"


def code_for(device, shift=0):
    """The code an authenticator app shows now (or `shift` steps of 30 s away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - shift * device.step):06d}"


@pytest.fixture
def editor_account():
    user = make_staff("Editor", username="nadia")
    user.set_password(PASSWORD)
    user.save()
    return user


def a_moment_later(device):
    """After a wrong code django-otp makes the next try wait (1 s, 2 s, 4 s…): let it pass."""
    type(device).objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)


def password_login(client, username="nadia", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# --- The second factor --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/", "/admin/auth/"]
)
def test_a_password_alone_opens_no_admin_page(client, editor_account, url):
    TOTPDevice.objects.create(user=editor_account, name="phone", confirmed=True)
    assert password_login(client).status_code == 302
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == f"{VERIFY}?{urlencode({'next': url})}"
    assert response.status_code == 200
    assert b'name="code"' in response.content


def test_a_new_staff_member_must_set_up_a_factor_with_the_app_and_gets_recovery_codes(
    client, editor_account
):
    password_login(client)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{SETUP}?next=%2Fadmin%2F"
    html = response.content.decode()
    assert "<svg" in html and 'id="totp-secret"' in html
    assert 'id="passkey-register-button"' in html  # a passkey is offered first
    app = TOTPDevice.objects.get(user=editor_account, confirmed=False)

    wrong = client.post(SETUP, {"code": "000000" if code_for(app) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "هذا الرمز غير صحيح" in wrong.content.decode()  # in the admin's language
    assert client.get("/admin/").status_code == 302
    a_moment_later(app)

    # Typed with Arabic-Indic digits and a space, as an Arabic keyboard would.
    typed = code_for(app).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = client.post(SETUP, {"code": f"{typed[:3]} {typed[3:]}"}, follow=True)
    app.refresh_from_db()
    assert app.confirmed
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=editor_account).values_list("token", flat=True)
    )
    assert client.get("/admin/", headers=EN).status_code == 200
    # Shown once: the setup page now lists the factor and no codes.
    again = client.get(SETUP)
    assert "codes" not in again.context
    assert [factor.name for factor in again.context["factors"]] == ["تطبيق المصادقة"]
    assert actions()[-2:] == ["factor_added", "factor_added"]


def test_signing_in_takes_the_password_then_a_fresh_code(client, editor_account):
    app = TOTPDevice.objects.create(user=editor_account, name="phone", confirmed=True)
    password_login(client)
    wrong = client.post(VERIFY, {"code": "12345", "next": "/admin/"}, headers=EN)
    assert "This code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # Guessing fast is refused even with the right code: each miss makes the next try wait.
    too_soon = client.post(VERIFY, {"code": code_for(app)}, headers=EN)
    assert "Wait a few seconds" in too_soon.content.decode()
    assert client.get("/admin/").status_code == 302
    a_moment_later(app)

    response = client.post(VERIFY, {"code": code_for(app), "next": "/admin/auth/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/auth/"
    assert client.get("/admin/", headers=EN).status_code == 200
    assert actions() == ["login", "login_failed", "login_failed"]
    assert AuditEntry.objects.filter(action="login_failed").last().details == {
        "second_factor": True
    }


def test_a_code_cannot_be_used_twice_nor_sent_to_another_site(client, editor_account):
    app = TOTPDevice.objects.create(user=editor_account, name="phone", confirmed=True)
    code = code_for(app)
    password_login(client)
    assert client.post(VERIFY, {"code": code, "next": "https://evil.example/"})["Location"] == (
        "/admin/"
    )
    client.post("/admin/logout/")
    password_login(client)
    replay = client.post(VERIFY, {"code": code})
    assert replay.status_code == 200  # the same code again: refused
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, editor_account):
    TOTPDevice.objects.create(user=editor_account, name="phone", confirmed=True)
    device = StaticDevice.objects.create(user=editor_account, name="recovery codes")
    device.token_set.create(token="abcd2345")
    password_login(client)
    response = client.post(VERIFY, {"code": "abcd 2345"}, follow=True, headers=EN)
    assert response.status_code == 200
    assert "You used a recovery code; 0 left" in response.content.decode()
    client.post("/admin/logout/")
    password_login(client)
    assert client.post(VERIFY, {"code": "abcd2345"}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones_and_need_the_second_factor(client, editor_account):
    device = StaticDevice.objects.create(user=editor_account, name="recovery codes")
    device.token_set.create(token="old12345")
    password_login(client)
    TOTPDevice.objects.create(user=editor_account, name="phone", confirmed=True)
    assert client.post("/admin/two-factor/recovery-codes/")["Location"].startswith(VERIFY)
    assert device.token_set.filter(token="old12345").exists()

    staff_login(client, editor_account)
    assert client.get("/admin/two-factor/recovery-codes/").context["codes"] is None  # GET: none
    codes = client.post("/admin/two-factor/recovery-codes/").context["codes"]
    assert len(codes) == 10
    assert not StaticToken.objects.filter(token="old12345").exists()


def test_the_passkey_ceremony_is_behind_the_password_and_the_second_factor(client, editor_account):
    begin = "/admin/passkeys/registration/begin/"
    assert client.post(begin).status_code in (401, 403)  # nobody signed in
    TOTPDevice.objects.create(user=editor_account, name="phone", confirmed=True)
    password_login(client)
    # A password thief cannot add their own passkey to skip the second factor.
    assert client.post(begin).status_code == 403
    staff_login(client, editor_account)
    options = client.post(begin).json()
    assert options["rp"]["id"] == settings.OTP_WEBAUTHN_RP_ID
    assert options["user"]["name"] == "nadia"


def test_reset_two_factor_removes_every_factor_and_session(client, editor_account):
    staff_login(client, editor_account)
    StaticDevice.objects.create(user=editor_account, name="recovery codes")
    assert client.get("/admin/").status_code == 200
    out = io.StringIO()
    call_command("reset_two_factor", "nadia", stdout=out)
    assert "Removed 2 second factor(s) of nadia and ended 1 session(s)" in out.getvalue()
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert AuditEntry.objects.get(action="factor_reset").target == "nadia"


# --- Lockout ------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_that_user_name_from_that_address(client, editor_account):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert password_login(client, password="wrong").status_code == 200
    locked = password_login(client, password="wrong", headers={"Accept-Language": "ar"})
    assert locked.status_code == 429
    assert "عدد كبير من محاولات الدخول" in locked.content.decode()
    # Even the right password, from there, now waits.
    english = password_login(client, headers=EN)
    assert english.status_code == 429
    assert "Try again in 30 minutes" in english.content.decode()
    # The same user name from another network still signs in: no one locks a colleague out.
    assert password_login(client, REMOTE_ADDR="192.0.2.7").status_code == 302
    # Each wrong password, and the right one tried during the pause, is a failed sign-in.
    assert actions().count("login_failed") == settings.AXES_FAILURE_LIMIT + 1
    assert "locked_out" in actions()


def test_the_lockout_keeps_no_network_address(client, editor_account):
    from axes.models import AccessAttempt

    password_login(client, password="wrong", REMOTE_ADDR="203.0.113.9")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address != "203.0.113.9"
    assert attempt.ip_address.startswith("fd")


# --- Where the admin lives ----------------------------------------------------------------------


@pytest.mark.slow  # a fresh process
def test_a_moved_admin_leaves_a_plain_404_at_admin():
    # URLs are read once per process: a fresh one, as a server started with ADMIN_URL set.
    script = (
        "from django.test import Client; c = Client(HTTP_HOST='localhost'); "
        "old, login = c.get('/admin/'), c.get('/admin/login/'); "
        "moved = c.get('/back-office-7f3a/'); "
        "print(old.status_code, login.status_code, moved.status_code, moved['Location'])"
    )
    result = run_manage("shell", "-c", script, env={"ADMIN_URL": "/back-office-7f3a/"})
    assert result.stdout.strip().splitlines()[-1] == (
        "404 404 302 /back-office-7f3a/login/?next=/back-office-7f3a/"
    ), result.stderr


# --- Sessions and passwords ---------------------------------------------------------------------


def test_the_staff_session_cookie_is_httponly_lax_and_ends_with_the_browser(client, editor_account):
    response = password_login(client)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    session = client.session
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 8 * 3600


@pytest.mark.parametrize(
    "password", ["short1!", "password1234", "12345678901234", "nadia@example.org"]
)
def test_weak_passwords_are_refused(editor_account, password):
    with pytest.raises(ValidationError):
        validate_password(password, editor_account)


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-" + "y" * 20,
    "ALLOWED_HOSTS": "news.example.org",
    "SITE_URL": "https://news.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow  # a fresh process
def test_check_deploy_with_production_settings_prints_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.slow  # a fresh process
def test_production_cookies_are_secure():
    script = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, "
        "s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    )
    result = run_manage("shell", "-c", script, env=PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True True news.example.org ['https://news.example.org']"
    ), result.stderr


# --- Audit log ----------------------------------------------------------------------------------


def test_sign_ins_and_failures_are_audited_without_the_password(client, editor_account):
    password_login(client, password="wrong-password-typed")
    password_login(client)
    failed, success = AuditEntry.objects.order_by("pk")
    assert (failed.action, failed.actor_name, failed.actor) == ("login_failed", "nadia", None)
    assert (success.action, success.actor) == ("login", editor_account)
    assert "wrong-password-typed" not in str(failed.details) + failed.target


def test_publishing_and_unpublishing_are_audited_with_who(client):
    editor = make_staff("Editor")
    staff_login(client, editor)
    article = make_article(status=Article.Status.DRAFT)
    for action in ("publish", "unpublish"):
        client.post(
            "/admin/articles/article/",
            {"action": action, "_selected_action": [article.pk], "index": "0"},
        )
    entries = AuditEntry.objects.filter(action__in=["publish", "unpublish"]).order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [("publish", editor), ("unpublish", editor)]
    assert entries[0].target == f"#{article.pk} {article}"


def test_role_changes_are_audited(client):
    administrator = make_staff("Administrator")
    staff_login(client, administrator)
    writer = make_staff("Writer")
    from django.contrib.auth.models import Group

    editor_group = Group.objects.get(name="Editor")
    response = client.post(
        f"/admin/auth/user/{writer.pk}/change/",
        {
            "username": writer.username,
            "email": writer.email,
            "is_active": "on",
            "is_staff": "on",
            "groups": [editor_group.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="roles_changed")
    assert entry.actor == administrator and entry.target == writer.username
    assert entry.details["groups"] == ["Editor"]


def test_erasures_are_audited_without_whose_data_it_was(client):
    campaign = make_campaign()
    signup = Signup.objects.create(campaign=campaign, email="huda@example.org", language="ar")
    token = make_token(signup, "leave")
    client.post(f"/en/join/leave/{token}/", {"action": "erase"})
    assert not Signup.objects.exists()
    by_supporter = AuditEntry.objects.get(action="erasure")
    assert by_supporter.actor is None and by_supporter.target == campaign.slug
    assert "huda" not in str(by_supporter.details) + by_supporter.target

    manager = make_staff("Campaign manager")
    staff_login(client, manager)
    signups = [
        Signup.objects.create(campaign=campaign, email=f"s{n}@example.org", language="en")
        for n in range(3)
    ]
    client.post(
        "/admin/campaigns/signup/",
        {
            "action": "delete_selected",
            "_selected_action": [s.pk for s in signups],
            "post": "yes",
        },
    )
    assert not Signup.objects.exists()
    by_staff = AuditEntry.objects.filter(action="erasure").latest("pk")
    assert by_staff.actor == manager and by_staff.details == {"count": 3}


def test_the_audit_log_is_append_only_for_everyone(admin_client):
    entry = AuditEntry.objects.create(action="login", actor_name="someone")
    with pytest.raises(ValueError, match="never changed"):
        entry.save()
    with pytest.raises(ValueError, match="never deleted"):
        entry.delete()
    superuser = User.objects.get(is_superuser=True)
    staff_login(admin_client, superuser)
    page = admin_client.get(f"/admin/staff/auditentry/{entry.pk}/change/", headers=EN)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert admin_client.post(f"/admin/staff/auditentry/{entry.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/staff/auditentry/add/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_administrators_filter_the_audit_log(client):
    staff_login(client, make_staff("Administrator"))
    AuditEntry.objects.create(action="signup_export", actor_name="manager-1", target="Exported 3")
    AuditEntry.objects.create(action="publish", actor_name="editor-1", target="#4 Title")
    page = client.get("/admin/staff/auditentry/?action=publish", headers=EN)
    assert page.status_code == 200
    assert "#4 Title" in page.content.decode() and "Exported 3" not in page.content.decode()
