"""Goals, indicators and values through the pages; the half-year evaluation; access."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from jamlik.goals.models import Goal, HalfYearEvaluation, Indicator, IndicatorValue
from jamlik.people.models import AuditEvent


@pytest.fixture
def goal(world, bodies):
    return Goal.objects.create(
        program=world.program, text="Fler barn rör på sig", anchored_by=bodies["decision"]
    )


@pytest.fixture
def manual(goal):
    return Indicator.objects.create(
        goal=goal, name="Närvaro i skolan", kind="manual", unit="%", min_value=0, max_value=100,
        baseline=Decimal("80"), target=Decimal("90"), source_note="Skolan",
    )  # fmt: skip


@time_machine.travel(date(2024, 9, 1))
def test_a_goal_with_a_computed_indicator_shows_its_value(world, roles, login, bodies):
    client = login(roles["hub"])
    response = client.post(
        "/p/test/goals/new/",
        {"term": "long", "text": "Fler deltar", "anchored_by": bodies["decision"].pk},
    )
    goal = Goal.objects.get(text="Fler deltar")
    assert response.url == f"/p/test/goals/{goal.pk}/"
    response = client.post(
        f"/p/test/goals/{goal.pk}/indicators/new/",
        {"name": "Unika deltagare", "kind": "computed", "source": "figures.activities",
         "direction": "higher", "target": "10"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/p/test/goals/{goal.pk}/").content.decode()
    # The world's two activities were held in 2024H1; 2024H2 has none yet.
    assert "Unika deltagare" in page
    assert '<td class="num">2</td>' in page
    assert "Anchored by Styrgruppen" in page
    assert AuditEvent.objects.filter(object_type="indicator", action="create").exists()


@time_machine.travel(date(2024, 9, 1))
def test_a_manual_value_round_trips_and_is_audited(world, roles, login, manual):
    client = login(roles["hub"])
    url = f"/p/test/goals/indicators/{manual.pk}/value/"
    client.post(url, {"period_label": "2024H1", "value": "86.5", "source": "Skolan, vt 2024"})
    row = IndicatorValue.objects.get(indicator=manual, period_label="2024H1")
    assert row.value == Decimal("86.5") and row.source == "Skolan, vt 2024"
    page = client.get(f"/p/test/goals/{manual.goal.pk}/").content.decode()
    # 2024H1 has the value; the current half-year (2024H2) has none: "no data", not 0.
    assert '<td class="num">86.50</td>' in page
    assert '<td class="num"><span class="muted">no data</span></td>' in page
    event = AuditEvent.objects.get(object_type="indicator_value")
    assert event.detail["value"] == "86.5" and event.username == "hub"


@time_machine.travel(date(2024, 9, 1))
def test_a_value_outside_the_declared_range_is_refused(world, roles, login, manual):
    client = login(roles["hub"])
    response = client.post(
        f"/p/test/goals/indicators/{manual.pk}/value/",
        {"period_label": "2024H1", "value": "120"},
        follow=True,
    )
    assert "120 is above the highest possible value, 100" in response.content.decode()
    assert not IndicatorValue.objects.exists()


@time_machine.travel(date(2024, 9, 1))
def test_who_may_keep_goals(world, roles, login, manual):
    url = f"/p/test/goals/indicators/{manual.pk}/value/"
    for user in (world.viewer, roles["steering"], world.promoter_a, world.outsider):
        client = login(user)
        assert client.post(url, {"period_label": "2024H1", "value": "85"}).status_code == 404
        client.logout()
    assert not IndicatorValue.objects.exists()
    assert login(world.outsider).get("/p/test/goals/").status_code == 404
    assert login(world.viewer).get("/p/test/goals/").status_code == 200
    assert login(world.leader).get(url).status_code == 405


@time_machine.travel(date(2024, 9, 1))
def test_a_viewer_sees_small_counts_suppressed(world, login, goal):
    Indicator.objects.create(goal=goal, name="Aktiviteter", kind="computed",
                             source="figures.activities")  # fmt: skip
    url = f"/p/test/goals/{goal.pk}/"
    page = login(world.viewer).get(url).content.decode()
    assert '<td class="num">&lt;5</td>' in page and "2.00" not in page
    page = login(world.leader).get(url).content.decode()
    assert '<td class="num">2</td>' in page


@time_machine.travel(date(2024, 9, 1))
def test_the_evaluation_prepares_the_dashboards_numbers(world, roles, login, goal, bodies):
    client = login(roles["hub"])
    dashboard = client.get("/p/test/?period=2024H1").context
    rows = [
        {"label": str(r["label"]), "current": r["current"], "previous": r["previous"]}
        for r in dashboard["headline"] + dashboard["details"]
    ]
    assert "The evaluation of 2024H1 is missing." in client.get("/p/test/").content.decode()
    response = client.post("/p/test/goals/evaluations/new/", {"period_label": "2024H1"})
    assert response.url == "/p/test/goals/evaluations/2024H1/"
    prepared = client.get(response.url).context["prepared"]
    assert [
        {"label": r["label"], "current": r["current"], "previous": r["previous"]}
        for r in prepared["figures"]
    ] == rows
    client.post(
        "/p/test/goals/evaluations/2024H1/edit/",
        {"works": "Cirklarna", "does_not_work": "Lokalen", "changes": "Ny lokal",
         "decisions": [bodies["decision"].pk]},
    )  # fmt: skip
    client.post("/p/test/goals/evaluations/2024H1/approve/", {"meeting": bodies["hub_meeting"].pk})
    evaluation = HalfYearEvaluation.objects.get()
    assert evaluation.is_approved and evaluation.prepared["figures"][0]["current"] == 2
    assert "The evaluation of 2024H1 is missing." not in client.get("/p/test/").content.decode()
    # The steering group sees it; the numbers stay as approved.
    page = login(roles["steering"]).get("/p/test/goals/evaluations/2024H1/")
    assert page.status_code == 200 and "Lokalen" in page.content.decode()
    assert login(world.viewer).get("/p/test/goals/evaluations/2024H1/").status_code == 404


@time_machine.travel(date(2024, 9, 1))
def test_an_approved_evaluation_does_not_change(world, roles, login, bodies):
    client = login(roles["hub"])
    client.post("/p/test/goals/evaluations/new/", {"period_label": "2024H1"})
    client.post("/p/test/goals/evaluations/2024H1/approve/", {"meeting": bodies["hub_meeting"].pk})
    client.post("/p/test/goals/evaluations/2024H1/edit/", {"works": "Ändrat"})
    assert HalfYearEvaluation.objects.get().works == ""
