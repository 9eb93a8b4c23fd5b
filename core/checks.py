"""Settings the site must not start with, as errors of Django's system checks: they run before
every `manage.py` command that checks (migrate, runserver, check, db_worker…), and gunicorn.conf.py
runs them before gunicorn serves."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register


def is_local(host):
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register()  # untagged: every check run includes it, not only `check --deploy`
def unsafe_settings(app_configs, **kwargs):
    errors = []
    if settings.TASKS_BACKEND not in settings.TASK_BACKENDS:
        errors.append(
            Error(
                f"TASKS_BACKEND={settings.TASKS_BACKEND!r} is not a known backend.",
                hint=f"Use one of: {', '.join(settings.TASK_BACKENDS)}.",
                id="core.E001",
            )
        )
    for entry in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(entry)
        except ValueError:
            errors.append(
                Error(
                    f"TRUSTED_PROXIES: {entry!r} is neither an address nor a network.",
                    hint="e.g. 10.0.0.0/8,127.0.0.1 (a network's host bits are 0: 10.0.0.0/8).",
                    id="core.E002",
                )
            )
    if settings.MEDIA_STORAGE == "s3":
        options = settings.STORAGES["default"]["OPTIONS"]
        needed = {
            "MEDIA_S3_BUCKET": "bucket_name",
            "MEDIA_S3_ACCESS_KEY_ID": "access_key",
            "MEDIA_S3_SECRET_ACCESS_KEY": "secret_key",
        }
        if missing := [name for name, option in needed.items() if not options[option]]:
            errors.append(
                Error(
                    f"MEDIA_STORAGE=s3 without {', '.join(missing)}: no upload could be stored.",
                    hint="Set the bucket and its keys (and MEDIA_S3_ENDPOINT_URL off AWS).",
                    id="core.E006",
                )
            )
    if settings.DEBUG:
        return errors
    if not settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS is empty: with DJANGO_DEBUG=0 every request would be refused.",
                hint="Set ALLOWED_HOSTS to the site's host names, e.g. news.example.org.",
                id="core.E003",
            )
        )
    site = urlsplit(settings.SITE_URL)
    if site.scheme not in ("http", "https") or not site.hostname:
        errors.append(
            Error(
                f"SITE_URL={settings.SITE_URL!r} is not the site's public address: links in "
                "emails, feeds and sitemaps start with it, and passkeys are bound to its host.",
                hint="Set it, e.g. SITE_URL=https://news.example.org",
                id="core.E004",
            )
        )
    elif is_local(site.hostname) and not settings.ALLOW_LOCAL_SITE_URL:
        errors.append(
            Error(
                f"SITE_URL={settings.SITE_URL!r} is this machine: links in supporters' emails "
                "would lead nowhere.",
                hint="Set SITE_URL to the public address. To try production settings on one "
                "machine, set ALLOW_LOCAL_SITE_URL=1 as well.",
                id="core.E005",
            )
        )
    return errors
