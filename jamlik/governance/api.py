from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from jamlik.governance import figures, rules
from jamlik.people.access import ALL_ROLES, GOVERNANCE_ROLES, bodies_for, get_program_access

router = Router(tags=["governance"])


@router.get("/{slug}/governance/power-shift", response=list[dict[str, Any]])
def power_shift(request: HttpRequest, slug: str):
    """Per half-year: decisions initiated, and hub meetings chaired, by residents and
    health promoters."""
    access = get_program_access(request.user, slug, roles=ALL_ROLES)
    rows = figures.power_shift(program=access.program, today=timezone.localdate())
    return [row.as_dict() for row in rows]


@router.get("/{slug}/governance/bodies", response=list[dict[str, Any]])
def bodies(request: HttpRequest, slug: str):
    """The program's bodies with their cadence and any missed stretches."""
    access = get_program_access(request.user, slug, roles=GOVERNANCE_ROLES)
    today = timezone.localdate()
    return [
        {
            "key": body.key,
            "name": body.name,
            "kind": body.kind,
            "cadence": body.cadence,
            "missed_cadence": [
                {
                    "start": gap.start.isoformat(),
                    "end": gap.end.isoformat(),
                    "message": str(gap.message),
                }
                for gap in rules.missed_cadence(body, today=today)
            ],
        }
        for body in bodies_for(access)
    ]
