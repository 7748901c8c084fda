"""Writes in finance, each with its rule checked and its audit row written in the same
transaction: expenses (one line per voucher, caps), budgets, FTE allocations, partners'
contributions, period closes with carry-over, and the account-to-line mapping.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from jamlik.finance.formatting import format_percent, format_sek
from jamlik.finance.models import (
    WARNING_SHARE,
    AccountMapping,
    Agreement,
    Budget,
    Contribution,
    CostCategory,
    Expense,
    FteAllocation,
    FundingLine,
    PeriodClose,
)
from jamlik.governance.models import Decision
from jamlik.governance.reports import is_steering_decision
from jamlik.lib.periods import Period
from jamlik.people import audit
from jamlik.people.models import HealthPromoter
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

ZERO = Decimal(0)


class VoucherTaken(ValidationError):
    """The voucher is already booked in the program (on this or another line)."""


class CapExceeded(ValidationError):
    """The expense would take the line beyond its cap and no reason was given."""


class FteCapExceeded(ValidationError):
    """The allocation would take a line beyond its FTE cap or a promoter beyond 100 %."""


def _money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


# Expenses ---------------------------------------------------------------------------


def spent_on(line: FundingLine) -> Decimal:
    return line.expenses.aggregate(total=Sum("amount"))["total"] or ZERO


def voucher_problem(*, program: Program, voucher: str, line: FundingLine) -> str | None:
    """Why the voucher cannot be booked on the line, or None if it can."""
    other = (
        Expense.objects.select_related("line")
        .filter(program=program, voucher=voucher.strip())
        .first()
    )
    if other is None:
        return None
    if other.line_id != line.pk:
        return _(
            "Voucher %(voucher)s is already booked against the funding line “%(line)s” "
            "(%(date)s, %(amount)s); the same cost cannot be funded twice."
        ) % {
            "voucher": other.voucher,
            "line": other.line.name,
            "date": other.date.isoformat(),
            "amount": format_sek(other.amount),
        }
    return _("Voucher %(voucher)s is already booked on this line (%(date)s, %(amount)s).") % {
        "voucher": other.voucher,
        "date": other.date.isoformat(),
        "amount": format_sek(other.amount),
    }


def cap_problem(*, line: FundingLine, spent: Decimal, amount: Decimal) -> str | None:
    """Why adding the amount breaks the line's cap, or None if it stays within it."""
    after = spent + amount
    if amount <= 0 or after <= line.cap:
        return None
    return _(
        "The funding line “%(line)s” would reach %(after)s of its cap of %(cap)s "
        "(%(over)s over). Give a reason to book it anyway."
    ) % {
        "line": line.name,
        "after": format_sek(after),
        "cap": format_sek(line.cap),
        "over": format_sek(after - line.cap),
    }


def cap_warning(*, line: FundingLine, spent: Decimal) -> str | None:
    if line.cap <= 0 or spent < line.cap * WARNING_SHARE:
        return None
    return _(
        "The funding line “%(line)s” has used %(share)s of its cap (%(spent)s of %(cap)s)."
    ) % {
        "line": line.name,
        "share": format_percent(spent * 100 / line.cap),
        "spent": format_sek(spent),
        "cap": format_sek(line.cap),
    }


@dataclass
class Booked:
    expense: Expense
    warning: str | None


@transaction.atomic
def add_expense(
    *,
    user: Any,
    line: FundingLine,
    date: date,
    amount: Decimal,
    voucher: str,
    description: str = "",
    workshop: Workshop | None = None,
    cost_category: str = "",
    override_reason: str = "",
) -> Booked:
    """Books an expense on exactly one funding line of the program.

    Refused (ValidationError) when the voucher is already booked, when the date is
    outside the agreement, or when it would exceed the cap without an override reason.
    """
    agreement = line.agreement
    program = agreement.program
    amount = _money(amount)
    if amount == 0:
        raise ValidationError(_("The amount cannot be zero."), code="zero")
    if not agreement.covers(date):
        raise ValidationError(
            _("%(date)s is outside the agreement's period (%(start)s – %(end)s).")
            % {"date": date.isoformat(), "start": agreement.start, "end": agreement.end},
            code="date",
        )
    if workshop is not None and workshop.program_id != program.pk:
        raise ValidationError(_("The workshop is not in this program."), code="workshop")
    # Lock the line so that two concurrent bookings cannot both pass the cap check.
    FundingLine.objects.select_for_update().filter(pk=line.pk).first()
    if problem := voucher_problem(program=program, voucher=voucher, line=line):
        raise VoucherTaken(problem, code="voucher")
    spent = spent_on(line)
    override_reason = override_reason.strip()
    over = cap_problem(line=line, spent=spent, amount=amount)
    if over and not override_reason:
        raise CapExceeded(over, code="cap")
    try:
        with transaction.atomic():
            expense = Expense.objects.create(
                program=program,
                line=line,
                date=date,
                amount=amount,
                cost_category=cost_category or line.cost_category,
                workshop=workshop,
                description=description.strip(),
                voucher=voucher.strip(),
                over_cap_reason=override_reason if over else "",
                created_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:
        raise VoucherTaken(
            voucher_problem(program=program, voucher=voucher, line=line) or "", code="voucher"
        ) from None
    detail = {"line": line.key, "amount": str(amount), "date": date.isoformat()}
    if over:
        detail.update(over_cap=True, reason=override_reason, cap=str(line.cap))
    audit.record(
        user=user,
        program=program,
        action="create",
        object_type="expense",
        object_ref=expense.voucher,
        detail=detail,
    )
    return Booked(expense, cap_warning(line=line, spent=spent + amount))


# Budgets ----------------------------------------------------------------------------


@transaction.atomic
def set_budget(
    *,
    user: Any,
    line: FundingLine,
    period: Period,
    amount: Decimal,
    workshop: Workshop | None = None,
) -> Budget:
    """Sets the line's budget for a period (or the workshop's part of it)."""
    program = line.agreement.program
    if workshop is not None and workshop.program_id != program.pk:
        raise ValidationError(_("The workshop is not in this program."), code="workshop")
    if period.end < line.agreement.start or period.start > line.agreement.end:
        raise ValidationError(_("The period is outside the agreement."), code="period")
    budget = Budget.objects.filter(
        line=line,
        period_start=period.start,
        period_end=period.end,
        workshop=workshop,
        carried_from__isnull=True,
    ).first() or Budget(line=line, workshop=workshop)
    before = None if budget.pk is None else str(budget.amount)
    budget.set_period(period)
    budget.amount = _money(amount)
    budget.save()
    audit.record(
        user=user,
        program=program,
        action="update" if before is not None else "create",
        object_type="budget",
        object_ref=f"{line.key} {period.label}",
        detail={
            "workshop": workshop.key if workshop else None,
            "amount": str(budget.amount),
            "before": before,
        },
    )
    return budget


# FTE --------------------------------------------------------------------------------


def fte_peak(allocations: list[FteAllocation]) -> tuple[Decimal, date | None]:
    """The largest sum of percentages active on one day, and the first such day.

    The sum only rises where an allocation starts, so the starts are the days to check.
    """
    peak, peak_day = ZERO, None
    for day in sorted({a.start for a in allocations}):
        total = sum((a.percent for a in allocations if a.active_on(day)), ZERO)
        if total > peak:
            peak, peak_day = total, day
    return peak, peak_day


@transaction.atomic
def allocate_fte(
    *,
    user: Any,
    line: FundingLine,
    promoter: HealthPromoter,
    percent: Decimal,
    start: date,
    end: date | None = None,
) -> FteAllocation:
    """Lets a salaries line pay part of a promoter's salary, within both FTE limits:
    the line's FTE cap and the promoter's own employment (fte_percent)."""
    program = line.agreement.program
    if line.cost_category != CostCategory.SALARIES or line.fte_cap_percent is None:
        raise ValidationError(_("Only a salaries line with an FTE cap pays FTE."), code="line")
    if promoter.program_id != program.pk:
        raise ValidationError(_("The health promoter is not in this program."), code="promoter")
    FundingLine.objects.select_for_update().filter(pk=line.pk).first()
    allocation = FteAllocation(line=line, promoter=promoter, percent=percent, start=start, end=end)
    allocation.full_clean(exclude=["line", "promoter"])
    on_line = [*line.fte_allocations.all(), allocation]
    peak, day = fte_peak(on_line)
    if peak > line.fte_cap_percent:
        raise FteCapExceeded(
            _("From %(day)s the line “%(line)s” would pay %(peak)s FTE; its cap is %(cap)s.")
            % {
                "day": day.isoformat(),
                "line": line.name,
                "peak": format_percent(peak),
                "cap": format_percent(line.fte_cap_percent),
            },
            code="fte_cap",
        )
    for_promoter = [*promoter.fte_allocations.all(), allocation]
    peak, day = fte_peak(for_promoter)
    if peak > promoter.fte_percent:
        raise FteCapExceeded(
            _("From %(day)s %(name)s would be funded for %(peak)s; they are employed for %(fte)s.")
            % {
                "day": day.isoformat(),
                "name": promoter.name,
                "peak": format_percent(peak),
                "fte": format_percent(promoter.fte_percent),
            },
            code="promoter_fte",
        )
    allocation.save()
    audit.record(
        user=user,
        program=program,
        action="create",
        object_type="fte_allocation",
        object_ref=f"{line.key} {promoter.pk}",
        detail={
            "percent": str(percent),
            "start": start.isoformat(),
            "end": end and end.isoformat(),
        },
    )
    return allocation


# Partners' contributions --------------------------------------------------------------


@transaction.atomic
def add_contribution(
    *,
    user: Any,
    agreement: Agreement,
    partner,
    period: Period,
    kind: str,
    description: str,
    amount: Decimal | None = None,
    hours: Decimal | None = None,
    hourly_value: Decimal | None = None,
) -> Contribution:
    if kind == Contribution.Kind.HOURS:
        if not hours or hourly_value is None:
            raise ValidationError(_("Working hours need the hours and an hourly value."))
        amount = None
    else:
        if amount is None:
            raise ValidationError(_("Give the value of the contribution."))
        hours = hourly_value = None
    contribution = Contribution(
        agreement=agreement,
        partner=partner,
        kind=kind,
        description=description.strip(),
        amount=None if amount is None else _money(amount),
        hours=hours,
        hourly_value=hourly_value,
    )
    contribution.set_period(period)
    contribution.save()
    audit.record(
        user=user,
        program=agreement.program,
        action="create",
        object_type="contribution",
        object_ref=str(contribution.pk),
        detail={"partner": partner.name, "kind": kind, "value": str(contribution.value)},
    )
    return contribution


# Period end -------------------------------------------------------------------------


def allocate_carry_over(
    *, surplus_by_line: dict[int, Decimal], amount: Decimal
) -> dict[int, Decimal]:
    """How a carried amount extends the lines' budgets: each line keeps its own unspent
    part, and any difference (an overspent line, or a decided amount that differs from
    the surplus) falls on the line with the largest unspent part. Sums exactly to amount."""
    shares = {pk: max(value, ZERO) for pk, value in surplus_by_line.items()}
    if not shares:
        return {}
    difference = amount - sum(shares.values(), ZERO)
    # Take from the largest unspent parts first so that no share goes below zero.
    for pk in sorted(shares, key=lambda pk: (-shares[pk], pk)):
        if difference >= 0:
            shares[pk] += difference
            difference = ZERO
            break
        taken = min(shares[pk], -difference)
        shares[pk] -= taken
        difference += taken
    return {pk: value for pk, value in shares.items() if value != 0}


@transaction.atomic
def close_period(
    *,
    user: Any,
    agreement: Agreement,
    period: Period,
    handling: str,
    carried: Decimal | None = None,
    carried_to: Period | None = None,
    decision: Decision | None = None,
    decision_reference: str = "",
    decision_date: date | None = None,
    note: str = "",
) -> PeriodClose:
    """Closes a period: budget vs outcome, and the surplus repaid or carried over.

    A carry-over needs a decision, the program's steering group's (`decision`) or one
    taken elsewhere (`decision_reference`), and a later period of the agreement; the
    carried amount (by default the surplus) is added to that period's budget line by line.
    A decided amount that differs from the computed surplus is kept as decided and the
    difference is written into the note and the audit log.
    """
    from jamlik.finance.figures import line_figures

    if PeriodClose.objects.filter(
        agreement=agreement, period_start=period.start, period_end=period.end
    ).exists():
        raise ValidationError(
            _("The period %(period)s is already closed.") % {"period": period.label}
        )
    if decision is not None and not is_steering_decision(decision, agreement.program):
        raise ValidationError(
            _("Only a decision of this program's steering group can be linked."), code="decision"
        )
    rows = line_figures(agreement=agreement, period=period)
    budget = sum((r.budget for r in rows), ZERO)
    outcome = sum((r.outcome for r in rows), ZERO)
    surplus = budget - outcome
    close = PeriodClose(
        agreement=agreement,
        budget=budget,
        outcome=outcome,
        handling=handling,
        decision=decision,
        decision_reference=decision_reference.strip(),
        decision_date=decision_date,
        note=note.strip(),
        closed_by=user if user is not None and user.is_authenticated else None,
    )
    close.set_period(period)
    detail: dict[str, Any] = {"budget": str(budget), "outcome": str(outcome)}
    if handling == PeriodClose.Handling.CARRY_OVER:
        carried = _money(surplus if carried is None else carried)
        if carried <= 0:
            raise ValidationError(_("There is nothing to carry over."), code="carried")
        if decision is None and not close.decision_reference:
            raise ValidationError(
                _("A carry-over needs the decision that allows it."), code="decision"
            )
        carried_to = carried_to or period.following()
        if carried_to.start <= period.end or carried_to.start > agreement.end:
            raise ValidationError(
                _("Carry over to a later period of the agreement."), code="carried_to"
            )
        close.carried, close.carried_to = carried, carried_to.label
        close.repaid = max(surplus - carried, ZERO)
        if carried != surplus:
            detail["differs_from_surplus"] = str(carried - surplus)
    elif handling == PeriodClose.Handling.REPAY:
        close.repaid = max(surplus, ZERO)
    close.full_clean(exclude=["agreement", "closed_by"])
    close.save()
    if close.carried:
        shares = allocate_carry_over(
            surplus_by_line={r.line.pk: r.budget - r.outcome for r in rows}, amount=close.carried
        )
        for line_pk, share in shares.items():
            row = Budget(line_id=line_pk, amount=share, carried_from=close)
            row.set_period(carried_to)
            row.save()
    detail.update(
        handling=handling,
        carried=str(close.carried),
        repaid=str(close.repaid),
        decision=decision.pk if decision else None,
    )
    audit.record(
        user=user,
        program=agreement.program,
        action="create",
        object_type="period_close",
        object_ref=f"{agreement.key} {period.label}",
        detail=detail,
    )
    return close


# Account mapping --------------------------------------------------------------------


@transaction.atomic
def map_accounts(
    *,
    user: Any,
    program: Program,
    mapping: dict[str, FundingLine | None],
    names: dict[str, str] | None = None,
) -> int:
    """Remembers which funding line each account is charged to (None: not charged)."""
    names = names or {}
    for account, line in mapping.items():
        if line is not None and line.agreement.program_id != program.pk:
            raise ValidationError(_("The funding line is not in this program."))
        row, _created = AccountMapping.objects.update_or_create(
            program=program,
            account=account,
            defaults={
                "line": line,
                **({"account_name": names[account]} if account in names else {}),
            },
        )
    if mapping:
        audit.record(
            user=user,
            program=program,
            action="update",
            object_type="account_mapping",
            detail={account: (line.key if line else None) for account, line in mapping.items()},
        )
    return len(mapping)
