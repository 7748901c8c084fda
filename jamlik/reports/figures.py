"""The program's figures for a period: the one place they are computed.

The dashboard, the API, the `jamlik figures` command and (later) the reports all
call `compute_figures`; the definitions are in the README.
"""

from datetime import date
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from jamlik.activities.models import Activity, Attendance, Category, Headcount, IndividualSupport
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.disclosure import suppress_small_counts

Audience = Literal["internal", "external"]
AUDIENCES: tuple[Audience, ...] = ("internal", "external")


def compute_figures(
    *, program: Program, period: Period, audience: Audience = "internal"
) -> dict[str, Any]:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    in_period = Q(date__gte=period.start, date__lte=period.end)
    activities = Activity.objects.filter(in_period, program=program)
    held = activities.filter(status=Activity.Status.HELD)
    attendance = Attendance.objects.filter(activity__in=held)

    counts = activities.aggregate(
        activities=Count("pk", filter=Q(status=Activity.Status.HELD, large_event=False)),
        large_events=Count("pk", filter=Q(status=Activity.Status.HELD, large_event=True)),
        cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
    )
    support = IndividualSupport.objects.filter(in_period, program=program).aggregate(
        participants=Count("participant", distinct=True),
        contacts=Count("pk"),
    )
    figures: dict[str, Any] = {
        "program": program.slug,
        "period": period.as_dict(),
        "audience": audience,
        "activities": counts["activities"],
        "large_events": counts["large_events"],
        "cancelled_activities": counts["cancelled"],
        "unique_participants": _unique_participants(attendance),
        "recurring_participants": _recurring_participants(attendance),
        "visits": {
            "registered": attendance.count(),
            "headcount": Headcount.objects.filter(activity__in=held).aggregate(n=Sum("count"))["n"]
            or 0,
        },
        "individual_support": {
            "participants": support["participants"],
            "contacts": support["contacts"],
        },
        "by_workshop": _by_workshop(held),
    }
    if audience == "external":
        return suppress_small_counts(figures, settings.SUPPRESS_BELOW)
    return figures


def _unique_participants(attendance) -> dict[str, int]:
    rows = (
        attendance.values("participant__category")
        .annotate(n=Count("participant", distinct=True))
        .values_list("participant__category", "n")
    )
    by_category = dict(rows)
    result = {"total": sum(by_category.values())}
    for category in Category.values:
        result[category] = by_category.get(category, 0)
    return result


def _recurring_participants(attendance) -> int:
    """Participants who attended held non-large activities in enough distinct ISO weeks."""
    weeks: dict[int, set[tuple[int, int]]] = {}
    rows = (
        attendance.filter(activity__large_event=False)
        .values_list("participant_id", "activity__date")
        .distinct()
    )
    for participant_id, day in rows.iterator(chunk_size=5000):
        weeks.setdefault(participant_id, set()).add(day.isocalendar()[:2])
    return sum(1 for seen in weeks.values() if len(seen) >= settings.RECURRING_MIN_WEEKS)


def _by_workshop(held) -> dict[str, dict[str, int]]:
    per_workshop = (
        held.filter(workshop__isnull=False)
        .values("workshop__key")
        .annotate(
            activities=Count("pk", filter=Q(large_event=False), distinct=True),
            large_events=Count("pk", filter=Q(large_event=True), distinct=True),
        )
        .order_by("workshop__key")
    )
    result = {
        row["workshop__key"]: {
            "activities": row["activities"],
            "large_events": row["large_events"],
            "unique_participants": 0,
            "visits": 0,
        }
        for row in per_workshop
    }
    workshop_attendance = Attendance.objects.filter(
        activity__in=held.filter(workshop__isnull=False)
    )
    for key, unique, visits in (
        workshop_attendance.values("activity__workshop__key")
        .annotate(unique=Count("participant", distinct=True), visits=Count("pk"))
        .values_list("activity__workshop__key", "unique", "visits")
    ):
        result[key]["unique_participants"] = unique
        result[key]["visits"] += visits
    for key, headcount in (
        Headcount.objects.filter(activity__in=held.filter(workshop__isnull=False))
        .values("activity__workshop__key")
        .annotate(n=Sum("count"))
        .values_list("activity__workshop__key", "n")
    ):
        result[key]["visits"] += headcount or 0
    return result


def activities_by_month(*, program: Program, period: Period) -> dict[date, dict[str | None, int]]:
    """`activities` per calendar month and workshop key (None: program-wide), in one query.

    The same definition as `compute_figures`' "activities" and its by_workshop counts:
    held activities that are not larger events, inside the period.
    """
    rows = (
        Activity.objects.filter(
            program=program,
            date__gte=period.start,
            date__lte=period.end,
            status=Activity.Status.HELD,
            large_event=False,
        )
        .annotate(month=TruncMonth("date"))
        .values_list("month", "workshop__key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[date, dict[str | None, int]] = {}
    for month, key, n in rows:
        result.setdefault(month, {})[key] = n
    return result


def half_year_comparison(*, program: Program, period: Period, audience: Audience) -> dict[str, Any]:
    """Figures of a period and the comparable period before it, for the dashboard."""
    return {
        "current": compute_figures(program=program, period=period, audience=audience),
        "previous": compute_figures(program=program, period=period.previous(), audience=audience),
    }
