"""GET /api/programs/SLUG/cycle: the phase, its history and the checklists, as Modellen."""

from datetime import date

import pytest
import time_machine

from conftest import as_user
from jamlik.people.models import AuditEvent, ProgramRole
from jamlik.programs import checklist
from jamlik.programs.cycle import change_phase
from jamlik.programs.models import Program
from jamlik.programs.tests.cycle_helpers import access_of, decision
from jamlik.tokens.tests.test_tokens import bearer, make_token

URL = "/api/programs/test/cycle"


@pytest.fixture
def history(gov):
    access = access_of(gov.world.leader, gov.program)
    change_phase(
        access=access, phase="initiative", started_on=date(2024, 1, 10),
        decision=decision(gov.steering, date(2024, 1, 10)),
    )  # fmt: skip
    change_phase(
        access=access, phase="formation", started_on=date(2024, 3, 1),
        decision=decision(gov.hub, date(2024, 3, 1), number=3),
    )  # fmt: skip
    checklist.tick(
        access=access, item_key="area_chosen", done_on=date(2024, 1, 5), note="Beslutat",
        document_url="https://example.org/omradet",
    )  # fmt: skip
    return gov


@time_machine.travel(date(2024, 5, 2))
def test_it_gives_the_phase_the_history_and_the_checklists(client, history):
    response = as_user(client, history.steering_member).get(URL)
    assert response.status_code == 200
    data = response.json()
    assert (data["phase"], data["round"]) == ("formation", 1)
    assert data["history"] == [
        {"phase": "initiative", "round": 1, "started_on": "2024-01-10", "ended_on": "2024-03-01",
         "decision": {"body": "steering", "meeting": "m-2024-01-10", "date": "2024-01-10",
                      "number": 1}},
        {"phase": "formation", "round": 1, "started_on": "2024-03-01", "ended_on": None,
         "decision": {"body": "hub", "meeting": "m-2024-03-01", "date": "2024-03-01",
                      "number": 3}},
    ]  # fmt: skip
    phases = [group["phase"] for group in data["checklist"]]
    assert phases[:3] == ["initiative", "exploratory", "formation"]
    items = {item["key"]: item for group in data["checklist"] for item in group["items"]}
    assert items["area_chosen"] == {
        "key": "area_chosen", "label": items["area_chosen"]["label"], "done": True,
        "auto": False, "evidence": None, "evidence_url": None, "done_on": "2024-01-05",
        "note": "Beslutat",
        "document_url": "https://example.org/omradet",
    }  # fmt: skip
    assert items["partners_invited"]["done"] is False
    # Checked from the record: a held hub meeting (the decision's); no goals yet.
    assert items["hub"]["auto"] and items["hub"]["done"] and items["hub"]["evidence"]
    assert items["hub"]["evidence_url"] == "/p/test/governance/hub/"
    assert items["goals"]["auto"] and not items["goals"]["done"]
    assert items["goals"]["evidence"] is None
    # Who ticked an item is not in the API.
    assert "hub_member" not in response.content.decode()
    assert "leader" not in str(items["area_chosen"])


def test_a_program_without_steps_has_no_phase(client, gov):
    data = as_user(client, gov.world.promoter_a).get(URL).json()
    assert data["phase"] is None and data["history"] == []


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_roles_without_the_cycle_get_404(client, history, who):
    response = as_user(client, getattr(history.world, who)).get(URL)
    assert response.status_code == 404
    assert "formation" not in response.content.decode()


def test_another_programs_cycle_is_404(client, history):
    other = Program.objects.create(slug="other", name="Annat", code_prefix="O")
    response = as_user(client, history.world.leader).get("/api/programs/other/cycle")
    assert response.status_code == 404
    ProgramRole.objects.create(user=history.world.leader, program=other, role="leader")
    data = client.get("/api/programs/other/cycle").json()
    assert data["phase"] is None and data["history"] == []


def test_a_token_reads_it_and_anonymous_gets_401(client, history):
    raw = make_token(client, history.hub_member)
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 200 and response.json()["phase"] == "formation"
    use = AuditEvent.objects.get(object_type="api_token", action="view")
    assert (use.user, use.detail["path"]) == (history.hub_member, URL)
    assert client.get(URL).status_code == 401
