from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from jamlik.finance import figures
from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import get_agreement_for_user, get_finance_access

router = Router(tags=["finance"])


@router.get("/{slug}/finance/income-statement")
def income_statement(request: HttpRequest, slug: str, period: str):
    """The income statement for a period (2023H2, 2024, 2024-01-01..2024-03-31): budget,
    outcome and deviation by funding line and cost category, partners' contributions,
    and the surplus with its handling. Money is a decimal string in kronor."""
    access = get_finance_access(request.user, slug, scope="aggregates")
    try:
        period_ = Period.parse(period)
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return figures.income_statement(access.program, period_)


class CapOut(Schema):
    key: str
    name: str
    cost_category: str
    cap: Decimal
    spent: Decimal
    share: Decimal | None
    level: str


@router.get("/{slug}/finance/agreements/{key}/caps", response=list[CapOut])
def caps(request: HttpRequest, slug: str, key: str):
    """Each funding line's spending against its cap; level is ok, warning (90 %) or over."""
    _access, agreement = get_agreement_for_user(request.user, slug, key, scope="totals")
    return [
        CapOut(
            key=s.line.key,
            name=s.line.name,
            cost_category=s.line.cost_category,
            cap=s.line.cap,
            spent=s.spent,
            share=s.share,
            level=s.level,
        )
        for s in figures.cap_status(agreement)
    ]
