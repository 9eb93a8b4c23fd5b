"""An upload kept across a refused save: the editor corrects the form without choosing the photo
again. The cleaned copy (articles.images.clean_image: re-encoded, without metadata) waits in the
media storage, so any app server finds it, under a random name no page serves (core.media serves
image extensions only); the form carries a token signed for the editor who sent it. What is never
saved goes with the orphans (articles.files.KEPT_GRACE, the remove_orphan_files command)."""

import contextlib
import posixpath
import re

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from articles.files import KEPT_FOLDER, KEPT_GRACE
from articles.images import ALLOWED_FORMATS, CleanImage

SALT = "articles.kept-upload"
SUFFIX = ".kept"  # not an image extension: core.media never serves one
# A cleaned photo of the largest size accepted (IMAGE_MAX_PIXELS) stays well under this.
MAX_BYTES = 40 * 1024 * 1024
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
# What clean_image names a file: random hex and the real format's extension.
_CLEAN_NAME = re.compile(rf"[0-9a-f]{{32}}\.(?:{'|'.join(ALLOWED_FORMATS.values())})")

REFUSED = _("The photo kept from your last attempt can no longer be used. Choose the file again.")


def _stored_name(name):
    return f"{KEPT_FOLDER}/{name}{SUFFIX}"


def keep(image, user, storage=default_storage):
    """Store a cleaned upload; the signed token that gives it back to `user` only, or None when
    it is too large to keep."""
    if image.size > MAX_BYTES:
        return None
    image.seek(0)
    storage.save(_stored_name(image.name), image)
    return signing.dumps({"name": image.name, "user": user.pk}, salt=SALT, compress=True)


def kept_name(token, user):
    """The kept file's clean name, or ValidationError for a token not signed for `user`, too old
    or altered."""
    try:
        value = signing.loads(token, salt=SALT, max_age=KEPT_GRACE)
    except signing.BadSignature:  # expired tokens included
        raise ValidationError(REFUSED, code="kept_upload") from None
    if (
        not isinstance(value, dict)
        or value.get("user") != user.pk
        or not _CLEAN_NAME.fullmatch(str(value.get("name")))
    ):
        raise ValidationError(REFUSED, code="kept_upload")
    return value["name"]


def recall(token, user, storage=default_storage):
    """The kept upload as a CleanImage ready to save, or ValidationError (see _name), also when
    the file was pruned."""
    name = kept_name(token, user)
    try:
        with storage.open(_stored_name(name), "rb") as file:
            return CleanImage(file.read(), name=name)
    except FileNotFoundError:
        raise ValidationError(REFUSED, code="kept_upload") from None


def open_kept(token, user, storage=default_storage):
    """(open file, content type) of a kept upload, for its preview; ValidationError as recall."""
    name = kept_name(token, user)
    try:
        file = storage.open(_stored_name(name), "rb")
    except FileNotFoundError:
        raise ValidationError(REFUSED, code="kept_upload") from None
    return file, CONTENT_TYPES[posixpath.splitext(name)[1].lstrip(".")]


def discard(token, user, storage=default_storage):
    """Delete a kept upload once saved (the prune would, a day later)."""
    with contextlib.suppress(ValidationError):
        storage.delete(_stored_name(kept_name(token, user)))
