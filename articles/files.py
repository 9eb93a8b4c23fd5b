"""The stored images as files: deleting an original with everything made from it, and finding
the files nothing names. Which names are in use is the models' business (articles.models)."""

import posixpath
from collections import deque
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from articles.images import renditions_folder

# Where the site's images are written (every SafeImageField's upload_to folder and the
# renditions): nothing else in the media storage is ever taken for one of them.
FOLDERS = ("articles", "authors", "campaigns", "renditions")
# A younger file may be an upload whose row is not committed yet: it is never taken for an orphan.
GRACE = timedelta(hours=1)
# Uploads kept for a form an editor must correct (articles.uploads), under names no page serves:
# each stays this long for the editor to come back to it, then goes with the orphans.
KEPT_FOLDER = "pending"
KEPT_GRACE = timedelta(days=1)


def delete(name, storage=default_storage):
    """Delete an original and every rendition and crop made of it; how many files that was."""
    folder = renditions_folder(name)
    try:
        renditions = storage.listdir(folder)[1]
    except FileNotFoundError:  # a file system storage has no folder when nothing was made
        renditions = []
    for file in renditions:
        storage.delete(f"{folder}/{file}")
    storage.delete(folder)  # the emptied folder of a file system storage
    storage.delete(name)
    return len(renditions) + 1


def stored(storage=default_storage):
    """Every file in the app's folders, listed one folder at a time (never all in memory).

    Originals come before the renditions folder is listed: renditions deleted with their original
    by then are not listed again.
    """
    pending = deque(FOLDERS)
    while pending:
        folder = pending.popleft()
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        pending.extend(f"{folder}/{name}" for name in folders)
        yield from (f"{folder}/{name}" for name in files)


def orphans(in_use, storage=default_storage):
    """The stored files, older than GRACE, that are neither an original in `in_use` nor made
    from one; and the kept uploads older than KEPT_GRACE."""
    folders = {renditions_folder(name) for name in in_use}
    cutoff = timezone.now() - GRACE
    for name in stored(storage):
        if (
            name not in in_use
            and posixpath.dirname(name) not in folders
            and storage.get_modified_time(name) < cutoff
        ):
            yield name
    try:
        kept = storage.listdir(KEPT_FOLDER)[1]
    except FileNotFoundError:
        return
    cutoff = timezone.now() - KEPT_GRACE
    for name in (f"{KEPT_FOLDER}/{file}" for file in kept):
        if storage.get_modified_time(name) < cutoff:
            yield name
