import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from staff import audit, roles

# --role writer, editor, campaign-manager or administrator
ROLES = {slugify(role): role for role in roles.ROLES}


class Command(BaseCommand):
    help = "Create a staff account with one role and print its one-time password, once."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))

    def handle(self, *args, email, role, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        users = get_user_model()
        # Also an account under another username with this address: one person, one account.
        if users.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            raise CommandError(f"A user {email} already exists.")
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist as error:
            raise CommandError(
                f"No group {ROLES[role]!r}: run `manage.py migrate` first."
            ) from error
        password = secrets.token_urlsafe(16)
        with transaction.atomic():
            user = users.objects.create_user(
                username=email, email=email, password=password, is_staff=True
            )
            user.groups.add(group)
            audit.record(
                audit.Action.ROLES_CHANGED, None, email, by="create_staff", groups=[group.name]
            )
        self.stdout.write(f"Created {ROLES[role]} {email} (second factor set up at first sign-in).")
        self.stdout.write("One-time password (shown only now):")
        self.stdout.write(password)
