"""Small builders for test rows: each makes a valid object and takes overrides."""

import io
import itertools
import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Byline, Topic
from campaigns.forms import TIMESTAMP_SALT
from campaigns.models import Campaign

_numbers = itertools.count(1)

LIVE_ORIGIN = "https://live.example.org"  # where a static mirror sends signups and searches

# Search input meant to break a search (tests/articles/test_search.py, bench/search.py).
HOSTILE_SEARCHES = {
    "nul bytes": "حرية\x00\x00الصحافة",
    "200 quotes": '"' * 200,
    "lone minus": "-",
    "only diacritics": "ًٌٍَُِّْ" * 10,
    "tsquery operators": "&|!():*<-> & | ! ( ) : * <-> <1> '' \\",
    "sql": "'; DROP TABLE articles_article; --",
    "very long word": "ب" * 200,
    "mixed scripts": "انتخابات elections выборы 選挙 ۱۲۳",
    "emoji": "🗳️📰 حرية 👩🏽‍💻",
    "minus phrase": '-"" -"-" "-"',
    "or only": "or or or",
    "percent and backslash": "%_\\%\\_",
}


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


def make_staff(role, username=None):
    """A staff member (not a superuser) in one of the role groups the data migration creates.

    Tests sign in with `staff_login`: no password, so no slow hashing.
    """
    username = username or f"{role.lower().replace(' ', '-')}-{next(_numbers)}"
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", password=None, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def staff_login(client, user):
    """Sign `user` in on the test client past both factors: a confirmed TOTP device, and the
    session marked as verified with it, as django_otp.login() does after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def article_form(**overrides):
    """A valid POST for the admin's add form: an Arabic article with an author and a topic."""
    author = make_author()
    topic = make_topic()
    data = {
        "title_ar": "مقال من لوحة التحرير",
        "slug_ar": "",
        "summary_ar": "ملخص",
        "body_ar": "<p>نص المقال</p>",
        "title_en": "",
        "slug_en": "",
        "summary_en": "",
        "body_en": "",
        "hero_alt_ar": "",
        "hero_alt_en": "",
        "hero_caption_ar": "",
        "hero_caption_en": "",
        "hero_credit": "",
        "hero_focal_x": "0.5",
        "hero_focal_y": "0.5",
        "byline_mode": "authors",
        "loaded_version": "",
        "status": "published",
        "publish_at_0": "2026-01-05",
        "publish_at_1": "10:00:00",
        "topics": [topic.pk],
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
    }
    return data | overrides


class _FormValues(HTMLParser):
    """What a browser would submit from the form with id `form_id`, buttons and files left out."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, {}
        self.textarea = self.select = None
        self.multiple, self.first_option = False, None

    def add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(name, attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.add(name, "")
        elif tag == "select" and name:
            self.select, self.multiple, self.first_option = name, "multiple" in attrs, None
            self.values.setdefault(name, [])
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.add(self.select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            # As in a browser: the newline right after <textarea> belongs to the markup.
            values = self.values[self.textarea]
            values[-1] = values[-1].removeprefix("\n")
            self.textarea = None
        elif tag == "select" and self.select:
            # A single choice with nothing marked selected submits its first option.
            if not self.multiple and not self.values[self.select] and self.first_option is not None:
                self.add(self.select, self.first_option)
            self.select = None

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.values[self.textarea][-1] += data


def form_values(html, form_id="article_form"):
    """The POST data of a rendered admin form, as a browser would send it unchanged."""
    parser = _FormValues(form_id)
    parser.feed(html)
    parser.close()
    return {
        name: values[0] if len(values) == 1 else values for name, values in parser.values.items()
    }


def make_campaign(**fields):
    n = next(_numbers)
    values = {
        "title_ar": f"حملة رقم {n}",
        "title_en": f"Campaign {n}",
        "summary_ar": "انضموا إلينا.",
        "summary_en": "Join us.",
        "button_label_ar": "وقّعوا",
        "button_label_en": "Sign",
        "consent_text_ar": "أوافق على أن يتواصل معي التحالف.",
        "consent_text_en": "I agree that the coalition may contact me.",
        "thank_you_text_ar": "شكرًا لانضمامكم.",
        "thank_you_text_en": "Thank you for joining.",
        "featured": True,
    }
    return Campaign.objects.create(**(values | fields))


def signup_data(**overrides):
    """A campaign's signup form as a reader sends it, started a minute ago (a form sent faster
    than a person can fill it in is taken for a bot's)."""
    started = signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT)
    data = {
        "full_name": "ليلى أحمد",
        "email": "Leila@Example.org ",
        "country": "EG",
        "phone": "",
        "language": "ar",
        "consent": "on",
        "source": "newsletter",
        "website": "",
        "started": started,
    }
    return data | overrides


def record_signup(campaign, email, **fields):
    """Signup.objects.record as the form calls it, with ordinary details unless given."""
    from campaigns.models import Signup

    values = {
        "email": email,
        "full_name": "Leila Ahmed",
        "country": "EG",
        "phone": "",
        "language": "ar",
        "consent": True,
        "source": {"page": "/ar/join/x/"},
    }
    return Signup.objects.record(campaign, **(values | fields))


def post_signup(client, campaign, language="ar", **overrides):
    """Sign up on the campaign's page in `language` with `signup_data(**overrides)`."""
    return client.post(campaign.url_in(language), signup_data(**overrides))


def export_mirror(folder, *args):
    """Run `manage.py export_static_mirror folder *args`; what it printed."""
    out = io.StringIO()
    call_command("export_static_mirror", str(folder), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


class OneRoundPasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 hasher with one round instead of a million: the same code and the same
    stored format for the tests that sign in with a password, without half a second each."""

    iterations = 1


def settings_read_with(prefix, **env):
    """The settings starting with `prefix` as a fresh process reads them with `env` changed."""
    script = (
        "import json; from newsroom import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in dir(s) if n.startswith({prefix!r})}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=os.environ | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)
