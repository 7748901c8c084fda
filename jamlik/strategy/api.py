from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import PeriodNotAllowed, get_strategy_access, period_for
from jamlik.strategy import estimate, pages, services

router = Router(tags=["strategy"])


def _point(point) -> dict[str, Any] | None:
    if point is None:
        return None
    return {"date": point.date.isoformat(), "title": point.title, "kind": point.kind,
            "level": point.level}  # fmt: skip


@router.get("/{slug}/strategy/windows", response=dict[str, Any])
def policy_windows(request: HttpRequest, slug: str):
    """Policy windows (Kingdon's three streams): each issue with the streams present, whether
    its window is open and its next decision point (its own, else the program's next), and
    the program's coming decision points. The streams' notes are left out (free text that
    may name persons); stakeholders are never in the API."""
    access = get_strategy_access(request.user, slug)
    today = timezone.localdate()
    context = pages.windows_context(program=access.program, today=today)
    return {
        "issues": [
            {
                "id": row["issue"].pk,
                "title": row["issue"].title,
                "problem": row["issue"].problem_present,
                "politics": row["issue"].politics_present,
                "policy": row["issue"].policy_present,
                "open": row["open"],
                "needs": [need.key for need in row["issue"].needs.all()],
                "next_decision_point": _point(row["next"]),
            }
            for row in context["rows"]
        ],
        "decision_points": [_point(point) for point in context["points"]],
    }


@router.get("/{slug}/strategy/estimate", response=dict[str, Any])
def socio_economic_estimate(request: HttpRequest, slug: str, model: str = "", period: str = ""):
    """The socio-economic estimate of a model (default: the first by reference) for a period
    (default: the last ended half-year): each output's value, interval and chain of numbers,
    whether the steering group approved this exact model file, and whether it is an example.
    Roles that see only published figures get whole half-years and years, no inputs, and a
    result computed from a count below `SUPPRESS_BELOW` withheld, as in external reports."""
    access = get_strategy_access(request.user, slug)
    models = sorted(estimate.all_models().values(), key=lambda m: m.ref)
    chosen = pages.model_by_ref(model) if model else (models[0] if models else None)
    if chosen is None:
        raise Http404
    try:
        parsed = (
            period_for(access, period)
            if period
            else Period.half_year_of(timezone.localdate()).previous()
        )
    except PeriodNotAllowed as exc:
        raise HttpError(400, str(exc)) from None
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    run = pages.estimate_for_audience(
        program=access.program, period=parsed, model=chosen, audience=access.audience
    )
    return {
        **run,
        "approved": services.is_approved(access.program, chosen),
        "models": [m.ref for m in models],
    }
