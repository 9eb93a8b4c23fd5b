import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from core.links import absolute_url

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create or keep the local development admin account and print its login (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("local_admin is for local development; use createsuperuser.")
        # The password lives only in this untracked file, so every `make run` can print it again.
        password_file = Path(settings.BASE_DIR) / ".local-admin-password"
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            password_file.write_text(password)
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        self.stdout.write(
            f"Local admin: {absolute_url(reverse('admin:index'))}  user: {USERNAME}  "
            f"password: {password}  (the first sign-in sets up a second factor)"
        )
