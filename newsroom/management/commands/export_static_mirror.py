import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.mirror import Mirror, MirrorError


class Command(BaseCommand):
    help = (
        "Write the public site, both languages, as static files with relative links: a mirror "
        "to host anywhere or share as an archive when the site is blocked."
    )

    def add_arguments(self, parser):
        parser.add_argument("output_dir", help="Folder to write into (created, or updated).")
        parser.add_argument(
            "--live-origin",
            default=settings.SITE_URL,
            help=(
                "Where signups and searches go (default: SITE_URL). An empty value makes the "
                "mirror say how to join another way instead."
            ),
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(os.cpu_count() or 1, 8),
            help="Processes rendering pages at once (default: one per CPU, at most 8).",
        )

    def handle(self, output_dir, live_origin, jobs, **options):
        if live_origin and not live_origin.startswith(("https://", "http://")):
            raise CommandError("--live-origin must start with https:// (or http://), or be empty.")
        verbose = options["verbosity"] > 0
        mirror = Mirror(output_dir, live_origin, log=self.stdout.write if verbose else _quiet)
        try:
            report = mirror.export(jobs)
        except MirrorError as error:
            raise CommandError(f"Nothing exported: {error}") from error
        for problem in report.missing:
            self.stderr.write(f"Not exported: {problem}")
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{report.pages} pages and {report.assets} files "
                    f"({report.bytes / 1_000_000:.1f} MB; {report.written} written, "
                    f"{report.removed} stale removed) in {report.seconds:.1f} s → {output_dir}"
                )
            )


def _quiet(_message):
    pass
