"""The one allow-list for rich text: whatever an editor types or pastes, only this reaches pages."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "a",
    "blockquote", "ul", "ol", "li", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",  # no window.opener, no Referer sent to outside sites
)

# Same extensions as the allow-list, so the editor offers nothing the sanitizer would remove.
EDITOR_EXTENSIONS = {
    "Bold": {},
    "Italic": {},
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": {},
    "OrderedList": {},
    "ListItem": {},
    "Blockquote": {},
    "HardBreak": {},
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
}


def sanitize_html(html):
    """Clean HTML to the allow-list; an editor's empty paragraph counts as no text at all."""
    if not html:
        return html
    cleaned = _cleaner.clean(html).strip()
    return cleaned if nh3.clean(cleaned, tags=set()).strip() else ""
