"""Signed links in supporters' emails: they name one signup and one purpose, and expire."""

import hashlib
from datetime import timedelta

from django.core import signing

CONFIRM_LIFETIME = timedelta(days=14)
LEAVE_LIFETIME = timedelta(days=3 * 365)  # a leave link must keep working in old emails
SALT = "campaigns.signup"


def email_digest(email):
    # Signed values are readable, not secret: a link (in logs, in a forwarded email) must not
    # show the address, only bind itself to it.
    return hashlib.sha256(email.encode()).hexdigest()[:20]


def make_token(signup, purpose):
    """The link dies with the row it was made for (erased, or its address changed)."""
    value = {"id": signup.pk, "email": email_digest(signup.email), "for": purpose}
    return signing.dumps(value, salt=SALT)


def read_token(token, purpose, max_age):
    """(signup id, email digest) from a valid token for this purpose, else None."""
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("for") != purpose:
        return None
    return value.get("id"), value.get("email")
