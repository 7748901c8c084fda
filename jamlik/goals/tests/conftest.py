from datetime import date

import pytest

from conftest import PASSWORD, make_user
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.people.models import ProgramRole


@pytest.fixture
def roles(world):
    """The world's users plus a hub member, a steering-group member and a researcher."""
    users = {}
    for role in ("hub", "steering", "researcher"):
        users[role] = make_user(role)
        ProgramRole.objects.create(user=users[role], program=world.program, role=role)
    return users


@pytest.fixture
def bodies(world):
    hub = Body.objects.create(program=world.program, key="hubben", name="Hubben", kind="hub")
    steering = Body.objects.create(
        program=world.program, key="styrgruppen", name="Styrgruppen", kind="steering"
    )
    hub_meeting = Meeting.objects.create(
        body=hub, key="2024-08-20", date=date(2024, 8, 20), status="held"
    )
    steering_meeting = Meeting.objects.create(
        body=steering, key="2024-02-10", date=date(2024, 2, 10), status="held"
    )
    decision = Decision.objects.create(
        meeting=steering_meeting, number=1, text="Målen fastställs.", initiated_by="strategic"
    )
    return {"hub": hub, "hub_meeting": hub_meeting, "steering": steering, "decision": decision}


@pytest.fixture
def login(client):
    # English labels keep the assertions independent of the Swedish catalogue.
    client.cookies["django_language"] = "en"

    def _login(user):
        if user is not None:
            assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login
