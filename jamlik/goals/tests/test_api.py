"""GET /api/programs/SLUG/goals: the Mål page's goals, indicators and values as JSON."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from jamlik.goals.models import Goal, Indicator, IndicatorValue
from jamlik.programs.models import Program
from jamlik.tokens.tests.test_tokens import bearer, make_token

URL = "/api/programs/test/goals"


@pytest.fixture
def goal(world, bodies):
    goal = Goal.objects.create(
        program=world.program, text="Fler deltar", anchored_by=bodies["decision"]
    )
    Indicator.objects.create(
        goal=goal, name="Aktiviteter", kind="computed", source="figures.activities",
        target=Decimal(10),
    )  # fmt: skip
    manual = Indicator.objects.create(
        goal=goal, name="Närvaro i skolan", kind="manual", unit="%", min_value=0,
        max_value=100, baseline=Decimal(80), target=Decimal(90), source_note="Skolan",
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=manual, period_label="2024H1", value=Decimal("86.5"), source="Skolan"
    )
    Goal.objects.create(program=world.program, text="Inte förankrat", workshop=world.workshop_a)
    return goal


def _indicators(data):
    by_text = {g["text"]: g for g in data}
    return {i["name"]: i for i in by_text["Fler deltar"]["indicators"]}


@time_machine.travel(date(2024, 9, 1))
def test_it_gives_each_indicators_values_per_half_year(world, roles, login, goal):
    response = login(roles["hub"]).get(URL)
    assert response.status_code == 200
    data = response.json()
    assert [(g["text"], g["anchored"], g["workshop"]) for g in data] == [
        ("Fler deltar", True, None),
        ("Inte förankrat", False, "a"),
    ]
    indicators = _indicators(data)
    school = indicators["Närvaro i skolan"]
    assert [c["period"] for c in school["half_years"]] == ["2023H1", "2023H2", "2024H1", "2024H2"]
    assert [c["value"] for c in school["half_years"]] == [None, None, "86.50", None]
    assert school["half_years"][2]["status"] == "improving"
    # The current half-year has no value yet: "no data", never 0.
    assert (school["latest"], school["status"]) == (None, "no_data")
    activities = indicators["Aktiviteter"]
    assert Decimal(activities["half_years"][2]["value"]) == 2  # the world's two activities


@time_machine.travel(date(2024, 9, 1))
@pytest.mark.parametrize("who", ["steering", "researcher"])
def test_roles_that_see_published_figures_get_small_counts_suppressed(world, roles, login, goal,
                                                                      who):  # fmt: skip
    indicators = _indicators(login(roles[who]).get(URL).json())
    assert indicators["Aktiviteter"]["half_years"][2]["value"] == "<5"
    # Not a count: shown as it is.
    assert indicators["Närvaro i skolan"]["half_years"][2]["value"] == "86.50"


@time_machine.travel(date(2024, 9, 1))
def test_a_viewer_reads_them_and_an_outsider_and_another_program_get_404(world, login, goal):
    client = login(world.viewer)
    assert client.get(URL).status_code == 200
    Program.objects.create(slug="other", name="Annat", code_prefix="O")
    response = client.get("/api/programs/other/goals")
    assert response.status_code == 404 and "detail" in response.json()
    client.logout()
    response = login(world.outsider).get(URL)
    assert response.status_code == 404
    assert "Fler deltar" not in response.content.decode()


@time_machine.travel(date(2024, 9, 1))
def test_a_token_reads_the_goals_with_its_users_audience(client, world, goal):
    raw = make_token(client, world.viewer)
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 200
    assert _indicators(response.json())["Aktiviteter"]["half_years"][2]["value"] == "<5"


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_goals(world, start, n):
    for i in range(start, start + n):
        goal = Goal.objects.create(program=world.program, text=f"Mål {i}")
        indicator = Indicator.objects.create(goal=goal, name=f"I {i}", kind="manual")
        IndicatorValue.objects.create(indicator=indicator, period_label="2024H1", value=i)


@time_machine.travel(date(2024, 9, 1))
def test_it_takes_as_many_queries_with_many_goals_as_with_few(world, login, roles):
    client = login(roles["hub"])
    _add_goals(world, 0, 2)
    few = _count_queries(client, URL)
    _add_goals(world, 2, 10)
    assert _count_queries(client, URL) == few
