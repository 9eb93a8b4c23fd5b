"""Uploaded photos: decoded and re-encoded without any metadata (EXIF/GPS give away places) under
random names; served as WebP/JPEG renditions and focal-point crops for slow networks."""

import io
import posixpath
import re
import uuid
import warnings
from contextlib import contextmanager
from functools import partial

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

DEFAULT_MAX_PIXELS = 40_000_000
MAX_PIXELS = getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (480, 960, 1600)
CROPS = {"card": (1200, 630), "thumb": (480, 320), "avatar": (192, 192)}

MESSAGES = {
    "invalid_image": _("This file is not an image we can use. Upload a JPEG, PNG or WebP photo."),
    "unsupported_format": _(
        "%(format)s files are not accepted. Upload a JPEG, PNG or WebP photo instead."
    ),
    "damaged_image": _(
        "This image is damaged or incomplete. Save it again as a JPEG, PNG or WebP photo "
        "and upload the new file."
    ),
    "animated_image": _(
        "Animated images are not accepted. Upload a still JPEG, PNG or WebP photo."
    ),
    "image_too_large": _(
        "This image has too many pixels. Make it smaller (at most %(max)s megapixels) "
        "and upload it again."
    ),
}
_MASTER_OPTIONS = {  # readers get renditions; a baseline master decodes three times faster
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}
_RENDITION_OPTIONS = {
    "webp": ("WEBP", {"quality": 80}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
_SRGB = ImageCms.createProfile("sRGB")
# The width and height a decoded original needs for the largest rendition and each crop window.
_NEEDED = (
    max(*RENDITION_WIDTHS, *(width for width, _height in CROPS.values())),
    max(height for _width, height in CROPS.values()),
)


@receiver(setting_changed)
def _follow_max_pixels(setting, value, **kwargs):
    # The limit is read once at import; tests and override_settings still change it.
    global MAX_PIXELS
    if setting == "IMAGE_MAX_PIXELS":
        MAX_PIXELS = DEFAULT_MAX_PIXELS if value is None else value


class CleanImage(ContentFile):
    """A file clean_image made: decoded, checked, stripped of metadata, randomly named."""


def _error(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _too_large():
    return _error("image_too_large", max=f"{MAX_PIXELS / 1_000_000:g}")


@contextmanager
def _pillow_guard():
    # Pillow warns about odd but harmless metadata in ordinary photos; its decompression bomb
    # warning must instead stop the upload, as an error we can report (never a log line or a 500).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _webp_size(head):
    """WebP's decoder allocates its whole canvas on open, so read the size from the header first."""
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk, le = head[12:16], lambda start, end: int.from_bytes(head[start:end], "little")
    if chunk == b"VP8X":
        return le(24, 27) + 1, le(27, 30) + 1
    if chunk == b"VP8L":
        return (le(21, 25) & 0x3FFF) + 1, ((le(21, 25) >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        return le(26, 28) & 0x3FFF, le(28, 30) & 0x3FFF
    return None


def _refused_format(head):
    """The name of a format Pillow is never asked to parse, so the editor knows what they have."""
    if head.startswith(b"GIF8"):
        return "GIF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head.startswith(b"BM"):
        return "BMP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "AVIF" if head[8:12] == b"avif" else "HEIC"
    if b"<svg" in head.lower():
        return "SVG"
    return None


def _open(file):
    """The image with only its header read, once its format, size and frames pass."""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if (size := _webp_size(head)) and size[0] * size[1] > MAX_PIXELS:
        raise _too_large()
    try:
        # Only the three plugins we accept ever parse an upload.
        image = Image.open(file, formats=list(ALLOWED_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large() from None
    except UnidentifiedImageError:
        if fmt := _refused_format(head):
            raise _error("unsupported_format", format=fmt) from None
        raise _error("invalid_image") from None
    except Exception:  # a hostile header can make a plugin fail in many ways
        raise _error("invalid_image") from None
    if image.width * image.height > MAX_PIXELS:
        raise _too_large()
    # MPO is a JPEG followed by extra pictures (previews, depth or HDR maps, each with its own
    # EXIF), common from phones: keep the main one. Anything else with frames is an animation.
    if image.format != "MPO" and getattr(image, "n_frames", 1) > 1:
        raise _error("animated_image")
    return image


def _oriented_size(image):
    width, height = image.size
    turned = image.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8)
    return (height, width) if turned else (width, height)


def _load(image, draft=None):
    """Decode the pixels (a JPEG at a reduced scale no smaller than `draft`), upright."""
    try:
        if draft:
            image.draft(None, draft)
        image.load()
        ImageOps.exif_transpose(image, in_place=True)  # in place: no 36 MB copy per 12 MP
        return image
    except Exception:  # truncated data, broken compression, nonsense EXIF...
        raise _error("damaged_image") from None


# An embedded ICC profile is applied (pixels converted to sRGB) and then dropped: colours stay
# right without keeping the profile's bytes.
def _to_srgb(image, icc):
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unreadable profile costs colour accuracy, not the upload


def _normalise(image, fmt):
    """sRGB pixels, in a mode the output format stores."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):  # 16-bit greyscale: scale it, do not clip
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if (icc := image.info.get("icc_profile")) and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        image = _to_srgb(image, icc)
    if fmt == "PNG" and image.mode in ("1", "L", "LA", "P", "RGB", "RGBA"):
        return image  # palettes and greyscale stay as compact as the editor made them
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha and fmt != "JPEG" else "RGB"
    return image if image.mode == mode else image.convert(mode)


def _encode(image, fmt, **options):
    # Pillow's encoders copy some of the source's info (JPEG comment, PNG ICC profile): hand them
    # none of it. A palette's transparent colour is part of the picture, not metadata.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def clean_image(file):
    """A new, metadata-free copy of an uploaded photo, or a ValidationError for the editor."""
    with _pillow_guard():
        image = _open(file)
        fmt = "JPEG" if image.format == "MPO" else image.format
        image = _normalise(_load(image), fmt)
        data = _encode(image, fmt, **_MASTER_OPTIONS[fmt])
    return CleanImage(data, name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[fmt]}")


# --- Renditions -----------------------------------------------------------------------------


def widths_for(original_width):
    if not original_width:
        return []
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    # The original's own width too, unless it is wider than the largest rendition.
    return [*widths, original_width] if original_width <= RENDITION_WIDTHS[-1] else widths


def renditions_folder(original_name):
    """Where an original's renditions and crops are stored, and nothing else."""
    return f"renditions/{posixpath.splitext(original_name)[0]}"


def _percent(focal):
    return round(min(max(float(focal), 0.0), 1.0) * 100)


def rendition_name(original_name, width, ext):
    return f"{renditions_folder(original_name)}/{width}.{ext}"


def crop_name(original_name, kind, focal_x, focal_y, ext):
    folder = renditions_folder(original_name)
    return f"{folder}/{kind}-{_percent(focal_x)}-{_percent(focal_y)}.{ext}"


def srcset(field_file, original_width, ext):
    if not field_file:
        return ""
    url = field_file.storage.url
    return ", ".join(
        f"{url(rendition_name(field_file.name, width, ext))} {width}w"
        for width in widths_for(original_width)
    )


def rendition_url(field_file, width, ext):
    return field_file.storage.url(rendition_name(field_file.name, width, ext))


def crop_url(field_file, kind, focal_x, focal_y, ext="jpg"):
    return field_file.storage.url(crop_name(field_file.name, kind, focal_x, focal_y, ext))


# Names as this app makes them (random hex in a folder, a width, a crop's kind and focal point):
# nothing a URL quotes, no empty, "." or ".." segment, no leading "/".
_PLAIN_NAME = re.compile(r"(?:[\w-][\w.-]*/)*[\w-][\w.-]*", re.ASCII)


def is_plain_name(name):
    return _PLAIN_NAME.fullmatch(name) is not None


def plain_name_url_prefix(storage):
    """What storage.url(name) starts with for every plain name (is_plain_name), followed by the
    name itself; None for a storage other than the file system's (a signed URL, a CDN's...).

    For lists of thousands of pictures: FileSystemStorage.url quotes each name and urljoins it
    to MEDIA_URL, which changes nothing in a plain name but the folder it is joined to.
    """
    if getattr(storage.url, "__func__", None) is not FileSystemStorage.url:
        return None
    return storage.url("x").removesuffix("x")


def _window(size, target, focal_x, focal_y):
    """The largest box of the target's shape in the picture, centred on the focal point as far
    as the edges allow."""
    width, height = size
    scale = min(width / target[0], height / target[1])
    # min(): a float product can overshoot the edge by a hair, which Pillow refuses.
    box_width, box_height = min(width, target[0] * scale), min(height, target[1] * scale)
    left = min(max(focal_x * width - box_width / 2, 0), width - box_width)
    top = min(max(focal_y * height - box_height / 2, 0), height - box_height)
    return left, top, left + box_width, top + box_height


def _flatten(image):
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background


def generate_renditions(field_file, focal_x=0.5, focal_y=0.5):
    """Write the renditions of an original that storage does not have yet.

    Raises ValidationError, as clean_image does, for an original it cannot decode (a file
    stored before clean_image existed).
    """
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name
    fx, fy = _percent(focal_x) / 100, _percent(focal_y) / 100
    with storage.open(name, "rb") as file, _pillow_guard():
        image = _open(file)
        width, height = _oriented_size(image)
        jobs = [  # (output size, box in the original's pixels or None, name for an extension)
            ((w, max(1, round(height * w / width))), None, partial(rendition_name, name, w))
            for w in widths_for(width)
        ] + [
            (
                target,
                _window((width, height), target, fx, fy),
                partial(crop_name, name, kind, fx, fy),
            )
            for kind, target in CROPS.items()
        ]
        missing = []
        for size, box, name_for in jobs:
            names = {ext: name_for(ext=ext) for ext in _RENDITION_OPTIONS}
            if names := {ext: n for ext, n in names.items() if not storage.exists(n)}:
                missing.append((size, box, names))
        if not missing:
            return
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale for a fraction of the cost: ask for the
        # smallest scale that still leaves every rendition and crop window its full detail.
        draft = (min(width, _NEEDED[0]), min(height, _NEEDED[1]))
        if (width, height) != image.size:
            draft = draft[::-1]  # turned by its EXIF orientation: the header size is sideways
        base = _normalise(_load(image, draft), "WEBP")
        scale = base.width / width
        for size, box, names in missing:
            box = box and tuple(edge * scale for edge in box)
            resized = base.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
            for ext, rendition in names.items():
                fmt, options = _RENDITION_OPTIONS[ext]
                picture = _flatten(resized) if fmt == "JPEG" else resized
                storage.save(rendition, ContentFile(_encode(picture, fmt, **options)))


# --- Fields ---------------------------------------------------------------------------------


class SafeImageFormField(forms.ImageField):
    """An upload field whose cleaned value is the stripped copy, never the file as sent."""

    def __init__(self, **kwargs):
        # The uploader's file name is thrown away, so its length does not matter.
        super().__init__(**(kwargs | {"max_length": None}))

    def to_python(self, data):
        # Not ImageField's own check: it lets every Pillow plugin parse the upload, and its
        # one message would hide ours. The extension validator then sees the clean name.
        upload = forms.FileField.to_python(self, data)
        return None if upload is None else clean_image(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if attrs.get("accept") == "image/*":
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class SafeImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every write path ends here: a form's CleanImage, a file assigned in code (committed by
        # the field's pre_save), or a direct `.save(name, content)`.
        if not isinstance(content, CleanImage):
            content = clean_image(content)
        self.file = content
        self.__dict__.pop("_dimensions_cache", None)
        # The clean name carries the real format's extension, not the uploader's.
        super().save(content.name, content, save)

    save.alters_data = True


class SafeImageField(models.ImageField):
    """An ImageField that stores only what clean_image made, whichever way the file arrives."""

    attr_class = SafeImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})


def focal_point_fields():
    """The point of an image that crops keep in view, across and down (0 to 1): a pair of fields
    for each model with an image to crop."""
    return (
        models.FloatField(
            _("focal point across"),
            default=0.5,
            validators=[MinValueValidator(0), MaxValueValidator(1)],
            help_text=_("0 is the left edge, 1 the right: crops keep this point in view."),
        ),
        models.FloatField(
            _("focal point down"),
            default=0.5,
            validators=[MinValueValidator(0), MaxValueValidator(1)],
            help_text=_("0 is the top edge, 1 the bottom."),
        ),
    )
