"""Signed links in supporters' emails: they name one signup and one purpose, and expire."""

from datetime import timedelta

from django.core import signing

CONFIRM_LIFETIME = timedelta(days=14)
LEAVE_LIFETIME = timedelta(days=3 * 365)  # a leave link must keep working in old emails
SALT = "campaigns.signup"


def make_token(signup, purpose):
    # The email is part of the signed value: the link dies with the row it was made for.
    return signing.dumps({"id": signup.pk, "email": signup.email, "for": purpose}, salt=SALT)


def read_token(token, purpose, max_age):
    """(signup id, email) from a valid token for this purpose, else None."""
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("for") != purpose:
        return None
    return value.get("id"), value.get("email")
