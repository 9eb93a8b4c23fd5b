"""Media on S3-compatible storage (settings.MEDIA_STORAGE=s3), through django-storages."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaS3Storage(S3Storage):
    """A private bucket: pages link a file at /media/ as on disk, and core.media serves it with
    the same rules, from whichever app server, never from the bucket's own address."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
