"""After signing and after confirming: the campaign's own thanks said once, what to do next,
a request to share the campaign, and the next step (another open campaign, else articles)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from campaigns.models import Campaign
from campaigns.tokens import make_token
from core.languages import url_in_language
from tests.helpers import make_article, make_campaign, post_signup, record_signup

pytestmark = pytest.mark.django_db


def thanks_page(client, campaign, language="en"):
    response = client.get(campaign.url_in(language) + "thanks/")
    assert response.status_code == 200
    return response.content.decode()


def confirmed_page(client, signup, language="en"):
    url = url_in_language(language, "campaigns:confirm", token=make_token(signup, "confirm"))
    response = client.post(url)
    assert response.status_code == 200
    return response.content.decode()


def main(page):
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def suggested(page):
    """The title of the campaign the page suggests joining next, or None."""
    found = re.search(
        r'id="next-step".*?class="card__title"><a href="[^"]+">([^<]+)</a>', page, re.S
    )
    return found and found.group(1)


# --- Which campaign comes next (Campaign.objects.to_join_after) ------------------------------


def test_the_next_campaign_is_another_open_one_in_the_pages_language_the_featured_first():
    current = make_campaign()
    newer = make_campaign(featured=False)
    featured = make_campaign(featured=True)
    make_campaign(active=False, featured=True)  # closed
    make_campaign(opens_at=timezone.now() + timedelta(days=1), featured=True)  # not open yet
    make_campaign(closes_at=timezone.now() - timedelta(days=1), featured=True)  # over
    make_campaign(title_en=None, slug_en=None, featured=True)  # no English page

    with translation.override("en"):
        assert Campaign.objects.to_join_after(current) == featured
        featured.delete()
        assert Campaign.objects.to_join_after(current) == newer
        newer.delete()
        assert Campaign.objects.to_join_after(current) is None


def test_with_no_other_campaign_the_next_step_is_the_latest_articles_in_the_pages_language(
    client,
):
    campaign = make_campaign()
    english = [make_article(title_en=f"Report {n}") for n in range(4)]  # newest first: 0, 1, 2
    make_article(languages=("ar",), title_ar="بالعربية فقط", publish_at=timezone.now())
    page = main(thanks_page(client, campaign))
    assert suggested(page) is None
    listed = re.findall(r"<li><a href=\"([^\"]+)\">([^<]+)</a></li>", page)
    assert listed == [(article.url_in("en"), article.title_en) for article in english[:3]]


# --- The thanks page -------------------------------------------------------------------------


def test_the_thanks_page_says_thank_you_once_and_what_to_do_next(client):
    campaign = make_campaign(thank_you_text_en="Thank you for joining.")
    page = main(thanks_page(client, campaign))
    assert page.count("Thank you") == 1  # the campaign's own text, not a heading saying it again
    heading = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert "thank" not in heading.lower() and "email" in heading.lower()
    assert "check your spam folder" in page


def test_the_thanks_page_asks_to_share_the_campaign_and_suggests_another(client):
    campaign = make_campaign()
    other = make_campaign(featured=False, title_en="Free the detained journalists")
    page = main(thanks_page(client, campaign))
    assert "https://wa.me/?" in page and "https://t.me/share/url?" in page
    assert campaign.url_in("en").replace("/", "%2F") in page  # the campaign is what is shared
    assert suggested(page) == other.title_en
    assert page.index("wa.me") < page.index('id="next-step"')  # share first, then move on


def test_the_thanks_page_after_a_real_signup_in_arabic(client):
    campaign = make_campaign()
    other = make_campaign(featured=False)
    response = post_signup(client, campaign, language="ar")
    page = main(client.get(response["Location"]).content.decode())
    assert "شكرًا لانضمامكم." in page
    assert "https://wa.me/?" in page
    assert suggested(page) == other.title_ar


def test_the_thanks_page_is_not_for_search_engines(client):
    assert '<meta name="robots" content="noindex">' in thanks_page(client, make_campaign())


# --- The confirmed page ----------------------------------------------------------------------


def test_the_confirmed_page_asks_to_share_and_suggests_the_next_step(client):
    campaign = make_campaign()
    other = make_campaign(featured=False, title_en="Free the detained journalists")
    signup = record_signup(campaign, "leila@example.org")
    page = main(confirmed_page(client, signup))
    assert "https://wa.me/?" in page
    assert suggested(page) == other.title_en
    assert page.count("Thank you") == 1


def test_the_confirmed_page_offers_articles_when_no_other_campaign_is_open(client):
    campaign = make_campaign()
    article = make_article(title_en="What the observers saw")
    page = main(confirmed_page(client, record_signup(campaign, "leila@example.org")))
    assert f'<a href="{article.url_in("en")}">What the observers saw</a>' in page


def test_the_confirm_page_before_the_button_is_pressed_offers_nothing_else(client):
    signup = record_signup(make_campaign(), "leila@example.org")
    make_campaign(featured=False)
    url = url_in_language("en", "campaigns:confirm", token=make_token(signup, "confirm"))
    page = main(client.get(url).content.decode())
    assert "wa.me" not in page and 'id="next-step"' not in page  # the button is the one thing


def test_a_campaign_not_published_in_the_confirm_links_language_is_not_shared_from_it(client):
    # The email carries its links in every language: the English one for an Arabic campaign.
    campaign = make_campaign(title_en=None, slug_en=None)
    page = main(confirmed_page(client, record_signup(campaign, "leila@example.org"), "en"))
    assert "wa.me" not in page
    assert "Your signature is confirmed" in page
