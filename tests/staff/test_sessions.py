"""Every step up of a staff sign-in (password, then the second factor) renews the session key: a
key planted in a browser, or seen before the step, never comes to open the admin."""

import hashlib
import json
import secrets
from base64 import urlsafe_b64encode
from importlib import import_module

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff.models import AuditEntry
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 7"
PASSKEYS = "/admin/passkeys/"


@pytest.fixture
def account():
    user = make_staff("Editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def session_key(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def opens_the_admin(key):
    """Whether a browser holding this session key, and nothing else, gets the admin index."""
    browser = Client()
    browser.cookies[settings.SESSION_COOKIE_NAME] = key
    return browser.get("/admin/").status_code == 200


def password_login(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def code_for(app):
    return f"{totp(app.bin_key, step=app.step, t0=app.t0):06d}"


# --- A passkey on the test's side: a software authenticator -------------------------------------


def b64url(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class Passkey:
    """An authenticator holding one P-256 key, answering the browser's WebAuthn calls the way
    a security key does (no attestation), for the site's own origin."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(32)
        self.sign_count = 0

    def cose_public_key(self):
        numbers = self.key.public_key().public_numbers()
        # COSE_Key: EC2 (1: 2), ES256 (3: -7), P-256 (-1: 1), x (-2) and y (-3).
        return cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        )

    def authenticator_data(self, flags, attested=b""):
        self.sign_count += 1
        rp_id_hash = hashlib.sha256(settings.OTP_WEBAUTHN_RP_ID.encode()).digest()
        return rp_id_hash + bytes([flags]) + self.sign_count.to_bytes(4) + attested

    def client_data(self, kind, options):
        return json.dumps(
            {"type": kind, "challenge": options["challenge"], "origin": settings.SITE_URL}
        ).encode()

    def create(self, options):
        """navigator.credentials.create(): a new credential, as the browser sends it on."""
        attested = bytes(16) + len(self.credential_id).to_bytes(2) + self.credential_id
        auth_data = self.authenticator_data(0x45, attested + self.cose_public_key())  # UP UV AT
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        response = {
            "clientDataJSON": b64url(self.client_data("webauthn.create", options)),
            "attestationObject": b64url(attestation),
            "transports": ["usb"],
        }
        return self.credential(response)

    def get(self, options):
        """navigator.credentials.get(): a signed assertion of the challenge."""
        client_data = self.client_data("webauthn.get", options)
        auth_data = self.authenticator_data(0x05)  # user present and verified
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        response = {
            "clientDataJSON": b64url(client_data),
            "authenticatorData": b64url(auth_data),
            "signature": b64url(signature),
        }
        return self.credential(response)

    def credential(self, response):
        credential_id = b64url(self.credential_id)
        return {
            "id": credential_id,
            "rawId": credential_id,
            "type": "public-key",
            "response": response,
            "clientExtensionResults": {},
        }


def ceremony(client, kind, call):
    """Begin a passkey ceremony, let the authenticator answer, complete it."""
    answer = call(client.post(f"{PASSKEYS}{kind}/begin/").json())
    response = client.post(
        f"{PASSKEYS}{kind}/complete/", json.dumps(answer), content_type="application/json"
    )
    assert response.status_code == 200, response.content


# --- The second factors, each given right after the password ------------------------------------


def by_app(client, user):
    app = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert client.post("/admin/two-factor/", {"code": code_for(app)}).status_code == 302


def by_recovery_code(client, user):
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = StaticDevice.objects.create(user=user, name="recovery codes")
    codes.token_set.create(token="abcd2345")
    assert client.post("/admin/two-factor/", {"code": "abcd2345"}).status_code == 302


def by_first_app(client, user):
    """Setting up the first authenticator app, right after the password."""
    client.get("/admin/two-factor/setup/")
    app = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/admin/two-factor/setup/", {"code": code_for(app)}).status_code == 302


def by_passkey(client, user):
    passkey = Passkey()
    WebAuthnCredential.objects.create(
        user=user,
        name="security key",
        credential_id=passkey.credential_id,
        public_key=passkey.cose_public_key(),
    )
    ceremony(client, "authentication", passkey.get)


def by_first_passkey(client, user):
    """Setting up the first passkey, right after the password."""
    ceremony(client, "registration", Passkey().create)
    assert WebAuthnCredential.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.FACTOR_ADDED, target="passkey")


@pytest.mark.parametrize(
    "second_factor", [by_app, by_recovery_code, by_first_app, by_passkey, by_first_passkey]
)
def test_the_second_factor_renews_the_session_key(client, account, second_factor):
    password_login(client, account)
    after_password = session_key(client)
    assert not opens_the_admin(after_password)

    second_factor(client, account)
    assert session_key(client) != after_password
    assert client.get("/admin/").status_code == 200
    # Whoever held the key issued after the password alone holds nothing now.
    assert not opens_the_admin(after_password)


def test_the_password_renews_a_planted_session_key(client, account):
    engine = import_module(settings.SESSION_ENGINE)
    planted = engine.SessionStore()
    planted.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key

    password_login(client, account)
    assert session_key(client) != planted.session_key
    assert not engine.SessionStore().exists(planted.session_key)
