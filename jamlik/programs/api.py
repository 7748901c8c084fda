from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import PeriodNotAllowed, get_program_access, period_for
from jamlik.people.policy import roles_with
from jamlik.programs.fidelity import fidelity_for

router = Router(tags=["model"])


@router.get("/{slug}/fidelity", response=list[dict[str, Any]])
def fidelity(request: HttpRequest, slug: str, period: str = ""):
    """Model fidelity for a period (default: the current half-year): per criterion its key,
    title, rule, status (met, partly, not_met, no_data), evidence and value. Roles that see
    only published figures get 400 for a period that is not a whole half-year or year."""
    access = get_program_access(request.user, slug, roles=roles_with("fidelity"))
    today = timezone.localdate()
    try:
        parsed = period_for(access, period) if period else Period.half_year_of(today)
    except PeriodNotAllowed as exc:
        raise HttpError(400, str(exc)) from None
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return fidelity_for(access.program, parsed, today=today)
