from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from articles import sitemaps
from campaigns.sitemaps import CampaignSitemap
from core import media
from newsroom import views
from pages.sitemaps import SitePageSitemap

SITEMAPS = sitemaps.SITEMAPS | {"campaigns": CampaignSitemap, "site-pages": SitePageSitemap}

handler404 = views.page_not_found  # with the page in the other language, where it exists
handler500 = views.server_error  # a database outage gets the 503 page, not the 500 one
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # An index of section pages of at most 10,000 URLs each (articles.sitemaps).
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    # Outside i18n_patterns, as in DESIGN §5: the admin speaks the editor's browser language.
    # At ADMIN_URL; beside it, the JSON endpoints of the passkey ceremonies (django-otp-webauthn's,
    # two completed by staff), first: the admin's own catch-all would take them.
    path(f"{settings.ADMIN_URL}passkeys/", include("staff.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("join/", include("campaigns.urls")),
    path("pages/", include("pages.urls")),
    path("", include("articles.urls")),
)
# Uploaded images, in every mode; a front web server may serve them first (README).
urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media.serve, name="media"))
