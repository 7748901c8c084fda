"""The figures of coaches, ambassadors and volunteers: one function each, used by the
report (reports/sections/activities.py) and by the goals' indicators."""

from decimal import Decimal

from django.db.models import Q, Sum

from jamlik.lib.periods import Period
from jamlik.volunteers.models import Volunteer, VolunteerHours


def trained_coaches(*, program, period: Period) -> int:
    """Health coaches whose training was completed in the period."""
    return Volunteer.objects.filter(
        program=program,
        kind=Volunteer.Kind.COACH,
        trained_on__gte=period.start,
        trained_on__lte=period.end,
    ).count()


def active_ambassadors(*, program, period: Period) -> int:
    """Coaches who were ambassadors on some day of the period."""
    return (
        Volunteer.objects.filter(
            program=program, ambassador_from__isnull=False, ambassador_from__lte=period.end
        )
        .filter(Q(ambassador_until__isnull=True) | Q(ambassador_until__gte=period.start))
        .count()
    )


def volunteer_hours(*, program, period: Period) -> Decimal:
    """Hours given by coaches and volunteers in the months of the period."""
    total = VolunteerHours.objects.filter(
        volunteer__program=program, month__gte=period.start.replace(day=1), month__lte=period.end
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)
