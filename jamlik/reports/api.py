from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import get_program_access
from jamlik.reports.figures import AUDIENCES, compute_figures

router = Router(tags=["figures"])


@router.get("/{slug}/figures", response=dict[str, Any])
def figures(request: HttpRequest, slug: str, period: str, audience: str = "internal"):
    """The program's figures for a period (2023H2, 2023 or 2023-07-01..2023-12-31)."""
    access = get_program_access(request.user, slug)
    if audience not in AUDIENCES:
        raise HttpError(422, f"audience must be internal or external, not {audience!r}")
    if audience == "internal" and access.audience != "internal":
        raise HttpError(403, "Your role sees external figures only; ask for audience=external.")
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return compute_figures(program=access.program, period=parsed, audience=audience)
