"""Uploaded media, served by Django when no front web server does: only the image types the site
writes, and so that no browser could ever open one as a page (it would run on this origin)."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

# What articles.images writes (originals and renditions); nothing else is ever served.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
YEAR = 365 * 24 * 3600


@require_safe
def serve(request, path):
    content_type = CONTENT_TYPES.get(Path(path).suffix.lower())
    if content_type is None:
        raise Http404
    try:
        file = Path(default_storage.path(path))  # refuses paths that leave MEDIA_ROOT
    except SuspiciousFileOperation:
        raise Http404 from None
    if not file.is_file():
        raise Http404
    # Opened as a download if ever opened as a page; an <img> shows it all the same.
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=True, filename=file.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Names are random and a file never changes under its name. A signed-in editor's response
    # carries the session cookie Django renews on every request: never for a shared cache.
    audience = "private" if settings.SESSION_COOKIE_NAME in request.COOKIES else "public"
    patch_cache_control(response, **{audience: True}, max_age=YEAR, immutable=True)
    return response
