from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from campaigns.models import Signup
from campaigns.tokens import make_token


def absolute(view_name, language, token):
    with translation.override(language):
        return settings.SITE_URL + reverse(view_name, kwargs={"token": token})


@task()
def send_signup_email(signup_id, known):
    """Ask the owner of the address to confirm; tell them too when the address had signed before
    (only they learn it: the website answered the same either way)."""
    signup = Signup.objects.select_related("campaign").filter(pk=signup_id).first()
    if signup is None:  # erased since: nothing to send, nobody to write to
        return
    languages = [signup.language, *(c for c, _name in settings.LANGUAGES if c != signup.language)]
    context = {
        "signup": signup,
        "known": known,
        "parts": [
            {
                "language": code,
                "confirm_url": absolute("campaigns:confirm", code, make_token(signup, "confirm")),
                "leave_url": absolute("campaigns:leave", code, make_token(signup, "leave")),
            }
            for code in languages
        ],
    }
    with translation.override(signup.language):
        subject = _("Please confirm: %(campaign)s") % {"campaign": signup.campaign}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # no line break can reach a header
        body=render_to_string("emails/signup.txt", context),
        to=[signup.email],
    )
    message.attach_alternative(render_to_string("emails/signup.html", context), "text/html")
    message.send()
