from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jamlik.finance import services
from jamlik.finance.models import Budget, Expense, PeriodClose
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent, HealthPromoter

D = Decimal


def book(line, amount, voucher, user=None, **extra):
    return services.add_expense(
        user=user,
        line=line,
        date=extra.pop("day", date(2023, 9, 1)),
        amount=D(amount),
        voucher=voucher,
        **extra,
    )


# Vouchers


def test_it_refuses_a_voucher_booked_against_another_line_naming_that_line(lines):
    book(lines["operating"], 1200, "A12")
    with pytest.raises(services.VoucherTaken) as refused:
        book(lines["overhead"], 1200, "A12")
    assert "“Verksamhet”" in refused.value.messages[0]
    assert "A12" in refused.value.messages[0]
    assert Expense.objects.count() == 1


def test_it_refuses_the_same_voucher_twice_on_one_line(lines):
    book(lines["operating"], 1200, "A12")
    with pytest.raises(services.VoucherTaken):
        book(lines["operating"], 300, " A12 ")
    assert Expense.objects.count() == 1


def test_the_database_refuses_a_voucher_on_two_lines(lines, world):
    from django.db import IntegrityError, transaction

    book(lines["operating"], 1200, "A12")
    with pytest.raises(IntegrityError), transaction.atomic():
        Expense.objects.create(
            program=world.program,
            line=lines["overhead"],
            date=date(2023, 9, 1),
            amount=D(1),
            cost_category="overhead",
            voucher="A12",
        )


# Caps


def test_it_refuses_spending_beyond_the_cap(lines):
    book(lines["operating"], 199000, "A1")
    with pytest.raises(services.CapExceeded) as refused:
        book(lines["operating"], 1001, "A2")
    assert "1\u00a0kr over" in refused.value.messages[0]
    assert not Expense.objects.filter(voucher="A2").exists()


def test_spending_up_to_the_cap_exactly_is_allowed(lines):
    book(lines["operating"], 199000, "A1")
    assert book(lines["operating"], 1000, "A2").expense.pk


def test_an_override_with_a_reason_is_booked_and_logged(lines, world):
    book(lines["operating"], 199000, "A1")
    booked = book(
        lines["operating"], 5000, "A2", user=world.leader, override_reason="Styrgruppen 4 mars"
    )
    assert booked.expense.over_cap_reason == "Styrgruppen 4 mars"
    event = AuditEvent.objects.get(object_type="expense", object_ref="A2")
    assert event.user == world.leader
    assert event.detail["over_cap"] is True
    assert event.detail["reason"] == "Styrgruppen 4 mars"


def test_it_warns_at_90_percent_of_the_cap(lines):
    assert book(lines["operating"], 179999, "A1").warning is None
    warning = book(lines["operating"], 1, "A2").warning
    assert "90,0\u00a0%" in warning


def test_it_refuses_a_date_outside_the_agreement(lines):
    with pytest.raises(ValidationError):
        book(lines["operating"], 100, "A1", day=date(2023, 6, 30))


def test_the_cost_category_defaults_to_the_line_s(lines):
    assert book(lines["operating"], 100, "A1").expense.cost_category == "operating"
    other = book(lines["operating"], 100, "A2", cost_category="salaries").expense
    assert other.cost_category == "salaries"


# FTE


def test_it_refuses_fte_beyond_the_line_s_cap(lines, world):
    program = world.program
    promoters = [HealthPromoter.objects.create(program=program, name=f"P{i}") for i in range(3)]
    line = lines["promoters"]  # at most 275 %
    services.allocate_fte(
        user=None,
        line=line,
        promoter=promoters[0],
        percent=D(100),
        start=date(2023, 7, 1),
        end=date(2023, 12, 31),
    )
    services.allocate_fte(
        user=None, line=line, promoter=promoters[1], percent=D(100), start=date(2023, 7, 1)
    )
    # From 2024 the first promoter's share is free again.
    services.allocate_fte(
        user=None, line=line, promoter=promoters[0], percent=D(100), start=date(2024, 1, 1)
    )
    with pytest.raises(services.FteCapExceeded) as refused:
        services.allocate_fte(
            user=None, line=line, promoter=promoters[2], percent=D(80), start=date(2024, 3, 1)
        )
    assert "2024-03-01" in refused.value.messages[0]
    services.allocate_fte(
        user=None, line=line, promoter=promoters[2], percent=D(75), start=date(2024, 3, 1)
    )


def test_it_refuses_funding_a_promoter_beyond_their_employment(lines, world):
    promoter = HealthPromoter.objects.create(program=world.program, name="P", fte_percent=50)
    with pytest.raises(services.FteCapExceeded):
        services.allocate_fte(
            user=None,
            line=lines["promoters"],
            promoter=promoter,
            percent=D(60),
            start=date(2023, 7, 1),
        )


def test_only_salary_lines_pay_fte(lines, world):
    promoter = HealthPromoter.objects.create(program=world.program, name="P")
    with pytest.raises(ValidationError):
        services.allocate_fte(
            user=None,
            line=lines["operating"],
            promoter=promoter,
            percent=D(10),
            start=date(2023, 7, 1),
        )


# Period end


def test_allocate_carry_over_sums_exactly_and_never_goes_negative():
    shares = services.allocate_carry_over(
        surplus_by_line={1: D(100), 2: D(-30), 3: D(20)}, amount=D(90)
    )
    assert shares == {1: D(70), 3: D(20)}
    assert services.allocate_carry_over(surplus_by_line={1: D(100), 2: D(50)}, amount=D(151)) == {
        1: D(101),
        2: D(50),
    }


def test_a_carry_over_adds_to_the_next_period_s_budget(lines, world):
    h2 = Period.parse("2023H2")
    services.set_budget(user=None, line=lines["operating"], period=h2, amount=D(1000))
    services.set_budget(user=None, line=lines["overhead"], period=h2, amount=D(500))
    book(lines["operating"], 400, "A1")
    close = services.close_period(
        user=world.leader,
        agreement=lines["operating"].agreement,
        period=h2,
        handling=PeriodClose.Handling.CARRY_OVER,
        decision_reference="Styrgruppen § 4",
    )
    assert (close.budget, close.outcome, close.carried, close.repaid) == (
        D(1500),
        D(400),
        D(1100),
        D(0),
    )
    carried = Budget.objects.filter(carried_from=close, period="2024H1")
    assert {b.line.key: b.amount for b in carried} == {"operating": D(600), "overhead": D(500)}
    assert AuditEvent.objects.filter(object_type="period_close", user=world.leader).exists()


def test_a_carry_over_needs_a_decision(lines):
    h2 = Period.parse("2023H2")
    services.set_budget(user=None, line=lines["operating"], period=h2, amount=D(1000))
    with pytest.raises(ValidationError):
        services.close_period(
            user=None,
            agreement=lines["operating"].agreement,
            period=h2,
            handling=PeriodClose.Handling.CARRY_OVER,
        )


def test_repayment_repays_the_surplus_and_a_period_closes_once(lines):
    h2 = Period.parse("2023H2")
    services.set_budget(user=None, line=lines["operating"], period=h2, amount=D(1000))
    book(lines["operating"], 250.5, "A1")
    agreement = lines["operating"].agreement
    close = services.close_period(
        user=None, agreement=agreement, period=h2, handling=PeriodClose.Handling.REPAY
    )
    assert close.repaid == D("749.50")
    with pytest.raises(ValidationError):
        services.close_period(
            user=None, agreement=agreement, period=h2, handling=PeriodClose.Handling.REPAY
        )


def test_a_workshop_budget_is_part_of_the_line_s_budget(lines, world):
    h2 = Period.parse("2023H2")
    line = lines["operating"]
    services.set_budget(user=None, line=line, period=h2, amount=D(1000))
    services.set_budget(user=None, line=line, period=h2, amount=D(300), workshop=world.workshop_a)
    services.set_budget(user=None, line=line, period=h2, amount=D(400), workshop=world.workshop_a)
    assert sorted(b.amount for b in Budget.objects.filter(line=line)) == [D(400), D(1000)]
