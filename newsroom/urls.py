from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from newsroom import views
from newsroom.converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Newsroom")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Outside i18n_patterns, as in DESIGN §5: the admin speaks the editor's browser language.
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("join/", include("campaigns.urls")),
    path("", include("articles.urls")),
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
