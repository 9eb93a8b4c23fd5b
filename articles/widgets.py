"""The article form's photo field: the file input with a thumbnail of the current (or kept) photo
and previews of the crops readers get. Choosing the focal point by clicking the photo is
static/js/admin-focal-point.js's (progressive: the number fields stay the way without it)."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.images import CROPS, crop_url, rendition_url, widths_for

# The crops an article's photo is cut to (articles.images.CROPS), as the editor should know them.
PREVIEWED_CROPS = {"card": _("Shared link card"), "thumb": _("List thumbnail")}


class HeroImageInput(forms.ClearableFileInput):
    """`kept_url`: the preview of an upload kept from a refused save, shown instead of the saved
    photo (the form sets it); `focal_fields`: the ids of the focal point's number inputs."""

    kept_url = None
    focal_fields = ("id_hero_focal_x", "id_hero_focal_y")

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        preview = self.preview(value)
        if not preview:
            return field
        src, crops, caption = preview
        crop_html = format_html_join(
            "",
            '<figure class="hero-crop hero-crop--{}"><img src="{}" alt="" data-ratio="{}" '
            'width="{}" height="{}"><figcaption>{}</figcaption></figure>',
            (
                (kind, url, f"{CROPS[kind][0] / CROPS[kind][1]:.4f}", *CROPS[kind], label)
                for kind, url, label in crops
            ),
        )
        return format_html(
            '{}<div class="hero-image-widget" data-focal-x="{}" data-focal-y="{}">'
            '<figure class="hero-image-preview"><span class="hero-image-preview__frame">'
            '<img src="{}" alt="" class="hero-image-preview__image">'
            '<span class="hero-focal-marker" hidden></span></span>'
            "<figcaption>{}</figcaption></figure>"
            '<p class="help hero-focal-help" hidden>{}</p>'
            '<div class="hero-crops" aria-label="{}" role="group">{}</div></div>',
            field,
            *self.focal_fields,
            src,
            caption,
            _("Click the photo on the point that crops must keep in view."),
            _("Crops"),
            crop_html,
        )

    def preview(self, value):
        """(thumbnail URL, [(crop kind, URL, label)], caption), or None with no photo to show."""
        if self.kept_url:
            crops = [(kind, self.kept_url, label) for kind, label in PREVIEWED_CROPS.items()]
            caption = _("The photo you chose, kept: it is stored when the article is saved.")
            return self.kept_url, crops, caption
        if not value or not getattr(value, "url", None):
            return None
        article = value.instance
        widths = widths_for(getattr(article, "hero_width", None))
        src = rendition_url(value, widths[0], "jpg") if widths else value.url
        crops = [
            (kind, crop_url(value, kind, article.hero_focal_x, article.hero_focal_y), label)
            for kind, label in PREVIEWED_CROPS.items()
        ]
        return src, crops, _("Current photo")
