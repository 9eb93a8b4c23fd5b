from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database (pg_dump, custom format) and every media file (folder or "
        "bucket) into a new dated folder under --to, with a manifest of checksums and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", default="backups", help="where the dated folder is made")

    def handle(self, *args, **options):
        try:
            folder = backup(options["to"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written to {folder}")
