from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import PeriodError
from jamlik.organisations.dashboard import FIGURES, city_rows, city_totals
from jamlik.people.access import (
    PeriodNotAllowed,
    get_organisation_access,
    organisation_period,
    organisation_programs,
)

router = Router(tags=["organisations"])


@router.get("/{slug}/figures", response=dict[str, Any])
def organisation_figures(request: HttpRequest, slug: str, period: str):
    """Every program of the organisation for a whole half-year or year, as published
    (counts below SUPPRESS_BELOW as "<5"), with the change since the previous period.

    `city` sums the additive figures when no program's count is withheld (else null);
    unique and recurring participants are never summed (`not_summed`)."""
    access = get_organisation_access(request.user, slug)
    try:
        parsed = organisation_period(period)
    except PeriodNotAllowed as exc:
        raise HttpError(400, str(exc)) from None
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    rows = city_rows(organisation_programs(access), parsed, today=timezone.localdate())
    return {
        "organisation": access.organisation.slug,
        "period": parsed.as_dict(),
        "audience": "external",
        "programs": [
            {
                "program": row.program.slug,
                "name": row.program.name,
                "figures": row.values,
                "previous": row.previous,
                "change": {f.key: row.change(f.key) for f in FIGURES},
            }
            for row in rows
        ],
        "city": city_totals(rows),
        "not_summed": [f.key for f in FIGURES if not f.additive],
    }
