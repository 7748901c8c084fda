"""Synthetic finance for the demo program: the IOP agreement of seed 001 and the
2023H2 outcome of seed 003, with invented parties and decision references.

The agreement runs 2023-07-01 – 2025-06-30 with the seed's four capped funding lines.
2023H2 has the seed's budget of 555 000 kr and outcome of 322 614 kr (vacancies kept
salaries low); the decided carry-over of 232 886 kr goes to 2024H1. That amount is the
source document's; the budget minus the outcome is 232 386 kr, so the close records the
decided amount and the 500 kr difference is visible in the income statement.
The later half-years spend 88–99 % of their budgets within the caps; 2024H1 and 2024H2
are closed with the rest repaid and 2025H1 is left open.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from jamlik.finance import services
from jamlik.finance.models import (
    AccountMapping,
    Agreement,
    Contribution,
    CostCategory,
    Expense,
    FundingLine,
    PeriodClose,
)
from jamlik.lib.periods import Period
from jamlik.partners.models import Partner, Partnership, Sector
from jamlik.people.models import HealthPromoter
from jamlik.programs.models import Program

AGREEMENT_KEY = "iop-2023-2025"
START, END = date(2023, 7, 1), date(2025, 6, 30)
D = Decimal

# key, name, category, cap, FTE cap
LINES = [
    ("halsoframjare", "Hälsofrämjare 275 %, lön", CostCategory.SALARIES, D(1485000), D(275)),
    ("samordning", "Samordning och utveckling 50 %", CostCategory.SALARIES, D(332544), D(50)),
    ("verksamhet", "Verksamhetskostnader", CostCategory.OPERATING, D(200000), None),
    ("oh", "OH-kostnader (IT, HR, ekonomistöd)", CostCategory.OVERHEAD, D(201754), None),
]
# Budgets per half-year and line; each line's four budgets sum to at most its cap.
BUDGETS = {
    "2023H2": {"halsoframjare": 371250, "samordning": 83136, "verksamhet": 50176, "oh": 50438},
    "2024H1": {"halsoframjare": 371250, "samordning": 83136, "verksamhet": 49941, "oh": 50439},
    "2024H2": {"halsoframjare": 371250, "samordning": 83136, "verksamhet": 49941, "oh": 50439},
    "2025H1": {"halsoframjare": 371250, "samordning": 83136, "verksamhet": 49942, "oh": 50438},
}
# Seed 003: outcome 322 614 kr of 555 000 kr, salaries low because of vacancies.
OUTCOME_2023H2 = {"halsoframjare": 196380, "samordning": 76020, "verksamhet": 21776, "oh": 28438}
CARRIED_2023H2 = D(232886)
# Share of the operating budget given to the workshops (the rest is program-wide).
WORKSHOP_SHARE = D("0.6")
WORKSHOP_SHARE_SPENT = 0.55

CONDITIONS = (
    "Medlen används under den period beslutet avser; medel som inte används återbetalas "
    "till kommunstyrelsen om inte ett beslut medger att de förs över. Samma insats får inte "
    "finansieras två gånger. Mottagaren lämnar en årlig verksamhets- och ekonomisk "
    "redovisning med detaljerad resultaträkning till styrgruppen senast 1 februari, och "
    "för första halvåret senast 1 oktober."
)
# Invented parties, used when the program has no IOP parties of its own.
FALLBACK_PARTIES = [
    ("Exempelstadens kommunstyrelse", Sector.PUBLIC),
    ("Föreningen Ängsbarnen", Sector.NONPROFIT),
    ("Exempelstads universitet", Sector.ACADEMIA),
]
OPERATING_TEXTS = [
    "Material till hälsocirkel",
    "Fika vid områdesdag",
    "Arvode cirkelledare",
    "Lokalhyra, träningshall",
    "Tryck av inbjudningar",
    "Frukt och vatten, utegym",
]


@dataclass
class FinanceSeedResult:
    agreement: Agreement
    expenses: int
    closes: int


def delete_finance_data(*, program: Program) -> None:
    """Delete the program's finance records (call before deleting workshops or promoters)."""
    Expense.objects.filter(program=program).delete()
    AccountMapping.objects.filter(program=program).delete()
    Agreement.objects.filter(program=program).delete()


def seed_finance(program: Program, rng: random.Random) -> FinanceSeedResult:
    """Replace the program's finance with the synthetic agreement, budgets, expenses,
    FTE allocations, contributions and period closes. Deterministic for a given rng."""
    with transaction.atomic():
        delete_finance_data(program=program)
        parties = _parties(program)
        agreement = Agreement.objects.create(
            program=program,
            key=AGREEMENT_KEY,
            name="IOP Jämlik hälsa 2023–2025",
            case_number="KS-2023-0412",
            payer=parties["payer"],
            payment_recipient=parties["recipient"],
            start=START,
            end=END,
            conditions=CONDITIONS,
        )
        agreement.parties.set(parties["all"])
        lines = {
            key: FundingLine.objects.create(
                agreement=agreement,
                key=key,
                name=name,
                cost_category=category,
                cap=cap,
                fte_cap_percent=fte,
                position=position,
            )
            for position, (key, name, category, cap, fte) in enumerate(LINES)
        }
        workshops = list(program.workshops.order_by("name"))
        for label, amounts in BUDGETS.items():
            _budgets(Period.parse(label), lines, amounts, workshops)
        expenses = _expenses(rng, Period.parse("2023H2"), lines, OUTCOME_2023H2, workshops)
        services.close_period(
            user=None,
            agreement=agreement,
            period=Period.parse("2023H2"),
            handling=PeriodClose.Handling.CARRY_OVER,
            carried=CARRIED_2023H2,
            decision_reference="Stadskontoret och Föreningen Ängsbarnen, dnr KS-2024-0093",
            decision_date=date(2024, 3, 12),
            note=(
                "Överskottet får användas som utökning av befintliga budgetposter 2024 för att "
                "komma i kapp med uppstarten av den nya hälsoverkstaden. Beslutat belopp "
                "enligt beslutet; det skiljer sig från budget minus utfall."
            ),
        )
        closes = 1
        for label in ("2024H1", "2024H2", "2025H1"):
            period = Period.parse(label)
            outcome = _later_outcome(rng, agreement, period, lines)
            expenses += _expenses(rng, period, lines, outcome, workshops)
            if label != "2025H1":
                services.close_period(
                    user=None,
                    agreement=agreement,
                    period=period,
                    handling=PeriodClose.Handling.REPAY,
                )
                closes += 1
        _fte(lines["halsoframjare"], program)
        _contributions(rng, agreement, parties)
        return FinanceSeedResult(agreement=agreement, expenses=expenses, closes=closes)


def _parties(program: Program) -> dict:
    iop = list(
        Partnership.objects.filter(program=program, role=Partnership.Role.IOP_PARTY)
        .select_related("partner")
        .order_by("partner__name")
    )
    partners = [p.partner for p in iop]
    by_sector = {}
    for partner in partners:
        by_sector.setdefault(partner.sector, partner)
    if Sector.PUBLIC not in by_sector or Sector.NONPROFIT not in by_sector:
        for name, sector in FALLBACK_PARTIES:
            partner, _ = Partner.objects.get_or_create(name=name, defaults={"sector": sector})
            Partnership.objects.get_or_create(
                program=program, partner=partner, defaults={"role": Partnership.Role.IOP_PARTY}
            )
            partners.append(partner)
            by_sector.setdefault(sector, partner)
    public = [p for p in partners if p.sector == Sector.PUBLIC]
    # The city's central office pays, if there is one among the parties.
    payer = next((p for p in public if "stadskontor" in p.name.lower()), public[0])
    return {
        "all": partners,
        "payer": payer,
        "recipient": by_sector[Sector.NONPROFIT],
        "by_sector": by_sector,
    }


def _budgets(period: Period, lines: dict, amounts: dict, workshops: list) -> None:
    for key, amount in amounts.items():
        line, amount = lines[key], D(amount)
        if line.cost_category == CostCategory.OPERATING and workshops:
            part = (amount * WORKSHOP_SHARE / len(workshops)).quantize(D(1))
            for workshop in workshops:
                services.set_budget(
                    user=None, line=line, period=period, amount=part, workshop=workshop
                )
            amount -= part * len(workshops)
        services.set_budget(user=None, line=line, period=period, amount=amount)


def _later_outcome(rng: random.Random, agreement: Agreement, period: Period, lines: dict) -> dict:
    """88–99 % of each line's budget (carried amounts included), within its cap."""
    from jamlik.finance.figures import line_figures

    outcome = {}
    for row in line_figures(agreement=agreement, period=period):
        left = row.line.cap - services.spent_on(row.line)
        wanted = (row.budget * D(str(round(rng.uniform(0.88, 0.99), 3)))).quantize(D(1))
        outcome[row.line.key] = max(min(wanted, left), D(0))
    return outcome


def _split(rng: random.Random, total: D, parts: int) -> list[D]:
    """`parts` whole-krona amounts of about equal size that sum exactly to total."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = sum(weights)
    amounts = [(total * D(str(w / scale))).quantize(D(1)) for w in weights[:-1]]
    return [*amounts, total - sum(amounts, D(0))]


def _expenses(
    rng: random.Random, period: Period, lines: dict, outcome: dict, workshops: list
) -> int:
    """Monthly salary and overhead vouchers, and operating purchases, per line."""
    count = 0
    series = {CostCategory.SALARIES: "L", CostCategory.OPERATING: "A", CostCategory.OVERHEAD: "O"}
    months = [date(period.start.year, period.start.month + i, 25) for i in range(6)]
    for key, total in outcome.items():
        line = lines[key]
        if not total:
            continue
        if line.cost_category == CostCategory.OPERATING:
            days = sorted(
                period.start + timedelta(days=rng.randrange((period.end - period.start).days))
                for _ in range(rng.randint(14, 22))
            )
        else:
            days = months
        for number, (day, amount) in enumerate(
            zip(days, _split(rng, total, len(days)), strict=True), 1
        ):
            # About the workshops' share of the operating budget is spent in them.
            in_workshop = key == "verksamhet" and workshops and rng.random() < WORKSHOP_SHARE_SPENT
            workshop = rng.choice(workshops) if in_workshop else None
            text = (
                rng.choice(OPERATING_TEXTS)
                if line.cost_category == CostCategory.OPERATING
                else f"{'Lön' if key != 'oh' else 'OH-kostnader'} {day:%Y-%m}"
            )
            services.add_expense(
                user=None,
                line=line,
                date=day,
                amount=amount,
                voucher=f"{series[line.cost_category]}{period.label}-{key[:3]}{number:03d}",
                description=text,
                workshop=workshop,
            )
            count += 1
    return count


def _fte(line: FundingLine, program: Program) -> None:
    """Promoters paid by the salaries line up to its FTE cap; one starts after a vacancy."""
    left = line.fte_cap_percent
    promoters = HealthPromoter.objects.filter(program=program).order_by("pk")
    for index, promoter in enumerate(promoters):
        percent = min(promoter.fte_percent, left)
        if percent <= 0:
            break
        start = START if index != 1 else date(2023, 10, 16)
        services.allocate_fte(
            user=None, line=line, promoter=promoter, percent=percent, start=start, end=END
        )
        left -= percent


def _contributions(rng: random.Random, agreement: Agreement, parties: dict) -> None:
    by_sector = parties["by_sector"]
    academia = by_sector.get(Sector.ACADEMIA)
    for period in agreement.half_years():
        services.add_contribution(
            user=None,
            agreement=agreement,
            partner=parties["payer"],
            period=period,
            kind=Contribution.Kind.OTHER,
            description="Lokaler i medborgarhuset och biblioteksfilialen",
            amount=D(60000),
        )
        services.add_contribution(
            user=None,
            agreement=agreement,
            partner=parties["recipient"],
            period=period,
            kind=Contribution.Kind.MONEY,
            description="Hälsofrämjartjänst 25 %",
            amount=D(rng.randrange(78000, 86000, 500)),
        )
        if academia is not None:
            services.add_contribution(
                user=None,
                agreement=agreement,
                partner=academia,
                period=period,
                kind=Contribution.Kind.HOURS,
                description="Forskningsansvarig 25 % och doktorand",
                hours=D(rng.randrange(600, 700, 10)),
                hourly_value=D(520),
            )
