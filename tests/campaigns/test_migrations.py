"""Signups stored before supporter links had a random name, or their last source a column, get
them when migrating; and they are counted in the dashboard's tallies."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from campaigns.models import Signup
from campaigns.tokens import make_token, signup_for
from tests.campaigns.test_dashboard_numbers import DAYS, TOP, counted_afresh
from tests.helpers import make_campaign

BEFORE_LINK_NAMES = ("campaigns", "0003_email_queue_visible_to_roles")
BEFORE_TALLIES = ("campaigns", "0005_admin_at_scale")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_signups_from_before_link_names_each_get_their_own():
    campaign = make_campaign()
    call_command("migrate", *BEFORE_LINK_NAMES, verbosity=0)
    try:
        old_apps = MigrationExecutor(connection).loader.project_state([BEFORE_LINK_NAMES]).apps
        OldSignup = old_apps.get_model("campaigns", "Signup")
        for n in range(3):
            OldSignup.objects.create(
                campaign_id=campaign.pk,
                email=f"s{n}@example.org",
                full_name="S",
                language="ar",
                sources=[{"source": "old"}, {"source": f"newest-{n}"}][: n + 1] if n else [],
            )
    finally:
        call_command("migrate", verbosity=0)
    signups = list(Signup.objects.all())
    assert len({signup.link_id for signup in signups}) == 3
    assert all(len(signup.link_id) == 22 for signup in signups)
    assert all(signup.pending_change == {} for signup in signups)
    assert sorted(signup.last_source for signup in signups) == ["", "newest-1", "newest-2"]
    assert signup_for(make_token(signups[0], "leave"), "leave") == signups[0]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_signups_from_before_the_tallies_are_counted_when_migrating():
    campaign, now = make_campaign(), timezone.now()
    call_command("migrate", *BEFORE_TALLIES, verbosity=0)
    try:
        old_apps = MigrationExecutor(connection).loader.project_state([BEFORE_TALLIES]).apps
        OldSignup = old_apps.get_model("campaigns", "Signup")
        for n, (country, source, confirmed, left) in enumerate(
            [("EG", "sms", True, False), ("EG", "", True, True), ("", "sms", False, False)]
        ):
            OldSignup.objects.create(
                campaign_id=campaign.pk,
                email=f"s{n}@example.org",
                full_name="S",
                language="ar",
                country=country,
                last_source=source,
                confirmed_at=now if confirmed else None,
                unsubscribed_at=now if left else None,
            )
    finally:
        call_command("migrate", verbosity=0)
    numbers = campaign.numbers(DAYS, TOP)
    assert numbers == counted_afresh(campaign)
    assert (numbers["total"], numbers["confirmed"], numbers["unsubscribed"]) == (3, 2, 1)
