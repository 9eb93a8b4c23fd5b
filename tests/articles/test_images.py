"""Uploaded photos lose their metadata, hostile files are refused, renditions are right."""

import io
import random
import re
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.migrations.writer import MigrationWriter
from django.test.utils import isolate_apps
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from articles import images
from articles.images import (
    CleanImage,
    SafeImageField,
    SafeImageFormField,
    clean_image,
    crop_name,
    crop_url,
    generate_renditions,
    rendition_name,
    rendition_url,
    srcset,
    widths_for,
)

RED = (220, 20, 30)
SECRETS = (b"Exif", b"PhoneCo", b"safe house", b"xmpmeta", b"Latitude", b"ICC_PROFILE")
RANDOM_NAME = r"[0-9a-f]{32}\.(jpg|png|webp)"


# --- Builders -------------------------------------------------------------------------------


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def revealing_exif(orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (33.0, 30.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (36.0, 17.0, 2.0)
    return exif


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>33,30N</exif:GPSLatitude></x:xmpmeta>'


def revealing_jpeg(size=(300, 200), orientation=1, color=(40, 110, 160)):
    """A JPEG telling where it was shot, with a red marker in its top-left corner as stored."""
    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).rectangle((0, 0, 39, 39), fill=RED)
    return encode(
        image,
        "JPEG",
        exif=revealing_exif(orientation),
        xmp=XMP,
        comment=b"taken at the safe house",
        quality=95,
    )


def noise(size):
    channels = [Image.effect_noise(size, 60 + 10 * i) for i in range(3)]
    return Image.merge("RGB", channels)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width, height):
    """A well-formed PNG header declaring a size far beyond its few bytes of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def webp_claiming(width, height):
    size = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00" * 4 + size
    return b"RIFF" + struct.pack("<I", 4 + len(vp8x) + 64) + b"WEBP" + vp8x + b"\x00" * 64


def animation(fmt):
    frames = [Image.new("RGB", (32, 32), color) for color in ("red", "blue", "green")]
    return encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)


def assert_no_metadata(data):
    for secret in SECRETS:
        assert secret not in data, secret
    with Image.open(io.BytesIO(data)) as image:
        assert not set(image.info) & {"exif", "xmp", "comment", "icc_profile", "Location"}
        assert len(image.getexif()) == 0
        assert getattr(image, "text", {}) == {}


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def stored(name, data):
    """A field file for `data` saved under `name`, as a model would hold it."""
    field = SafeImageField()
    return field.attr_class(None, field, default_storage.save(name, ContentFile(data)))


def red_share(image):
    data = image.convert("RGB").tobytes()
    red = sum(1 for r, g, b in zip(*[iter(data)] * 3, strict=True) if r > 180 and g < 90 and b < 90)
    return red / (len(data) // 3)


# --- clean_image ----------------------------------------------------------------------------


def test_jpeg_loses_gps_exif_xmp_and_comment():
    original = revealing_jpeg()
    with Image.open(io.BytesIO(original)) as before:  # the input really carries all of it
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert {"xmp", "comment"} <= set(before.info)

    cleaned = clean_image(ContentFile(original, name="IMG_0042.jpg"))

    assert isinstance(cleaned, CleanImage)
    assert re.fullmatch(RANDOM_NAME, cleaned.name) and cleaned.name.endswith(".jpg")
    assert_no_metadata(cleaned.read())


def test_orientation_is_applied_before_the_tag_goes():
    # Orientation 6: the camera was turned; viewers rotate the stored pixels 90° clockwise.
    cleaned = clean_image(ContentFile(revealing_jpeg(size=(300, 200), orientation=6)))

    with Image.open(cleaned) as image:
        assert image.size == (200, 300)
        assert red_share(image.crop((170, 0, 200, 30))) > 0.9  # the marker is now top right
        assert red_share(image.crop((0, 0, 30, 30))) == 0


def test_png_text_chunks_and_exif_are_dropped():
    info = PngInfo()
    info.add_text("Location", "33.5N 36.3E safe house")
    info.add_itxt("Comment", "xmpmeta from PhoneCo", zip=True)
    original = encode(
        Image.new("RGB", (64, 48), "teal"), "PNG", pnginfo=info, exif=revealing_exif()
    )
    assert b"safe house" in original

    cleaned = clean_image(ContentFile(original))

    assert cleaned.name.endswith(".png")
    assert_no_metadata(cleaned.read())


@pytest.mark.parametrize(
    ("fmt", "ext", "options"),
    [
        ("JPEG", "jpg", {"exif": revealing_exif(), "xmp": XMP}),
        ("PNG", "png", {"exif": revealing_exif()}),
        ("WEBP", "webp", {"exif": revealing_exif(), "xmp": XMP}),
    ],
)
def test_format_is_kept_whatever_the_file_is_called(fmt, ext, options):
    original = encode(noise((120, 80)), fmt, **options)
    assert b"PhoneCo" in original

    cleaned = clean_image(SimpleUploadedFile("holiday.gif", original, content_type="image/gif"))

    assert cleaned.name.endswith(f".{ext}")
    data = cleaned.read()
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == (fmt, (120, 80))


def test_each_clean_copy_gets_a_new_random_name():
    names = {clean_image(ContentFile(revealing_jpeg())).name for _ in range(3)}
    assert len(names) == 3


def _s15(value):
    return struct.pack(">i", round(value * 65536))


def _xyz(x, y, z):
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def red_green_swapped_profile():
    """An RGB display profile (ICC v2) with sRGB's red and green primaries exchanged."""
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    tags = [
        (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz(0.3851, 0.7169, 0.0971)),
        (b"gXYZ", _xyz(0.4361, 0.2225, 0.0139)),
        (b"bXYZ", _xyz(0.1431, 0.0606, 0.7141)),
        *((name, curve) for name in (b"rTRC", b"gTRC", b"bTRC")),
    ]
    offset, table, body = 132 + 12 * len(tags), b"", b""
    for name, data in tags:
        table += name + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (
        struct.pack(">I4sI", offset + len(body), b"", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 28
        + _xyz(0.9642, 1.0, 0.8249)[8:]
        + b"\0" * 48
    )
    return header + struct.pack(">I", len(tags)) + table + body


def test_colour_profile_is_applied_then_dropped():
    # Pixels stored as "red" mean green under this profile: the clean copy must show green.
    image = Image.new("RGB", (40, 40), RED)
    original = encode(image, "JPEG", icc_profile=red_green_swapped_profile(), quality=95)
    assert b"ICC_PROFILE" in original

    cleaned = clean_image(ContentFile(original)).read()

    assert_no_metadata(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        red, green, _blue = image.getpixel((20, 20))
        assert green > 180 and red < 60


def test_unreadable_colour_profile_costs_only_the_profile():
    original = encode(Image.new("RGB", (40, 40), RED), "JPEG", icc_profile=b"not a profile" * 9)

    cleaned = clean_image(ContentFile(original)).read()

    assert_no_metadata(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert red_share(image) > 0.9


def _palette_with_hole():
    image = Image.new("P", (20, 20), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    image.putpixel((0, 0), 0)
    return encode(image, "PNG", transparency=0)


@pytest.mark.parametrize(
    ("original", "mode", "pixel", "expected"),
    [
        (encode(Image.new("CMYK", (20, 20), (0, 255, 255, 0)), "JPEG"), "RGB", (5, 5), RED),
        (_palette_with_hole(), "P", (0, 0), None),  # still transparent, still a small palette
        (
            encode(Image.new("RGBA", (20, 20), (0, 0, 255, 0)), "WEBP", lossless=True),
            "RGBA",
            (5, 5),
            (0, 0, 255, 0),
        ),
        (encode(Image.new("I;16", (20, 20), 32768), "PNG"), "L", (5, 5), 128),
    ],
    ids=["cmyk-jpeg", "palette-png", "transparent-webp", "16-bit-grey-png"],
)
def test_colour_modes_suit_the_output(original, mode, pixel, expected):
    with Image.open(clean_image(ContentFile(original))) as image:
        assert image.mode == mode
        value = image.getpixel(pixel)
        if mode == "P":
            assert value == image.info["transparency"]
        elif mode == "RGB":
            assert all(abs(a - b) <= 40 for a, b in zip(value, expected, strict=True))
        elif mode == "RGBA":
            assert value[3] == 0
        else:
            assert abs(value - expected) <= 1


def test_multi_picture_jpeg_keeps_only_the_main_picture():
    main, hidden = Image.new("RGB", (64, 48), "red"), Image.new("RGB", (64, 48), "blue")
    original = encode(main, "MPO", save_all=True, append_images=[hidden], exif=revealing_exif())
    with Image.open(io.BytesIO(original)) as before:
        assert (before.format, before.n_frames) == ("MPO", 2)

    data = clean_image(ContentFile(original)).read()

    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
        assert red_share(image) > 0.9


HOSTILE = {
    "random bytes": (random.Random(7).randbytes(4096), "invalid_image"),
    "empty": (b"", "invalid_image"),
    "html named .jpg": (b"<!doctype html><html><script>alert(1)</script></html>", "invalid_image"),
    "svg with a script": (
        b'<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(document.cookie)</script></svg>",
        "unsupported_format",
    ),
    "gif": (encode(Image.new("P", (20, 20)), "GIF"), "unsupported_format"),
    "tiff": (encode(Image.new("RGB", (20, 20)), "TIFF"), "unsupported_format"),
    "bmp": (encode(Image.new("RGB", (20, 20)), "BMP"), "unsupported_format"),
    "truncated jpeg": (encode(noise((400, 300)), "JPEG")[:20_000], "damaged_image"),
    "truncated png": (encode(noise((200, 200)), "PNG")[:30_000], "damaged_image"),
    "animated webp": (animation("WEBP"), "animated_image"),
    "animated png": (animation("PNG"), "animated_image"),
    # Past Pillow's own hard limit (an error), past its warning limit only, and a WebP whose
    # decoder would allocate its canvas before Pillow looks.
    "png of 50000 x 50000": (png_claiming(50_000, 50_000), "image_too_large"),
    "png of 10000 x 10000": (png_claiming(10_000, 10_000), "image_too_large"),
    "webp of 10000 x 10000": (webp_claiming(10_000, 10_000), "image_too_large"),
}


@pytest.fixture
def photo_model():
    with isolate_apps("articles"):

        class Photo(models.Model):  # noqa: DJ008
            image = SafeImageField(upload_to="photos", width_field="width", height_field="height")
            width = models.PositiveIntegerField(null=True)
            height = models.PositiveIntegerField(null=True)

            class Meta:
                app_label = "articles"

        yield Photo


@pytest.mark.parametrize(("data", "code"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_files_are_refused_and_never_stored(settings, photo_model, data, code):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValidationError) as refused:
            clean_image(ContentFile(data, name="photo.jpg"))
        with pytest.raises(ValidationError):
            photo_model().image.save("photo.jpg", ContentFile(data), save=False)

    assert refused.value.code == code
    assert caught == []  # no DecompressionBombWarning (or any other) escapes
    assert media_files(settings) == []


def test_pixel_limit_follows_the_setting(settings):
    settings.IMAGE_MAX_PIXELS = 10_000
    with pytest.raises(ValidationError) as refused:
        clean_image(ContentFile(encode(Image.new("RGB", (200, 200)), "PNG")))

    assert refused.value.code == "image_too_large"
    with translation.override("en"):
        assert "0.01 megapixels" in refused.value.messages[0]
    assert clean_image(ContentFile(encode(Image.new("RGB", (100, 100)), "PNG")))


# --- Form field -----------------------------------------------------------------------------


class PhotoForm(forms.Form):
    photo = SafeImageFormField(required=False)


class ModelPhotoForm(forms.Form):
    photo = SafeImageField().formfield()  # as a ModelForm gets it, with the column's max_length


def test_form_field_returns_the_clean_copy():
    name = "IMG_20240501_" + "x" * 150 + ".heic"  # long, and the wrong extension: both ignored
    upload = SimpleUploadedFile(name, revealing_jpeg(), content_type="image/heic")
    form = ModelPhotoForm(data={}, files={"photo": upload})

    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["photo"]
    assert isinstance(cleaned, CleanImage) and cleaned.name.endswith(".jpg")
    assert_no_metadata(cleaned.read())


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (HOSTILE["html named .jpg"][0], "invalid_image", "This file is not an image we can use."),
        (HOSTILE["gif"][0], "unsupported_format", "GIF files are not accepted."),
        (HOSTILE["animated png"][0], "animated_image", "Animated images are not accepted."),
    ],
)
def test_form_field_shows_why_a_file_is_refused(data, code, message):
    form = PhotoForm(data={}, files={"photo": SimpleUploadedFile("photo.jpg", data)})

    with translation.override("en"):
        assert not form.is_valid()
        assert form.has_error("photo", code)
        assert form.errors["photo"][0].startswith(message)


def test_form_field_steers_the_file_picker_and_allows_no_file():
    assert 'accept="image/jpeg,image/png,image/webp"' in str(PhotoForm()["photo"])
    form = PhotoForm(data={}, files={})
    assert form.is_valid() and form.cleaned_data["photo"] is None


# --- Model field ----------------------------------------------------------------------------


def test_model_field_uses_the_safe_form_field_and_serializes():
    field = SafeImageField(upload_to="articles", width_field="w", height_field="h")

    assert isinstance(field.formfield(), SafeImageFormField)
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "articles.images.SafeImageField"
    assert kwargs == {"upload_to": "articles", "width_field": "w", "height_field": "h"}
    code, imports = MigrationWriter.serialize(field)
    assert "import articles.images" in imports and code.startswith("articles.images.")


def test_file_assigned_in_code_is_cleaned_when_the_row_is_saved(settings, photo_model):
    photo = photo_model(image=ContentFile(revealing_jpeg(orientation=6), name="IMG_0042.JPG"))

    committed = photo_model._meta.get_field("image").pre_save(photo, add=True)

    assert re.fullmatch(rf"photos/{RANDOM_NAME}", committed.name)
    assert (photo.width, photo.height) == (200, 300)  # measured on the upright copy
    [path] = media_files(settings)
    assert_no_metadata(path.read_bytes())


def test_field_file_save_cleans_content(settings, photo_model):
    photo = photo_model()
    photo.image.save("IMG_0042.png", ContentFile(revealing_jpeg()), save=False)

    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.image.name)  # the real format
    assert (photo.width, photo.height) == (300, 200)
    [path] = media_files(settings)
    assert_no_metadata(path.read_bytes())


def test_field_file_save_stores_a_clean_image_as_it_is(settings, photo_model):
    cleaned = clean_image(ContentFile(revealing_jpeg()))
    data = cleaned.read()
    photo = photo_model()
    photo.image.save("whatever.jpg", cleaned, save=False)

    [path] = media_files(settings)
    assert path.read_bytes() == data  # not decoded and encoded a second time


# --- Renditions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (4000, [480, 960, 1600]),
        (1600, [480, 960, 1600]),
        (1000, [480, 960, 1000]),
        (960, [480, 960]),
        (300, [300]),
        (None, []),
    ],
)
def test_widths_for(width, expected):
    assert widths_for(width) == expected


def test_names_and_urls_are_computed_without_storage():
    field_file = stored("articles/abc.jpg", b"never read")

    assert rendition_name("articles/abc.jpg", 480, "webp") == "renditions/articles/abc/480.webp"
    assert crop_name("articles/abc.jpg", "card", 0.333, 1.2, "jpg") == (
        "renditions/articles/abc/card-33-100.jpg"
    )
    assert srcset(field_file, 2000, "webp") == (
        "/media/renditions/articles/abc/480.webp 480w, "
        "/media/renditions/articles/abc/960.webp 960w, "
        "/media/renditions/articles/abc/1600.webp 1600w"
    )
    assert rendition_url(field_file, 480, "jpg") == "/media/renditions/articles/abc/480.jpg"
    assert crop_url(field_file, "avatar", 0.5, 0.25) == (
        "/media/renditions/articles/abc/avatar-50-25.jpg"
    )
    assert srcset(SafeImageField().attr_class(None, SafeImageField(), None), 2000, "jpg") == ""


def red_edged_original():
    """4000 x 2000, grey with a red band down the right edge (its last 20%), carrying EXIF.

    Large enough for the JPEG to be decoded at half scale, which the crop windows must follow.
    """
    image = Image.new("RGB", (4000, 2000), (128, 128, 128))
    ImageDraw.Draw(image).rectangle((3200, 0, 3999, 1999), fill=RED)
    return encode(image, "JPEG", exif=revealing_exif(), comment=b"safe house", quality=90)


def rendition(name):
    with default_storage.open(name) as file:
        return Image.open(io.BytesIO(file.read()))


def test_renditions_have_every_size_and_no_metadata(settings):
    # An original stored before cleaning existed: renditions must not carry its metadata.
    original = stored("articles/legacy.jpg", red_edged_original())

    generate_renditions(original)

    folder = Path(settings.MEDIA_ROOT) / "renditions/articles/legacy"
    assert len(list(folder.iterdir())) == 12  # 3 widths and 3 crops, in WebP and JPEG
    for ext in ("webp", "jpg"):
        for entry in srcset(original, 4000, ext).split(", "):
            url, width = entry.split(" ")
            with Image.open(Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")) as image:
                assert image.size == (int(width[:-1]), int(width[:-1]) // 2)
        for kind, size in images.CROPS.items():
            with rendition(crop_name(original.name, kind, 0.5, 0.5, ext)) as image:
                assert image.size == size
    for path in folder.iterdir():
        assert_no_metadata(path.read_bytes())


@pytest.mark.parametrize(("focal_x", "red"), [(0.95, True), (0.5, False), (0.05, False)])
def test_crops_follow_the_focal_point(focal_x, red):
    original = stored("articles/band.jpg", red_edged_original())

    generate_renditions(original, focal_x, 0.5)

    with rendition(crop_name(original.name, "avatar", focal_x, 0.5, "jpg")) as image:
        # The avatar's window is the central 2000 x 2000 square moved towards the focal point
        # and stopped by the edges: at 0.95 it ends at the right edge, 40% of it red.
        assert red_share(image) > 0.35 if red else red_share(image) == 0


@given(
    size=st.tuples(st.integers(1, 20_000), st.integers(1, 20_000)),
    target=st.sampled_from(list(images.CROPS.values())),
    focal=st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
def test_crop_window_is_the_largest_box_inside_the_picture(size, target, focal):
    left, top, right, bottom = images._window(size, target, *focal)

    assert 0 <= left <= right <= size[0] and 0 <= top <= bottom <= size[1]
    assert right - left == pytest.approx(size[0]) or bottom - top == pytest.approx(size[1])
    assert (right - left) * target[1] == pytest.approx((bottom - top) * target[0])
    if left > 0 and right < size[0]:  # not stopped by an edge: centred on the focal point
        assert (left + right) / 2 == pytest.approx(focal[0] * size[0])


@pytest.mark.parametrize("size", [(4000, 3000), (3000, 4000), (1001, 751), (333, 777)])
def test_crops_have_exact_sizes_whatever_the_shape(size):
    original = stored("articles/shape.jpg", encode(Image.new("RGB", size, "teal"), "JPEG"))

    generate_renditions(original, 0.3, 0.4)

    for kind, crop_size in images.CROPS.items():
        with rendition(crop_name(original.name, kind, 0.3, 0.4, "webp")) as image:
            assert image.size == crop_size


def test_small_original_gets_its_own_width_and_crops_of_exact_size(settings):
    original = stored("articles/small.png", encode(noise((300, 200)), "PNG"))

    generate_renditions(original)

    with rendition(rendition_name(original.name, 300, "webp")) as image:
        assert image.size == (300, 200)
    with rendition(crop_name(original.name, "card", 0.5, 0.5, "jpg")) as image:
        assert image.size == (1200, 630)
    assert len(media_files(settings)) == 1 + 2 + 6


def test_legacy_turned_original_gives_upright_renditions():
    original = stored("articles/turned.jpg", revealing_jpeg(size=(300, 200), orientation=6))

    generate_renditions(original)

    with rendition(rendition_name(original.name, 200, "jpg")) as image:
        assert image.size == (200, 300)
        assert red_share(image.crop((170, 0, 200, 30))) > 0.9


def test_transparent_original_gives_white_jpeg_and_transparent_webp():
    picture = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    ImageDraw.Draw(picture).rectangle((200, 100, 399, 299), fill=(*RED, 255))
    original = stored("articles/logo.png", encode(picture, "PNG"))

    generate_renditions(original)

    with rendition(rendition_name(original.name, 480, "jpg")) as image:
        assert image.mode == "RGB" and image.getpixel((5, 5)) == (255, 255, 255)
    with rendition(rendition_name(original.name, 480, "webp")) as image:
        assert image.mode == "RGBA" and image.getpixel((5, 5))[3] == 0
        assert red_share(image.crop((200, 120, 280, 200))) > 0.9


def test_second_run_writes_nothing_and_a_new_focal_point_only_its_crops(settings):
    original = stored("articles/again.jpg", red_edged_original())
    generate_renditions(original)
    before = {path: path.stat().st_mtime_ns for path in media_files(settings)}

    generate_renditions(original)

    assert {path: path.stat().st_mtime_ns for path in media_files(settings)} == before

    generate_renditions(original, 0.2, 0.8)

    added = set(media_files(settings)) - set(before)
    assert sorted(path.name for path in added) == sorted(
        f"{kind}-20-80.{ext}" for kind in images.CROPS for ext in ("webp", "jpg")
    )
    assert all(path.stat().st_mtime_ns == mtime for path, mtime in before.items())
