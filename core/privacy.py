"""Network addresses are personal data: they are only ever used keyed and hashed, never stored."""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.utils import timezone


def client_address(request):
    """The reader's address, counting TRUSTED_PROXY_COUNT proxies (load balancer, CDN) back."""
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if settings.TRUSTED_PROXY_COUNT and len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
        return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


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
