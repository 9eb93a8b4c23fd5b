"""Small builders for test rows: each makes a valid object and takes overrides."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Byline, Topic

_numbers = itertools.count(1)


def jpeg_bytes(size=(64, 48), color=(30, 120, 110)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def uploaded_jpeg(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def make_topic(**fields):
    n = next(_numbers)
    values = {"name_ar": f"موضوع {n}", "name_en": f"Topic {n}"}
    return Topic.objects.create(**(values | fields))


def make_author(**fields):
    n = next(_numbers)
    values = {
        "name_ar": f"كاتبة {n}",
        "name_en": f"Writer {n}",
        "slug": f"writer-{n}",
        "role_ar": "محررة",
        "role_en": "Editor",
        "bio_ar": "تكتب عن الحريات العامة.",
        "bio_en": "She writes about civic freedoms.",
    }
    return Author.objects.create(**(values | fields))


def make_article(languages=("ar", "en"), authors=(), topics=(), **fields):
    """A live article available in `languages`; pass status/publish_at to change that."""
    n = next(_numbers)
    texts = {
        "ar": {"title_ar": f"مقال رقم {n}", "body_ar": f"<p>نص المقال {n}.</p>"},
        "en": {"title_en": f"Article number {n}", "body_en": f"<p>Body of article {n}.</p>"},
    }
    values = {
        "status": Article.Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=n),
    }
    for code in languages:
        values |= texts[code]
    article = Article.objects.create(**(values | fields))
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    article.topics.set(topics)
    return article
