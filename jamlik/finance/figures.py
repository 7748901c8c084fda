"""The finance figures: one way to compute them for pages, API, CLI and reports.

Deviation is budget minus outcome, so a positive deviation is money left (the surplus)
and a negative one is overspending. Percentages are Decimal, rounded half up to one
decimal; every sum is exact.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from jamlik.finance.models import (
    WARNING_SHARE,
    Agreement,
    Budget,
    Contribution,
    CostCategory,
    Expense,
    FundingLine,
    PeriodClose,
)
from jamlik.lib.periods import Period
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

ZERO = Decimal("0.00")
CENTS = Decimal("0.01")
ONE_DECIMAL = Decimal("0.1")


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _within(period: Period) -> Q:
    return Q(period_start__gte=period.start, period_end__lte=period.end)


# Caps ---------------------------------------------------------------------------------


@dataclass
class CapStatus:
    line: FundingLine
    spent: Decimal

    @property
    def share(self) -> Decimal | None:
        return percent(self.spent, self.line.cap)

    @property
    def left(self) -> Decimal:
        return self.line.cap - self.spent

    @property
    def level(self) -> str:
        """ok, warning (at 90 % of the cap) or over."""
        if self.spent > self.line.cap:
            return "over"
        if self.line.cap and self.spent >= self.line.cap * WARNING_SHARE:
            return "warning"
        return "ok"

    @property
    def bar_percent(self) -> int:
        """Width of the spending bar, 0–100."""
        share = self.share or ZERO
        return int(min(max(share, ZERO), Decimal(100)))


def cap_status(agreement: Agreement) -> list[CapStatus]:
    """Each line's spending against its cap over the whole agreement period."""
    lines = agreement.lines.annotate(spent=Sum("expenses__amount")).order_by("position", "pk")
    return [CapStatus(line, (line.spent or ZERO).quantize(CENTS)) for line in lines]


# Budget vs outcome --------------------------------------------------------------------


@dataclass
class LineFigures:
    line: FundingLine
    budget: Decimal
    carried_in: Decimal
    outcome: Decimal

    @property
    def deviation(self) -> Decimal:
        return self.budget - self.outcome

    @property
    def deviation_percent(self) -> Decimal | None:
        return percent(self.deviation, self.budget)


def _sums(qs: QuerySet, key: str) -> dict[Any, Decimal]:
    # Quantized so that SQLite and PostgreSQL give the same two-decimal amounts.
    return {
        row[key]: (row["total"] or ZERO).quantize(CENTS)
        for row in qs.values(key).annotate(total=Sum("amount")).order_by()
    }


def line_figures(
    *,
    agreement: Agreement | None = None,
    program: Program | None = None,
    period: Period,
    workshops: QuerySet[Workshop] | None = None,
) -> list[LineFigures]:
    """Budget (carried-in amounts included) and outcome per funding line in the period.

    With `workshops`, only those workshops' budget parts and expenses count.
    """
    lines = FundingLine.objects.select_related("agreement")
    if agreement is not None:
        lines = lines.filter(agreement=agreement)
    else:
        lines = lines.filter(agreement__program=program)
    budgets = Budget.objects.filter(_within(period), line__in=lines)
    expenses = Expense.objects.filter(line__in=lines, date__gte=period.start, date__lte=period.end)
    if workshops is not None:
        budgets = budgets.filter(workshop__in=workshops)
        expenses = expenses.filter(workshop__in=workshops)
    budget = _sums(budgets, "line")
    carried = _sums(budgets.filter(carried_from__isnull=False), "line")
    outcome = _sums(expenses, "line")
    return [
        LineFigures(
            line=line,
            budget=budget.get(line.pk, ZERO),
            carried_in=carried.get(line.pk, ZERO),
            outcome=outcome.get(line.pk, ZERO),
        )
        for line in lines.order_by("agreement__start", "agreement_id", "position", "pk")
    ]


def _row(budget: Decimal, outcome: Decimal, **extra: Any) -> dict[str, Any]:
    deviation = budget - outcome
    return {
        **extra,
        "budget": budget,
        "outcome": outcome,
        "deviation": deviation,
        "deviation_percent": percent(deviation, budget),
    }


def _by_category(rows: list[LineFigures], expenses: QuerySet[Expense]) -> list[dict[str, Any]]:
    """Budget by the lines' category; outcome by each expense's own category."""
    budget: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        budget[row.line.cost_category] += row.budget
    outcome = _sums(expenses, "cost_category")
    return [
        _row(budget[value], outcome.get(value, ZERO), key=value, label=str(label))
        for value, label in CostCategory.choices
        if budget[value] or outcome.get(value)
    ]


def contribution_summary(program: Program, period: Period | None = None) -> dict[str, Any]:
    """Partners' contributions (all, or those of periods within `period`) and their value."""
    contributions = Contribution.objects.filter(agreement__program=program)
    if period is not None:
        contributions = contributions.filter(_within(period))
    contributions = contributions.select_related("partner").order_by(
        "-period_start", "partner__name", "pk"
    )
    rows = [
        {
            "partner": c.partner.name,
            "sector": c.partner.sector,
            "kind": c.kind,
            "kind_label": str(c.get_kind_display()),
            "period": c.period,
            "description": c.description,
            "hours": c.hours,
            "hourly_value": c.hourly_value,
            "value": c.value,
        }
        for c in contributions
    ]
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        by_kind[row["kind"]] += row["value"]
    return {
        "rows": rows,
        "by_kind": [
            {"kind": value, "label": str(label), "value": by_kind[value]}
            for value, label in Contribution.Kind.choices
            if value in by_kind
        ],
        "total": sum(by_kind.values(), ZERO),
    }


def _surplus(program: Program, period: Period, surplus: Decimal) -> dict[str, Any]:
    closes = list(
        PeriodClose.objects.filter(_within(period), agreement__program=program)
        .select_related("decision__meeting__body")
        .order_by("period_start")
    )
    carried = sum((c.carried for c in closes), ZERO)
    return {
        "amount": surplus,
        "closed": bool(closes),
        "carried": carried,
        "repaid": sum((c.repaid for c in closes), ZERO),
        # A decided carry-over that differs from the computed surplus (positive: more).
        "carried_beyond_surplus": carried - surplus if closes and carried else ZERO,
        "handling": [
            {
                "period": c.period,
                "handling": c.handling,
                "handling_label": str(c.get_handling_display()),
                "carried": c.carried,
                "carried_to": c.carried_to,
                "repaid": c.repaid,
                "decision_reference": c.decision_reference,
                "decision_date": c.decision_date,
                "decision": _decision(c),
                "note": c.note,
            }
            for c in closes
        ],
    }


def _decision(close: PeriodClose) -> dict[str, Any] | None:
    """The linked steering-group decision: body, date and number (§)."""
    if close.decision is None:
        return None
    meeting = close.decision.meeting
    return {"body": meeting.body.name, "date": meeting.date, "number": close.decision.number}


def income_statement(program: Program, period: Period) -> dict[str, Any]:
    """The income statement ("Ekonomisk redovisning") of a program for a period.

    Keys: period; lines (per funding line: agreement, key, name, cost_category, cap,
    budget, carried_in, outcome, deviation, deviation_percent); categories (per cost
    category: key, label, budget, outcome, deviation, deviation_percent); total (budget,
    carried_in, outcome, deviation, deviation_percent); contributions (rows, by_kind,
    total); surplus (amount, closed, carried, repaid, carried_beyond_surplus, handling;
    each handling names its decision: the linked steering-group decision (body, date,
    number) or None, and the free-text decision_reference and decision_date).
    Money is Decimal kronor; format it with `jamlik.finance.formatting.format_sek`.
    """
    rows = line_figures(program=program, period=period)
    expenses = Expense.objects.filter(program=program, date__gte=period.start, date__lte=period.end)
    budget = sum((r.budget for r in rows), ZERO)
    outcome = sum((r.outcome for r in rows), ZERO)
    return {
        "period": period.as_dict(),
        "agreements": sorted({r.line.agreement.name for r in rows}),
        "lines": [
            _row(
                r.budget,
                r.outcome,
                agreement=r.line.agreement.name,
                key=r.line.key,
                name=r.line.name,
                cost_category=r.line.cost_category,
                cap=r.line.cap,
                carried_in=r.carried_in,
            )
            for r in rows
        ],
        "categories": _by_category(rows, expenses),
        "total": _row(budget, outcome, carried_in=sum((r.carried_in for r in rows), ZERO)),
        "contributions": contribution_summary(program, period),
        "surplus": _surplus(program, period, budget - outcome),
    }


# Workshops ----------------------------------------------------------------------------


@dataclass
class WorkshopFigures:
    workshop: Workshop
    budget: Decimal
    outcome: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.outcome

    @property
    def share(self) -> Decimal | None:
        return percent(self.outcome, self.budget)

    @property
    def bar_percent(self) -> int:
        return int(min(max(self.share or ZERO, ZERO), Decimal(100)))

    @property
    def level(self) -> str:
        if self.outcome > self.budget:
            return "over"
        if self.budget and self.outcome >= self.budget * WARNING_SHARE:
            return "warning"
        return "ok"


def workshop_figures(workshops: QuerySet[Workshop], period: Period) -> list[WorkshopFigures]:
    """Each workshop's budget part and its spending in the period."""
    budgets = _sums(Budget.objects.filter(_within(period), workshop__in=workshops), "workshop")
    spent = _sums(
        Expense.objects.filter(
            workshop__in=workshops, date__gte=period.start, date__lte=period.end
        ),
        "workshop",
    )
    return [
        WorkshopFigures(w, budgets.get(w.pk, ZERO), spent.get(w.pk, ZERO))
        for w in workshops.order_by("name")
    ]
