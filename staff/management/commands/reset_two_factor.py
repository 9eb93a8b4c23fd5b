from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp import devices_for_user

from staff import audit


class Command(BaseCommand):
    help = (
        "Remove every second factor (passkeys, authenticator apps, recovery codes) of a staff "
        "member who lost theirs, and sign them out everywhere. Check who is asking first: the "
        "next person to sign in with the password sets up the new factor."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        with transaction.atomic():
            removed = 0
            for device in devices_for_user(user, confirmed=None):
                device.delete()
                removed += 1
            signed_out = end_sessions(user)
            audit.record(audit.Action.FACTOR_RESET, None, username, by="reset_two_factor")
        self.stdout.write(
            f"Removed {removed} second factor(s) of {username} and ended {signed_out} "
            "session(s). They set up a new factor at their next sign-in."
        )


def end_sessions(user):
    ended = 0
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
