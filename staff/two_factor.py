"""The second factor every staff account needs before any admin page: a passkey or an authenticator
app, and recovery codes; between password and admin, so they need staff, not verified staff."""

from base64 import b32encode
from functools import wraps

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from core.languages import fold_digits
from staff import audit

RECOVERY_CODES = 10


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "dir": "ltr", "size": 12}
        ),
    )

    def clean_code(self):
        # Codes are typed with spaces, or with Arabic-Indic digits on an Arabic keyboard.
        code = "".join(self.cleaned_data["code"].split())
        return fold_digits(code)


def staff_signed_in(view):
    """Signed in with a password as active staff; the second factor may still be missing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return never_cache(csrf_protect(require_http_methods(["GET", "POST"])(wrapper)))


def second_factors(user):
    """The user's confirmed passkeys and authenticator apps (recovery codes are a fallback)."""
    return [d for d in devices_for_user(user) if not isinstance(d, StaticDevice)]


def step_up(request, device):
    """Mark the session as past the second factor, under a new key: a key planted in the browser
    or seen while the session held only the password must not come to hold the second factor
    too. (Django's login() renews it after the password.)"""
    request.session.cycle_key()
    otp_login(request, device)


class CompletePasskeyAuthentication(CompleteCredentialAuthenticationView):
    """The passkey as the second step of signing in (never the only one: passwordless sign-in is
    off, so the ceremony is refused to whoever has not given the password)."""

    def complete_auth(self, device):
        step_up(self.request, device)


class CompletePasskeyRegistration(CompleteCredentialRegistrationView):
    """A new passkey is audited; a first one, added right after the password, is also that
    sign-in's second factor."""

    def post(self, *args, **kwargs):
        user = self.request.user
        first = not user.is_verified()
        response = super().post(*args, **kwargs)
        if response.status_code == 200:  # the library answers {"id": …} once the passkey is kept
            audit.record(audit.Action.FACTOR_ADDED, user, "passkey", kind="passkey")
        if first and user.is_verified():
            # The library has marked the session with the new passkey: renew the key as well.
            step_up(self.request, user.otp_device)
        return response


def redirect_to(view_name, next_path):
    url = reverse(view_name)
    return redirect(f"{url}?{urlencode({'next': next_path})}" if next_path else url)


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("admin:index")


@staff_signed_in
def verify(request):
    """Second step of signing in: a passkey, a code from the app, or a recovery code."""
    if "logout" in request.POST:
        # "Not you? Log out". Not through admin:logout: AdminSite.admin_view sends whoever lacks
        # the second factor from there back here, still signed in.
        auth_logout(request)
        return redirect("admin:login")
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    factors = second_factors(user)
    if not factors:
        return redirect_to("admin:two_factor_setup", request.GET.get("next"))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            step_up(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)d left. Set up a new device soon.")
                    % {"count": left},
                )
            return redirect(next_url(request))
        audit.record(audit.Action.LOGIN_FAILED, user, second_factor=True)
        # django-otp makes each try after a wrong code wait longer (1 s, 2 s, 4 s…): say so.
        form.add_error(
            "code", _("This code is not right or has expired. Wait a few seconds, then try again.")
        )
    return admin_page(
        request,
        "admin/two_factor/verify.html",
        _("Second step of signing in"),
        form=form,
        next=next_url(request),
        has_passkey=any(isinstance(f, WebAuthnCredential) for f in factors),
        has_app=any(isinstance(f, TOTPDevice) for f in factors),
    )


@staff_signed_in
def setup(request):
    """Add a passkey or an authenticator app; the first one also brings recovery codes."""
    user = request.user
    factors = second_factors(user)
    if factors and not user.is_verified():
        return redirect_to("admin:two_factor", request.get_full_path())
    if factors and not StaticDevice.objects.filter(user=user).exists():
        return show_recovery_codes(request)

    app = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    app = app or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if app.verify_token(form.cleaned_data["code"]):
            app.confirmed = True
            app.save(update_fields=["confirmed"])
            if not user.is_verified():
                step_up(request, app)
            audit.record(audit.Action.FACTOR_ADDED, user, app.name, kind="totp")
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(request.get_full_path())  # on to the recovery codes, `next` kept
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try again.")
        )
    return admin_page(
        request,
        "admin/two_factor/setup.html",
        _("Two-factor authentication"),
        form=form,
        factors=factors,
        qr_code=qr_svg(app.config_url),
        secret=spaced(app.bin_key),
    )


@staff_signed_in
def recovery_codes(request):
    """New recovery codes on request (the old ones stop working); shown once."""
    if not request.user.is_verified():
        return redirect_to("admin:two_factor", request.path)
    if request.method == "POST":
        return show_recovery_codes(request)
    return admin_page(
        request, "admin/two_factor/recovery_codes.html", _("Recovery codes"), codes=None
    )


def show_recovery_codes(request):
    device, _created = StaticDevice.objects.get_or_create(
        user=request.user, defaults={"name": "recovery codes"}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record(audit.Action.FACTOR_ADDED, request.user, "recovery codes", kind="recovery")
    return admin_page(
        request,
        "admin/two_factor/recovery_codes.html",
        _("Recovery codes"),
        codes=codes,
        next=next_url(request),
    )


def admin_page(request, template, title, status=200, **context):
    """A page in the admin's frame (its header, site name and language) outside admin_view."""
    context = admin.site.each_context(request) | {"title": title, **context}
    return render(request, template, context, status=status)


def qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Made here from our own otpauth:// URL: no user input reaches the markup.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def spaced(key):
    """The secret for typing by hand, in groups of four."""
    secret = b32encode(key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
