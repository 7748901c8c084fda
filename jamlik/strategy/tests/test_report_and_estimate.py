from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.reports.collect import collect_report_data
from jamlik.reports.sections import strategy as section
from jamlik.strategy import estimate
from jamlik.strategy.models import EstimateApproval, PolicyIssue, Stakeholder, StakeholderAnalysis


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def analysis(world):
    found = StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 2, 1))
    Stakeholder.objects.create(
        analysis=found, kind="person", name="Anna Exempel", influence="large", necessary=False
    )
    Stakeholder.objects.create(analysis=found, name="Skolan", influence="small", necessary=True)
    PolicyIssue.objects.create(
        program=world.program,
        title="Öppen idrottshall",
        problem_present=True,
        politics_present=True,
        policy_present=True,
    )
    return found


def strategy_data(program, audience):
    report = collect_report_data(
        program=program, period=Period.parse("2024"), audience=audience, language="en"
    )
    return report["sections"][section.KEY]


def test_the_external_report_counts_categories_and_names_nobody(world, analysis):
    data = strategy_data(world.program, "external")
    counts = {row["label"]: row["cells"][1] for row in data["categories"]["rows"]}
    assert counts == {
        "Worker bees": "1",
        "Resource persons": "0",
        "Externals": "0",
        "Grey eminences": "1",
    }
    assert "Anna Exempel" not in str(data)
    assert [w["issue"] for w in data["open_windows"]] == ["Öppen idrottshall"]
    # The example model is not approved: no estimate, and no word of it, externally.
    assert data["estimates"] == [] and data["not_approved"] == []
    internal = strategy_data(world.program, "internal")
    assert "Anna Exempel" in str(internal)
    assert internal["estimates"] == []
    assert internal["not_approved"] == ["example@2026-1"]


def test_an_approved_model_shows_in_the_external_report_until_its_file_changes(
    client, world, analysis, steering
):
    model = estimate.all_models()["example@2026-1"]
    login(client, steering)
    response = client.post(
        reverse("strategy:model_approve", args=["test"]),
        {"model": model.ref, "decision_reference": "SG 2024-05 §4"},
    )
    assert response.status_code == 302
    approval = EstimateApproval.objects.get()
    assert approval.digest == model.digest and approval.approved_by == steering
    assert AuditEvent.objects.filter(object_type="estimate_model", action="approve").exists()
    data = strategy_data(world.program, "external")
    [table] = data["estimates"]
    labels = [row["label"] for row in table["rows"]]
    assert labels[0] == "Cost per participant"
    # Two participants in 2024 in the test world: a count below 5 withholds what it gives.
    # The avoided costs come from 0 recurring participants: 0 is no small count.
    assert [row["cells"][0] for row in table["rows"]] == ["", "", "", "0"]
    EstimateApproval.objects.update(digest="0" * 64)  # as if the file had changed since
    assert strategy_data(world.program, "external")["estimates"] == []


def test_the_hub_may_not_approve_a_model(client, world, hub):
    login(client, hub)
    response = client.post(
        reverse("strategy:model_approve", args=["test"]), {"model": "example@2026-1"}
    )
    assert response.status_code == 404
    assert not EstimateApproval.objects.exists()


def test_the_estimate_page_shows_the_chain_of_numbers(client, world, steering):
    login(client, steering)
    response = client.get(
        reverse("strategy:estimate", args=["test"]), {"model": "example@2026-1", "period": "2024"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "cost_total / participants_total" in page
    assert "Invented for the example" in page
    assert "invented parameters" in page


def test_the_steering_group_sees_the_estimate_as_published(client, world, steering):
    """The steering group sees suppressed aggregates (DESIGN): the page gives it the external
    version, as the report and the API do: no counts from Jämlik, whole periods only."""
    login(client, steering)
    url = reverse("strategy:estimate", args=["test"])
    page = client.get(url, {"model": "example@2026-1", "period": "2024"}).content.decode()
    assert "from Jämlik" not in page
    assert "cost_total / participants_total" in page
    ranged = client.get(url, {"model": "example@2026-1", "period": "2024-01-01..2024-03-31"})
    assert ranged.status_code == 200
    assert "whole half-years and years only" in ranged.content.decode()


def test_the_leader_sees_the_estimate_with_its_inputs(client, world):
    login(client, world.leader)
    page = client.get(
        reverse("strategy:estimate", args=["test"]), {"model": "example@2026-1", "period": "2024"}
    ).content.decode()
    assert "from Jämlik" in page


def test_the_strategy_page_names_the_models_by_their_titles(client, world):
    login(client, world.leader)
    page = client.get(reverse("strategy:index", args=["test"])).content.decode()
    assert "Example model (invented parameters)</a>" in page
