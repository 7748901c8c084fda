import random
from datetime import date
from decimal import Decimal

import pytest

from jamlik.finance import services
from jamlik.finance.demo import seed_finance
from jamlik.finance.figures import cap_status, income_statement
from jamlik.finance.models import Contribution, FundingLine
from jamlik.lib.periods import Period

D = Decimal


@pytest.fixture
def seeded(world):
    return seed_finance(world.program, random.Random(1))


def test_income_statement_for_2023h2_shows_the_seed_s_figures_exactly(seeded, world):
    statement = income_statement(world.program, Period.parse("2023H2"))
    total = statement["total"]
    assert total["budget"] == D(555000)
    assert total["outcome"] == D(322614)
    assert total["deviation"] == D(232386)  # 555 000 − 322 614
    assert total["deviation_percent"] == D("41.9")
    assert total["carried_in"] == D(0)
    surplus = statement["surplus"]
    assert surplus["amount"] == D(232386)
    assert surplus["closed"] is True
    assert surplus["carried"] == D(232886)  # as the decision in seed 003 says
    assert surplus["carried_beyond_surplus"] == D(500)
    [handling] = surplus["handling"]
    assert handling["handling"] == "carry_over"
    assert handling["carried_to"] == "2024H1"
    assert handling["decision_date"] == date(2024, 3, 12)


def test_income_statement_splits_by_line_and_category(seeded, world):
    statement = income_statement(world.program, Period.parse("2023H2"))
    by_line = {r["key"]: (r["budget"], r["outcome"], r["deviation"]) for r in statement["lines"]}
    assert by_line == {
        "halsoframjare": (D(371250), D(196380), D(174870)),
        "samordning": (D(83136), D(76020), D(7116)),
        "verksamhet": (D(50176), D(21776), D(28400)),
        "oh": (D(50438), D(28438), D(22000)),
    }
    by_category = {r["key"]: (r["budget"], r["outcome"]) for r in statement["categories"]}
    assert by_category == {
        "salaries": (D(454386), D(272400)),
        "operating": (D(50176), D(21776)),
        "overhead": (D(50438), D(28438)),
    }
    assert sum(v[0] for v in by_category.values()) == D(555000)


def test_the_next_period_s_budget_includes_the_carried_amount(seeded, world):
    statement = income_statement(world.program, Period.parse("2024H1"))
    assert statement["total"]["carried_in"] == D(232886)
    assert statement["total"]["budget"] == D(554766) + D(232886)


def test_money_is_decimal_everywhere(seeded, world):
    statement = income_statement(world.program, Period.parse("2024"))

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert not isinstance(value, float)

    walk(statement)


def test_partners_contributions_are_valued(seeded, world):
    statement = income_statement(world.program, Period.parse("2023H2"))
    contributions = statement["contributions"]
    kinds = {row["kind"] for row in contributions["rows"]}
    assert kinds == {Contribution.Kind.OTHER, Contribution.Kind.MONEY, Contribution.Kind.HOURS}
    hours = next(r for r in contributions["rows"] if r["kind"] == "hours")
    assert hours["value"] == hours["hours"] * hours["hourly_value"]
    assert contributions["total"] == sum(r["value"] for r in contributions["rows"])


def test_the_demo_stays_within_every_cap_and_the_fte_cap(seeded):
    for status in cap_status(seeded.agreement):
        assert status.spent <= status.line.cap
    line = FundingLine.objects.get(agreement=seeded.agreement, key="halsoframjare")
    peak, _ = services.fte_peak(list(line.fte_allocations.all()))
    assert D(0) < peak <= line.fte_cap_percent


def test_the_demo_is_deterministic_and_replaces_itself(world):
    first = seed_finance(world.program, random.Random(5))
    amounts = sorted(first.agreement.lines.values_list("expenses__amount", flat=True))
    second = seed_finance(world.program, random.Random(5))
    assert sorted(second.agreement.lines.values_list("expenses__amount", flat=True)) == amounts
    assert world.program.agreements.count() == 1


def test_cap_status_levels(lines):
    line = lines["operating"]
    services.add_expense(
        user=None, line=line, date=date(2023, 8, 1), amount=D(180000), voucher="A1"
    )
    [status] = [s for s in cap_status(line.agreement) if s.line == line]
    assert (status.level, status.share, status.bar_percent) == ("warning", D("90.0"), 90)
