"""The dashboard's figures come from SignupTally, changed with each signup in its own
transaction: after any mix of record, confirm, leave and erase, alone or at once, they equal a
count of the signups themselves."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Signup, SignupTally
from tests.helpers import make_campaign, record_signup

pytestmark = pytest.mark.django_db

DAYS, TOP = 30, 10


def record(campaign, email, **fields):
    source = {"page": "/ar/join/x/", "source": "newsletter"}
    return record_signup(campaign, email, **({"source": source} | fields))


def counted_afresh(campaign):
    """Campaign.numbers(DAYS, TOP), counted from the signups themselves as the dashboard once
    did (reading every row)."""
    signups = Signup.objects.filter(campaign=campaign).order_by()
    totals = signups.aggregate(
        total=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
    local = timezone.get_default_timezone()
    per_day = dict(signups.values_list(TruncDate("created_at", tzinfo=local)).annotate(Count("pk")))
    today = timezone.localdate(timezone=local)
    calendar = [today - timedelta(days=n) for n in range(DAYS)]

    def most_first(field):
        rows = signups.values_list(field).annotate(count=Count("pk"))
        return list(rows.order_by("-count", field))

    return {
        **totals,
        "per_day": [(day, per_day.get(day, 0)) for day in calendar],
        "sources": most_first("last_source")[:TOP],
        "countries": most_first("country"),
    }


def test_the_figures_equal_a_fresh_count_through_a_signups_whole_life():
    campaign, other = make_campaign(), make_campaign()

    def numbers():
        return campaign.numbers(DAYS, TOP)

    assert numbers() == counted_afresh(campaign)

    leila = record(campaign, "leila@example.org")
    omar = record(campaign, "omar@example.org", country="LB", source={"source": "facebook"})
    record(campaign, "nour@example.org", country="", source={})
    record(other, "leila@example.org", country="SY")
    assert numbers()["total"] == 3
    assert numbers() == counted_afresh(campaign)

    # Sent again unconfirmed: the new details at once, the old country and source uncounted.
    record(campaign, "omar@example.org", country="JO", source={"source": "twitter"})
    assert numbers() == counted_afresh(campaign)
    assert ("LB", 1) not in numbers()["countries"]

    leila.confirm()
    leila.confirm()  # twice: counted once
    assert numbers() == counted_afresh(campaign)

    # Sent again once confirmed: nothing changes until the confirm link applies it.
    before = numbers()
    record(campaign, "leila@example.org", country="TN", source={"source": "sms"})
    assert numbers() == before == counted_afresh(campaign)
    Signup.objects.get(pk=leila.pk).confirm()
    assert ("TN", 1) in numbers()["countries"] and ("sms", 1) in numbers()["sources"]
    assert numbers() == counted_afresh(campaign)

    leila.leave()
    omar.leave()  # never confirmed: leaves all the same
    assert numbers() == counted_afresh(campaign)
    leila.confirm()  # back again
    assert numbers() == counted_afresh(campaign)

    omar.erase()
    assert numbers() == counted_afresh(campaign)
    Signup.objects.filter(campaign__in=[campaign, other]).erase()
    assert numbers() == counted_afresh(campaign) == campaign.numbers(DAYS, TOP)
    assert numbers()["total"] == 0 and numbers()["countries"] == []
    assert other.numbers(DAYS, TOP) == counted_afresh(other)


def test_a_recount_gives_the_rows_kept_along_the_way():
    campaign = make_campaign()
    for n in range(40):
        signup = record(campaign, f"s{n}@example.org", country=["EG", "LB", ""][n % 3])
        if n % 2:
            signup.confirm()
        if n % 5 == 0:
            signup.leave()
    Signup.objects.filter(email__startswith="s1").erase()

    def kept():
        rows = SignupTally.objects.filter(campaign=campaign, count__gt=0)
        return sorted(rows.values_list("figure", "value", "shard", "count"))

    along_the_way = kept()
    SignupTally.objects.recount([campaign])
    assert kept() == along_the_way
    assert campaign.numbers(DAYS, TOP) == counted_afresh(campaign)


def test_days_are_the_sites_days(settings):
    settings.TIME_ZONE = "Asia/Riyadh"  # UTC+3: 22:30 UTC is already tomorrow there
    campaign = make_campaign()
    signup = record(campaign, "late@example.org")
    utc_evening = timezone.now().replace(hour=22, minute=30) - timedelta(days=2)
    Signup.objects.filter(pk=signup.pk).update(created_at=utc_evening)
    SignupTally.objects.recount([campaign])
    riyadh_day = timezone.localdate(utc_evening, timezone.get_default_timezone())
    assert riyadh_day == utc_evening.date() + timedelta(days=1)
    assert (riyadh_day, 1) in campaign.numbers(DAYS, TOP)["per_day"]
    assert campaign.numbers(DAYS, TOP) == counted_afresh(campaign)


def statements(action):
    """What `action` asks the database, without the values: (verb, first table named)."""
    with CaptureQueriesContext(connection) as queries:
        action()
    shapes = []
    for sql in (query["sql"] for query in queries.captured_queries):
        verb = sql.split()[0]
        table = re.search(r'"(\w+)"', sql) if verb in ("SELECT", "INSERT", "UPDATE") else None
        shapes.append((verb, table and table[1]))
    return shapes


def test_a_known_address_is_recorded_with_the_statements_of_a_new_one():
    campaign = make_campaign()
    new = statements(lambda: record(campaign, "leila@example.org"))
    known = statements(lambda: record(campaign, "leila@example.org"))
    Signup.objects.get().confirm()
    confirmed = statements(lambda: record(campaign, "leila@example.org", country="LB"))
    assert new == known == confirmed
    assert ("INSERT", "campaigns_signuptally") in new


def test_the_dashboard_reads_no_signup():
    campaign = make_campaign()
    record(campaign, "leila@example.org")
    with CaptureQueriesContext(connection) as queries:
        numbers = campaign.numbers(DAYS, TOP)
    assert numbers["total"] == 1
    assert len(queries) == 2
    assert not any('"campaigns_signup"' in query["sql"] for query in queries.captured_queries)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_signups_taken_at_once_are_each_counted_without_a_deadlock():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite takes one writer at a time")
    campaign = make_campaign()
    threads, errors = 8, []
    ready = threading.Barrier(threads, timeout=60)

    def sign(n):
        try:
            ready.wait()
            for k in range(15):
                signup = record(campaign, f"t{n}-{k}@example.org", country=["EG", "LB"][k % 2])
                if k % 3 == 0:
                    signup.confirm()
                if k % 7 == 0:
                    signup.leave()
            Signup.objects.filter(email__startswith=f"t{n}-1").erase()
        except Exception as error:  # reported below, with the thread's number
            errors.append((n, error))
        finally:
            connection.close()

    workers = [threading.Thread(target=sign, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert errors == []
    assert campaign.numbers(DAYS, TOP) == counted_afresh(campaign)
