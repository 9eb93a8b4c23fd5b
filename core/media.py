"""Uploaded media, served by Django (nginx leaves /media/ to it): only the image types the site
writes, and so that no browser could ever open one as a page (it would run on this origin)."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
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
    """The file from the media storage, whichever it is (a folder, or an S3 bucket read by every
    app server): the same rules either way."""
    name = PurePosixPath(path)
    content_type = CONTENT_TYPES.get(name.suffix.lower())
    if content_type is None:
        raise Http404
    try:
        # Both storages refuse a name that leaves their root (a SuspiciousOperation).
        if not default_storage.exists(path):
            raise Http404
        file = default_storage.open(path, "rb")
    except (SuspiciousOperation, FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    # Opened as a download if ever opened as a page; an <img> shows it all the same.
    response = FileResponse(file, content_type=content_type, as_attachment=True, filename=name.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Names are random and a file never changes under its name. A signed-in editor's response
    # carries the session cookie Django renews on every request: never for a shared cache.
    audience = "private" if settings.SESSION_COOKIE_NAME in request.COOKIES else "public"
    patch_cache_control(response, **{audience: True}, max_age=YEAR, immutable=True)
    return response
