"""Media on S3-compatible storage (MEDIA_STORAGE=s3), against a real S3 API server on loopback
(moto's, started here): uploads are cleaned as on disk, their renditions are made in the bucket,
each object carries its type and cache headers, /media/ serves them with the same rules, and a
deleted or replaced image takes its objects with it."""

import io
import uuid
from datetime import timedelta

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from PIL import Image

from articles import files, images
from newsroom import backups
from newsroom.settings import s3_media_storage
from tests.helpers import jpeg_bytes, make_article, make_author

pytestmark = pytest.mark.django_db
KEYS = {"access_key": "testing-key", "secret_key": "testing-secret"}


@pytest.fixture
def bucket(s3_endpoint):
    """A new, empty bucket as the media storage for one test; its boto3 client."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=name)
    storages = {
        "default": s3_media_storage(
            name, s3_endpoint, "us-east-1", KEYS["access_key"], KEYS["secret_key"]
        ),
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_STORAGE="s3"):
        client.bucket = name
        yield client


def keys(bucket):
    listing = bucket.list_objects_v2(Bucket=bucket.bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def jpeg_with_exif():
    image = Image.new("RGB", (1800, 1000), (40, 110, 150))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_an_upload_and_its_renditions_are_stored_clean_in_the_bucket(bucket):
    article = make_article()
    article.hero_image.save("IMG_0042.jpg", ContentFile(jpeg_with_exif()))
    name = article.hero_image.name

    stored = keys(bucket)
    assert name in stored and "IMG_0042" not in name  # a random name
    renditions = [key for key in stored if key.startswith(images.renditions_folder(name) + "/")]
    assert {key.rsplit(".", 1)[1] for key in renditions} == {"jpg", "webp"}
    assert len(renditions) >= 6
    original = bucket.get_object(Bucket=bucket.bucket, Key=name)
    assert original["ContentType"] == "image/jpeg"
    assert original["CacheControl"] == "public, max-age=31536000, immutable"
    assert original["ContentDisposition"] == "attachment"
    with Image.open(io.BytesIO(original["Body"].read())) as picture:
        assert len(picture.getexif()) == 0  # re-encoded: nothing of the camera's metadata
    webp = next(key for key in renditions if key.endswith(".webp"))
    assert bucket.head_object(Bucket=bucket.bucket, Key=webp)["ContentType"] == "image/webp"


def test_media_is_linked_at_media_and_served_from_the_bucket_with_the_same_rules(bucket, client):
    author = make_author()
    author.photo.save("portrait.jpg", ContentFile(jpeg_bytes(size=(400, 400))))
    name = author.photo.name
    assert author.photo.url == f"/media/{name}"  # never the bucket's own address

    response = client.get(author.photo.url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert body == bucket.get_object(Bucket=bucket.bucket, Key=name)["Body"].read()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "immutable" in response["Cache-Control"] and "public" in response["Cache-Control"]

    # Only the image types the pipeline writes: anything else in the bucket is not served.
    for key, data in (("authors/page.html", b"<script>"), ("authors/x.svg", b"<svg/>")):
        bucket.put_object(Bucket=bucket.bucket, Key=key, Body=data)
        assert client.get(f"/media/{key}").status_code == 404
    assert client.get("/media/authors/missing.jpg").status_code == 404
    assert client.get("/media/../secret.jpg").status_code == 404


def test_a_replaced_or_deleted_image_takes_its_objects_with_it(
    bucket, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        article.hero_image.save("first.jpg", ContentFile(jpeg_bytes(size=(900, 600))))
    first = article.hero_image.name
    first_objects = [key for key in keys(bucket) if first.rsplit(".", 1)[0].split("/")[1] in key]
    assert len(first_objects) > 5

    with django_capture_on_commit_callbacks(execute=True):
        article.hero_image.save("second.jpg", ContentFile(jpeg_bytes(size=(900, 600))))
    second = article.hero_image.name
    assert not set(first_objects) & set(keys(bucket))  # the replaced one, renditions and all
    assert second in keys(bucket)

    with django_capture_on_commit_callbacks(execute=True):
        article.revisions.all().delete()
        article.delete()
    assert keys(bucket) == []


def test_the_orphan_command_deletes_from_the_bucket_only_what_nothing_names(bucket, monkeypatch):
    article = make_article()
    article.hero_image.save("kept.jpg", ContentFile(jpeg_bytes(size=(600, 400))))
    in_use = keys(bucket)
    bucket.put_object(Bucket=bucket.bucket, Key="articles/left-behind.jpg", Body=jpeg_bytes())
    monkeypatch.setattr(files, "GRACE", timedelta(0))  # the bucket's times cannot be set back

    call_command("remove_orphan_files", "--delete", stdout=io.StringIO())

    assert keys(bucket) == in_use


def test_a_backup_copies_the_bucket_and_restores_it_into_an_empty_one(bucket, tmp_path):
    author = make_author()
    author.photo.save("portrait.jpg", ContentFile(jpeg_bytes(size=(400, 400))))
    before = {
        key: bucket.get_object(Bucket=bucket.bucket, Key=key)["Body"].read() for key in keys(bucket)
    }
    media = tmp_path / "media"
    copied = backups.copy_media(media, {})
    assert sorted(copied) == sorted(before) and len(before) > 3

    for key in before:  # the bucket is lost
        bucket.delete_object(Bucket=bucket.bucket, Key=key)
    backups.restore_media(tmp_path, {"media": copied})

    assert keys(bucket) == sorted(before)
    for key, data in before.items():
        restored = bucket.get_object(Bucket=bucket.bucket, Key=key)
        assert restored["Body"].read() == data
        assert restored["CacheControl"] == "public, max-age=31536000, immutable"
