"""Indicator values per half-year, against baseline and target: one function for the
"Mål" page, the workshop page, the half-year evaluation and the report."""

import base64
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from jamlik.goals import indicators
from jamlik.goals.models import Goal, Indicator, IndicatorValue
from jamlik.lib.periods import Period

HALF_YEARS_SHOWN = 4


def status_label(status: str) -> str:
    return {
        "reached": _("Target reached"),
        "improving": _("Better than the baseline"),
        "behind": _("Not better than the baseline"),
        "no_target": _("No target set"),
        "no_data": _("No data"),
    }[status]


def status_of(indicator: Indicator, value: Decimal | None) -> str:
    if value is None:
        return "no_data"
    higher = indicator.higher_is_better
    if indicator.target is not None:
        if (value >= indicator.target) if higher else (value <= indicator.target):
            return "reached"
    if indicator.baseline is not None:
        better = value > indicator.baseline if higher else value < indicator.baseline
        return "improving" if better else "behind"
    return "no_target" if indicator.target is None else "behind"


def half_years_until(period: Period, count: int = HALF_YEARS_SHOWN) -> list[Period]:
    """The `count` half-years up to and including the one `period` ends in, oldest first."""
    last = Period.half_year_of(period.end)
    periods = [last]
    while len(periods) < count:
        periods.insert(0, periods[0].previous())
    return periods


def goals_of(program, *, workshop=None, everything: bool = True) -> QuerySet[Goal]:
    """The program's goals (with their indicators and hand-entered values), or one
    workshop's."""
    goals = Goal.objects.filter(program=program)
    if workshop is not None:
        goals = goals.filter(workshop=workshop)
    return goals.select_related(
        "program", "workshop", "category", "anchored_by__meeting__body"
    ).prefetch_related(
        Prefetch(
            "indicators",
            queryset=Indicator.objects.select_related("goal__workshop").prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("period_label"))
            ),
        )
    )


def value_for(indicator: Indicator, period: Period, ctx: indicators.Context) -> Decimal | None:
    """The indicator's value for a half-year (or a year); None means "no data", never 0."""
    if indicator.kind == Indicator.Kind.MANUAL:
        # Uses the prefetched values: no query per indicator and period.
        for row in indicator.values.all():
            if row.period_label == period.label:
                return row.value
        return None
    return indicators.rounded(indicators.compute(indicator, period, ctx))


@dataclass
class IndicatorProgress:
    indicator: Indicator
    cells: list[dict[str, Any]]  # per period: period, value, status
    latest: Decimal | None = None
    change: Decimal | None = None
    status: str = "no_data"
    chart: str = field(default="", repr=False)

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def source_label(self) -> str:
        if self.indicator.kind == Indicator.Kind.MANUAL:
            return self.indicator.source_note or str(_("Entered by hand"))
        source = indicators.SOURCES.get(self.indicator.source)
        return str(source.label) if source else self.indicator.source


def progress(
    indicator: Indicator, periods: list[Period], ctx: indicators.Context
) -> IndicatorProgress:
    cells = []
    for period in periods:
        value = value_for(indicator, period, ctx)
        cells.append({"period": period, "value": value, "status": status_of(indicator, value)})
    latest = cells[-1]["value"]
    previous = cells[-2]["value"] if len(cells) > 1 else None
    change = latest - previous if latest is not None and previous is not None else None
    result = IndicatorProgress(
        indicator=indicator,
        cells=cells,
        latest=latest,
        change=change,
        status=status_of(indicator, latest),
    )
    result.chart = chart_data_uri(indicator, cells)
    return result


@dataclass
class GoalProgress:
    goal: Goal
    indicators: list[IndicatorProgress]


def goals_progress(goals, periods: list[Period], ctx: indicators.Context) -> list[GoalProgress]:
    return [
        GoalProgress(goal, [progress(i, periods, ctx) for i in goal.indicators.all()])
        for goal in goals
    ]


# The small chart: an SVG as a data: image (the Content Security Policy allows those).

WIDTH, HEIGHT, PAD = 240, 80, 8


def chart_svg(indicator: Indicator, cells: list[dict[str, Any]]) -> str:
    points = [(i, float(c["value"])) for i, c in enumerate(cells) if c["value"] is not None]
    refs = [float(v) for v in (indicator.baseline, indicator.target) if v is not None]
    values = [v for _, v in points] + refs
    if not values:
        values = [0.0]
    low, high = min(values), max(values)
    if high == low:
        high, low = high + 1, low - 1
    n = max(len(cells) - 1, 1)

    def x(i: float) -> float:
        return PAD + (WIDTH - 2 * PAD) * i / n

    def y(v: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v - low) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">'
    ]
    if indicator.target is not None:
        ty = y(float(indicator.target))
        parts.append(
            f'<line x1="{PAD}" y1="{ty:.1f}" x2="{WIDTH - PAD}" y2="{ty:.1f}" '
            'stroke="#2e7d32" stroke-dasharray="4 3"/>'
        )
    if indicator.baseline is not None:
        by = y(float(indicator.baseline))
        parts.append(
            f'<line x1="{PAD}" y1="{by:.1f}" x2="{WIDTH - PAD}" y2="{by:.1f}" '
            'stroke="#888" stroke-dasharray="2 3"/>'
        )
    if len(points) > 1:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
    for i, v in points:
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="#1f4e79"/>')
    parts.append("</svg>")
    return "".join(parts)


def chart_data_uri(indicator: Indicator, cells: list[dict[str, Any]]) -> str:
    svg = chart_svg(indicator, cells).encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def for_audience(rows: list[GoalProgress], audience: str, threshold: int) -> list[GoalProgress]:
    """Published values for a role that sees only those: a count of the activity figures
    from 1 to threshold − 1 is shown as "<threshold", and its change and chart are left out."""
    if audience != "external":
        return rows
    label = f"<{threshold}"
    for goal in rows:
        for p in goal.indicators:
            if not indicators.is_count(p.indicator):
                continue
            small = False
            for cell in p.cells:
                if cell["value"] is not None and 0 < cell["value"] < threshold:
                    cell["value"], small = label, True
            if isinstance(p.latest, Decimal) and 0 < p.latest < threshold:
                p.latest = label
            if small:
                p.change, p.chart = None, ""
    return rows


def progress_for(access, goals, periods: list[Period]) -> list[GoalProgress]:
    """The goals' progress over `periods` as the user's role may see it (the Mål page, the
    goal's page and the API)."""
    from django.conf import settings

    rows = goals_progress(goals, periods, indicators.new_context(access.program))
    return for_audience(rows, access.audience, settings.SUPPRESS_BELOW)


def workshop_goals(access, workshop) -> list[GoalProgress]:
    """A workshop's goals with the latest half-year's values, for the workshop's page."""
    from django.utils import timezone

    periods = half_years_until(Period.half_year_of(timezone.localdate()), 2)
    return progress_for(access, goals_of(access.program, workshop=workshop), periods)
