"""Fill an empty site with the demo topics, authors, articles, campaign and the site's own pages
(about, contact, privacy policy), images included.

The content is data: newsroom/demo/content.toml, with each body in an HTML file beside it.
"""

import colorsys
import io
import math
import random
import re
import tomllib
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from articles.models import Article, Author, Byline, Topic
from campaigns.models import Campaign
from core.languages import LANGUAGE_CODES
from pages.models import Page

DEMO = Path(__file__).resolve().parents[2] / "demo"
BREAK_BETWEEN_TAGS = re.compile(r">\n\s*<")
ARTICLE_FIELDS = ("title", "slug", "summary", "body", "hero_alt", "hero_caption")
PAGE_FIELDS = ("title", "slug", "summary", "body")
HERO_SIZE = (1200, 675)
WHITE = (255, 255, 255)


def read_html(path):
    """A body as stored: the line breaks between tags are only there to make the file readable."""
    return BREAK_BETWEEN_TAGS.sub("><", path.read_text(encoding="utf-8")).strip()


def read_demo_content():
    """content.toml, with each article's, page's and the campaign's bodies read from their HTML
    files."""
    with (DEMO / "content.toml").open("rb") as file:
        content = tomllib.load(file)
    for data in content["articles"]:
        for code in LANGUAGE_CODES:
            if code in data:
                data[code]["body"] = read_html(DEMO / "articles" / f"{data['key']}.{code}.html")
    for data in content["pages"]:
        for code in LANGUAGE_CODES:
            data[code]["body"] = read_html(DEMO / "pages" / f"{data['key']}.{code}.html")
    for code in LANGUAGE_CODES:
        content["campaign"][f"body_{code}"] = read_html(DEMO / f"campaign.{code}.html")
    return content


def rgb(hue, saturation, value, alpha=None):
    color = tuple(round(c * 255) for c in colorsys.hsv_to_rgb(hue % 1, saturation, value))
    return color if alpha is None else (*color, alpha)


def jpeg(image):
    # A fresh image carries no EXIF, and Pillow writes none unless asked to.
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def gradient(size, top, bottom, angle):
    # Rotating an oversized gradient and cropping its middle leaves no empty corners; that is
    # done at a quarter of the size, which is much faster and looks the same once enlarged.
    w, h = size[0] // 4, size[1] // 4
    bicubic = Image.Resampling.BICUBIC
    mask = Image.linear_gradient("L").resize((w * 2, h * 2)).rotate(angle, bicubic)
    mask = mask.crop((w // 2, h // 2, w // 2 + w, h // 2 + h)).resize(size, bicubic)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def hero_jpeg(index):
    """A calm abstract picture; the demo alt texts describe the one each index produces."""
    rng = random.Random(f"article-{index}")
    hue = (0.55 + index * 0.618034) % 1  # golden-ratio steps keep neighbouring images apart
    w, h = HERO_SIZE
    sky, ground = rgb(hue, 0.22, 0.97), rgb(hue + 0.05, 0.6, 0.52)
    image = gradient(HERO_SIZE, sky, ground, rng.uniform(-25, 25))
    for _ in range(rng.randint(3, 5)):
        # Pasted through a blurred mask: blurring a transparent layer would leave grey halos.
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(80, 240)
        mask = Image.new("L", HERO_SIZE, 0)
        ImageDraw.Draw(mask).ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(90, 160))
        hue_shift = rng.choice((-0.06, 0.0, 0.06, 0.12))
        color = rgb(hue + hue_shift, rng.uniform(0.3, 0.55), rng.uniform(0.8, 1))
        image.paste(color, mask=mask.filter(ImageFilter.GaussianBlur(24)))

    # Details are drawn at twice the size and scaled down, which smooths their edges.
    detail = Image.new("RGBA", (w * 2, h * 2), (*WHITE, 0))
    draw = ImageDraw.Draw(detail)
    line = (*WHITE, 120)
    if index % 3 == 0:  # concentric arcs
        cx, cy = rng.uniform(0.55, 0.85) * w * 2, rng.uniform(0.3, 0.7) * h * 2
        for step in range(rng.randint(4, 7)):
            r = 140 + step * rng.uniform(60, 90)
            start, end = rng.uniform(0, 180), rng.uniform(200, 360)
            draw.arc((cx - r, cy - r, cx + r, cy + r), start, end, fill=line, width=4)
    elif index % 3 == 1:  # layered hills under a pale sun
        cx, cy, r = rng.uniform(0.2, 0.8) * w * 2, h, rng.uniform(150, 220)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*WHITE, 90))
        for layer in range(3):
            base, amplitude = h * (1.25 + 0.25 * layer), rng.uniform(40, 90)
            waves, phase = rng.uniform(1, 2.2), rng.uniform(0, math.tau)
            crest = [
                (x, base + amplitude * math.sin(waves * math.tau * x / (w * 2) + phase))
                for x in range(0, w * 2 + 40, 40)
            ]
            fill = rgb(hue + 0.05, 0.5, 0.6 - 0.12 * layer, 120 + 40 * layer)
            draw.polygon([*crest, (w * 2, h * 2), (0, h * 2)], fill=fill)
    else:  # parallel diagonal strokes and a ring
        x0, gap = rng.uniform(0, w), rng.uniform(28, 44)
        for step in range(rng.randint(8, 14)):
            x = x0 + step * gap
            draw.line((x, h * 2, x + h * 1.2, 0), fill=line, width=3)
        cx, cy = rng.uniform(0.1, 0.9) * w * 2, rng.uniform(0.2, 0.8) * h * 2
        r = rng.uniform(120, 220)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*WHITE, 160), width=6)
    for _ in range(rng.randint(5, 9)):
        x, y, r = rng.uniform(0, w * 2), rng.uniform(0, h * 2), rng.uniform(6, 16)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*WHITE, 150))
    return jpeg(Image.alpha_composite(image.convert("RGBA"), detail.reduce(2)))


def portrait_jpeg(index):
    """A placeholder portrait: a soft background and a plain head-and-shoulders silhouette."""
    rng = random.Random(f"author-{index}")
    hue = (0.1 + index * 0.27) % 1
    size = 800  # drawn at twice the final size for smooth edges
    image = gradient((size, size), rgb(hue, 0.12, 0.97), rgb(hue, 0.28, 0.86), rng.uniform(-20, 20))
    draw = ImageDraw.Draw(image)
    figure = rgb(hue + 0.02, 0.35, 0.45)
    draw.ellipse((260, 150, 540, 430), fill=figure)
    draw.ellipse((130, 500, 670, 1060), fill=figure)
    return jpeg(image.reduce(2))


def article_lookup(data):
    """Any stored article with one of this demo article's slugs (each is unique per language)."""
    query = Q()
    for code in LANGUAGE_CODES:
        if code in data:
            query |= Q(**{f"slug_{code}": data[code]["slug"]})
    return query


class Command(BaseCommand):
    help = (
        "Create the demo topics, authors, articles, campaign and pages; rows that already exist "
        "are left alone."
    )

    # Existing rows are skipped, not updated: saving them again would bump updated_at and undo
    # whatever an editor has since changed in them.
    @transaction.atomic
    def handle(self, *args, **options):
        content = read_demo_content()
        self.created = Counter()
        topics = {data["slug_en"]: self.topic(data) for data in content["topics"]}
        authors = {
            data["slug"]: self.author(index, data) for index, data in enumerate(content["authors"])
        }
        for index, data in enumerate(content["articles"]):
            self.article(index, data, authors, topics)
        campaign = content["campaign"]
        if not Campaign.objects.filter(slug_en=campaign["slug_en"]).exists():
            campaign = Campaign(**campaign, featured=True)
            # The index after the articles': a picture unlike any of theirs.
            image = hero_jpeg(len(content["articles"]))
            campaign.hero_image.save("campaign.jpg", ContentFile(image), save=False)
            campaign.save()
            self.created["campaigns"] += 1
        for data in content["pages"]:
            self.page(data)
        rows = sum(len(content[name]) for name in ("topics", "authors", "articles", "pages")) + 1
        self.stdout.write(
            f"Demo content: created {self.created['articles']} articles, "
            f"{self.created['authors']} authors, {self.created['topics']} topics, "
            f"{self.created['campaigns']} campaign, {self.created['pages']} pages "
            f"({rows - self.created.total()} already present)."
        )

    def topic(self, data):
        if topic := Topic.objects.filter(slug_en=data["slug_en"]).first():
            return topic
        self.created["topics"] += 1
        return Topic.objects.create(**data)

    def author(self, index, data):
        if author := Author.objects.filter(slug=data["slug"]).first():
            return author
        author = Author(**data)
        author.photo.save("photo.jpg", ContentFile(portrait_jpeg(index)), save=False)
        author.save()
        self.created["authors"] += 1
        return author

    def article(self, index, data, authors, topics):
        if Article.objects.filter(article_lookup(data)).exists():
            return
        article = Article(
            **{
                f"{field}_{code}": data.get(code, {}).get(field)
                for code in LANGUAGE_CODES
                for field in ARTICLE_FIELDS
            },
            hero_credit=data["hero_credit"],
            status=data.get("status", Article.Status.PUBLISHED),
            publish_at=timezone.now() - timedelta(days=data["days_ago"]),
            featured=data["featured"],
        )
        article.hero_image.save("hero.jpg", ContentFile(hero_jpeg(index)), save=False)
        article.save()
        for position, slug in enumerate(data["authors"]):
            Byline.objects.create(article=article, author=authors[slug], position=position)
        article.topics.set([topics[slug] for slug in data["topics"]])
        article.record_revision(None)  # revision 1: what later edits are compared with
        self.created["articles"] += 1

    def page(self, data):
        # Found by kind: there is one page of each kind, whatever an editor has renamed it to.
        if Page.objects.filter(kind=data["kind"]).exists():
            return
        Page.objects.create(
            **{
                f"{field}_{code}": data[code][field]
                for code in LANGUAGE_CODES
                for field in PAGE_FIELDS
            },
            kind=data["kind"],
            footer_order=data["footer_order"],
            published=True,
        )
        self.created["pages"] += 1
