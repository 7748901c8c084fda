"""What the report back shows of the goals (Målbilder) and of the evaluations
(Uppföljning och utvärdering), as plain JSON that an approved version freezes.

Imported by `reports/sections/goals.py` and `reports/sections/evaluation.py`.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.goals import cbpr, indicators
from jamlik.goals.models import CbprRound, Goal, GoalCategory, HalfYearEvaluation
from jamlik.goals.progress import goals_of, progress
from jamlik.lib.periods import Period
from jamlik.reports import tables as t
from jamlik.reports.formatting import SUPPRESSED, format_date, format_number


def _shown(value: Decimal | None, *, count: bool, external: bool, threshold: int) -> str | None:
    if value is None:
        return None
    if count and external and 0 < value < threshold:
        return SUPPRESSED
    decimals = (
        0
        if value == value.to_integral_value()
        else (1 if value * 10 == (value * 10).to_integral_value() else 2)
    )
    return format_number(value, decimals=decimals)


def _goal_label(goal: Goal) -> str:
    term = goal.get_term_display()
    where = f" ({goal.workshop.name})" if goal.workshop_id else ""
    anchored = "" if goal.is_anchored else " – " + _("not anchored in the steering group")
    return f"{term}: {goal.text}{where}{anchored}"


def goals_report(*, program, period: Period, external: bool, threshold: int) -> dict[str, Any]:
    """One table per result category or goal area: each goal, and under it its
    indicators with the value at the end of the period, the half-year before, the
    target, the change and the status."""
    last = Period.half_year_of(period.end)
    periods = [last.previous(), last]
    ctx = indicators.new_context(program)
    goals = list(goals_of(program))
    if not goals:
        return {"groups": []}
    # Result categories first, then goal areas (seed 003 reports them in that order).
    categories = sorted(
        GoalCategory.objects.filter(program=program),
        key=lambda c: (c.kind != GoalCategory.Kind.RESULT, c.position, c.name),
    )
    groups = [(c.pk, c.name) for c in categories] + [(None, _("Other goals"))]
    columns = [
        t.column(last.previous().label, "number"),
        t.column(last.label, "number"),
        t.column(_("Target"), "number"),
        t.column(pgettext("difference", "Change"), "number"),
        t.column(_("Status"), "text"),
    ]
    tables = []
    for key, title in groups:
        rows = []
        for goal in (g for g in goals if g.category_id == key):
            rows.append(t.row(_goal_label(goal), [None, None, None, None, None]))
            for indicator in goal.indicators.all():
                p = progress(indicator, periods, ctx)
                count = indicators.is_count(indicator)
                shown = [
                    _shown(c["value"], count=count, external=external, threshold=threshold)
                    for c in p.cells
                ]
                change = (
                    _shown(p.change, count=False, external=False, threshold=threshold)
                    if SUPPRESSED not in shown
                    else None
                )
                unit = f" ({indicator.unit})" if indicator.unit else ""
                rows.append(
                    t.row(
                        f"· {indicator.name}{unit}",
                        [
                            *shown,
                            _shown(indicator.target, count=False, external=False, threshold=0),
                            change,
                            str(p.status_label),
                        ],
                    )
                )
        if rows:
            table = t.table(
                f"goals_{key or 'other'}",
                title,
                _("Goal and indicator"),
                columns,
                rows,
                note=_("An empty value means no data for the half-year, not zero."),
            )
            # Counts of people arrive suppressed above; the table is marked protected so
            # that the report prints its note on "..".
            table["protected"] = external
            tables.append(table)
    return {"groups": tables}


def evaluations_report(
    *, program, period: Period, external: bool, threshold: int
) -> dict[str, Any]:
    """The approved half-year evaluations' conclusions and the CBPR evaluations of the
    period."""
    evaluations = HalfYearEvaluation.objects.filter(
        program=program, status=HalfYearEvaluation.Status.APPROVED
    ).prefetch_related("decisions__meeting__body")
    halves = [
        {
            "period": e.period_label,
            "works": e.works,
            "does_not_work": e.does_not_work,
            "changes": e.changes,
            "decisions": [
                f"{format_date(d.meeting.date)} {d.meeting.body.name} §{d.number}: {d.text}"
                for d in e.decisions.all()
            ],
        }
        for e in evaluations
        if period.start <= e.period.start and e.period.end <= period.end
    ]
    rounds = CbprRound.objects.filter(
        program=program, planned_on__gte=period.start, planned_on__lte=period.end
    ).order_by("planned_on")
    return {
        "half_years": sorted(halves, key=lambda h: h["period"]),
        "cbpr": [_cbpr(r, external=external, threshold=threshold) for r in rounds],
    }


def _cbpr(round: CbprRound, *, external: bool, threshold: int) -> dict[str, Any]:
    data = cbpr.with_change(round)
    number = lambda v: None if v is None else format_number(v, decimals=2, signed=False)  # noqa: E731
    signed = lambda v: None if v is None else format_number(v, decimals=2, signed=True)  # noqa: E731
    items = t.table(
        f"cbpr_items_{round.pk}",
        _("Partnership self-assessment per item: %(name)s") % {"name": round.name},
        _("Item"),
        [
            t.column(_("Mean"), "number"),
            t.column(pgettext("difference", "Change"), "number"),
        ],
        [
            t.row(
                (item["text"].get("sv") or item["text"]["en"])
                + (" " + _("(reversed)") if item["reversed"] else ""),
                [number(item["mean"]), signed(item.get("change"))],
            )
            for item in data["items"]
        ],
        note=_(
            "1 = strongly disagree, 5 = strongly agree; the reversed item is turned so that "
            "higher is better. The program's own questions, not a validated instrument."
        ),
    )
    parties = t.table(
        f"cbpr_parties_{round.pk}",
        _("Partnership self-assessment per party: %(name)s") % {"name": round.name},
        _("Party"),
        [
            t.column(_("Sector"), "text"),
            t.column(_("Responses")),
            t.column(_("Mean"), "number"),
            t.column(pgettext("difference", "Change"), "number"),
        ],
        [
            t.row(
                p["party"],
                [p["sector"], p["responses"], number(p["scale"]), signed(p.get("change"))],
            )
            for p in data["parties"]
        ],
    )
    if external:
        t.protect(parties, threshold=threshold)
    return {
        "name": round.name,
        "date": round.planned_on.isoformat(),
        "previous": data.get("previous"),
        "scale": number(data["scale"]),
        "change": signed(data.get("change")),
        "analysis": round.analysis,
        "items": items,
        "parties": parties,
        "records": round.records.count(),
    }
