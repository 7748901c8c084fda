"""GET /api/programs/SLUG/volunteers/figures: aggregates only, never a code."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from conftest import as_user
from jamlik.people.access import get_program_access
from jamlik.programs.models import Program
from jamlik.tokens.tests.test_tokens import bearer, make_token
from jamlik.volunteers import services

URL = "/api/programs/test/volunteers/figures"


@pytest.fixture
def helpers(world):
    access = get_program_access(world.promoter_a, "test")
    coach = services.add_volunteer(
        access=access, kind="coach", category="adult", workshop=world.workshop_a,
        training="Diabetescoach", trained_on=date(2024, 2, 1),
    )  # fmt: skip
    services.set_ambassador(access=access, volunteer=coach, start=date(2024, 3, 1))
    helper = services.add_volunteer(access=access, kind="volunteer", category="adult")
    services.add_hours(
        access=access, volunteer=helper, hours=Decimal("2.5"), month=date(2024, 4, 1)
    )
    services.add_hours(access=access, volunteer=helper, hours=Decimal(4), month=date(2024, 8, 1))
    return coach, helper


@time_machine.travel(date(2024, 9, 1))
@pytest.mark.parametrize("who", ["leader", "promoter_b"])
def test_it_counts_volunteers_and_their_hours_per_half_year(client, world, helpers, who):
    response = as_user(client, getattr(world, who)).get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["registered"] == {"coach": 1, "volunteer": 1}
    rows = {row["period"]: row for row in data["half_years"]}
    assert list(rows) == ["2023H1", "2023H2", "2024H1", "2024H2"]
    assert rows["2024H1"] == {"period": "2024H1", "trained_coaches": 1, "active_ambassadors": 1,
                              "volunteer_hours": "2.5"}  # fmt: skip
    assert rows["2024H2"]["volunteer_hours"] == "4.0"
    assert rows["2023H2"]["active_ambassadors"] == 0
    for coach_or_helper in helpers:
        assert coach_or_helper.code not in response.content.decode()


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_roles_without_the_volunteers_get_404(client, world, helpers, who):
    assert as_user(client, getattr(world, who)).get(URL).status_code == 404


def test_another_programs_figures_are_404(client, world, helpers):
    Program.objects.create(slug="other", name="Annat", code_prefix="O")
    client = as_user(client, world.leader)
    assert client.get("/api/programs/other/volunteers/figures").status_code == 404


def test_a_token_reads_them(client, world, helpers):
    raw = make_token(client, world.leader)
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 200 and response.json()["registered"]["coach"] == 1
