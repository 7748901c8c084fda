"""The figures of coaches, ambassadors and volunteers, defined once in `figures_by_period`
and used by the report (reports/sections/activities.py), the volunteers' page and the
goals' indicators (`trained_coaches`, `active_ambassadors`, `volunteer_hours`)."""

from decimal import Decimal
from typing import Any

from jamlik.lib.periods import Period
from jamlik.volunteers.models import Volunteer


def figures_by_period(*, program, periods: list[Period]) -> list[dict[str, Any]]:
    """For each period: health coaches whose training was completed in it, coaches who
    were ambassadors on some day of it, and the hours given in its months. One query,
    whatever the number of periods."""
    trained, spans, hours = [], [], {}
    rows = Volunteer.objects.filter(program=program).values_list(
        "pk",
        "kind",
        "trained_on",
        "ambassador_from",
        "ambassador_until",
        "hours__month",
        "hours__hours",
    )
    seen = set()
    for pk, kind, trained_on, start, end, month, given in rows:
        if pk not in seen:
            seen.add(pk)
            if kind == Volunteer.Kind.COACH and trained_on is not None:
                trained.append(trained_on)
            if start is not None:
                spans.append((start, end))
        if month is not None:
            hours[month] = hours.get(month, Decimal(0)) + given
    return [
        {
            "trained_coaches": sum(1 for day in trained if p.start <= day <= p.end),
            "active_ambassadors": sum(
                1 for start, end in spans if start <= p.end and (end is None or end >= p.start)
            ),
            "volunteer_hours": sum(
                (
                    total
                    for month, total in hours.items()
                    if p.start.replace(day=1) <= month <= p.end
                ),
                Decimal(0),
            ),
        }
        for p in periods
    ]


def trained_coaches(*, program, period: Period) -> int:
    return figures_by_period(program=program, periods=[period])[0]["trained_coaches"]


def active_ambassadors(*, program, period: Period) -> int:
    return figures_by_period(program=program, periods=[period])[0]["active_ambassadors"]


def volunteer_hours(*, program, period: Period) -> Decimal:
    return figures_by_period(program=program, periods=[period])[0]["volunteer_hours"]
