from django.conf import settings


def site(request):
    """What every page prints of the site's configuration: its name (set in one place,
    settings.SITE_NAME, translated) and where the footer's Donate link leads ("" for none)."""
    return {"SITE_NAME": settings.SITE_NAME, "DONATE_URL": settings.DONATE_URL}
