import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.encoding import punycode
from django.utils.translation import gettext as _
from django_tasks import task

from campaigns.models import Signup, site_day
from campaigns.tokens import make_token
from core.languages import url_in_language
from core.links import absolute_url

logger = logging.getLogger(__name__)

# A mail server that is down gets 1, 4, 16, 64 and 256 minutes to come back (about 5 h 40 min in
# all, well within the confirm link's 14 days), then the last failure stays in the admin.
MAX_ATTEMPTS = 6
FIRST_RETRY_DELAY = timedelta(minutes=1)
BACKOFF_FACTOR = 4


def retry_delay(attempt):
    """How long to wait after failed attempt number `attempt` (1, 2, …)."""
    return FIRST_RETRY_DELAY * BACKOFF_FACTOR ** (attempt - 1)


def link(view_name, language, **kwargs):
    return absolute_url(url_in_language(language, view_name, **kwargs))


def sender(language):
    """DEFAULT_FROM_EMAIL's address under EMAIL_FROM_NAME, by default the organisation's name in
    the supporter's language: what their inbox shows, so it must be the name they joined.

    formataddr quotes a name with commas or quotes and encodes an Arabic one (RFC 2047).
    """
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    local, at, domain = address.rpartition("@")
    if at and not domain.isascii():
        address = f"{local}@{punycode(domain)}"  # formataddr takes ASCII addresses only
    with translation.override(language):
        name = " ".join(str(settings.EMAIL_FROM_NAME or settings.SITE_NAME).split())
    return formataddr((name, address))


@task()
def send_signup_email(signup_id, known, attempt=1):
    """Ask the owner of the address to confirm the details sent; tell them too when the address
    had signed before (only they learn it: the website answered the same either way).

    When the mail server cannot be reached or refuses, the same email is queued again for later
    (with the database backend) and this attempt fails, so the worker records it with its error.
    """
    signup = Signup.objects.select_related("campaign").filter(pk=signup_id).first()
    if signup is None:  # erased since: nothing to send, nobody to write to
        return
    languages = [signup.language, *(c for c, _name in settings.LANGUAGES if c != signup.language)]
    confirm_token, leave_token = make_token(signup, "confirm"), make_token(signup, "leave")
    # Why the email came: the day of the signup it answers (the row's latest change), and where.
    day, site = site_day(signup.updated_at), urlsplit(settings.SITE_URL).netloc
    parts = []
    for code in languages:
        with translation.override(code):
            details = signup.details_for_owner()
            date = formats.date_format(day, "j F Y")  # "3 May 2025", "3 مايو 2025"
        parts.append(
            {
                "language": code,
                "details": details,
                "date": date,
                "confirm_url": link("campaigns:confirm", code, token=confirm_token),
                "leave_url": link("campaigns:leave", code, token=leave_token),
                "home_url": link("articles:home", code),
            }
        )
    # A confirmed address's details change only if its owner says so (Signup.receive).
    pending = bool(signup.pending_change)
    with translation.override(signup.language):
        if pending:
            subject = _("Confirm your new details: %(campaign)s")
        else:
            subject = _("Confirm your signature: %(campaign)s")
        subject = " ".join((subject % {"campaign": signup.campaign}).split())  # no line break
    context = {
        "signup": signup,
        "known": known,
        "pending": pending,
        "parts": parts,
        "subject": subject,
        "site": site,
        "SITE_NAME": settings.SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/signup.txt", context),
        from_email=sender(signup.language),
        to=[signup.email],
        headers={
            # Mail clients show "Unsubscribe" for it: the leave page, which asks before acting
            # (no RFC 8058 one-click: leaving is the page's POST, with its CSRF token).
            "List-Unsubscribe": f"<{parts[0]['leave_url']}>",
            # No vacation or out-of-office replies to an automatic message (RFC 3834).
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("emails/signup.html", context), "text/html")
    try:
        message.send()
    except OSError:  # smtplib's errors, refused connections and timeouts alike; not our bugs
        # Only a queue can wait: with the immediate backend the failure is just logged.
        if attempt < MAX_ATTEMPTS and send_signup_email.get_backend().supports_defer:
            run_after = timezone.now() + retry_delay(attempt)
            send_signup_email.using(run_after=run_after).enqueue(
                signup_id, known, attempt=attempt + 1
            )
            logger.warning(
                "Signup email %s not sent (attempt %d of %d); next attempt at %s.",
                signup_id,
                attempt,
                MAX_ATTEMPTS,
                run_after.isoformat(timespec="seconds"),
            )
        raise
