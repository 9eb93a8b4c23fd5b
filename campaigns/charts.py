"""Where the campaign dashboard's two charts put things: plain numbers in, SVG coordinates out.

The template draws them (inline SVG, no script); the figures come from Campaign.numbers. Both
charts share the time axis, one slot per day, oldest first in reading order: in a right-to-left
language the oldest day is at the right and today at the left, as the page reads, and the value
axis stands at the right, where a line of that page starts. Daily bars are scaled to the busiest
day; the progress chart to the goal (or what passed it), from zero: a cut axis would make a far
goal look near.

Labels are placed for text-anchor resolved in the text's own direction (inherited from the page):
"end" is the left end of a right-to-left label, so the same anchors work in both directions.
"""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 720, 220
# Room for the value axis' labels ("1,000,000") on its side, half a date label on the other, the
# goal's label above the plot and the dates below it.
AXIS_SIDE, FAR_SIDE, TOP, BOTTOM = 72, 28, 24, 28
PLOT_BOTTOM = HEIGHT - BOTTOM
BAR_SHARE = 0.7  # of a day's slot; the rest is the gap between two bars
MAX_STEPS = 5  # between the value axis' ticks
DATE_EVERY = 7  # days between two date labels, counted back from today
LABEL_GAP = 6
POINT_LABEL_BELOW, POINT_LABEL_ABOVE = 20, 10  # from a point to its label's baseline
TEXT_ASCENT, TEXT_DESCENT = 10, 3  # of a 12-unit label, around its baseline


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class DateLabel:
    day: date
    x: float


@dataclass(frozen=True)
class Bar:
    day: date
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Frame:
    """The plot box, the value axis and the dated time axis, in SVG user units."""

    rtl: bool
    top: int  # the value at the top of the plot
    ticks: list
    dates: list
    width: int = WIDTH
    height: int = HEIGHT
    plot_top: int = TOP
    plot_bottom: int = PLOT_BOTTOM

    @property
    def plot_left(self):
        return FAR_SIDE if self.rtl else AXIS_SIDE

    @property
    def plot_right(self):
        return WIDTH - (AXIS_SIDE if self.rtl else FAR_SIDE)

    @property
    def axis_x(self):
        """The value axis' x: at the plot's start side."""
        return self.plot_right if self.rtl else self.plot_left

    @property
    def tick_label_x(self):
        """Where the value labels end (text-anchor="end"), just outside the axis."""
        return self.axis_x + LABEL_GAP if self.rtl else self.axis_x - LABEL_GAP

    @property
    def date_label_y(self):
        return PLOT_BOTTOM + 18


@dataclass(frozen=True)
class DailyChart:
    frame: Frame
    bars: list
    total: int
    first_day: date | None
    last_day: date | None
    busiest_day: date | None  # None when no day had a signup
    busiest_count: int


@dataclass(frozen=True)
class ProgressChart:
    frame: Frame
    points: str  # the polyline's "x,y x,y …"
    total: int
    confirmed: int
    goal: int
    confirmed_x: float
    confirmed_y: float
    confirmed_label_y: float  # the baseline of the point's number
    goal_y: float | None  # None when the campaign has no goal
    goal_label_y: float | None
    goal_label_x: float  # where the goal's label starts (text-anchor="start")
    goal_percent: float | None


def nice_top(value, max_steps=MAX_STEPS):
    """(top, step): the axis' top and the step between its ticks, a whole 1, 2 or 5 times a power
    of ten, with at most `max_steps` steps up to a top at or above `value` (at least 1)."""
    value = max(value, 1)
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            steps = -(-value // step)
            if steps <= max_steps:
                return steps * step, step
        magnitude *= 10


def y_of(value, top):
    """The y of `value` on an axis from 0 (the plot's bottom) to `top` (its top)."""
    return round(PLOT_BOTTOM - (PLOT_BOTTOM - TOP) * value / top, 2)


def _frame(days, peak, rtl):
    """The frame for `days` (oldest first) and values up to `peak`; and each day's slot as
    (day, slot's left x, slot's width)."""
    top, step = nice_top(peak)
    ticks = [Tick(value, y_of(value, top)) for value in range(0, top + 1, step)]
    start, end = (FAR_SIDE, WIDTH - AXIS_SIDE) if rtl else (AXIS_SIDE, WIDTH - FAR_SIDE)
    width = (end - start) / len(days) if days else 0
    slots = [
        (day, end - (index + 1) * width if rtl else start + index * width, width)
        for index, day in enumerate(days)
    ]
    newest = len(days) - 1
    dates = [
        DateLabel(day, round(x + width / 2, 2))
        for index, (day, x, width) in enumerate(slots)
        if (newest - index) % DATE_EVERY == 0
    ]
    return Frame(rtl=rtl, top=top, ticks=ticks, dates=dates), slots


def daily_bars(per_day, rtl=False):
    """The signups of each day as bars. `per_day`: [(day, signups)] today first, as
    Campaign.numbers gives it. A day without signups draws no bar; any other is at least one
    unit high, so a single signup still shows beside a busy day."""
    chronological = list(reversed(per_day))
    peak = max((count for _day, count in chronological), default=0)
    frame, slots = _frame([day for day, _count in chronological], peak, rtl)
    bars = []
    for (day, x, width), (_day, count) in zip(slots, chronological, strict=True):
        if count > 0:
            height = max(1.0, (PLOT_BOTTOM - TOP) * count / frame.top)
            bars.append(
                Bar(
                    day=day,
                    count=count,
                    x=round(x + width * (1 - BAR_SHARE) / 2, 2),
                    y=round(PLOT_BOTTOM - height, 2),
                    width=round(width * BAR_SHARE, 2),
                    height=round(height, 2),
                )
            )
    busiest = max(chronological, key=lambda row: row[1], default=(None, 0))
    return DailyChart(
        frame=frame,
        bars=bars,
        total=sum(count for _day, count in chronological),
        first_day=chronological[0][0] if chronological else None,
        last_day=chronological[-1][0] if chronological else None,
        busiest_day=busiest[0] if busiest[1] else None,
        busiest_count=busiest[1],
    )


def running_totals(per_day, total):
    """[(day, signups made up to the end of that day and still on record)] for `per_day`
    ([(day, signups)] today first, and so is the answer): `total`, every signup on record, less
    those made on the later days."""
    totals, later = [], 0
    for day, count in per_day:
        totals.append((day, max(0, total - later)))
        later += count
    return totals


def _point_label_y(point_y, goal_y):
    """The baseline of the confirmed point's number: under the point (the line of signups to date
    runs at or above it), else above it, wherever it crosses neither the goal's line nor the
    plot's edges."""
    below, above = point_y + POINT_LABEL_BELOW, point_y - POINT_LABEL_ABOVE

    def clear(baseline):
        top, bottom = baseline - TEXT_ASCENT, baseline + TEXT_DESCENT
        inside = top >= TOP and bottom <= PLOT_BOTTOM
        return inside and (goal_y is None or not top <= goal_y <= bottom)

    return next((y for y in (below, above) if clear(y)), below if below < PLOT_BOTTOM else above)


def progress(per_day, total, confirmed, goal, rtl=False):
    """Signups to date as a line over the days of `per_day`, today's confirmed count (what the
    goal counts) as a point at today's end, and the goal as a horizontal line across."""
    totals = list(reversed(running_totals(per_day, total)))
    frame, slots = _frame([day for day, _total in totals], max(goal, total, confirmed), rtl)
    points = [
        (round(x + width / 2, 2), y_of(value, frame.top))
        for (_day, x, width), (_d, value) in zip(slots, totals, strict=True)
    ]
    return ProgressChart(
        frame=frame,
        points=" ".join(f"{x},{y}" for x, y in points),
        total=total,
        confirmed=confirmed,
        goal=goal,
        confirmed_x=points[-1][0] if points else frame.axis_x,
        confirmed_y=y_of(confirmed, frame.top),
        confirmed_label_y=_point_label_y(
            y_of(confirmed, frame.top), y_of(goal, frame.top) if goal else None
        ),
        goal_y=y_of(goal, frame.top) if goal else None,
        goal_label_y=y_of(goal, frame.top) - LABEL_GAP if goal else None,
        # Above the goal's line at the oldest end, away from today's point.
        goal_label_x=frame.plot_right - 4 if rtl else frame.plot_left + 4,
        goal_percent=100 * confirmed / goal if goal else None,
    )
