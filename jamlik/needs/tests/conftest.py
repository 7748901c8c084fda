"""Needs on top of the shared `world`: a theme, a Future Workshop with statements, and
a prioritised need that workshop A addresses."""

from dataclasses import dataclass
from datetime import date

import pytest

from conftest import PASSWORD, make_user
from jamlik.needs.models import Need, NeedsInventory, NeedStatement, Theme
from jamlik.people.models import ProgramRole

OTHER_ROLES = ("hub", "steering", "researcher")


@dataclass
class Needs:
    theme: Theme
    inventory: NeedsInventory
    statement_sv: NeedStatement
    statement_ar: NeedStatement
    need: Need


@pytest.fixture
def needs(world) -> Needs:
    theme = Theme.objects.create(program=world.program, name="Trygghet")
    inventory = NeedsInventory.objects.create(
        program=world.program,
        key="fw-2024",
        title="Framtidsverkstad 2024",
        kind=NeedsInventory.Kind.EXPLORATORY,
        method=NeedsInventory.Method.FUTURE_WORKSHOP,
        date=date(2024, 3, 2),
        participants_adult=20,
    )
    statement_sv = NeedStatement.objects.create(
        inventory=inventory,
        text="Det behövs mer belysning i parken",
        language="sv",
        phase="critique",
        theme=theme,
        determinants=["housing_safety"],
    )
    statement_ar = NeedStatement.objects.create(
        inventory=inventory,
        text="نحتاج إلى أماكن للقاء النساء",
        language="ar",
        text_sv="Vi behöver mötesplatser för kvinnor",
        phase="vision",
        determinants=["social_networks"],
    )
    need = Need.objects.create(
        program=world.program, key="trygghet", title="Trygg utemiljö", priority=1, theme=theme
    )
    need.inventories.add(inventory)
    statement_sv.need = need
    statement_sv.save()
    world.workshop_a.needs.add(need)
    return Needs(theme, inventory, statement_sv, statement_ar, need)


@pytest.fixture
def login(client, world):
    """Logs the test client in as a world user, as "hub", "steering" or "researcher", or
    as nobody ("anonymous")."""
    for role in OTHER_ROLES:
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)

    # English messages keep the assertions independent of the Swedish catalogue.
    client.cookies["django_language"] = "en"

    def _login(username: str | None):
        if username not in (None, "anonymous"):
            assert client.login(username=username, password=PASSWORD)
        return client

    return _login
