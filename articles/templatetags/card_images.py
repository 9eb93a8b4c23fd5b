"""The picture on an article's card, from the crops made when the image was saved
(articles.images.CROPS): the thumbnail for small screens, the card crop for wide or dense ones."""

from django import template

from articles import images

register = template.Library()

CARD_CROPS = ("thumb", "card")  # smallest first
# As wide as a card: one column on a phone, two from 42rem, three of at most 22rem from 66rem
# (the .cards grid in static/css/site.css).
SIZES = "(min-width: 66rem) 22rem, (min-width: 42rem) 50vw, 100vw"


@register.inclusion_tag("includes/_picture.html")
def card_picture(article, sizes=SIZES):
    """The card's <picture>, lazy: a card is kept once (core.fragments) and shown anywhere in a
    list, so it cannot know whether it is above the fold; the home's lead, which is, is eager."""
    if not article.hero_image:
        return {}
    crops = [(kind, images.CROPS[kind][0]) for kind in CARD_CROPS]
    focal = (article.hero_focal_x, article.hero_focal_y)

    def srcset(ext):
        return ", ".join(
            f"{images.crop_url(article.hero_image, kind, *focal, ext)} {width}w"
            for kind, width in crops
        )

    width, height = images.CROPS["card"]
    return {
        "webp_srcset": srcset("webp"),
        "jpeg_srcset": srcset("jpg"),
        "fallback": images.crop_url(article.hero_image, "thumb", *focal),
        "width": width,
        "height": height,
        # In the page's language (translations never fall back): none there, none at all.
        "alt": article.hero_alt or "",
        "sizes": sizes,
        "loading": "lazy",
    }
