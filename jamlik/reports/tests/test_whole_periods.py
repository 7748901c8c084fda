"""Roles that see only published figures get whole half-years and years.

Two overlapping date ranges would otherwise give a suppressed count as their difference
(the 1–4 hidden behind "<5"). The rule is `access.period_for`, used by the dashboard and
the API; the leader and the `figures` command may preview any period's external version.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from conftest import PASSWORD, make_user
from jamlik.lib.periods import Period
from jamlik.people.models import ProgramRole

RANGE = "2024-03-01..2024-03-05"
EXTERNAL_ROLES = ["viewer", "steering", "researcher"]


@pytest.fixture
def login(client, world):
    for role in ("steering", "researcher", "hub"):
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)

    def _login(username):
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


@pytest.mark.parametrize("user", EXTERNAL_ROLES)
@pytest.mark.parametrize("endpoint", ["figures", "evaluation"])
def test_the_api_refuses_a_date_range_to_external_roles(login, world, english, user, endpoint):
    client = login(user)
    response = client.get(f"/api/programs/test/{endpoint}?period={RANGE}&audience=external")
    assert response.status_code == 400
    assert "whole half-years and years" in response.json()["detail"]
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("user", EXTERNAL_ROLES)
@pytest.mark.parametrize("period", ["2024H1", "2024", "2024-01-01..2024-06-30"])
def test_the_api_gives_external_roles_whole_periods(login, world, user, period):
    response = login(user).get(f"/api/programs/test/figures?period={period}")
    assert response.status_code == 200
    assert response.json()["unique_participants"]["total"] == "<5"


@pytest.mark.parametrize("user", ["leader", "promoter_a", "hub"])
@pytest.mark.parametrize("audience", ["internal", "external"])
def test_roles_with_internal_figures_may_ask_for_any_range(login, world, user, audience):
    response = login(user).get(f"/api/programs/test/figures?period={RANGE}&audience={audience}")
    assert response.status_code == 200


@pytest.mark.parametrize("user", EXTERNAL_ROLES)
def test_the_dashboard_refuses_a_date_range_with_a_message(login, world, english, user):
    response = login(user).get(f"/p/test/?period={RANGE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "whole half-years and years only" in html
    assert "or dates" not in html  # the help offers only what the role may ask for
    assert response.context["period"].is_whole


def test_the_dashboard_gives_the_leader_any_range(login, world, english):
    response = login("leader").get(f"/p/test/?period={RANGE}")
    assert response.context["period"].label == RANGE
    assert "whole half-years" not in response.content.decode()


def test_the_figures_command_previews_any_external_range(world):
    out = StringIO()
    call_command("figures", "--program", "test", "--period", RANGE, "--audience", "external",
                 stdout=out)  # fmt: skip
    assert json.loads(out.getvalue())["period"]["label"] == RANGE


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("2024H1", True),
        ("2024H2", True),
        ("2024", True),
        ("2024-07-01..2024-12-31", True),
        ("2024-01-01..2024-12-31", True),
        ("2024-01-01..2024-06-29", False),
        ("2024-01-02..2024-06-30", False),
        ("2024-07-01..2025-06-30", False),
        ("2024-01-01..2025-12-31", False),
    ],
)
def test_whole_periods_are_half_years_and_years(text, whole):
    assert Period.parse(text).is_whole is whole
