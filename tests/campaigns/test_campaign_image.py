"""A campaign's image takes the article images' path: re-encoded without its metadata under a
random name, renditions and focal-point crops made, shown on the page, in the cards and in
shared links, and deleted with what was made from it once nothing names it."""

import html as html_module
import io
import os
import re
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext_lazy

from articles import images
from campaigns.models import Campaign
from core.links import absolute_url
from tests.articles.test_images import SECRETS, revealing_jpeg
from tests.helpers import form_values, jpeg_bytes, make_campaign

pytestmark = pytest.mark.django_db

SIZE = (700, 400)  # renditions 480 and 700 wide, and the crops


def with_image(campaign, color=(30, 120, 110), focal=(0.5, 0.5)):
    campaign.hero_focal_x, campaign.hero_focal_y = focal
    campaign.hero_alt_ar, campaign.hero_alt_en = "متطوعون أمام مركز اقتراع", "Volunteers at a poll"
    campaign.hero_image.save("photo.jpg", ContentFile(jpeg_bytes(size=SIZE, color=color)))
    return campaign.hero_image.name


def made_from(name):
    """The original and every rendition and crop of it in storage."""
    folder = images.renditions_folder(name)
    files = default_storage.listdir(folder)[1] if default_storage.exists(folder) else []
    originals = [name] if default_storage.exists(name) else []
    return originals + [f"{folder}/{file}" for file in files]


def in_the_admin(message, **params):
    """A message as the admin shows it (in Arabic, the site's default language), HTML-escaped."""
    with translation.override("ar"):
        return html_module.escape(str(message) % params if params else str(message))


def change_form(client, campaign):
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    return url, form_values(client.get(url).content.decode(), "campaign_form")


def test_an_uploaded_image_is_stored_clean_under_a_random_name_with_its_renditions(
    editor_client,
):
    campaign = make_campaign()
    url, data = change_form(editor_client, campaign)
    upload = SimpleUploadedFile("IMG_2041 at home.jpg", revealing_jpeg(size=SIZE), "image/jpeg")
    data |= {
        "hero_image": upload,
        "hero_alt_ar": "متطوعون أمام مركز اقتراع",
        "hero_alt_en": "Volunteers outside a polling station",
        "hero_focal_x": "0.25",
        "hero_focal_y": "0.75",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]

    campaign.refresh_from_db()
    name = campaign.hero_image.name
    assert re.fullmatch(r"campaigns/[0-9a-f]{32}\.jpg", name)  # nothing of "IMG_2041 at home"
    with default_storage.open(name, "rb") as file:
        stored = file.read()
    assert not [secret for secret in SECRETS if secret in stored]  # no GPS, no camera, no XMP
    assert (campaign.hero_width, campaign.hero_height) == SIZE
    for width in (480, 700):
        for ext in ("webp", "jpg"):
            assert default_storage.exists(images.rendition_name(name, width, ext))
    for kind in ("card", "thumb"):
        assert default_storage.exists(images.crop_name(name, kind, 0.25, 0.75, "jpg"))


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(editor_client):
    campaign = make_campaign()
    url, data = change_form(editor_client, campaign)
    data |= {"hero_image": SimpleUploadedFile("x.gif", b"GIF89a" + b"\0" * 64, "image/gif")}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    refused = in_the_admin(images.MESSAGES["unsupported_format"], format="GIF")
    assert refused in response.content.decode()
    campaign.refresh_from_db()
    assert not campaign.hero_image


def test_the_image_needs_a_description_in_each_language_the_campaign_is_in(editor_client):
    campaign = make_campaign()
    url, data = change_form(editor_client, campaign)
    data |= {"hero_image": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg")}
    data |= {"hero_alt_ar": "متطوعون", "hero_alt_en": ""}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    described = in_the_admin(gettext_lazy("Describe the image in this language too."))
    errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert [error for error in errors if described in error]
    campaign.refresh_from_db()
    assert not campaign.hero_image

    arabic_only = make_campaign(title_en=None, hero_alt_ar="متطوعون")
    arabic_only.hero_image = images.clean_image(io.BytesIO(jpeg_bytes()))
    arabic_only.clean()  # no English page: no English description needed


def test_the_campaign_page_shows_a_responsive_picture_described_in_its_language(client):
    campaign = make_campaign()
    name = with_image(campaign)
    for language, alt in (("ar", campaign.hero_alt_ar), ("en", campaign.hero_alt_en)):
        page = client.get(campaign.url_in(language)).content.decode()
        picture = re.search(r"<picture>.*?</picture>", page, re.S).group(0)
        assert images.srcset(campaign.hero_image, SIZE[0], "webp") in picture
        assert f'alt="{html_module.escape(alt)}"' in picture
        assert f'width="{SIZE[0]}" height="{SIZE[1]}"' in picture  # no jump when it loads
    assert default_storage.exists(images.rendition_name(name, 480, "webp"))


def test_a_campaign_without_an_image_shows_none(client):
    page = client.get(make_campaign().url_in("en")).content.decode()
    assert "<picture>" not in page


def test_the_campaign_cards_show_the_thumbnail_crop_at_the_focal_point(client):
    campaign = make_campaign()
    with_image(campaign, focal=(0.2, 0.6))
    make_campaign(featured=False)  # and one without an image: a card all the same
    page = client.get("/en/join/").content.decode()
    thumb = images.crop_url(campaign.hero_image, "thumb", 0.2, 0.6)
    assert f'src="{thumb}"' in page
    assert 'loading="lazy"' in page
    assert page.count('class="card card--image campaign-card"') == 1
    assert page.count('class="card campaign-card"') == 1


def meta(page, key):
    found = re.search(rf'<meta (?:property|name)="{key}" content="([^"]*)"', page)
    return found and html_module.unescape(found.group(1))


def test_shared_links_show_the_campaigns_card_crop(client):
    campaign = make_campaign()
    with_image(campaign, focal=(0.3, 0.4))
    card = absolute_url(images.crop_url(campaign.hero_image, "card", 0.3, 0.4))
    for language, alt in (("ar", campaign.hero_alt_ar), ("en", campaign.hero_alt_en)):
        page = client.get(campaign.url_in(language)).content.decode()
        assert meta(page, "og:image") == card
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        assert meta(page, "og:image:alt") == alt
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "twitter:image") == card


def test_a_campaign_without_an_image_shares_a_summary_card(client):
    page = client.get(make_campaign().url_in("en")).content.decode()
    assert meta(page, "og:image") is None
    assert meta(page, "twitter:card") == "summary"


def test_a_replaced_image_and_what_was_made_from_it_go_once_the_change_is_committed(
    django_capture_on_commit_callbacks,
):
    campaign = make_campaign()
    old = with_image(campaign)
    old_files = made_from(old)
    assert len(old_files) > 5

    with django_capture_on_commit_callbacks(execute=True):
        new = with_image(Campaign.objects.get(pk=campaign.pk), color=(200, 40, 40))
        assert all(default_storage.exists(name) for name in old_files)  # not before the commit

    assert made_from(old) == []
    assert len(made_from(new)) == len(old_files)


def test_a_deleted_campaigns_image_goes_with_it(django_capture_on_commit_callbacks):
    campaign = make_campaign()
    name = with_image(campaign)
    with django_capture_on_commit_callbacks(execute=True):
        Campaign.objects.get(pk=campaign.pk).delete()
    assert made_from(name) == []


def test_saving_a_campaign_again_keeps_its_image():
    campaign = make_campaign()
    name = with_image(campaign)
    files = made_from(name)
    Campaign.objects.get(pk=campaign.pk).save()
    assert made_from(name) == files


def test_the_orphan_files_command_keeps_a_campaigns_image_and_renditions():
    campaign = make_campaign()
    files = made_from(with_image(campaign))
    then = time.time() - 2 * 3600
    for name in files:
        os.utime(default_storage.path(name), (then, then))
    call_command("remove_orphan_files", "--delete", stdout=io.StringIO())
    assert made_from(campaign.hero_image.name) == files
