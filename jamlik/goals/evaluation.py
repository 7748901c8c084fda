"""The half-year evaluation: what Jämlik prepares for the hub, and which are missing.

The prepared figures are the dashboard's own rows (`programs.dashboard.dashboard_context`),
so the evaluation and the dashboard can never disagree; the indicators are those of the
"Mål" page (`progress.goals_progress`), the governance those of the report
(`governance.reports.governance_summary`), the unmet needs those of the needs page.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from jamlik.goals import indicators
from jamlik.goals.models import HalfYearEvaluation
from jamlik.goals.progress import goals_of, goals_progress
from jamlik.lib.periods import Period
from jamlik.reports.disclosure import suppress_small_counts


def _plain(value: Any) -> Any:
    from jamlik.reports.collect import jsonable

    return jsonable(value)


def fidelity_findings(program, period: Period) -> list[dict[str, Any]] | None:
    """The model-fidelity findings of the half-year (`programs.fidelity`), each with its
    status and evidence."""
    from jamlik.programs.fidelity import fidelity_for

    return [
        {
            "key": row["key"],
            "label": row["title"],
            "status": row["status"],
            "status_label": row["status_label"],
            "evidence": row["evidence"],
        }
        for row in fidelity_for(program, period)
    ]


def prepare(*, access, period: Period) -> dict[str, Any]:
    """What the hub looks at: plain JSON, frozen into the evaluation when it is approved."""
    from jamlik.governance.reports import governance_summary
    from jamlik.needs.figures import unmet_needs
    from jamlik.programs.dashboard import dashboard_context

    program = access.program
    dashboard = dashboard_context(access=access, period=period)
    figures = [
        {
            "label": str(row["label"]),
            "current": row["current"],
            "previous": row["previous"],
            "change": row["change"],
        }
        for row in dashboard["headline"] + dashboard["details"]
    ]
    ctx = indicators.new_context(program)
    periods = [period.previous(), period]
    goals = []
    for goal in goals_progress(goals_of(program), periods, ctx):
        goals.append(
            {
                "goal": goal.goal.text,
                "workshop": goal.goal.workshop.name if goal.goal.workshop_id else "",
                "indicators": [
                    {
                        "name": p.indicator.name,
                        "unit": p.indicator.unit,
                        "previous": _plain(p.cells[0]["value"]),
                        "value": _plain(p.latest),
                        "target": _plain(p.indicator.target),
                        "status": p.status,
                        "status_label": p.status_label,
                    }
                    for p in goal.indicators
                ],
            }
        )
    governance = governance_summary(program, period)
    return {
        "period": period.label,
        "previous": period.previous().label,
        "audience": access.audience,
        "figures": figures,
        "goals": goals,
        "unmet_needs": [need.title for need in unmet_needs(program)],
        "governance": {
            "meetings": governance.get("meetings", {}),
            "decision_counts": governance.get("decision_counts", {}),
        },
        "fidelity": fidelity_findings(program, period),
    }


def prepared_for(evaluation: HalfYearEvaluation, access) -> dict[str, Any]:
    """The frozen numbers of an approved evaluation, else today's; published figures
    (small counts suppressed) for a role that sees only those."""
    data = (
        evaluation.prepared
        if evaluation.is_approved
        else prepare(access=access, period=evaluation.period)
    )
    if access.audience == "external":
        data = {**data, "figures": suppress_small_counts(data["figures"], settings.SUPPRESS_BELOW)}
    return data


def finished_half_years(program, today: date) -> list[Period]:
    """Half-years that ended since the program's first held activity, up to today."""
    from jamlik.activities.models import Activity

    first = (
        Activity.objects.filter(program=program, status=Activity.Status.HELD)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if first is None:
        return []
    periods = []
    half = Period.half_year_of(first)
    while half.end < today:
        periods.append(half)
        half = half.following()
    return periods


def missing_evaluations(program, today: date | None = None) -> list[Period]:
    """The last two finished half-years, since the program's first held activity, that have
    no approved evaluation (older gaps are the record's, not something to act on now). One
    query: the dashboard shows it."""
    from django.db.models import Exists, Min, OuterRef, Subquery

    from jamlik.activities.models import Activity
    from jamlik.programs.models import Program

    today = today or timezone.localdate()
    last = Period.half_year_of(today).previous()
    candidates = [last.previous(), last]
    approved = HalfYearEvaluation.objects.filter(
        program=OuterRef("pk"), status=HalfYearEvaluation.Status.APPROVED
    )
    first = (
        Activity.objects.filter(program=OuterRef("pk"), status=Activity.Status.HELD)
        .values("program")
        .annotate(first=Min("date"))
        .values("first")
    )
    row = (
        Program.objects.filter(pk=program.pk)
        .annotate(
            first=Subquery(first),
            **{
                f"done_{i}": Exists(approved.filter(period_label=p.label))
                for i, p in enumerate(candidates)
            },
        )
        .values("first", *(f"done_{i}" for i in range(len(candidates))))
        .first()
    )
    if row is None or row["first"] is None:
        return []
    return [p for i, p in enumerate(candidates) if p.end >= row["first"] and not row[f"done_{i}"]]
