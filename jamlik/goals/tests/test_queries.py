"""The goals pages take as many queries with many goals and indicators as with few."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jamlik.goals.models import Goal, GoalCategory, Indicator, IndicatorValue

SOURCES = ["figures.activities", "workshop.visits", "partners.public", "governance.chair_share"]


def add_goals(world, start: int, n: int) -> None:
    for i in range(start, start + n):
        category = GoalCategory.objects.create(program=world.program, name=f"Område {i}")
        goal = Goal.objects.create(
            program=world.program, category=category, workshop=world.workshop_a, text=f"Mål {i}"
        )
        for source in SOURCES:
            Indicator.objects.create(goal=goal, name=source, kind="computed", source=source)
        manual = Indicator.objects.create(goal=goal, name="Hand", kind="manual")
        IndicatorValue.objects.create(indicator=manual, period_label="2024H1", value=i)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@time_machine.travel(date(2024, 9, 1))
def test_the_goals_pages_do_not_query_per_goal(world, login):
    client = login(world.leader)
    for offset, url in ((0, "/p/test/goals/"), (100, "/p/test/workshops/a/")):
        add_goals(world, offset, 2)
        client.get(url)
        few = queries(client, url)
        add_goals(world, offset + 10, 4)
        assert queries(client, url) == few, url
