"""The campaign dashboard's charts (issue 15): a bar per day with signups, nothing for a day
without, the running total against a goal line; drawn on the server as SVG that parses, in the
admin's direction, with the same queries as before however many signups."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from campaigns import charts
from campaigns.models import Campaign, SignupTally
from tests.campaigns.test_admin import make_signup, sign_in
from tests.helpers import make_campaign

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 12, 4)
PLOT = charts.PLOT_BOTTOM - charts.TOP  # the plot's height in SVG units


def days(*counts):
    """[(day, signups)] today first, as Campaign.numbers gives them."""
    return [(TODAY - timedelta(days=n), count) for n, count in enumerate(counts)]


# --- Geometry (campaigns.charts) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [(0, 1, 1), (1, 1, 1), (5, 5, 1), (6, 6, 2), (48, 50, 10), (101, 150, 50), (5000, 5000, 1000)],
)
def test_the_value_axis_ends_on_a_round_number_at_or_above_the_value(value, top, step):
    assert charts.nice_top(value) == (top, step)


def test_bar_heights_are_proportional_to_the_days_signups():
    chart = charts.daily_bars(days(50, 25, 10))
    assert chart.frame.top == 50
    heights = {bar.day: bar.height for bar in chart.bars}
    assert heights[TODAY] == PLOT
    assert heights[TODAY - timedelta(days=1)] == PLOT / 2
    assert heights[TODAY - timedelta(days=2)] == pytest.approx(PLOT / 5)
    # Every bar stands on the baseline.
    assert {round(bar.y + bar.height, 2) for bar in chart.bars} == {charts.PLOT_BOTTOM}


def test_a_day_without_signups_draws_no_bar_and_one_signup_still_shows():
    chart = charts.daily_bars(days(0, 1000, 0, 1, 0))
    assert [(bar.day, bar.count) for bar in chart.bars] == [
        (TODAY - timedelta(days=3), 1),
        (TODAY - timedelta(days=1), 1000),
    ]
    assert chart.bars[0].height == 1.0  # 0.17 units to scale: drawn one unit high
    assert (chart.busiest_day, chart.busiest_count) == (TODAY - timedelta(days=1), 1000)


def test_a_period_without_signups_draws_no_bar_and_names_no_busiest_day():
    chart = charts.daily_bars(days(0, 0, 0))
    assert chart.bars == [] and chart.total == 0 and chart.busiest_day is None
    assert [tick.value for tick in chart.frame.ticks] == [0, 1]


def test_time_runs_in_the_reading_direction():
    per_day = days(3, 2, 1)
    ltr, rtl = charts.daily_bars(per_day), charts.daily_bars(per_day, rtl=True)
    newest, oldest = TODAY, TODAY - timedelta(days=2)
    ltr_x = {bar.day: bar.x for bar in ltr.bars}
    rtl_x = {bar.day: bar.x for bar in rtl.bars}
    assert ltr_x[oldest] < ltr_x[newest]  # English: today at the right
    assert rtl_x[oldest] > rtl_x[newest]  # Arabic: today at the left
    # Mirror images, the value axis on the side where a line starts.
    for day in ltr_x:
        assert rtl_x[day] + rtl.bars[0].width == pytest.approx(charts.WIDTH - ltr_x[day], abs=0.02)
    assert ltr.frame.axis_x == charts.AXIS_SIDE
    assert rtl.frame.axis_x == charts.WIDTH - charts.AXIS_SIDE
    assert ltr.frame.tick_label_x < ltr.frame.axis_x < rtl.frame.axis_x < rtl.frame.tick_label_x


def test_the_running_total_counts_back_from_todays_total():
    assert charts.running_totals(days(3, 0, 2), total=10) == [
        (TODAY, 10),
        (TODAY - timedelta(days=1), 7),
        (TODAY - timedelta(days=2), 7),
    ]


def points(chart):
    return [tuple(map(float, point.split(","))) for point in chart.points.split()]


def test_the_goal_line_stands_at_the_goals_height():
    far = charts.progress(days(5, 5), total=1200, confirmed=900, goal=5000)
    assert far.frame.top == 5000 and far.goal_y == charts.TOP  # the goal is the axis' top
    assert points(far)[-1][1] == pytest.approx(charts.PLOT_BOTTOM - PLOT * 1200 / 5000)
    assert far.confirmed_y == pytest.approx(charts.PLOT_BOTTOM - PLOT * 900 / 5000)
    assert far.goal_percent == 18
    passed = charts.progress(days(5, 5), total=4100, confirmed=4000, goal=3000)
    assert passed.frame.top == 5000
    assert passed.goal_y == pytest.approx(charts.PLOT_BOTTOM - PLOT * 3000 / 5000)
    assert passed.confirmed_y < passed.goal_y  # above the line: the goal is reached


def test_the_line_rises_to_today_in_the_reading_direction():
    per_day = days(4, 0, 6)
    for rtl in (False, True):
        chart = charts.progress(per_day, total=100, confirmed=50, goal=200, rtl=rtl)
        line = points(chart)  # oldest first
        assert [y for _x, y in line] == [charts.y_of(value, 200) for value in (96, 96, 100)]
        xs = [x for x, _y in line]
        assert xs == sorted(xs, reverse=rtl)
        assert chart.confirmed_x == xs[-1]


@pytest.mark.parametrize(
    ("confirmed", "goal", "where"),
    [
        (900, 5000, "below"),  # room under the point
        (10, 5000, "above"),  # the point on the baseline: above it
        (1780, 1500, "above"),  # the goal's line just under the point: above it
    ],
)
def test_the_confirmed_number_stands_clear_of_the_goal_line_and_the_dates(confirmed, goal, where):
    chart = charts.progress(days(5), total=2173, confirmed=confirmed, goal=goal)
    label_y = chart.confirmed_label_y
    assert (label_y > chart.confirmed_y) == (where == "below")
    text = (label_y - charts.TEXT_ASCENT, label_y + charts.TEXT_DESCENT)
    assert text[0] >= charts.TOP and text[1] <= charts.PLOT_BOTTOM
    assert not text[0] <= chart.goal_y <= text[1]


def test_a_campaign_without_a_goal_draws_no_goal_line():
    chart = charts.progress(days(1), total=1, confirmed=1, goal=0)
    assert chart.goal_y is None and chart.goal_percent is None and chart.frame.top == 1


# --- The page ------------------------------------------------------------------------------


def tally(campaign, per_day, confirmed):
    """The tallies a campaign with these signups per day ({days ago: signups}) keeps, written
    directly: a million signups in a few rows (the dashboard reads nothing else)."""
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    rows = [
        SignupTally(
            campaign=campaign, figure=SignupTally.SIGNUPS, shard=0, count=sum(per_day.values())
        ),
        SignupTally(campaign=campaign, figure=SignupTally.CONFIRMED, shard=0, count=confirmed),
    ]
    rows += [
        SignupTally(
            campaign=campaign,
            figure=SignupTally.DAY,
            value=(today - timedelta(days=ago)).isoformat(),
            shard=0,
            count=count,
        )
        for ago, count in per_day.items()
    ]
    SignupTally.objects.bulk_create(rows)
    Campaign.objects.filter(pk=campaign.pk).update(confirmed_count=confirmed)
    return today


@pytest.fixture
def manager(client):
    return sign_in(client, "Campaign manager")


def dashboard(client, campaign, language):
    response = client.get(
        f"/admin/campaigns/campaign/{campaign.pk}/dashboard/",
        headers={"Accept-Language": language},
    )
    assert response.status_code == 200
    return response


def svgs(response):
    """The page's charts, parsed as XML (a stray "&" or an unclosed tag fails here)."""
    found = re.findall(r"<svg class=\"campaign-chart\".*?</svg>", response.content.decode(), re.S)
    namespace = '<svg xmlns="http://www.w3.org/2000/svg" '
    namespaced = (svg.replace("<svg ", namespace, 1) for svg in found)
    return [ET.fromstring(svg) for svg in namespaced]  # noqa: S314 (our own response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_dashboard_draws_both_charts_in_either_language(manager, language):
    campaign = make_campaign(goal=5000)
    tally(campaign, {0: 40, 1: 0, 2: 10, 29: 1, 40: 1149}, confirmed=900)
    response = dashboard(manager, campaign, language)
    html = response.content.decode()
    daily, progress = svgs(response)
    for svg in (daily, progress):
        assert svg.get("role") == "img"
        labels = svg.get("aria-labelledby").split()
        assert all(f'id="{label}"' in html for label in labels)
        assert "style" not in svg.attrib and not svg.findall(".//*[@style]")
    # Three days with signups in the last 30: three bars, the busiest twice as high as the next.
    bars = daily.findall(f"{SVG}rect")
    assert len(bars) == 3
    heights = sorted(float(bar.get("height")) for bar in bars)
    assert heights[2] == 4 * heights[1] == PLOT  # 40 and 10 on an axis to 40
    assert [text.text for text in progress.iter(f"{SVG}text")][:6] == [
        "0",
        "1,000",
        "2,000",
        "3,000",
        "4,000",
        "5,000",
    ]
    goal = progress.find(f"{SVG}line[@class='campaign-chart__goal']")
    assert float(goal.get("y1")) == charts.TOP  # 5,000 is the axis' top
    assert "5,000" in progress.find(f"{SVG}text[@class='campaign-chart__goal-label']").text
    # Today's running total is every signup on record; the table beside holds the same.
    assert float(progress.find(f"{SVG}polyline").get("points").split()[-1].split(",")[1]) == (
        pytest.approx(charts.y_of(1200, 5000))
    )
    assert '<td class="number">1,200</td>' in html


@pytest.mark.django_db
def test_the_time_axis_runs_right_to_left_in_the_arabic_admin(manager):
    campaign = make_campaign()
    today = tally(campaign, {0: 5, 29: 2}, confirmed=0)
    for language in ("ar", "en"):
        daily, _progress = svgs(dashboard(manager, campaign, language))
        x = {
            bar.find(f"{SVG}title").text.rsplit(" ", 1)[-1]: float(bar.get("x"))
            for bar in daily.findall(f"{SVG}rect")
        }
        with translation.override(language):
            newest = date_format(today, "j M")
        dates = [
            text.text for text in daily.iter(f"{SVG}text") if text.get("text-anchor") == "middle"
        ]
        if language == "ar":
            assert x["5"] < x["2"]  # today at the left, where an Arabic line ends
            assert re.search("[\u0621-\u064a]", newest)  # the month named in Arabic
        else:
            assert x["2"] < x["5"]
        assert dates[-1] == newest  # the date labels run oldest first, in reading order


@pytest.mark.django_db
def test_a_million_signups_take_the_queries_a_few_do(manager):
    """The charts add no query: the page reads the campaign and two sums over SignupTally, as
    before them (11 in all with the session and the user's permissions), never a signup."""
    campaign = make_campaign(goal=2_000_000)
    make_signup(campaign)
    SignupTally.objects.recount([campaign])
    dashboard(manager, campaign, "en")  # the first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        dashboard(manager, campaign, "en")
    SignupTally.objects.filter(campaign=campaign).delete()
    tally(campaign, {n: 1_000_000 // 30 + (n < 1_000_000 % 30) for n in range(30)}, 600_000)
    with CaptureQueriesContext(connection) as many:
        response = dashboard(manager, campaign, "en")
    assert len(many) == len(few) == 11
    sql = [query["sql"] for query in many.captured_queries]
    assert not any('"campaigns_signup"' in query for query in sql)
    assert sum('FROM "campaigns_signuptally"' in query for query in sql) == 2
    assert "1,000,000 signups from" in response.content.decode()
