import hashlib
import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from campaigns.forms import TIMESTAMP_SALT
from campaigns.models import Signup
from campaigns.tokens import make_token
from campaigns.views import SIGNUPS_PER_ADDRESS, SIGNUPS_PER_EMAIL
from core.languages import url_in_language
from tests.helpers import make_article, make_campaign, post_signup, signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return make_campaign()


def links_in(message):
    return re.findall(r"http://\S+/(?:confirm|leave)/\S+/", message.body)


def test_campaign_page_shows_the_form_with_arabic_country_names(client, campaign):
    html = client.get(campaign.url_in("ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مصر" in html  # Egypt, named in Arabic
    assert 'name="consent"' in html and "checked" not in html.split('name="consent"')[1][:80]
    assert 'class="campaign-progress"' in html
    assert "Egypt" in client.get(campaign.url_in("en")).content.decode()


def test_the_arabic_country_list_is_in_arabic_alphabetical_order(client, campaign):
    html = client.get(campaign.url_in("ar")).content.decode()
    names = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', html)
    # The definite article left aside, alef with or without hamza as one letter.
    for earlier, later in [("تونس", "الجزائر"), ("الجزائر", "السودان"), ("لبنان", "مصر")]:
        assert names.index(earlier) < names.index(later), (earlier, later)
    assert names.index("الأردن") < names.index("أفغانستان") < names.index("تونس")
    english = client.get(campaign.url_in("en")).content.decode()
    assert (
        english.index(">Afghanistan<")
        < english.index(">Åland Islands<")
        < english.index(">Zambia<")
    )


def test_the_form_lets_a_browser_fill_it_and_keeps_addresses_and_numbers_left_to_right(
    client, campaign
):
    html = client.get(campaign.url_in("ar")).content.decode()

    def tag(field):
        return re.search(rf'<(?:input|select)[^>]*name="{field}"[^>]*>', html).group(0)

    assert 'type="tel"' in tag("phone") and 'dir="ltr"' in tag("phone")
    assert "\u2066+20\u2069" in html  # the hint's example number isolated left to right
    assert 'type="email"' in tag("email") and 'dir="ltr"' in tag("email")
    for field, token in (
        ("full_name", "name"),
        ("email", "email"),
        ("country", "country"),
        ("phone", "tel"),
    ):
        assert f'autocomplete="{token}"' in tag(field), field


def test_a_signup_is_stored_normalised_and_redirects_to_the_thanks_page(client, campaign):
    response = post_signup(client, campaign)
    assert response.status_code == 302
    assert response["Location"].endswith("/thanks/")
    signup = Signup.objects.get()
    assert signup.email == "leila@example.org"
    assert signup.consent_given_at is not None
    assert signup.consent_text == campaign.consent_text_ar
    assert signup.sources[-1]["source"] == "newsletter"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["leila@example.org"]


def test_known_email_gets_the_same_response_as_a_new_one_and_updates_the_row(client, campaign):
    first = post_signup(client, campaign)
    second = post_signup(client, campaign, full_name="ليلى محمد أحمد")
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert first.content == second.content
    assert client.get(first["Location"]).content == client.get(second["Location"]).content
    signup = Signup.objects.get()
    assert signup.full_name == "ليلى محمد أحمد"
    assert len(signup.sources) == 2
    assert "again" in mail.outbox[1].body  # only the address's owner learns it had signed


def test_invalid_input_is_shown_next_to_the_field_and_nothing_is_stored(client, campaign):
    response = post_signup(client, campaign, email="not-an-email", full_name="\u202e")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="alert"') >= 2
    assert not Signup.objects.exists()


def test_consent_is_required_when_the_campaign_says_so(client, campaign):
    response = post_signup(client, campaign, consent="")
    assert response.status_code == 200
    assert not Signup.objects.exists()


@pytest.mark.parametrize(
    "trap",
    [{"website": "http://spam.example"}, {"started": "forged"}, {"started": ""}],
)
def test_bots_get_the_thanks_redirect_and_store_nothing(client, campaign, trap):
    response = post_signup(client, campaign, **trap)
    assert response.status_code == 302
    assert not Signup.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("seconds_ago", [0, 2 * 24 * 3600])
def test_a_form_sent_too_fast_or_too_late_is_shown_again_to_send_once_more(
    client, campaign, seconds_ago
):
    started = signing.dumps(time.time() - seconds_ago, salt=TIMESTAMP_SALT)
    response = post_signup(client, campaign, language="en", started=started)
    html = response.content.decode()
    assert response.status_code == 200
    assert "send the form again" in html
    assert "ليلى أحمد" in html  # what they typed is kept
    assert started not in html  # and the form carries a fresh timestamp
    assert not Signup.objects.exists()


def test_phone_in_arabic_indic_digits_is_read_as_digits(client, campaign):
    post_signup(client, campaign, phone="+٢٠ ١٠٠ ١٢٣ ٤٥٦٧")
    assert Signup.objects.get().phone == "+201001234567"


def test_campaign_pages_answer_head_requests(client, campaign):
    assert client.head(campaign.url_in("en")).status_code == 200


def test_a_flood_from_one_network_address_gets_a_localized_429(client, campaign):
    for n in range(SIGNUPS_PER_ADDRESS):
        assert post_signup(client, campaign, email=f"person{n}@example.org").status_code == 302
    response = post_signup(client, campaign, email="one-more@example.org")
    assert response.status_code == 429
    assert "بعد ساعة" in response.content.decode()
    assert not Signup.objects.filter(email="one-more@example.org").exists()


def test_past_the_per_email_limit_the_answer_is_a_signups_and_nothing_is_stored_or_sent(client):
    campaign, other = make_campaign(), make_campaign()
    answers = [post_signup(client, campaign) for _ in range(SIGNUPS_PER_EMAIL)]
    over = post_signup(client, campaign, full_name="Someone Else", phone="+201001234567")
    assert (over.status_code, over["Location"], over.content) == (
        answers[0].status_code,
        answers[0]["Location"],
        answers[0].content,
    )
    assert len(mail.outbox) == SIGNUPS_PER_EMAIL  # no more emails to the address's owner
    assert Signup.objects.get().full_name == "ليلى أحمد"  # and nothing stored
    # Counted per campaign: the same person can still join another campaign.
    post_signup(client, other)
    assert Signup.objects.filter(campaign=other).exists()
    assert len(mail.outbox) == SIGNUPS_PER_EMAIL + 1


def test_confirm_link_shows_a_page_on_get_and_confirms_only_on_post(client, campaign):
    post_signup(client, campaign)
    confirm_url = links_in(mail.outbox[0])[0].removeprefix(settings.SITE_URL)
    page = client.get(confirm_url)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert Signup.objects.get().confirmed_at is None
    client.post(confirm_url)
    client.post(confirm_url)  # twice: counted once
    campaign.refresh_from_db()
    assert Signup.objects.get().confirmed_at is not None
    assert campaign.confirmed_count == 1


def test_leave_and_erase_act_only_on_post(client, campaign):
    post_signup(client, campaign)
    confirm_url, leave_url = (
        url.removeprefix(settings.SITE_URL) for url in links_in(mail.outbox[0])[:2]
    )
    client.post(confirm_url)
    client.get(leave_url)
    assert Signup.objects.get().unsubscribed_at is None
    client.post(leave_url, {"action": "leave"})
    assert Signup.objects.get().unsubscribed_at is not None
    client.post(leave_url, {"action": "erase"})
    campaign.refresh_from_db()
    assert not Signup.objects.exists()
    assert (campaign.confirmed_count, campaign.erased_count) == (0, 1)


def test_a_tampered_or_wrong_purpose_token_is_refused(client, campaign):
    post_signup(client, campaign)
    confirm_url = links_in(mail.outbox[0])[0].removeprefix(settings.SITE_URL)
    assert client.get(confirm_url.replace("/confirm/", "/leave/")).status_code == 400
    assert client.post(confirm_url[:-5] + "xxxx/").status_code == 400
    assert Signup.objects.get().confirmed_at is None


def test_closed_and_not_yet_open_campaigns_show_a_message_instead_of_the_form(client):
    closed = make_campaign(closes_at=timezone.now() - timedelta(days=1))
    later = make_campaign(opens_at=timezone.now() + timedelta(days=3))
    assert "<form" not in client.get(closed.url_in("en")).content.decode()
    assert "closed" in client.get(closed.url_in("en")).content.decode()
    assert "opens on" in client.get(later.url_in("en")).content.decode()
    assert post_signup(client, closed, language="en").status_code == 200
    assert not Signup.objects.exists()


def test_wrong_method_is_405(client, campaign):
    assert client.put(campaign.url_in("ar")).status_code == 405


def test_missing_csrf_token_is_a_403(campaign):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(campaign.url_in("ar"), signup_data())
    assert response.status_code == 403
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "رمز الأمان" in response.content.decode()
    assert not Signup.objects.exists()


def test_email_queued_in_the_database_with_the_signup_or_not_at_all(settings, campaign):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    data = {
        "email": "a@example.org",
        "full_name": "A",
        "country": "",
        "phone": "",
        "language": "en",
        "consent": True,
        "source": {"page": campaign.url_in("en")},
    }
    with pytest.raises(RuntimeError), transaction.atomic():
        Signup.objects.record(campaign, **data)
        raise RuntimeError("crash before commit")
    assert not Signup.objects.exists() and not DBTaskResult.objects.exists()
    Signup.objects.record(campaign, **data)
    assert Signup.objects.count() == 1 and DBTaskResult.objects.count() == 1
    assert not mail.outbox  # the worker sends it, not the request


def test_join_buttons_lead_to_the_articles_own_campaign_else_the_featured_one(client):
    featured = make_campaign()
    own = make_campaign(featured=False)
    article = make_article()
    own.articles.add(article)
    assert f'href="{own.url_in("en")}"' in client.get(article.url_in("en")).content.decode()
    assert f'href="{featured.url_in("en")}"' in client.get("/en/").content.decode()


def confirm_url_in(message):
    return links_in(message)[0].removeprefix(settings.SITE_URL)


def leave_url_in(message):
    return links_in(message)[1].removeprefix(settings.SITE_URL)


def test_a_repeat_signup_for_a_confirmed_address_changes_nothing_until_its_owner_confirms(
    client, campaign
):
    first = post_signup(client, campaign)
    client.post(confirm_url_in(mail.outbox[0]))
    confirmed = Signup.objects.get()
    # Anyone who knows the address: another name, phone, country and language.
    changed = {"full_name": "Mallory", "phone": "+441234567890", "country": "GB", "language": "en"}
    again = client.post(campaign.url_in("ar"), signup_data(**changed))
    assert (again.status_code, again["Location"], again.content) == (
        first.status_code,
        first["Location"],
        first.content,
    )
    signup = Signup.objects.get()
    stored = ("full_name", "phone", "country", "language", "confirmed_at", "sources")
    assert [getattr(signup, f) for f in stored] == [getattr(confirmed, f) for f in stored]
    campaign.refresh_from_db()
    assert campaign.confirmed_count == 1
    # Only the owner of the address learns of it, with the details sent, and can apply them.
    email = mail.outbox[1]
    assert email.to == ["leila@example.org"] and "Mallory" in email.body
    assert "nothing has changed yet" in email.body
    page = client.get(confirm_url_in(email)).content.decode()
    assert "Mallory" in page and "+441234567890" in page
    client.post(confirm_url_in(email))
    signup.refresh_from_db()
    assert (signup.full_name, signup.phone, signup.country, signup.language) == (
        "Mallory",
        "+441234567890",
        "GB",
        "en",
    )
    assert signup.confirmed_at == confirmed.confirmed_at and not signup.pending_change
    campaign.refresh_from_db()
    assert campaign.confirmed_count == 1


def test_an_earlier_confirm_link_does_not_apply_a_change_sent_later(client, campaign):
    post_signup(client, campaign)
    first_link = confirm_url_in(mail.outbox[0])
    client.post(first_link)
    post_signup(client, campaign, full_name="Mallory")
    assert client.post(first_link).status_code == 400  # it confirms what its own email showed
    assert Signup.objects.get().full_name == "ليلى أحمد"


def test_a_confirm_link_sent_before_leaving_does_not_rejoin(client, campaign):
    post_signup(client, campaign)
    old_confirm, leave = confirm_url_in(mail.outbox[0]), leave_url_in(mail.outbox[0])
    client.post(old_confirm)
    client.post(leave, {"action": "leave"})
    assert client.get(old_confirm).status_code == 400
    assert client.post(old_confirm).status_code == 400
    assert Signup.objects.get().unsubscribed_at is not None
    campaign.refresh_from_db()
    assert campaign.confirmed_count == 0
    # A new signup, and its own confirmation, bring the supporter back.
    post_signup(client, campaign)
    client.post(confirm_url_in(mail.outbox[1]))
    assert Signup.objects.get().unsubscribed_at is None
    campaign.refresh_from_db()
    assert campaign.confirmed_count == 1


def test_supporter_links_name_no_row_and_hold_nothing_checkable_without_the_key(client, campaign):
    for n in range(3):
        post_signup(client, campaign, email=f"s{n}@example.org")
    signups = list(Signup.objects.order_by("pk"))
    tokens = [url.rstrip("/").rsplit("/", 1)[1] for url in links_in(mail.outbox[2])]
    signup = signups[2]
    for token in tokens:
        assert token.split(".")[0] == signup.link_id  # a random name, not the row's id
        assert hashlib.sha256(signup.email.encode()).hexdigest()[:8] not in token
        with pytest.raises(signing.BadSignature):
            signing.loads(token, salt="campaigns.signup")
    assert len({t.split(".")[0] for t in tokens}) == 1  # one row…
    assert tokens[0] != tokens[1]  # …two purposes, two different codes
    assert len({s.link_id for s in signups}) == 3
    # Another row's name with this row's code, or a code made with another key: refused.
    _link_id, stamp, mac = tokens[0].split(".")
    forged = f"{signups[0].link_id}.{stamp}.{mac}"
    assert client.get(reverse_confirm(forged)).status_code == 400
    with override_settings(SECRET_KEY="another-key-" * 5):
        foreign = make_token(signups[0], "confirm")
    assert client.get(reverse_confirm(foreign)).status_code == 400
    valid = make_token(signups[0], "confirm")
    assert client.get(reverse_confirm(valid)).status_code == 200
    # After SECRET_KEY is rotated, links already sent work while the old key is a fallback.
    with override_settings(SECRET_KEY="rotated-key-" * 5, SECRET_KEY_FALLBACKS=[]):
        assert client.get(reverse_confirm(valid)).status_code == 400
    with override_settings(
        SECRET_KEY="rotated-key-" * 5, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]
    ):
        assert client.get(reverse_confirm(valid)).status_code == 200


def test_a_supporter_link_expires(client, campaign):
    post_signup(client, campaign)
    signup = Signup.objects.get()
    old = make_token(signup, "confirm", now=time.time() - 15 * 24 * 3600)
    assert client.get(reverse_confirm(old)).status_code == 400
    leave = make_token(signup, "leave", now=time.time() - 15 * 24 * 3600)
    assert client.get(url_in_language("ar", "campaigns:leave", token=leave)).status_code == 200


def reverse_confirm(token):
    return url_in_language("ar", "campaigns:confirm", token=token)


def test_links_in_emails_do_not_reveal_the_address(client, campaign):
    post_signup(client, campaign)
    for url in links_in(mail.outbox[0]):
        token = url.rstrip("/").rsplit("/", 1)[1]
        payload = signing.b64_decode(token.split(":")[0].encode()).decode("utf-8", "replace")
        assert "leila" not in payload and "example.org" not in payload
