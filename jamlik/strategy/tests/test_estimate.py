from datetime import date
from decimal import Decimal

import pytest

from jamlik.finance.models import Agreement, Expense, FundingLine
from jamlik.lib.periods import Period
from jamlik.partners.models import Partner
from jamlik.strategy import estimate
from jamlik.strategy.estimate import EstimateModelError, load_text
from jamlik.strategy.inputs import estimate_for

EXAMPLE = estimate.BUILTIN_DIR / "example.yaml"


def example():
    return load_text(EXAMPLE.read_text(), source=str(EXAMPLE))


INPUTS = {
    "participants_total": 200,
    "recurring_participants": 50,
    "improved_share": 0.4,
    "cost_total": 500_000,
}


def test_the_example_model_matches_a_hand_calculation():
    model = example()
    assert model.example and model.ref == "example@2026-1"
    results = {r.key: r for r in estimate.run(model, INPUTS)}
    # 500 000 kr over 200 participants and 50 recurring ones.
    assert results["cost_per_participant"].value == 2500
    assert results["cost_per_recurring"].value == 10_000
    # 50 recurring × 0.4 improved beyond the MID = 20 improved: 500 000 / 20.
    assert results["cost_per_improved"].value == 25_000
    # 20 × 0.5 × (1.5 visits × 1 800 kr + 2 sick days × 2 400 kr) = 20 × 3 750.
    avoided = results["avoided_costs"]
    assert avoided.value == 75_000
    # The ranges bound the interval: every factor at its low end, then at its high end.
    assert (
        20 * 0.2 * (0.5 * 1200)
        < avoided.low
        < 75_000
        < avoided.high
        < 20 * 0.8 * (3 * 2600 + 5 * 3200)
    )
    chain = {step.name: step for step in avoided.chain}
    assert chain["improved_participants"].value == 20
    assert chain["avoided_per_improved"].value == 3750
    assert chain["gp_visit_cost"].source == "Invented for the example"
    assert "cost_total" not in chain  # not used by this output


def test_the_interval_is_reproducible_and_fixed_outputs_have_none_of_their_own():
    model = example()
    first = {r.key: (r.low, r.high) for r in estimate.run(model, INPUTS)}
    again = {r.key: (r.low, r.high) for r in estimate.run(model, INPUTS)}
    assert first == again
    assert first["cost_per_participant"] == (2500, 2500)


def test_a_division_by_zero_gives_no_value():
    results = {r.key: r for r in estimate.run(example(), {**INPUTS, "improved_share": 0})}
    assert results["cost_per_improved"].value is None
    assert results["avoided_costs"].value == 0


GOOD = """\
key: tiny
version: "1"
title: {en: Tiny}
parameters:
  price:
    value: 10
    range: [5, 20]
    unit: SEK
    source: A study
    date: 2025-01-01
inputs:
  - participants_total
formulas:
  total: price * participants_total
outputs:
  - key: total
"""


def test_a_valid_file_loads():
    model = load_text(GOOD, source="tiny.yaml")
    assert model.order == ("total",)
    assert [r.value for r in estimate.run(model, {"participants_total": 3})] == [30]


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "  - participants_total",
            "  - participants_total\n  - bank_balance",
            "tiny.yaml:13: unknown input 'bank_balance'",
        ),
        ("    source: A study\n", "", "tiny.yaml:5: parameter price has no source"),
        (
            "price * participants_total",
            "price.real",
            "tiny.yaml:14: formula total: attribute access",
        ),
        (
            "price * participants_total",
            "__import__('os')",
            "tiny.yaml:14: formula total: only these functions",
        ),
        ("price * participants_total", "eval('1')", "only these functions may be called"),
        ("price * participants_total", "price * other", "formula total uses unknown other"),
        ("range: [5, 20]", "range: [11, 20]", "tiny.yaml:7: parameter price: range must be"),
        (
            "  total: price * participants_total",
            "  total: price * loop_a\n  loop_a: loop_b + 1\n  loop_b: total / 2",
            "circular formula: total → loop_a → loop_b → total",
        ),
    ],
)
def test_a_wrong_file_is_refused_with_file_and_line(old, new, says):
    with pytest.raises(EstimateModelError) as refused:
        load_text(GOOD.replace(old, new), source="/some/where/tiny.yaml")
    assert says in str(refused.value)


def test_the_check_command_lists_the_shipped_model(capsys):
    from django.core.management import call_command

    call_command("check_estimates")
    assert "example@2026-1" in capsys.readouterr().out


def test_the_inputs_come_from_the_figures_and_the_finance(world):
    # world: one held activity per workshop with one participant each.
    period = Period.parse("2024")
    payer = Partner.objects.create(name="Kommunen", sector="public")
    agreement = Agreement.objects.create(
        program=world.program,
        key="iop",
        name="IOP",
        payer=payer,
        payment_recipient=payer,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    )
    line = FundingLine.objects.create(
        agreement=agreement, key="lon", name="Lön", cost_category="salaries", cap=Decimal(9999)
    )
    Expense.objects.create(
        program=world.program,
        line=line,
        date=date(2024, 3, 1),
        amount=Decimal("1000.00"),
        cost_category="salaries",
        voucher="V1",
    )
    run = estimate_for(program=world.program, period=period, model=example())
    assert run["inputs"]["participants_total"] == 2
    assert run["inputs"]["cost_total"] == 1000
    results = {r["key"]: r for r in run["results"]}
    assert results["cost_per_participant"]["value"] == 500
