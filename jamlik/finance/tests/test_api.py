import random

import pytest

from jamlik.finance.demo import seed_finance

URL = "/api/programs/test/finance/income-statement"


@pytest.fixture
def seeded(world):
    return seed_finance(world.program, random.Random(1))


def test_the_api_gives_the_income_statement_with_exact_amounts(login, seeded):
    response = login("steering").get(URL, {"period": "2023H2"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"]["budget"] == "555000.00"
    assert data["total"]["outcome"] == "322614.00"
    assert data["surplus"]["carried"] == "232886.00"


@pytest.mark.parametrize("username", ["promoter_a", "viewer", "researcher", "outsider"])
def test_the_api_answers_404_to_roles_without_aggregates(login, seeded, username):
    response = login(username).get(URL, {"period": "2023H2"})
    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_bad_period_is_a_422_with_a_detail(login, seeded):
    response = login("leader").get(URL, {"period": "2023H3"})
    assert response.status_code == 422
    assert "2023H3" in response.json()["detail"]


def test_caps_by_line(login, seeded):
    response = login("hub").get("/api/programs/test/finance/agreements/iop-2023-2025/caps")
    assert response.status_code == 200
    assert [line["key"] for line in response.json()] == [
        "halsoframjare",
        "samordning",
        "verksamhet",
        "oh",
    ]


@pytest.mark.parametrize("username", ["leader", "hub", "steering", "viewer"])
def test_the_caps_are_totals_a_viewer_may_read(login, seeded, username):
    response = login(username).get("/api/programs/test/finance/agreements/iop-2023-2025/caps")
    assert response.status_code == 200


@pytest.mark.parametrize("username", ["promoter_a", "researcher", "outsider"])
def test_the_caps_answer_404_to_roles_without_finance_totals(login, seeded, username):
    response = login(username).get("/api/programs/test/finance/agreements/iop-2023-2025/caps")
    assert response.status_code == 404
