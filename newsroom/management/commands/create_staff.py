import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

ROLES = {
    "writer": "Writer",
    "editor": "Editor",
    "campaign-manager": "Campaign manager",
    "administrator": "Administrator",
}


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
        if users.objects.filter(username=email).exists():
            raise CommandError(f"A user {email} already exists.")
        password = secrets.token_urlsafe(16)
        user = users.objects.create_user(
            username=email, email=email, password=password, is_staff=True
        )
        user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(f"Created {ROLES[role]} {email}. One-time password (shown only now):")
        self.stdout.write(password)
