from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, check, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder (manage.py backup) into the empty database of DATABASE_URL and "
        "the media storage; --check only verifies the backup's checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--check", action="store_true", help="verify it, restore nothing")

    def handle(self, *args, **options):
        try:
            act = check if options["check"] else restore
            manifest = act(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["database"]["rows"].values())
        done = "is whole" if options["check"] else "restored"
        self.stdout.write(
            f"{options['folder']} {done}: {rows:,} rows in "
            f"{len(manifest['database']['rows'])} tables, {len(manifest['media']):,} media files."
        )
