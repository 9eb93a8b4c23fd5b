"""Forwarded headers are believed from TRUSTED_PROXIES only: a client that reaches the app server
directly can neither pick its own address (and escape login lockouts and signup limits) nor
pass for HTTPS."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from campaigns.views import SIGNUPS_PER_ADDRESS
from core.privacy import client_address
from tests.helpers import make_campaign, make_staff, signup_data

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"  # the load balancer, in TRUSTED_PROXIES
ATTACKER = "198.51.100.20"  # a client that reached the app server directly
READER = "203.0.113.7"


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]


def address_of(remote_addr, forwarded_for=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        (ATTACKER, "192.0.2.1", ATTACKER),  # not from the proxy: the header is the client's
        (PROXY, READER, READER),
        (PROXY, f"192.0.2.1, {READER}", READER),  # what the reader wrote comes first
        (PROXY, f"192.0.2.1, {READER}, 10.0.0.9", READER),  # two proxies of ours
        (PROXY, "2001:DB8:0::7", "2001:db8::7"),
        ("fd00::5", "::ffff:203.0.113.7", READER),
        (PROXY, f"{READER}:51234", READER),  # a proxy that adds the port
        (PROXY, "[2001:db8::7]:51234", "2001:db8::7"),
        (PROXY, None, PROXY),  # the proxy itself (a health check)
        (PROXY, " , ", PROXY),
        (PROXY, "10.0.0.9", "10.0.0.9"),
        (PROXY, "192.0.2.1, unknown", "unknown"),  # never the spoofable part left of it
    ],
)
def test_the_client_is_the_first_untrusted_address_from_the_right(
    behind_a_proxy, remote_addr, forwarded_for, expected
):
    assert address_of(remote_addr, forwarded_for) == expected


def test_without_trusted_proxies_forwarded_for_is_never_believed():
    assert address_of("127.0.0.1", READER) == "127.0.0.1"


def test_wrong_passwords_with_a_new_forged_address_each_time_still_lock_out(client, behind_a_proxy):
    user = make_staff("Editor", username="nadia")
    user.set_password("correct horse battery staple 7")
    user.save()
    statuses = [
        client.post(
            "/admin/login/",
            {"username": "nadia", "password": "wrong"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        ).status_code
        for attempt in range(12)
    ]
    assert statuses.count(200) == settings.AXES_FAILURE_LIMIT - 1
    assert statuses[-1] == 429


def test_signups_with_a_new_forged_address_each_time_reach_the_address_limit(
    client, behind_a_proxy
):
    campaign = make_campaign()
    statuses = [
        client.post(
            campaign.url_in("en"),
            signup_data(email=f"reader-{n}@example.org"),
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(SIGNUPS_PER_ADDRESS + 1)
    ]
    assert statuses[:-1] == [302] * SIGNUPS_PER_ADDRESS
    assert statuses[-1] == 429


def test_readers_behind_a_trusted_proxy_are_counted_apart(client, behind_a_proxy, monkeypatch):
    monkeypatch.setattr("campaigns.views.SIGNUPS_PER_ADDRESS", 1)
    campaign = make_campaign()

    def sign(reader, n):
        data = signup_data(email=f"reader-{n}@example.org")
        forwarded = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": reader}
        return client.post(campaign.url_in("en"), data, **forwarded).status_code

    assert [sign(READER, 1), sign(READER, 2), sign("192.0.2.44", 3)] == [302, 429, 302]


def forwarded_https(client, remote_addr):
    """A plain-HTTP request saying X-Forwarded-Proto: https, with HTTPS redirects on."""
    return client.get("/en/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_PROTO="https")


@pytest.mark.parametrize(
    ("trusted", "remote_addr"),
    [([], "127.0.0.1"), (["10.0.0.0/8"], ATTACKER)],
    ids=["no proxy configured", "from an untrusted address"],
)
def test_forwarded_proto_is_not_believed_from_anyone_but_a_trusted_proxy(
    client, settings, trusted, remote_addr
):
    settings.TRUSTED_PROXIES = trusted
    settings.SECURE_SSL_REDIRECT = True
    response = forwarded_https(client, remote_addr)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/"


def test_forwarded_proto_from_a_trusted_proxy_is_believed(client, settings, behind_a_proxy):
    settings.SECURE_SSL_REDIRECT = True
    assert forwarded_https(client, PROXY).status_code == 200
