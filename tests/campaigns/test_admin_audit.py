"""Looking at supporters in the admin is logged, as exporting them is: who, when, which filter;
never what was typed in the search box."""

import pytest

from campaigns.models import Signup
from staff.models import AuditEntry
from tests.helpers import make_campaign, make_staff, staff_login

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/campaigns/signup/"
EN = {"Accept-Language": "en"}


def views():
    return AuditEntry.objects.filter(action=AuditEntry.Action.SIGNUPS_VIEWED).order_by("pk")


@pytest.fixture
def signup():
    return Signup.objects.create(
        campaign=make_campaign(), email="leila@example.org", full_name="Leila", language="ar"
    )


@pytest.mark.parametrize("role", ["Campaign manager", "Administrator"])
def test_viewing_the_signup_list_is_logged_with_its_filter(client, signup, role):
    viewer = make_staff(role)
    staff_login(client, viewer)
    query = f"campaign__id__exact={signup.campaign_id}&confirmed=no"
    assert client.get(f"{CHANGELIST}?{query}", headers=EN).status_code == 200
    entry = views().get()
    assert entry.actor == viewer
    assert entry.details == {"filter": query}
    assert entry.target == f"Filter: ?{query}"


@pytest.mark.parametrize("role", ["Campaign manager", "Administrator"])
def test_viewing_a_signup_is_logged(client, signup, role):
    viewer = make_staff(role)
    staff_login(client, viewer)
    assert client.get(f"{CHANGELIST}{signup.pk}/change/").status_code == 200
    entry = views().get()
    assert (entry.actor, entry.target) == (viewer, f"#{signup.pk}")


@pytest.mark.parametrize(
    ("typed", "kind"), [(" Leila@Example.org", "address"), ("leila", "part"), ("@example", "part")]
)
def test_a_search_is_logged_without_what_was_searched_for(client, signup, typed, kind):
    staff_login(client, make_staff("Campaign manager"))
    page = client.get(CHANGELIST, {"q": typed, "language": "ar"}, headers=EN)
    assert signup.email in page.content.decode()
    client.post(f"{CHANGELIST}export/?q={typed.strip()}&language=ar", headers=EN)

    looked, exported = views().get(), AuditEntry.objects.get(action="signup_export")
    assert looked.details == {"filter": "language=ar", "search": kind}
    assert exported.details == {"filter": "language=ar", "search": kind, "count": 1}
    for entry in (looked, exported):
        searched = "a whole address" if kind == "address" else "part of an address"
        assert entry.target.endswith(f"Filter: ?language=ar Searched for {searched}.")
        assert "leila" not in (entry.target + str(entry.details)).lower()


def test_pages_not_shown_are_not_logged(client, signup):
    staff_login(client, make_staff("Editor"))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(f"{CHANGELIST}{signup.pk}/change/").status_code == 403
    staff_login(client, make_staff("Campaign manager"))
    assert client.get(f"{CHANGELIST}?no_such_filter=1").status_code == 302  # to the error page
    assert client.get(f"{CHANGELIST}{signup.pk + 1}/change/").status_code == 302  # no such signup
    assert not views().exists()
