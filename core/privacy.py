"""Network addresses are personal data: they are only ever used keyed and hashed, never stored."""

import functools
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.utils import timezone


@functools.cache
def networks(entries):
    """TRUSTED_PROXIES as networks (core.checks refuses an entry that is not one)."""
    return [ipaddress.ip_network(entry) for entry in entries]


def parsed_address(text):
    """The address in `text` as a proxy writes it, or None: `203.0.113.7`, `2001:db8::7`, or
    with a port, which some proxies add (and which changes with every connection)."""
    text = text.strip()
    if text.startswith("["):  # [2001:db8::7]:51234
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address  # ::ffff:203.0.113.7 is IPv4


def is_trusted_proxy(text):
    address = parsed_address(text)
    return address is not None and any(
        address in network for network in networks(tuple(settings.TRUSTED_PROXIES))
    )


def client_address(request):
    """The client's address: REMOTE_ADDR, unless that is one of TRUSTED_PROXIES. Then each proxy
    appended the address it heard from to X-Forwarded-For: the client is the first address from
    the right that is not a trusted proxy; anything left of it the client wrote itself."""
    address = request.META.get("REMOTE_ADDR", "")
    if is_trusted_proxy(address):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed([hop.strip() for hop in forwarded if hop.strip()]):
            address = hop
            if not is_trusted_proxy(hop):
                break
    found = parsed_address(address)
    return str(found) if found else address


def hashed(value, salt=""):
    """An HMAC keyed by SECRET_KEY (and `salt`), so a stored key cannot be matched to a value."""
    key = f"{settings.SECRET_KEY}:{salt}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).digest()


def daily_key(value):
    # Salted by the day too: yesterday's rate-limit keys cannot be matched with today's.
    return hashed(value, timezone.now().strftime("%Y-%m-%d")).hex()[:32]


def client_key(request):
    """The client's address as django-axes stores it: a keyed hash shaped as a private IPv6
    address (its column only takes addresses), so lockouts work without keeping the real one."""
    digest = hashed(client_address(request), "login")
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:15]))
