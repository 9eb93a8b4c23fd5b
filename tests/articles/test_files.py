"""Uploaded files nothing uses any more are deleted: a replaced, cleared or deleted image and its
renditions stop being served, unless a revision that can be restored still names it."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models

from articles import images
from campaigns.models import Signup
from staff.models import AuditEntry
from tests.helpers import jpeg_bytes, make_article, make_author

pytestmark = pytest.mark.django_db


def stored(name):
    """The original and every rendition and crop of it that storage holds."""
    folder = images.renditions_folder(name)
    files = default_storage.listdir(folder)[1] if default_storage.exists(folder) else []
    renditions = [f"{folder}/{file}" for file in files]
    return [name, *renditions] if default_storage.exists(name) else renditions


def with_image(row, field="hero_image", color=(30, 120, 110)):
    getattr(row, field).save("photo.jpg", ContentFile(jpeg_bytes(size=(600, 400), color=color)))
    return getattr(row, field).name


def served(client, name):
    response = client.get(default_storage.url(name))
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, as a server would: that closes it
    return response.status_code


def test_a_replaced_hero_image_and_its_renditions_go_once_the_change_is_committed(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    old = with_image(article)
    old_files = stored(old)
    assert len(old_files) > 5 and served(client, old_files[-1]) == 200

    with django_capture_on_commit_callbacks(execute=True):
        new = with_image(article, color=(200, 40, 40))
        assert all(default_storage.exists(name) for name in old_files)  # not before the commit

    assert stored(old) == []
    assert [served(client, name) for name in old_files] == [404] * len(old_files)
    assert served(client, new) == 200 and len(stored(new)) == len(old_files)


def test_a_cleared_hero_image_goes(django_capture_on_commit_callbacks):
    article = make_article()
    old = with_image(article)
    with django_capture_on_commit_callbacks(execute=True):
        article.hero_image = None
        article.save()
    assert stored(old) == []


def test_a_change_rolled_back_deletes_nothing(django_capture_on_commit_callbacks):
    article = make_article()
    old = with_image(article)
    with django_capture_on_commit_callbacks(execute=False):
        with_image(article, color=(200, 40, 40))
    assert default_storage.exists(old)


def test_an_image_a_revision_names_stays_until_its_last_revision_goes(
    django_capture_on_commit_callbacks,
):
    article = make_article(hero_alt_ar="صورة", hero_alt_en="A picture", hero_credit="Handout")
    old = with_image(article)
    article.record_revision(None)
    with django_capture_on_commit_callbacks(execute=True):
        new = with_image(article, color=(200, 40, 40))
        article.record_revision(None)
    old_files = stored(old)
    assert default_storage.exists(old) and len(old_files) > 5

    with django_capture_on_commit_callbacks(execute=True):
        article.restore(article.revisions.get(number=1), None)  # back to the old image
    assert default_storage.exists(new)  # revision 2 still names it

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert stored(old) == [] and stored(new) == []


def test_a_deleted_article_takes_its_image_along(django_capture_on_commit_callbacks):
    article = make_article()
    name = with_image(article)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert stored(name) == []


def test_an_author_photo_replaced_cleared_or_deleted_goes(django_capture_on_commit_callbacks):
    author = make_author()
    first = with_image(author, "photo")
    with django_capture_on_commit_callbacks(execute=True):
        second = with_image(author, "photo", color=(200, 40, 40))
    assert stored(first) == [] and default_storage.exists(second)

    with django_capture_on_commit_callbacks(execute=True):
        author.photo = None
        author.save()
    assert stored(second) == []

    third = with_image(author, "photo", color=(10, 10, 200))
    with django_capture_on_commit_callbacks(execute=True):
        author.delete()
    assert stored(third) == []


def backdate(names, hours=2):
    then = time.time() - hours * 3600
    for name in names:
        os.utime(default_storage.path(name), (then, then))


def test_the_command_lists_then_removes_only_the_files_nothing_references():
    kept_article, kept_author, gone = make_article(), make_author(), make_article()
    kept = [with_image(kept_article), with_image(kept_author, "photo")]
    revised = with_image(gone, color=(200, 40, 40))
    gone.record_revision(None)  # the only reference to `revised` once replaced
    # Replaced twice; on_commit never runs here, so both stay behind.
    orphan = with_image(gone, color=(10, 10, 200))
    current = with_image(gone, color=(10, 200, 10))
    referenced = [file for name in [*kept, revised, current] for file in stored(name)]
    orphans = stored(orphan)
    backdate(referenced + orphans)

    out = io.StringIO()
    call_command("remove_orphan_files", stdout=out)
    listed = out.getvalue()
    assert all(name in listed for name in orphans)
    assert not any(name in listed for name in referenced)
    assert all(default_storage.exists(name) for name in orphans)  # listing deletes nothing

    call_command("remove_orphan_files", "--delete", stdout=io.StringIO())
    assert stored(orphan) == []
    assert all(default_storage.exists(name) for name in referenced)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.FILES_REMOVED)
    assert entry.details["count"] == len(orphans)


def test_the_command_leaves_a_new_upload_whose_row_may_not_be_saved_yet():
    young = default_storage.save("articles/just-uploaded.jpg", ContentFile(jpeg_bytes()))
    old = default_storage.save("articles/left-behind.jpg", ContentFile(jpeg_bytes()))
    backdate([old])
    call_command("remove_orphan_files", "--delete", stdout=io.StringIO())
    assert default_storage.exists(young) and not default_storage.exists(old)


def test_supporters_have_no_files_to_leave_behind():
    # Erasing a supporter deletes their row; a file field here would need deleting too.
    assert not [f for f in Signup._meta.get_fields() if isinstance(f, models.FileField)]
