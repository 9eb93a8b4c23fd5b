"""Time the static mirror of a site with 1,000 articles, and print its size.

    python -m bench.mirror          (1,000 articles in both languages)
    python -m bench.mirror 3000     (any other number)

Works on a throwaway SQLite file, media and static folders in a temporary folder, never on the
configured database, all deleted at the end; with DEBUG off and hashed static files, as in
production. One article in 25 has a hero image (its renditions are made when
the site is filled, as on upload, and copied by the export).
"""

import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import django

# Before Django reads its settings: whatever DATABASE_URL and MEDIA_ROOT say, this run uses its own.
FOLDER = Path(tempfile.mkdtemp(prefix="bench-mirror-"))
os.environ["DATABASE_URL"] = f"sqlite:///{FOLDER}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = str(FOLDER / "media")
# As production runs it: DEBUG off, static files collected with hashed names.
os.environ["DJANGO_DEBUG"] = "0"
os.environ["SECRET_KEY"] = "bench-only-" + "x" * 50
os.environ["SITE_URL"] = "https://news.example.org"
os.environ["ALLOWED_HOSTS"] = "news.example.org"
os.environ["STATIC_ROOT"] = str(FOLDER / "static")
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Author, Byline, Topic  # noqa: E402
from campaigns.models import Campaign  # noqa: E402
from tests.helpers import jpeg_bytes  # noqa: E402

AUTHORS = 20
TOPICS = 10
IMAGE_EVERY = 25
PARAGRAPH_AR = "<p>رصد المراقبون المستقلون تأخير فتح مراكز الاقتراع ومنع بعضهم من الدخول.</p>"
PARAGRAPH_EN = "<p>Independent observers recorded late openings and were turned away.</p>"


def fill(total):
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    now = timezone.now()
    with transaction.atomic():
        authors = [
            Author.objects.create(
                name_ar=f"كاتبة {n}", name_en=f"Writer {n}", slug=f"writer-{n}", bio_en="Bio."
            )
            for n in range(AUTHORS)
        ]
        topics = [
            Topic.objects.create(name_ar=f"موضوع {n}", name_en=f"Topic {n}") for n in range(TOPICS)
        ]
        Campaign.objects.create(
            title_ar="انضموا إلى الحركة",
            title_en="Join the movement",
            button_label_ar="وقّعوا",
            button_label_en="Sign",
            consent_text_ar="أوافق.",
            consent_text_en="I agree.",
            thank_you_text_ar="شكرًا.",
            thank_you_text_en="Thank you.",
            featured=True,
        )
        for n in range(total):
            article = Article.objects.create(
                title_ar=f"مراقبو الانتخابات يوثقون مخالفات في المحافظة رقم {n}",
                title_en=f"Election observers document violations in province {n}",
                summary_ar="تقرير ميداني عن يوم الاقتراع.",
                summary_en="A field report from polling day.",
                body_ar=PARAGRAPH_AR * 8,
                body_en=PARAGRAPH_EN * 8,
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(hours=n + 1),
                featured=n < 4,
            )
            Byline.objects.create(article=article, author=authors[n % AUTHORS], position=0)
            article.topics.set([topics[n % TOPICS]])
            if n % IMAGE_EVERY == 0:
                color = (n % 256, 120, 110)
                image = jpeg_bytes(size=(1200, 675), color=color)
                article.hero_image.save(f"hero-{n}.jpg", ContentFile(image))
                article.hero_alt_ar, article.hero_alt_en = "صورة", "A picture"
                article.save()


def size_of(folder):
    files = [path for path in folder.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    try:
        start = time.perf_counter()
        fill(total)
        print(f"Filled {total} articles in {time.perf_counter() - start:.1f} s")
        output = FOLDER / "mirror"
        for run in ("first export (empty folder)", "second export (same folder)"):
            start = time.perf_counter()
            call_command(
                "export_static_mirror", str(output), "--live-origin", "https://example.org"
            )
            seconds = time.perf_counter() - start
            count, size = size_of(output)
            print(f"{run}: {seconds:.1f} s, {count} files, {size / 1_000_000:.1f} MB")
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
