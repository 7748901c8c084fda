"""GET /api/programs/SLUG/premises: the register as its page shows it, to every role."""

import pytest

from conftest import as_user
from jamlik.activities.models import Activity
from jamlik.partners.models import Partner
from jamlik.premises.models import Premises
from jamlik.programs.models import Program
from jamlik.tokens.tests.test_tokens import bearer, make_token

URL = "/api/programs/test/premises"


@pytest.fixture
def places(world):
    owner = Partner.objects.create(name="Bostadsbolaget", sector="private")
    hall = Premises.objects.create(
        program=world.program, name="Träffpunkten", address="Torget 1", owner=owner,
        capacity=30, signage_languages="sv, ar",
    )  # fmt: skip
    Premises.objects.create(program=world.program, name="Gamla lokalen", in_use=False)
    Activity.objects.filter(program=world.program).update(place=hall)
    other = Program.objects.create(slug="other", name="Annat", code_prefix="O")
    Premises.objects.create(program=other, name="Någon annanstans")
    return hall


@pytest.mark.parametrize("who", ["leader", "promoter_a", "viewer"])
def test_every_role_reads_the_register(client, world, places, who):
    response = as_user(client, getattr(world, who)).get(URL)
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()}
    assert set(rows) == {"Träffpunkten", "Gamla lokalen"}
    hall = rows["Träffpunkten"]
    assert (hall["owner"], hall["capacity"], hall["activities"]) == ("Bostadsbolaget", 30, 2)
    assert hall["signage_languages"] == "sv, ar" and hall["in_use"] is True
    old = rows["Gamla lokalen"]
    assert (old["in_use"], old["owner"], old["capacity"]) == (False, None, None)
    assert old["activities"] == 0


def test_an_outsider_and_another_program_get_404(client, world, places):
    response = as_user(client, world.outsider).get(URL)
    assert response.status_code == 404 and "Träffpunkten" not in response.content.decode()
    assert as_user(client, world.leader).get("/api/programs/other/premises").status_code == 404


def test_a_token_reads_the_register(client, world, places):
    raw = make_token(client, world.viewer)
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 200 and len(response.json()) == 2
    assert client.get(URL).status_code == 401
