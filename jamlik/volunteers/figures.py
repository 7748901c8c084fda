"""The figures of coaches, ambassadors and volunteers, defined once in `figures_by_period`
and used by the report (reports/sections/activities.py), the volunteers' page and the
goals' indicators (`trained_coaches`, `active_ambassadors`, `volunteer_hours`)."""

from decimal import Decimal
from typing import Any

from django.db.models import Sum

from jamlik.lib.periods import Period
from jamlik.volunteers.models import Volunteer, VolunteerHours


def figures_by_period(*, program, periods: list[Period]) -> list[dict[str, Any]]:
    """For each period: health coaches whose training was completed in it, coaches who
    were ambassadors on some day of it, and the hours given in its months. Three queries
    whatever the number of periods."""
    trained = list(
        Volunteer.objects.filter(
            program=program, kind=Volunteer.Kind.COACH, trained_on__isnull=False
        ).values_list("trained_on", flat=True)
    )
    spans = list(
        Volunteer.objects.filter(program=program, ambassador_from__isnull=False).values_list(
            "ambassador_from", "ambassador_until"
        )
    )
    hours = list(
        VolunteerHours.objects.filter(volunteer__program=program)
        .values("month")
        .annotate(total=Sum("hours"))
        .values_list("month", "total")
    )
    return [
        {
            "trained_coaches": sum(1 for day in trained if p.start <= day <= p.end),
            "active_ambassadors": sum(
                1 for start, end in spans if start <= p.end and (end is None or end >= p.start)
            ),
            "volunteer_hours": sum(
                (total for month, total in hours if p.start.replace(day=1) <= month <= p.end),
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
