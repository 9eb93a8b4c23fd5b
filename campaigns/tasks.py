import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from campaigns.models import Signup
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


def link(view_name, language, token):
    return absolute_url(url_in_language(language, view_name, token=token))


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
    parts = []
    for code in languages:
        with translation.override(code):
            details = signup.details_for_owner()
        parts.append(
            {
                "language": code,
                "details": details,
                "confirm_url": link("campaigns:confirm", code, confirm_token),
                "leave_url": link("campaigns:leave", code, leave_token),
            }
        )
    # A confirmed address's details change only if its owner says so (Signup.receive).
    pending = bool(signup.pending_change)
    context = {"signup": signup, "known": known, "pending": pending, "parts": parts}
    with translation.override(signup.language):
        subject = _("Please confirm: %(campaign)s") % {"campaign": signup.campaign}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # no line break can reach a header
        body=render_to_string("emails/signup.txt", context),
        to=[signup.email],
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
