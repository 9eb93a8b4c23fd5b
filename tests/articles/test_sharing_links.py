"""The share links under an article (and on a campaign): plain links carrying the page's address
and title to WhatsApp, Telegram, X, Facebook and email, nothing loaded until one is followed, and
a "copy link" button that only the site's own script shows."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template
from django.utils import translation

from articles.models import Article, PreviewLink
from core.links import absolute_url
from tests.helpers import make_article, make_campaign

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "en")
SITE_URL = "https://news.example.org"
# Characters a title may hold that a URL must not carry bare.
TITLES = {
    "ar": "حرية الصحافة: ماذا بقي؟ & #حقوق + 100%",
    "en": "Press freedom: what is left? & #rights + 100%",
}
SHARE_ORIGINS = {
    "whatsapp": "https://wa.me/",
    "telegram": "https://t.me/share/url",
    "x": "https://x.com/intent/post",
    "facebook": "https://www.facebook.com/sharer/sharer.php",
    "email": "mailto:",
}
# Where a page names something the browser fetches as it loads.
LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "action", "formaction", "background"}


class ShareBlock(HTMLParser):
    """The share links ({service: (href, attrs)}), the copy button's attributes, and every
    address the page would load by itself (`loads`, as (tag, attribute, value))."""

    def __init__(self):
        super().__init__()
        self.links, self.copy, self.loads, self.scripts = {}, None, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        service = next((c.removeprefix("share__link--") for c in classes if "--" in c), None)
        if tag == "a" and "share__link" in classes:
            self.links[service] = attrs
        if tag == "button" and "share__copy" in classes:
            self.copy = attrs
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        for name, value in attrs.items():
            if name in LOADING_ATTRIBUTES and value:
                self.loads.append((tag, name, value))
        if tag == "link" and attrs.get("rel") in {"stylesheet", "preload", "icon"}:
            self.loads.append((tag, "href", attrs["href"]))


def share_block(html):
    parser = ShareBlock()
    parser.feed(html)
    return parser


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def article():
    return make_article(title_ar=TITLES["ar"], title_en=TITLES["en"])


def query(href):
    """The parameters of a share link, decoded as the service decodes them."""
    return {name: values for name, [*values] in parse_qs(urlsplit(href).query).items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_carries_the_page_address_and_title_encoded(client, article, language):
    html = client.get(article.url_in(language)).content.decode()
    links = share_block(html).links
    address = absolute_url(article.url_in(language))
    title = TITLES[language]
    assert address.startswith(f"{SITE_URL}/{language}/articles/")  # SITE_URL, not the request's

    assert set(links) == set(SHARE_ORIGINS)
    for service, origin in SHARE_ORIGINS.items():
        assert links[service]["href"].startswith(origin), service
    assert query(links["whatsapp"]["href"]) == {"text": [f"{title} {address}"]}
    assert query(links["telegram"]["href"]) == {"url": [address], "text": [title]}
    assert query(links["x"]["href"]) == {"url": [address], "text": [title]}
    assert query(links["facebook"]["href"]) == {"u": [address]}
    assert query(links["email"]["href"]) == {"subject": [title], "body": [f"{title} {address}"]}
    for service, attrs in links.items():
        href = attrs["href"]
        # Spaces as %20 (a mail program reads "+" as a plus sign); nothing bare that would end
        # the parameter or the address; no raw Arabic letters.
        assert " " not in href and "+" not in href.split("?", 1)[1], service
        assert "#" not in href and href.isascii(), service
        assert href.count("&") == len(query(href)) - 1, service


def test_an_arabic_address_is_sent_percent_encoded_once_more(client):
    article = make_article(title_ar="حرية الصحافة", slug_ar="حرية-الصحافة")
    links = share_block(client.get(article.url_in("ar")).content.decode()).links
    slug = "%D8%AD%D8%B1%D9%8A%D8%A9-%D8%A7%D9%84%D8%B5%D8%AD%D8%A7%D9%81%D8%A9"  # as in a URL
    address = f"{SITE_URL}/ar/articles/{slug}/"
    assert query(links["facebook"]["href"]) == {"u": [address]}
    assert (
        "u=https%3A%2F%2Fnews.example.org%2Far%2Farticles%2F%25D8%25AD" in links["facebook"]["href"]
    )


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            "en",
            {
                "whatsapp": ("WhatsApp", "Share on WhatsApp"),
                "telegram": ("Telegram", "Share on Telegram"),
                "x": ("X", "Share on X"),
                "facebook": ("Facebook", "Share on Facebook"),
                "email": ("Email", "Share by email"),
            },
        ),
        (
            # Passes once the lead adds the Arabic msgstrs.
            "ar",
            {
                "whatsapp": ("واتساب", "شاركوا عبر واتساب"),
                "telegram": ("تيليغرام", "شاركوا عبر تيليغرام"),
                "x": ("إكس", "شاركوا عبر إكس"),
                "facebook": ("فيسبوك", "شاركوا عبر فيسبوك"),
                "email": ("البريد الإلكتروني", "شاركوا عبر البريد الإلكتروني"),
            },
        ),
    ],
)
def test_each_link_is_named_in_the_page_language(client, article, language, names):
    html = client.get(article.url_in(language)).content.decode()
    links = share_block(html).links
    for service, (label, accessible_name) in names.items():
        attrs = links[service]
        assert attrs["aria-label"] == accessible_name
        # The visible label is part of the name (WCAG 2.5.3, case aside).
        assert label.lower() in accessible_name.lower()
        assert f">{label}</a>" in html
        assert attrs["rel"] == "noopener noreferrer"
        assert "target" not in attrs  # the reader decides where a link opens


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_link_button_waits_hidden_for_the_script_with_its_texts(client, article, language):
    html = client.get(article.url_in(language)).content.decode()
    block = share_block(html)
    assert "hidden" in block.copy  # without JavaScript, no button that cannot work
    assert block.copy["type"] == "button"
    assert block.copy["data-url"] == absolute_url(article.url_in(language))
    with translation.override(language):
        assert block.copy["data-copied"] == translation.gettext("Link copied")
    assert 'role="status"' in html.split('class="share"', 1)[1]  # where the script says so
    assert [src for src in block.scripts if "share" in src] == ["/static/js/share.js"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_loads_nothing_from_the_share_services(client, article, language):
    block = share_block(client.get(article.url_in(language)).content.decode())
    assert block.loads  # the stylesheet, the font, the script at least
    for tag, name, value in block.loads:
        for address in value.split(","):  # a srcset lists several
            assert urlsplit(address.strip()).netloc == "", (tag, name, value)


def test_share_links_are_the_same_for_every_reader(client, article):
    """The page is cached for everyone (the page cache, a CDN): nothing in it comes from the
    request."""
    path = article.url_in("en")
    first = client.get(path, HTTP_USER_AGENT="one", HTTP_REFERER="https://a.example/").content
    second = client.get(path, HTTP_USER_AGENT="two", REMOTE_ADDR="10.0.0.9").content
    assert share_block(first.decode()).links == share_block(second.decode()).links


def test_a_preview_has_no_share_links_nor_their_script(client):
    draft = make_article(status=Article.Status.DRAFT, title_en="Secret draft")
    html = client.get(PreviewLink.objects.create(article=draft).url_in("en")).content.decode()
    assert "Secret draft" in html
    block = share_block(html)
    assert block.links == {} and block.copy is None and block.scripts == []
    assert "wa.me" not in html and "share.js" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_campaign_is_shared_with_its_own_address_and_title(language):
    campaign = make_campaign(title_ar="انضموا إلى الحركة", title_en="Join the movement")
    with translation.override(language):
        html = Template("{% load sharing %}{% share_links campaign %}").render(
            Context({"campaign": campaign})
        )
    links = share_block(html).links
    address = absolute_url(campaign.url_in(language))
    title = campaign.in_language("title", language)
    assert query(links["telegram"]["href"]) == {"url": [address], "text": [title]}
    assert query(links["email"]["href"])["subject"] == [title]
    assert 'id="share-heading-campaign-' in html


def test_nothing_to_share_in_a_language_the_object_is_not_written_in():
    arabic_only = make_article(languages=("ar",))
    template = Template("{% load sharing %}{% share_links article %}")
    with translation.override("en"):
        assert template.render(Context({"article": arabic_only})).strip() == ""
    with translation.override("ar"):
        assert "wa.me" in template.render(Context({"article": arabic_only}))
