from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.programs.models import ChecklistTick, PhaseStep
from jamlik.programs.tests.cycle_helpers import decision


def url(name, *args):
    return reverse(f"programs:{name}", args=["test", *args])


@pytest.fixture
def as_user(client, english):
    def login(user):
        client.logout()
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return login


def test_the_model_page_per_role(gov, as_user, django_assert_max_num_queries):
    client = as_user(gov.world.leader)
    with django_assert_max_num_queries(40):
        page = client.get(url("model"))
    assert page.status_code == 200
    assert b"Move to another step" in page.content and b'name="done_on"' in page.content
    for user in (gov.world.promoter_a, gov.steering_member):
        page = as_user(user).get(url("model"))
        assert page.status_code == 200
        assert b'name="done_on"' not in page.content  # read only
    assert as_user(gov.world.viewer).get(url("model")).status_code == 404
    assert as_user(gov.world.outsider).get(url("model")).status_code == 404


def test_a_hub_member_ticks_an_item_and_a_promoter_may_not(gov, as_user):
    data = {"done_on": "2024-03-01", "note": "Klart", "document_url": "https://example.org/n"}
    response = as_user(gov.world.promoter_a).post(url("checklist_tick", "value_norms"), data)
    assert response.status_code == 404 and not ChecklistTick.objects.exists()
    client = as_user(gov.hub_member)
    assert client.get(url("checklist_tick", "value_norms")).status_code == 405
    response = client.post(url("checklist_tick", "value_norms"), data)
    assert response.status_code == 302
    assert ChecklistTick.objects.get().note == "Klart"
    page = client.get(url("model"))
    assert b"Klart" in page.content
    client.post(url("checklist_tick", "value_norms"), {"untick": "1"})
    assert not ChecklistTick.objects.exists()
    assert client.post(url("checklist_tick", "budget"), data).status_code == 404


def test_a_phase_change_by_decision_and_one_without(gov, as_user):
    client = as_user(gov.world.leader)
    refused = client.post(url("phase_change"), {"phase": "formation", "started_on": "2024-02-01"})
    assert refused.status_code == 400
    assert b"only by a recorded decision" in refused.content
    assert not PhaseStep.objects.exists()
    taken = decision(gov.steering, date(2024, 2, 1))
    response = client.post(
        url("phase_change"),
        {"phase": "formation", "started_on": "2024-02-01", "decision": taken.pk},
    )
    assert response.status_code == 302
    step = PhaseStep.objects.get()
    assert (step.phase, step.decision) == ("formation", taken)
    page = client.get(url("model"))
    assert b"Styrgruppen 2024-02-01 \xc2\xa71" in page.content
    # Leaving formation with open items warns, and still moves on.
    later = decision(gov.hub, date(2024, 3, 1))
    response = client.post(
        url("phase_change"),
        {"phase": "direction", "started_on": "2024-03-01", "decision": later.pk},
        follow=True,
    )
    assert b"The step left has open checklist items: 1. A budget exists" in response.content
    assert PhaseStep.objects.get(ended_on__isnull=True).phase == "direction"


def test_the_fidelity_page_and_api(gov, as_user):
    client = as_user(gov.world.viewer)
    page = client.get(url("fidelity") + "?period=2024H1")
    assert page.status_code == 200 and b"How it is computed" in page.content
    assert b"One vote per party" in page.content
    response = client.get("/api/programs/test/fidelity?period=2024H1")
    assert response.status_code == 200
    rows = response.json()
    assert {r["key"] for r in rows} >= {"pentahelix", "half_year_evaluation"}
    assert next(r for r in rows if r["key"] == "half_year_evaluation")["status"] == "not_met"
    # A viewer sees whole periods only.
    assert (
        client.get("/api/programs/test/fidelity?period=2024-01-01..2024-02-01").status_code == 400
    )
    assert as_user(gov.world.outsider).get("/api/programs/test/fidelity").status_code == 404


def test_the_model_page_takes_as_many_queries_with_a_long_history(gov, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jamlik.programs.cycle import change_phase
    from jamlik.programs.tests.cycle_helpers import access_of

    access = access_of(gov.world.leader, gov.program)
    phases = ["initiative", "exploratory", "formation", "direction", "build_up", "ongoing"]
    phases += ["revised_exploratory", "direction", "ongoing"]

    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            day = date(2020 + i // 12, 1 + i % 12, 1)
            change_phase(
                access=access, phase=phases[i % len(phases)], started_on=day,
                decision=decision(gov.hub, day),
            )  # fmt: skip

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    client = as_user(gov.world.leader)
    grow(0, 2)
    few = count(url("model")), count(url("fidelity"))
    grow(2, 12)
    assert (count(url("model")), count(url("fidelity"))) == few


def test_the_admin_lists_the_history_read_only(gov, client):
    from django.contrib.auth.models import User

    from jamlik.programs.cycle import change_phase
    from jamlik.programs.tests.cycle_helpers import access_of

    change_phase(
        access=access_of(gov.world.leader, gov.program), phase="formation",
        started_on=date(2024, 2, 1), decision=decision(gov.hub, date(2024, 2, 1)),
    )  # fmt: skip
    User.objects.create_superuser("boss", password=PASSWORD)
    client.login(username="boss", password=PASSWORD)
    page = client.get(reverse("admin:programs_phasestep_changelist"))
    assert page.status_code == 200
    assert b"Testprogrammet" in page.content
    assert client.get(reverse("admin:programs_phasestep_add")).status_code == 403
    assert client.get(reverse("admin:programs_program_changelist")).status_code == 200
