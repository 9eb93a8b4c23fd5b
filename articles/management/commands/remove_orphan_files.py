from django.core.management.base import BaseCommand

from articles import files
from articles.models import images_in_use
from staff import audit


class Command(BaseCommand):
    help = (
        "List the stored images nothing uses: no article, author, campaign or revision names "
        "them (or, for a rendition, its original), and none stored in the last hour; and the "
        "photos kept from refused saves for over a day. With --delete, remove them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the files listed.")

    def handle(self, *args, delete, **options):
        in_use = set(images_in_use())
        count = 0
        for name in files.orphans(in_use):
            self.stdout.write(name)
            # An original is deleted with its renditions: they are counted here, not listed.
            count += files.delete(name) if delete else 1
        if delete and count:
            audit.record(
                audit.Action.FILES_REMOVED, None, "", count=count, by="remove_orphan_files"
            )
        self.stdout.write(f"{'Removed' if delete else 'Unused'}: {count} file(s).")
