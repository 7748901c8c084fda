"""Objects the people tests share: a hub decision and partners' commitments."""

from datetime import date

from jamlik.governance.models import Body, Decision, Meeting
from jamlik.partners.models import Commitment, Partner, Partnership


def hub_decision(program, number: int = 1) -> Decision:
    body, _ = Body.objects.get_or_create(
        program=program, key="hub", defaults={"name": "Hubben", "kind": "hub"}
    )
    meeting, _ = Meeting.objects.get_or_create(
        body=body, key="m1", defaults={"date": date(2024, 2, 1)}
    )
    return Decision.objects.create(
        meeting=meeting, number=number, text="Anställ", initiated_by="strategic"
    )


def commitment(program, kind: str, *, name: str = "Föreningen", fte=None) -> Commitment:
    partner, _ = Partner.objects.get_or_create(name=name, defaults={"sector": "nonprofit"})
    partnership, _ = Partnership.objects.get_or_create(program=program, partner=partner)
    return Commitment.objects.create(partnership=partnership, kind=kind, fte_percent=fte)


def salaries_line(program, *, fte_cap: int = 100):
    """An agreement with one salaries line capped at `fte_cap` % FTE."""
    from decimal import Decimal

    from jamlik.finance.models import Agreement, CostCategory, FundingLine

    payer, _ = Partner.objects.get_or_create(name="Staden", defaults={"sector": "public"})
    agreement = Agreement.objects.create(
        program=program,
        key="iop",
        name="IOP",
        case_number="KS-1",
        payer=payer,
        payment_recipient=payer,
        start=date(2023, 7, 1),
        end=date(2025, 6, 30),
    )
    return FundingLine.objects.create(
        agreement=agreement,
        key="promoters",
        name="Hälsofrämjare",
        cost_category=CostCategory.SALARIES,
        cap=Decimal(1000000),
        fte_cap_percent=fte_cap,
        position=0,
    )
