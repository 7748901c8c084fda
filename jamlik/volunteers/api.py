from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from jamlik.goals.progress import half_years_until
from jamlik.lib.periods import Period
from jamlik.people.access import VOLUNTEER_ROLES, get_program_access
from jamlik.volunteers.figures import figures_by_period
from jamlik.volunteers.models import Volunteer

router = Router(tags=["people"])


class HalfYearOut(Schema):
    period: str
    trained_coaches: int
    active_ambassadors: int
    volunteer_hours: str


class VolunteerFiguresOut(Schema):
    registered: dict[str, int]
    half_years: list[HalfYearOut]


@router.get("/{slug}/volunteers/figures", response=VolunteerFiguresOut)
def volunteer_figures(request: HttpRequest, slug: str):
    """Health coaches, ambassadors and volunteers in aggregate, never a code: how many are
    registered of each kind, and per half-year (the last four, oldest first) the coaches
    trained, the active ambassadors and the hours given, as the report counts them."""
    access = get_program_access(request.user, slug, roles=VOLUNTEER_ROLES)
    periods = half_years_until(Period.half_year_of(timezone.localdate()))
    registered = dict.fromkeys(Volunteer.Kind.values, 0) | dict(
        Volunteer.objects.filter(program=access.program)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    rows = figures_by_period(program=access.program, periods=periods)
    return {
        "registered": registered,
        "half_years": [
            {"period": p.label, **row, "volunteer_hours": str(row["volunteer_hours"])}
            for p, row in zip(periods, rows, strict=True)
        ],
    }
