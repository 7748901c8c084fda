"""GET /api/programs/SLUG/strategy/windows and …/estimate: no person names, suppression."""

from datetime import date

import pytest
import time_machine

from conftest import as_user
from jamlik.programs.models import Program
from jamlik.strategy.models import DecisionPoint, PolicyIssue, Stakeholder, StakeholderAnalysis
from jamlik.tokens.tests.test_tokens import bearer, make_token

WINDOWS = "/api/programs/test/strategy/windows"
ESTIMATE = "/api/programs/test/strategy/estimate"


@pytest.fixture
def windows(world):
    budget = DecisionPoint.objects.create(
        program=world.program, date=date(2024, 6, 18), title="Budget 2025", kind="budget"
    )
    DecisionPoint.objects.create(program=world.program, date=date(2024, 4, 1), title="Förr")
    board = DecisionPoint.objects.create(program=world.program, date=date(2024, 9, 5),
                                         title="Nämnden", level="region")  # fmt: skip
    open_issue = PolicyIssue.objects.create(
        program=world.program, title="Spontanidrott", problem_present=True,
        politics_present=True, policy_present=True,
        problem_note="Anna Andersson på förvaltningen håller med",
    )  # fmt: skip
    open_issue.decision_points.add(board)
    PolicyIssue.objects.create(program=world.program, title="Simskola", problem_present=True)
    analysis = StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 2, 1))
    Stakeholder.objects.create(analysis=analysis, kind="person", name="Bertil Bengtsson",
                               influence="large", necessary=True)  # fmt: skip
    return budget, board


@time_machine.travel(date(2024, 5, 2))
def test_the_windows_show_streams_and_next_decision_points_without_names(client, world, hub,
                                                                          windows):  # fmt: skip
    response = as_user(client, hub).get(WINDOWS)
    assert response.status_code == 200
    data = response.json()
    issues = {row["title"]: row for row in data["issues"]}
    assert issues["Spontanidrott"]["open"] is True
    assert issues["Spontanidrott"]["next_decision_point"] == {
        "date": "2024-09-05", "title": "Nämnden", "kind": "board", "level": "region"
    }  # fmt: skip
    swim = issues["Simskola"]
    assert (swim["open"], swim["problem"], swim["politics"]) == (False, True, False)
    assert swim["next_decision_point"]["title"] == "Budget 2025"  # the program's next
    assert [p["title"] for p in data["decision_points"]] == ["Budget 2025", "Nämnden"]
    text = response.content.decode()
    assert "Anna Andersson" not in text and "Bertil" not in text


@pytest.mark.parametrize("who", ["viewer", "promoter_a", "outsider"])
def test_roles_without_the_strategy_tools_get_404(client, world, windows, who):
    for url in (WINDOWS, ESTIMATE):
        response = as_user(client, getattr(world, who)).get(url)
        assert response.status_code == 404
        assert "Spontanidrott" not in response.content.decode()


def test_another_programs_strategy_is_404(client, world, hub, windows):
    Program.objects.create(slug="other", name="Annat", code_prefix="O")
    client = as_user(client, hub)
    assert client.get("/api/programs/other/strategy/windows").status_code == 404
    assert client.get("/api/programs/other/strategy/estimate").status_code == 404


def test_the_estimate_gives_inputs_and_the_chain_internally(client, world, hub):
    response = as_user(client, hub).get(ESTIMATE, {"model": "example@2026-1", "period": "2024"})
    assert response.status_code == 200
    data = response.json()
    assert (data["model"], data["period"], data["example"]) == ("example@2026-1", "2024", True)
    assert data["approved"] is False
    assert data["inputs"]["participants_total"] == 2
    result = next(r for r in data["results"] if r["key"] == "cost_per_participant")
    assert "withheld" not in result
    assert any(step["kind"] == "input" for step in result["chain"])


def test_the_steering_group_gets_the_external_version(client, world, steering):
    response = as_user(client, steering).get(
        ESTIMATE, {"model": "example@2026-1", "period": "2024"}
    )
    data = response.json()
    assert "inputs" not in data
    # Computed from two participants (below the threshold): withheld.
    result = next(r for r in data["results"] if r["key"] == "cost_per_participant")
    assert result["withheld"] is True and result["value"] is None
    # Whole half-years and years only.
    partial = as_user(client, steering).get(ESTIMATE, {"period": "2024-01-01..2024-02-01"})
    assert partial.status_code == 400


def test_an_unknown_model_is_404_and_a_bad_period_422(client, world, hub):
    client = as_user(client, hub)
    assert client.get(ESTIMATE, {"model": "nothing@1"}).status_code == 404
    assert client.get(ESTIMATE, {"period": "2024H3"}).status_code == 422


@time_machine.travel(date(2024, 5, 2))
def test_a_token_reads_the_windows(client, world, hub, windows):
    raw = make_token(client, hub)
    response = client.get(WINDOWS, **bearer(raw))
    assert response.status_code == 200
    assert len(response.json()["issues"]) == 2


@time_machine.travel(date(2024, 5, 2))
def test_the_windows_take_as_many_queries_with_many_issues(client, world, hub, windows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jamlik.needs.models import Need

    client = as_user(client, hub)

    def add(start, n):
        for i in range(start, start + n):
            issue = PolicyIssue.objects.create(program=world.program, title=f"Fråga {i}")
            issue.needs.add(Need.objects.create(program=world.program, key=f"n-{i}", title="B"))
            issue.decision_points.add(windows[0])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(WINDOWS).status_code == 200
        return len(queries)

    add(0, 2)
    few = count()
    add(2, 10)
    assert count() == few
