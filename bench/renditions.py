"""Time the photo pipeline on a 12-megapixel camera-like JPEG: clean_image, then renditions.

python -m bench.renditions     (writes only to a temporary folder)
"""

import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from PIL import ExifTags, Image, ImageChops, ImageFilter  # noqa: E402

from articles.images import (  # noqa: E402
    SafeImageField,
    clean_image,
    generate_renditions,
)

SIZE = (4000, 3000)
ROUNDS = 3


def photo_like(size=SIZE):
    """Gradients for light and sky, blurred noise for texture, fine noise for sensor grain:
    it compresses about as a real photo does, which flat colours would not."""
    grain = [Image.effect_noise(size, 10) for _ in range(3)]
    texture = Image.effect_noise((size[0] // 8, size[1] // 8), 50).resize(size, Image.BICUBIC)
    gradients = [
        Image.linear_gradient("L").rotate(90).resize(size),
        Image.linear_gradient("L").resize(size),
        Image.radial_gradient("L").resize(size),
    ]
    channels = [
        ImageChops.add(Image.blend(gradient, texture, 0.4), noise, offset=-128)
        for gradient, noise in zip(gradients, grain, strict=True)
    ]
    image = Image.merge("RGB", channels).filter(ImageFilter.SMOOTH)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (33.0, 30.0, 12.5)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main():
    upload = photo_like()
    print(f"upload: {SIZE[0]}x{SIZE[1]} JPEG with EXIF GPS, {len(upload) / 1024:,.0f} KB")

    runs = [timed(clean_image, ContentFile(upload, name="IMG_0001.jpg")) for _ in range(ROUNDS)]
    cleaned = runs[-1][1]
    seconds = statistics.median(s for s, _ in runs)
    print(f"clean_image: {seconds:.2f} s (median of {ROUNDS}), {cleaned.size / 1024:,.0f} KB")

    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        field = SafeImageField()
        original = field.attr_class(None, field, default_storage.save("articles/x.jpg", cleaned))
        cold = []
        for _ in range(ROUNDS):
            shutil.rmtree(Path(media) / "renditions", ignore_errors=True)  # a cold start
            cold.append(timed(generate_renditions, original, 0.3, 0.4)[0])
        warm, _ = timed(generate_renditions, original, 0.3, 0.4)
        print(f"generate_renditions: {statistics.median(cold):.2f} s (median of {ROUNDS}),")
        print(f"  again with every file present: {warm * 1000:.1f} ms")

        folder = "renditions/articles/x"
        print(f"\n{'rendition':<20}{'pixels':>11}{'KB':>8}")
        for name in sorted(default_storage.listdir(folder)[1], key=lambda n: (n[-4:], n)):
            with default_storage.open(f"{folder}/{name}") as file:
                data = file.read()
            width, height = Image.open(io.BytesIO(data)).size
            print(f"{name:<20}{f'{width}x{height}':>11}{len(data) / 1024:>8.0f}")


if __name__ == "__main__":
    main()
