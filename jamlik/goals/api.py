from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from jamlik.goals.progress import goals_of, half_years_until, progress_for
from jamlik.lib.periods import Period
from jamlik.people.access import get_goals_access

router = Router(tags=["goals"])


def _value(value) -> str | None:
    # Decimals as strings (exact); a suppressed count is already the string "<5".
    return None if value is None else str(value)


def _indicator(p) -> dict[str, Any]:
    indicator = p.indicator
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "kind": indicator.kind,
        "source": indicator.source or None,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": _value(indicator.baseline),
        "target": _value(indicator.target),
        "latest": _value(p.latest),
        "change": _value(p.change),
        "status": p.status,
        "half_years": [
            {"period": c["period"].label, "value": _value(c["value"]), "status": c["status"]}
            for c in p.cells
        ],
    }


@router.get("/{slug}/goals", response=list[dict[str, Any]])
def goal_list(request: HttpRequest, slug: str):
    """The program's and workshops' goals with their indicators' values per half-year (the
    last four, oldest first), as the Mål page shows them: a value is null for "no data",
    never 0; roles that see only published figures get counts below `SUPPRESS_BELOW` as
    "<5" and no change for them."""
    access = get_goals_access(request.user, slug)
    periods = half_years_until(Period.half_year_of(timezone.localdate()))
    rows = progress_for(access, goals_of(access.program), periods)
    return [
        {
            "id": row.goal.pk,
            "term": row.goal.term,
            "text": row.goal.text,
            "category": row.goal.category.name if row.goal.category else None,
            "workshop": row.goal.workshop.key if row.goal.workshop else None,
            "anchored": row.goal.anchored_by_id is not None,
            "indicators": [_indicator(p) for p in row.indicators],
        }
        for row in rows
    ]
