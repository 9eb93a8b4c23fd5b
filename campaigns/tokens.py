"""Links in supporters' emails: opaque, single-purpose, bound to what they act on, and expiring.

A token is the row's random `link_id`, the time it was made and an HMAC keyed by SECRET_KEY and
the purpose. It carries no row id (ids tell how many signed) and nothing of the address, so it
cannot be checked offline against a guessed address; without the key nothing in it can be forged.

The HMAC also covers what the link must not outlive. A confirm link covers the details its email
showed and the time the supporter left: it confirms exactly those details, and a link sent
before "leave" cannot rejoin (only a new signup's email can). Any link dies with its row, or when
the row's address changes.
"""

import json
import time

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from campaigns.models import Signup

CONFIRM_LIFETIME = 14 * 24 * 3600  # seconds
LEAVE_LIFETIME = 3 * 365 * 24 * 3600  # a leave link must keep working in old emails
LIFETIMES = {"confirm": CONFIRM_LIFETIME, "leave": LEAVE_LIFETIME}


def bound_state(signup, purpose):
    """What the link of this purpose stops working after a change of."""
    if purpose == "confirm":
        state = [signup.email, signup.shown_details, signup.unsubscribed_at]
    else:
        state = [signup.email]
    return json.dumps(state, sort_keys=True, default=str)


def signature(signup, purpose, stamp, secret=None):
    value = f"{signup.link_id}:{stamp}:{bound_state(signup, purpose)}"
    salt = f"campaigns.link.{purpose}"
    return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()[:32]


def make_token(signup, purpose, now=None):
    stamp = int_to_base36(int(now if now is not None else time.time()))
    return f"{signup.link_id}.{stamp}.{signature(signup, purpose, stamp)}"


def signup_for(token, purpose):
    """The signup a valid, unexpired token of this purpose names, else None."""
    link_id, _dot, rest = token.partition(".")
    stamp, _dot, mac = rest.partition(".")
    try:
        made = base36_to_int(stamp)
    except ValueError:
        return None
    if not 0 <= time.time() - made <= LIFETIMES[purpose]:
        return None
    signup = Signup.objects.select_related("campaign").filter(link_id=link_id).first()
    if signup is None:
        return None
    # Links sent before SECRET_KEY was rotated still work while the old key is a fallback.
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        if constant_time_compare(mac, signature(signup, purpose, stamp, secret)):
            return signup
    return None
