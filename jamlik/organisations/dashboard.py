"""The city dashboard: every program of an organisation side by side for a period.

A row is data built from small functions: the published figures (`figures_for`, external
audience, whole periods only), their change since the previous period, and one cell per
entry of `COLUMNS` (report obligations, spending against caps, goals' status, model
fidelity): to add a column, add one line there with a function
`(program, period, today) -> Cell`.

Additive figures (activities, visits, support contacts) are summed into the city row
only when no program's count is withheld: the total minus the shown counts would
otherwise give the withheld one. Non-additive figures (unique and recurring
participants) are never summed: a person can take part in several programs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamlik.finance.figures import cap_status
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.reports.disclosure import is_small
from jamlik.reports.figures import figures_for
from jamlik.reports.models import BoardHandling, ReportVersion
from jamlik.reports.obligations import obligations


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any
    path: tuple[str, ...]
    additive: bool


FIGURES: tuple[Figure, ...] = (
    Figure("activities", gettext_lazy("Activities"), ("activities",), True),
    Figure("large_events", gettext_lazy("Larger events"), ("large_events",), True),
    Figure(
        "unique_participants",
        gettext_lazy("Unique participants"),
        ("unique_participants", "total"),
        False,
    ),
    Figure(
        "recurring_participants",
        gettext_lazy("Recurring participants"),
        ("recurring_participants",),
        False,
    ),
    Figure("visits", gettext_lazy("Visits (registered)"), ("visits", "registered"), True),
    Figure("headcount", gettext_lazy("Visits (headcount)"), ("visits", "headcount"), True),
    Figure(
        "support_contacts",
        gettext_lazy("Individual support contacts"),
        ("individual_support", "contacts"),
        True,
    ),
)
FIGURE = {f.key: f for f in FIGURES}


@dataclass(frozen=True)
class Cell:
    """One cell of an extra column: its text, a value to sort by and a level for colour."""

    text: str
    sort: float = 0.0
    level: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    cell: Callable[..., Cell]


def figure_value(figures: dict[str, Any], figure: Figure) -> Any:
    value: Any = figures
    for part in figure.path:
        value = value[part]
    return value


def withheld(value: Any) -> bool:
    return not isinstance(value, int)


# Extra columns ------------------------------------------------------------------------


def obligations_cell(*, program: Program, period: Period, today: date) -> Cell:
    """The period's report: when due, whether submitted, sent to the funder and handled by
    the board (a steering-group decision linked); and how many earlier ones are late."""
    rows = obligations(program=program, today=today)
    late = sum(1 for o in rows if o.state(today) == "late")
    own = next((o for o in rows if o.period.label == period.label), None)
    versions = ReportVersion.objects.filter(
        program=program, period_label=period.label, audience="external"
    ).aggregate(
        approved=Count("pk"),
        sent=Count("sent_at"),
        decided=Count("decision"),
        board=Count("board_handling"),
        board_approved=Count(
            "board_handling", filter=Q(board_handling__outcome=BoardHandling.Outcome.APPROVED)
        ),
    )
    parts = []
    if own is None:
        parts.append(_("no report due for this period"))
        level = ""
    else:
        state = own.state(today)
        level = {"late": "over", "due": "warning"}.get(state, "ok" if own.met else "")
        parts.append(_("due %(date)s") % {"date": own.due.isoformat()})
        parts.append(_("submitted") if own.met else _("not submitted"))
    if versions["approved"]:
        parts.append(_("sent") if versions["sent"] else _("not sent"))
        parts.append(_("handled by the board") if versions["decided"] else _("no decision"))
        if versions["board"]:
            parts.append(
                _("approved by the board")
                if versions["board_approved"]
                else _("returned by the board")
            )
    if late:
        parts.append(_("%(count)s late") % {"count": late})
        level = "over"
    return Cell(text=" · ".join(parts), sort=late * 10 + (0 if own is None or own.met else 1),
                level=level)  # fmt: skip


def spending_cell(*, program: Program, period: Period, today: date) -> Cell:
    """Spending against the caps of the program's agreements, over the agreements' periods
    (the finance totals a viewer sees too)."""
    statuses = [s for agreement in program.agreements.all() for s in cap_status(agreement)]
    if not statuses:
        return Cell(text=_("no agreement"), sort=-1)
    spent = sum((s.spent for s in statuses), Decimal(0))
    cap = sum((s.line.cap for s in statuses), Decimal(0))
    share = float(spent * 100 / cap) if cap else 0.0
    levels = {s.level for s in statuses}
    level = "over" if "over" in levels else "warning" if "warning" in levels else "ok"
    text = _("%(share)s %% of the caps (%(spent)s of %(cap)s kr)") % {
        "share": f"{share:.0f}",
        "spent": f"{spent:,.0f}".replace(",", "\u00a0"),
        "cap": f"{cap:,.0f}".replace(",", "\u00a0"),
    }
    if "over" in levels:
        text += " · " + _("a line over its cap")
    return Cell(text=text, sort=share, level=level)


def goals_cell(*, program: Program, period: Period, today: date) -> Cell:
    """The indicators of the program's goals against their targets at the end of the
    period: how many reached the target, how many are better than their baseline. Only
    statuses are shown, never the values (which may be small counts)."""
    from jamlik.goals import indicators
    from jamlik.goals.progress import goals_of, status_of, value_for

    ctx = indicators.new_context(program, today)
    statuses = [
        status_of(indicator, value_for(indicator, period, ctx))
        for goal in goals_of(program)
        for indicator in goal.indicators.all()
    ]
    if not statuses:
        return Cell(text=_("no goals with indicators"), sort=-1)
    reached, improving = statuses.count("reached"), statuses.count("improving")
    text = _("%(reached)s of %(total)s indicators at target, %(improving)s better") % {
        "reached": reached,
        "total": len(statuses),
        "improving": improving,
    }
    share = (reached + improving / 2) / len(statuses)
    level = "ok" if share >= 0.75 else "warning" if share >= 0.4 else "over"
    return Cell(text=text, sort=share, level=level)


def fidelity_cell(*, program: Program, period: Period, today: date) -> Cell:
    """The model-fidelity criteria for the period (`programs.fidelity`): how many are met
    among those with data."""
    from jamlik.programs.fidelity import MET, NO_DATA, PARTLY, fidelity_for

    rows = fidelity_for(program, period, today=today)
    judged = [r for r in rows if r["status"] != NO_DATA]
    if not judged:
        return Cell(text=_("no data"), sort=-1)
    met = sum(r["status"] == MET for r in judged)
    partly = sum(r["status"] == PARTLY for r in judged)
    text = _("%(met)s of %(judged)s criteria met, %(partly)s partly") % {
        "met": met,
        "judged": len(judged),
        "partly": partly,
    }
    share = (met + partly / 2) / len(judged)
    level = "ok" if share >= 0.8 else "warning" if share >= 0.5 else "over"
    return Cell(text=text, sort=share, level=level)


COLUMNS: tuple[Column, ...] = (
    Column("obligations", gettext_lazy("Report to the funder"), obligations_cell),
    Column("spending", gettext_lazy("Spending against caps"), spending_cell),
    Column("goals", gettext_lazy("Goals' indicators"), goals_cell),
    Column("fidelity", gettext_lazy("Model fidelity"), fidelity_cell),
)
COLUMN = {c.key: c for c in COLUMNS}


# Rows ---------------------------------------------------------------------------------


@dataclass
class Row:
    program: Program
    values: dict[str, Any]  # figure key -> int or the withheld label
    previous: dict[str, Any]
    cells: dict[str, Cell] = field(default_factory=dict)

    def change(self, key: str) -> int | None:
        """Change since the previous period; None when either count is withheld."""
        now, before = self.values[key], self.previous[key]
        if withheld(now) or withheld(before):
            return None
        return now - before

    def figure_cells(self) -> list[dict[str, Any]]:
        return [{"value": self.values[f.key], "change": self.change(f.key)} for f in FIGURES]

    def column_cells(self) -> list[Cell]:
        return [self.cells[c.key] for c in COLUMNS]

    def sort_value(self, key: str) -> Any:
        if key in FIGURE:
            value = self.values[key]
        elif key.startswith("change-") and key[7:] in FIGURE:
            value = self.change(key[7:])
        elif key in self.cells:
            return self.cells[key].sort
        else:
            return self.program.name.lower()
        # Withheld counts sort together, below every shown one, in name order.
        return -1 if value is None or withheld(value) else value


def published(program: Program, period: Period) -> dict[str, Any]:
    figures = figures_for(program=program, period=period, audience="external")
    return {f.key: figure_value(figures, f) for f in FIGURES}


def program_row(program: Program, period: Period, *, today: date) -> Row:
    row = Row(
        program=program,
        values=published(program, period),
        previous=published(program, period.previous()),
    )
    row.cells = {c.key: c.cell(program=program, period=period, today=today) for c in COLUMNS}
    return row


def city_rows(
    programs: QuerySet[Program], period: Period, *, today: date, sort: str = "name"
) -> list[Row]:
    """One row per program (pass `organisation_programs(access)`), sorted by `sort`
    (a figure key, "change-<figure key>", a column key or "name"; "-" first: descending)."""
    rows = [program_row(p, period, today=today) for p in programs.prefetch_related("agreements")]
    key, descending = sort.lstrip("-"), sort.startswith("-")
    rows.sort(key=lambda r: r.program.name.lower())
    rows.sort(key=lambda r: r.sort_value(key), reverse=descending)
    return rows


def city_totals(rows: list[Row]) -> dict[str, Any]:
    """The city row: additive figures summed when no program's count is withheld; None
    for a withheld total and for the figures that are never summed."""
    totals: dict[str, Any] = {}
    for figure in FIGURES:
        values = [row.values[figure.key] for row in rows]
        if not figure.additive or any(withheld(v) for v in values):
            totals[figure.key] = None
        else:
            total = sum(values)
            totals[figure.key] = None if is_small(total, settings.SUPPRESS_BELOW) else total
    return totals


def trend(
    programs: list[Program], figure: Figure, periods: list[Period]
) -> dict[str, list[int | None]]:
    """The figure per program over `periods`, as published; None where withheld."""
    series = {}
    for program in programs:
        values = []
        for period in periods:
            value = figure_value(
                figures_for(program=program, period=period, audience="external"), figure
            )
            values.append(None if withheld(value) else value)
        series[program.name] = values
    return series


def periods_up_to(period: Period, count: int = 6) -> list[Period]:
    """`count` comparable periods ending with `period`, oldest first."""
    found = [period]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return found


def default_period(today: date) -> Period:
    """The last half-year that has ended."""
    return Period.half_year_of(today).previous()


def strategy_brief(program: Program, period: Period, *, today: date) -> dict[str, Any]:
    """The strategy tools in brief for the funder (`strategy.pages.summary`, external):
    stakeholders counted by category, never named; open policy windows; the estimates of
    the models the steering group approved, with their intervals."""
    from django.utils import translation

    from jamlik.strategy.pages import summary

    found = summary(program=program, period=period, audience="external", today=today)
    language = (translation.get_language() or "sv")[:2]
    estimates = [
        {
            "title": run["title"],
            "results": [
                {
                    "label": r["label"].get(language) or next(iter(r["label"].values()), r["key"]),
                    "value": r["value"],
                    "low": r["low"],
                    "high": r["high"],
                    "unit": r["unit"],
                }
                for r in run["results"]
            ],
        }
        for run in found["estimates"]
    ]
    return {
        "analysis": found["analysis"],
        "categories": [c for c in found["categories"] if c["count"]],
        "open_windows": found["open_windows"],
        "estimates": estimates,
    }
