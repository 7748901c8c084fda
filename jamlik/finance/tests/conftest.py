from datetime import date
from decimal import Decimal

import pytest

from conftest import PASSWORD, make_user
from jamlik.finance.models import Agreement, CostCategory, FundingLine
from jamlik.partners.models import Partner, Partnership, Sector
from jamlik.people.models import ProgramRole

# Roles besides the world's leader, promoters, viewer and outsider.
OTHER_ROLES = ("hub", "steering", "researcher")


@pytest.fixture
def login(client, world):
    """Log the test client in as one of the world's users or a user with one of
    OTHER_ROLES (named after the role), or nobody ("anonymous")."""
    for role in OTHER_ROLES:
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)

    def _login(username: str | None):
        if username is not None and username != "anonymous":
            assert client.login(username=username, password=PASSWORD)
        return client

    return _login


@pytest.fixture
def agreement(world) -> Agreement:
    """The seed's agreement shape: four capped lines, 2023-07-01 – 2025-06-30."""
    payer = Partner.objects.create(name="Exempelstadens kommunstyrelse", sector=Sector.PUBLIC)
    recipient = Partner.objects.create(name="Föreningen Ängsbarnen", sector=Sector.NONPROFIT)
    for partner in (payer, recipient):
        Partnership.objects.create(
            program=world.program, partner=partner, role=Partnership.Role.IOP_PARTY
        )
    agreement = Agreement.objects.create(
        program=world.program,
        key="iop",
        name="IOP 2023–2025",
        case_number="KS-1",
        payer=payer,
        payment_recipient=recipient,
        start=date(2023, 7, 1),
        end=date(2025, 6, 30),
    )
    agreement.parties.set([payer, recipient])
    for position, (key, name, category, cap, fte) in enumerate(
        [
            ("promoters", "Hälsofrämjare", CostCategory.SALARIES, 1485000, 275),
            ("coordination", "Samordning", CostCategory.SALARIES, 332544, 50),
            ("operating", "Verksamhet", CostCategory.OPERATING, 200000, None),
            ("overhead", "OH", CostCategory.OVERHEAD, 201754, None),
        ]
    ):
        FundingLine.objects.create(
            agreement=agreement,
            key=key,
            name=name,
            cost_category=category,
            cap=Decimal(cap),
            fte_cap_percent=fte,
            position=position,
        )
    return agreement


@pytest.fixture
def lines(agreement) -> dict[str, FundingLine]:
    return {line.key: line for line in agreement.lines.all()}


@pytest.fixture(autouse=True)
def _in_english(english):
    """These tests read messages in English (the `english` fixture in conftest.py)."""
