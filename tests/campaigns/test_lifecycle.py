"""A signup's life through the model's own operations, which the views and the admin call:
record, confirm, leave, erase; the campaign's counts stay right whoever acts."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Signup
from staff.models import AuditEntry
from tests.helpers import make_campaign, make_staff, record_signup, staff_login

pytestmark = pytest.mark.django_db


def counts(campaign):
    campaign = Campaign.objects.get(pk=campaign.pk)
    return campaign.confirmed_count, campaign.erased_count


def test_a_repeat_signup_updates_the_one_row_and_keeps_every_source():
    campaign = make_campaign()
    record_signup(campaign, "leila@example.org", source={"page": "/ar/"})
    signup = record_signup(
        campaign, "leila@example.org", full_name="Leila A.", source={"page": "/en/"}
    )
    assert Signup.objects.filter(campaign=campaign).count() == 1
    assert signup.full_name == "Leila A."
    assert [source["page"] for source in signup.sources] == ["/ar/", "/en/"]


def test_confirming_twice_counts_once_and_leaving_uncounts():
    campaign = make_campaign()
    signup = record_signup(campaign, "leila@example.org")
    signup.confirm()
    signup.confirm()
    assert counts(campaign) == (1, 0)
    signup.leave()
    signup.leave()
    assert counts(campaign) == (0, 0)
    assert Signup.objects.get(pk=signup.pk).unsubscribed_at is not None
    signup.confirm()  # joining again after leaving counts again
    assert counts(campaign) == (1, 0)


def test_a_supporter_erasing_themselves_leaves_only_numbers():
    campaign = make_campaign()
    signup = record_signup(campaign, "leila@example.org")
    signup.confirm()
    signup.erase()
    assert not Signup.objects.exists()
    assert counts(campaign) == (0, 1)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ERASURE)
    assert entry.actor is None and entry.details == {"count": 1, "by": "supporter"}
    assert "leila" not in f"{entry.target} {entry.details}"


def test_erasing_several_campaigns_signups_at_once_keeps_each_campaigns_counts():
    first, second = make_campaign(), make_campaign(featured=False)
    for n in range(3):
        record_signup(first, f"a{n}@example.org").confirm()
    record_signup(first, "unconfirmed@example.org")
    left = record_signup(second, "left@example.org")
    left.confirm()
    left.leave()
    record_signup(second, "b@example.org").confirm()

    assert Signup.objects.exclude(email="a0@example.org").erase() == 5
    assert counts(first) == (1, 3)  # a0 stays counted; a1, a2 and the unconfirmed one erased
    assert counts(second) == (0, 2)


def test_a_staff_deletion_in_the_admin_keeps_the_public_count_right(client):
    campaign = make_campaign(show_count_from=0)  # the count shown from the first supporter
    kept = record_signup(campaign, "kept@example.org")
    kept.confirm()
    deleted = record_signup(campaign, "deleted@example.org")
    deleted.confirm()
    manager = make_staff("Campaign manager")
    staff_login(client, manager)

    url = reverse("admin:campaigns_signup_delete", args=[deleted.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert counts(campaign) == (1, 1)
    client.logout()
    page = client.get(campaign.url_in("en")).content.decode()
    assert f'<progress max="{campaign.goal}" value="1"' in page  # the one supporter left
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ERASURE)
    assert entry.actor == manager and entry.details == {"count": 1}


def test_a_bulk_deletion_in_the_admin_uncounts_the_confirmed_ones_only(client):
    campaign = make_campaign()
    confirmed = [record_signup(campaign, f"c{n}@example.org") for n in range(2)]
    for signup in confirmed:
        signup.confirm()
    unconfirmed = record_signup(campaign, "u@example.org")
    staff_login(client, make_staff("Campaign manager"))

    selected = [signup.pk for signup in [*confirmed, unconfirmed]]
    response = client.post(
        reverse("admin:campaigns_signup_changelist"),
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Signup.objects.exists()
    assert counts(campaign) == (0, 3)
