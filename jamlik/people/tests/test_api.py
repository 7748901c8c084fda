"""GET /api/programs/SLUG/people/promoters: the team in aggregate, never a name."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from conftest import as_user, make_user
from jamlik.people.models import HealthPromoter, ProgramRole
from jamlik.programs.models import Program
from jamlik.tokens.tests.test_tokens import bearer, make_token

URL = "/api/programs/test/people/promoters"


@pytest.fixture
def team(world):
    HealthPromoter.objects.create(program=world.program, name="Deltid Dahl",
                                  fte_percent=Decimal(50))  # fmt: skip
    HealthPromoter.objects.create(program=world.program, name="Slutat Sjöberg",
                                  ended_on=date(2024, 6, 30))  # fmt: skip
    other = Program.objects.create(slug="other", name="Annat", code_prefix="O")
    HealthPromoter.objects.create(program=other, name="Annan Andersson")
    researcher = make_user("researcher")
    ProgramRole.objects.create(user=researcher, program=world.program, role="researcher")
    return researcher


@time_machine.travel(date(2024, 9, 1))
@pytest.mark.parametrize("who", ["leader", "promoter_a", "researcher"])
def test_it_counts_the_promoters_employed_today_and_their_fte(client, world, team, who):
    user = team if who == "researcher" else getattr(world, who)
    response = as_user(client, user).get(URL)
    assert response.status_code == 200
    # Promoters A and B (100 %) and one at 50 %; the one who ended in June is not counted.
    assert response.json() == {"promoters": 3, "fte": "2.50"}
    text = response.content.decode()
    assert "Dahl" not in text and "Promoter a" not in text


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_roles_without_the_promoters_list_get_404(client, world, team, who):
    assert as_user(client, getattr(world, who)).get(URL).status_code == 404


def test_another_programs_team_is_404(client, world, team):
    client = as_user(client, world.leader)
    assert client.get("/api/programs/other/people/promoters").status_code == 404


def test_a_token_reads_it(client, world, team):
    raw = make_token(client, world.promoter_a)
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 200 and response.json()["promoters"] >= 3
