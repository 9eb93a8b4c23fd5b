from django import template

from articles import images

register = template.Library()

FALLBACK_WIDTH = 960  # for browsers without srcset: sharp enough, small enough


@register.inclusion_tag("includes/_picture.html")
def picture(field_file, width, height, alt="", sizes="100vw", loading="lazy"):
    """A responsive <picture>: WebP and JPEG renditions, dimensions set so nothing shifts."""
    widths = images.widths_for(width)
    if not field_file or not widths:
        return {}
    fallback = min(widths, key=lambda candidate: abs(candidate - FALLBACK_WIDTH))
    return {
        "webp_srcset": images.srcset(field_file, width, "webp"),
        "jpeg_srcset": images.srcset(field_file, width, "jpg"),
        "fallback": images.rendition_url(field_file, fallback, "jpg"),
        "width": width,
        "height": height,
        "alt": alt,
        "sizes": sizes,
        "loading": loading,
    }


@register.simple_tag
def crop_url(field_file, kind, focal_x=0.5, focal_y=0.5):
    return images.crop_url(field_file, kind, focal_x, focal_y)
