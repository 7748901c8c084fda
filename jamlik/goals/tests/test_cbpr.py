"""The CBPR evaluation: each party's representatives answer on the phone form; results
per item and per party, and the change since the last round."""

from datetime import date

import pytest
import time_machine

from jamlik.goals.models import CbprPartyResponse, CbprRound
from jamlik.partners.models import Partner, Partnership
from jamlik.surveys.catalog import get_instrument
from jamlik.surveys.models import Response


@pytest.fixture
def parties(world):
    return [
        Partnership.objects.create(
            program=world.program, partner=Partner.objects.create(name=name, sector=sector)
        )
        for name, sector in (("Stadsdelen", "public"), ("Föreningen", "nonprofit"))
    ]


def answer_as_party(client, link: str, codes: dict[str, int]) -> None:
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, {"language": "sv", "consent": "on"})
    fill = response.url
    for number in range(1, 6):
        response = client.post(fill, {"page": number, "move": "next", **codes})
        if response.url.endswith("/done/"):
            return
    raise AssertionError("the form did not finish")


def test_the_partnership_questionnaire_is_a_valid_own_instrument():
    instrument = get_instrument("cbpr_partnership@1")
    assert instrument is not None and not instrument.validated
    assert set(instrument.available_languages()) == {"sv", "en"}


@time_machine.travel(date(2024, 10, 1))
def test_every_partys_answers_give_a_row_per_party(world, roles, login, parties, client):
    hub = login(roles["hub"])
    response = hub.post(
        "/p/test/goals/cbpr/new/", {"name": "CBPR hösten 2024", "planned_on": "2024-10-01"}
    )
    round = CbprRound.objects.get()
    assert response.url == f"/p/test/goals/cbpr/{round.pk}/"
    links = dict(
        (party.partner.name, link) for party, link in hub.get(response.url).context["links"]
    )
    hub.logout()
    all_four = {f"p{i}": 4 for i in range(1, 11)}
    answer_as_party(client, links["Stadsdelen"], all_four | {"p10": 2})
    client.cookies.clear()
    answer_as_party(client, links["Stadsdelen"], {f"p{i}": 2 for i in range(1, 11)})
    client.cookies.clear()
    answer_as_party(client, links["Föreningen"], all_four)
    assert CbprPartyResponse.objects.count() == 3
    assert not Response.objects.filter(participant__isnull=False).exists()

    results = login(roles["steering"]).get(f"/p/test/goals/cbpr/{round.pk}/").context["results"]
    parties_ = {p["party"]: p for p in results["parties"]}
    assert parties_["Stadsdelen"]["responses"] == 2
    assert parties_["Föreningen"]["items"]["p1"] == 4
    assert parties_["Stadsdelen"]["items"]["p1"] == 3
    # p10 is reversed (1–5 turned): 2 → 4 and 2 → 4 for Stadsdelen, 4 → 2 for Föreningen.
    assert parties_["Stadsdelen"]["items"]["p10"] == 4
    assert parties_["Föreningen"]["items"]["p10"] == 2
    item_p1 = next(i for i in results["items"] if i["key"] == "p1")
    assert item_p1["mean"] == round_mean([4, 2, 4])
    assert login(world.viewer).get(f"/p/test/goals/cbpr/{round.pk}/").status_code == 404


def round_mean(values):
    return round(sum(values) / len(values), 2)


@time_machine.travel(date(2025, 4, 1))
def test_the_change_since_the_last_round(world, roles, login, parties, client):
    from jamlik.goals import cbpr

    hub = login(roles["hub"])
    hub.post("/p/test/goals/cbpr/new/", {"name": "Våren", "planned_on": "2025-03-01"})
    hub.post("/p/test/goals/cbpr/new/", {"name": "Hösten", "planned_on": "2025-04-01"})
    first, second = CbprRound.objects.order_by("planned_on")
    hub.logout()
    for round, code in ((first, 2), (second, 4)):
        client.cookies.clear()
        answer_as_party(
            client, cbpr.party_link(round, parties[0]), {f"p{i}": code for i in range(1, 10)}
        )
    data = cbpr.with_change(second)
    assert data["previous"] == "Våren"
    assert next(i for i in data["items"] if i["key"] == "p1")["change"] == 2
    assert data["parties"][0]["change"] == 2


def test_a_forged_link_is_404(world, client):
    assert client.get("/p/test/goals/cbpr/a/not-a-token/").status_code == 404
