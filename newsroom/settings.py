"""Newsroom settings: one module, read from environment variables (deploy/env.example lists them).
Local defaults need nothing set up; with DJANGO_DEBUG=0 it refuses to start without a SECRET_KEY."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from core.logs import logging_configuration

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    """A variable set to an empty string counts as unset (as `deploy/env.example` leaves many)."""
    return os.environ.get(name, "").strip() or default


def env_bool(name, default):
    return env(name, str(int(default))).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", default=True)
INSECURE_LOCAL_KEY = "local-development-only-not-secret"  # refused below when not DEBUG
SECRET_KEY = env("SECRET_KEY", INSECURE_LOCAL_KEY)
# Former keys, comma-separated, after a rotation: links already emailed to supporters keep working.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
if not DEBUG and (SECRET_KEY == INSECURE_LOCAL_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of 50+ characters in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must come before the admin
    "staff.apps.StaffAdminConfig",  # django.contrib.admin with the two-factor admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # intcomma: grouped numbers in each language's format
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_prose_editor",
    "django_countries",
    "django_tasks",
    "campaigns.apps.EmailQueueConfig",  # django_tasks_db, named for staff
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "csp",
    "core",
    "staff",
    "articles",
    "campaigns",
    "pages",
    "newsroom",  # last: the project shell, its commands and migrations
]

MIDDLEWARE = [
    "core.logs.RequestIdMiddleware",
    "core.middleware.ForwardedHeadersMiddleware",  # before anything reads X-Forwarded-*
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",  # django-csp, admin policy added
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Here: a fresh copy of a public page skips all below (sessions, locale, CSRF, the view) and
    # still gets the headers above. It keeps a copy of what PublicCacheMiddleware marks public.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.outage.DatabaseOutageMiddleware",  # a view's database error: the "try again" page
    "core.middleware.PublicCacheMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# Which app server answered, in an X-Served-By header: set by `make prod-local` and the topology
# test only (tests/test_topology.py); unset in production, where it would map the servers.
if SERVED_BY := env("SERVED_BY"):
    MIDDLEWARE.insert(0, "core.middleware.ServedByMiddleware")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# gunicorn's threaded workers no longer kill a request stuck on a query (gunicorn.conf.py): on
# PostgreSQL a statement running longer than this is cancelled, the request answered 500 and the
# thread freed. gunicorn.conf.py sets 30 s for the site; commands (migrations, load data) have none.
statement_timeout = env("DATABASE_STATEMENT_TIMEOUT")
if statement_timeout and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={int(statement_timeout) * 1000}"
    )

# "default" caches pages and counters; it treats an unreachable Redis as a miss (logged), so the
# site keeps serving from the database. "ratelimit" is the same Redis but raises, so the signup
# rate limit knows to fall back to a count in this process (campaigns.views.over_limit). After a
# failure both leave Redis alone for a few seconds (core.outage.BACKOFF_SECONDS).
if REDIS_URL := env("REDIS_URL"):
    # A Redis that is down costs at most this long, once per back-off, never a hung worker.
    redis_options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    CACHES = {
        alias: {"BACKEND": backend, "LOCATION": REDIS_URL, "OPTIONS": redis_options}
        for alias, backend in (
            ("default", "core.outage.FailSoftRedisCache"),
            ("ratelimit", "core.outage.BackOffRedisCache"),
        )
    }
else:
    # One store in this process's memory under both names, as both name one Redis above (and
    # clearing the cache clears the rate limits, as flushing Redis does).
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"}
        for alias in ("default", "ratelimit")
    }
# How long each page's copy is kept: served while the database is unreachable (core.pagecache).
STALE_PAGE_SECONDS = int(env("STALE_PAGE_SECONDS", str(7 * 24 * 3600)))

# --- Background work and email ----------------------------------------------------------
# Emails are queued in the database in the signup's own transaction (a durable outbox), and sent
# by `manage.py db_worker`. TASKS_BACKEND=immediate sends them at once (tests, quick demos).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env("TASKS_BACKEND", "database")  # another name stops start-up (core.checks)
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(TASKS_BACKEND, TASK_BACKENDS["database"])}}

# EMAIL_URL: smtp://user:password@host:587?tls=1 (or ssl=1) sends for real; console:// prints;
# file:///a/folder writes each email to a file there (trying production on one machine).
email_url = urlsplit(env("EMAIL_URL", "console://"))
email_backends = {"smtp": "smtp", "console": "console", "file": "filebased"}
if email_url.scheme not in email_backends:
    raise ImproperlyConfigured("EMAIL_URL must start with smtp://, console:// or file://")
email_options = parse_qs(email_url.query)
EMAIL_BACKEND = f"django.core.mail.backends.{email_backends[email_url.scheme]}.EmailBackend"
EMAIL_FILE_PATH = unquote(email_url.path) if email_url.scheme == "file" else None
EMAIL_HOST = email_url.hostname or "localhost"
EMAIL_PORT = email_url.port or 25
EMAIL_HOST_USER = unquote(email_url.username or "")
EMAIL_HOST_PASSWORD = unquote(email_url.password or "")
EMAIL_USE_TLS = email_options.get("tls") == ["1"]
EMAIL_USE_SSL = email_options.get("ssl") == ["1"]
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Coalition for Democracy <no-reply@localhost>")
# The sender's name supporters see (campaigns.tasks.sender); empty: SITE_NAME, in their language.
EMAIL_FROM_NAME = env("EMAIL_FROM_NAME")
# The address links in emails start with (the site is reached through a CDN under this name).
# Required in production, and not a local one (core.checks) unless ALLOW_LOCAL_SITE_URL=1.
SITE_URL = env("SITE_URL", "http://localhost:8000" if DEBUG else "").rstrip("/")
ALLOW_LOCAL_SITE_URL = env_bool("ALLOW_LOCAL_SITE_URL", default=False)

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "ar"  # Arabic is the default when the browser asks for neither language
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date, time and number format per language, the same in the admin and on the site.
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = env("TIME_ZONE", "UTC")

# modeltranslation: Arabic tab first; no silent fallback (templates mark any other-language text).
MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_ENABLE_FALLBACKS = False
MODELTRANSLATION_AUTO_POPULATE = False
# Self-hosted copy: the default points at Google's CDN, a third party the admin must never call.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# django-prose-editor's menu speaks only English: static/js/admin-editor-labels.js replaces its
# Menu extension (which stores no HTML) with one taking its labels from Django's JS catalogue.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {"js": [static_lazy("js/admin-editor-labels.js")], "extensions": {"Menu": html_tags([])}}
]

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
# Fixed at start-up: the test runner turns DEBUG off later, but local tests have no collectstatic.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Media on S3-compatible storage (MEDIA_STORAGE=s3): every app server reads and writes the same
# bucket, no shared disk. The bucket stays private: readers get the files from /media/ (core.media,
# the same rules as on disk), and each object also carries its type and cache headers, set on
# upload, for a CDN that would fetch from the bucket itself.
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")


def s3_media_storage(bucket, endpoint_url, region, access_key, secret_key):
    """The STORAGES entry of media in an S3 bucket (the media-storage tests build theirs too)."""
    return {
        "BACKEND": "core.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,  # AWS itself when unset
            "region_name": region,
            "access_key": access_key,
            "secret_key": secret_key,
            "default_acl": "private",
            "file_overwrite": False,  # names are random; a clash gets a new name, never a swap
            "querystring_auth": False,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable",
                "ContentDisposition": "attachment",
            },
        },
    }


if MEDIA_STORAGE == "s3":
    STORAGES["default"] = s3_media_storage(
        env("MEDIA_S3_BUCKET"),
        env("MEDIA_S3_ENDPOINT_URL"),
        env("MEDIA_S3_REGION", "us-east-1"),
        env("MEDIA_S3_ACCESS_KEY_ID"),
        env("MEDIA_S3_SECRET_ACCESS_KEY"),
    )
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured("MEDIA_STORAGE must be local or s3")

# Uploads above this many pixels are refused (decompression bombs); 40 MP covers any camera.
IMAGE_MAX_PIXELS = int(env("IMAGE_MAX_PIXELS", "40000000"))

# --- Public caching -------------------------------------------------------------------------
# Anonymous public pages carry Cache-Control: public, max-age=… so a CDN can serve them.
PUBLIC_CACHE_SECONDS = int(env("PUBLIC_CACHE_SECONDS", "300"))
# And each is served from a copy in the "default" cache this long (core.pagecache; 0: never).
# Changes show at once whatever this is: it only bounds what no save announces (a new release's
# templates, rows changed by SQL), as long as a CDN may keep a page anyway.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))

# --- Security -------------------------------------------------------------------------------
# Addresses or networks of the proxies in front (load balancer, CDN): X-Forwarded-For and
# X-Forwarded-Proto are believed from these only (core.middleware, core.privacy). Empty: none.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# __Host-: browsers keep them only if Secure, for Path=/ and this host (no subdomain can set one).
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
# A year, subdomains and preload in production: a state adversary on the network must never get
# a first plain-HTTP visit to strip TLS from.
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS >= 31536000)
SECURE_REFERRER_POLICY = "same-origin"  # outside links never learn which page a reader was on
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content-Security-Policy: nothing but this origin, no inline script and no inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Files from this origin only (static/js/share.js's "copy link"): an injected inline
        # script still cannot run, and no page needs one.
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# The admin's directives that differ (core.middleware.ContentSecurityPolicyMiddleware): the
# scripts of Django, modeltranslation, django-prose-editor and django-otp-webauthn, all on this
# origin, and the two inline blocks django-prose-editor 0.28 cannot do without.
ADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": [SELF, NONCE],  # the nonce goes on the editor's import map, a <script> block
    # Tiptap's fixed base CSS, which the editor injects as a <style> with no way to pass a nonce
    # (tests/browser/test_csp.py fails if an upgrade changes it).
    "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
}

# --- Staff accounts -------------------------------------------------------------------------
# Where the admin lives: moving it off /admin/ keeps drive-by scanners away from the login form.
ADMIN_URL = env("ADMIN_URL", "admin/").strip("/") + "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking it
    "django.contrib.auth.backends.ModelBackend",
]
# Only staff have sessions (readers and supporters never get one): they end after this long
# without a request, and when the browser closes.
SESSION_COOKIE_AGE = int(env("STAFF_SESSION_SECONDS", str(4 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}", "OPTIONS": options}
    for name, options in (
        ("UserAttributeSimilarityValidator", {}),
        ("MinimumLengthValidator", {"min_length": 12}),
        ("CommonPasswordValidator", {}),
        ("NumericPasswordValidator", {}),
    )
]

# Second factor (django-otp): passkeys first, TOTP as the fallback, recovery codes for a lost
# device. A passkey is a second factor here, never a replacement for the password.
OTP_TOTP_ISSUER = "Newsroom"
# Passkeys are bound to the public host name (browsers refuse an IP address, hence localhost).
OTP_WEBAUTHN_RP_ID = urlsplit(SITE_URL).hostname
OTP_WEBAUTHN_RP_NAME = "Newsroom"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Login throttling (django-axes), per username *and* network address, so an attacker cannot lock
# a colleague out from elsewhere; the address is an HMAC (core.privacy), never stored raw.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.privacy.client_key"
AXES_LOCKOUT_CALLABLE = "staff.admin_site.locked_out"  # a localized page, status 429
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log
AXES_VERBOSE = False

# --- Site -----------------------------------------------------------------------------------
SITE_NAME = _("Coalition for Democracy")
# Where the footer's "Donate" link leads (the organisation's own donation page); empty: no link.
DONATE_URL = env("DONATE_URL")
if DONATE_URL and urlsplit(DONATE_URL).scheme not in ("https", "http"):
    raise ImproperlyConfigured("DONATE_URL must be an https:// (or http://) address, or empty.")

# Logs go to stderr, as text or (LOG_FORMAT=json) one JSON object per line, each with the
# request id; email and network addresses are masked before anything is written (core.logs).
LOGGING = logging_configuration(env("LOG_FORMAT", "text"), env("LOG_LEVEL", "INFO"))
