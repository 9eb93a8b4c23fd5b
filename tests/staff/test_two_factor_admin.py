"""No one, superusers included, reads another person's second factor through the admin."""

from base64 import b32encode

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import make_staff, staff_login

pytestmark = pytest.mark.django_db

APPS = "/admin/otp_totp/totpdevice/"
RECOVERY = "/admin/otp_static/staticdevice/"


def test_no_second_factor_secret_is_shown_even_to_a_superuser(client):
    colleague = make_staff("Editor")
    app = TOTPDevice.objects.create(user=colleague, name="phone", confirmed=True)
    codes = StaticDevice.objects.create(user=colleague, name="recovery codes")
    codes.token_set.create(token="abcd2345")
    root = get_user_model().objects.create_superuser("root", "root@example.org", None)
    staff_login(client, root)

    secrets = (app.key, b32encode(app.bin_key).decode(), "abcd2345")
    # django-otp's setup page and QR code of someone else's app are gone: what is left of their
    # addresses is the admin's "no such object" (to the index), as for any unknown address.
    for view in ("config", "qrcode"):
        response = client.get(f"{APPS}{app.pk}/{view}/", follow=True)
        assert response.redirect_chain[-1][0] == "/admin/"
        assert not [secret for secret in secrets if secret in response.content.decode()]
    # Who has which factor is still listed; the factor itself cannot be made or changed here.
    for url in (APPS, f"{APPS}{app.pk}/change/", RECOVERY, f"{RECOVERY}{codes.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert colleague.username in html
        assert not [secret for secret in secrets if secret.lower() in html.lower()], url
    assert client.get(f"{APPS}add/").status_code == 403
    assert client.post(f"{APPS}{app.pk}/change/", {"key": "00" * 20}).status_code == 403
    app.refresh_from_db()
    assert app.key != "00" * 20
