"""What gunicorn serves for bench.site: the site, and beside it a ceiling for each page measured
there, the page's bytes from a Django view that does nothing else (no database, no template),
through every middleware as a page is: /bench-ceiling/<name>.

The other ceiling, the same bytes as a static file, is WhiteNoise's own: bench.site writes each
page's bytes to STATIC_ROOT/bench-ceiling/<name>.html before gunicorn starts, and reads both from
there. The site's own URLconf is left untouched: this module is a URLconf that includes it.
"""

import os
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup(set_prefix=False)  # as get_wsgi_application() does

from django.conf import settings  # noqa: E402 (once the apps are loaded)
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import Http404, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from newsroom import urls as site  # noqa: E402

FOLDER = Path(settings.STATIC_ROOT) / "bench-ceiling"
PAGES = {file.stem: file.read_bytes() for file in FOLDER.glob("*.html")}


def from_memory(request, name):
    if name not in PAGES:
        raise Http404
    return HttpResponse(PAGES[name], content_type="text/html; charset=utf-8")


handler500 = site.handler500
urlpatterns = [path("bench-ceiling/<slug:name>", from_memory), *site.urlpatterns]
settings.ROOT_URLCONF = __name__
application = WSGIHandler()
