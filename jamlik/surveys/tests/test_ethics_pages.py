"""The leader registers ethics approvals on pages; researchers export under them."""

from datetime import date

import pytest

from conftest import PASSWORD, make_user
from jamlik.people.models import AuditEvent, ProgramRole
from jamlik.programs.models import Program
from jamlik.surveys.models import EthicsApproval


def form(roles, waves, **changes):
    data = {
        "title": "Hälsa i området",
        "study": "studie-1",
        "reference_number": "2026-00001-01",
        "authority": "Etikprövningsmyndigheten",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "scope": "WHO-5 vid baslinje och uppföljning.",
        "waves": [w.pk for w in waves],
        "researchers": [roles["researcher"].pk],
    }
    data.update(changes)
    return data


def test_the_leader_registers_an_approval_that_opens_the_researcher_s_export(
    client, world, roles, waves, time_machine
):
    time_machine.move_to(date(2026, 6, 1))
    client.login(username="leader", password=PASSWORD)
    response = client.post("/p/test/surveys/ethics/new/", form(roles, waves))
    assert response.status_code == 302
    approval = EthicsApproval.objects.get(study="studie-1")
    assert approval.registered_by == world.leader
    assert set(approval.waves.all()) == set(waves)
    assert AuditEvent.objects.filter(object_type="ethics_approval", object_ref="studie-1").exists()
    client.login(username="researcher", password=PASSWORD)
    assert client.get("/p/test/surveys/exports/studie-1/").status_code == 200


def test_it_refuses_an_approval_that_ends_before_it_starts(client, world, roles, waves):
    client.login(username="leader", password=PASSWORD)
    response = client.post(
        "/p/test/surveys/ethics/new/", form(roles, waves, valid_until="2025-01-01")
    )
    assert "valid_until" in response.context["form"].errors
    assert not EthicsApproval.objects.exists()


def test_only_the_program_s_researchers_can_be_named(client, world, roles, waves):
    stranger = make_user("stranger")
    other = Program.objects.create(slug="o", name="O", code_prefix="O")
    ProgramRole.objects.create(user=stranger, program=other, role="researcher")
    client.login(username="leader", password=PASSWORD)
    response = client.post(
        "/p/test/surveys/ethics/new/", form(roles, waves, researchers=[stranger.pk])
    )
    assert "researchers" in response.context["form"].errors
    response = client.post(
        "/p/test/surveys/ethics/new/", form(roles, waves, researchers=[world.promoter_a.pk])
    )
    assert "researchers" in response.context["form"].errors
    assert not EthicsApproval.objects.exists()


def test_a_changed_approval_keeps_its_study_key_and_is_audited(
    client, world, roles, waves, approval
):
    client.login(username="leader", password=PASSWORD)
    response = client.post(
        f"/p/test/surveys/ethics/{approval.study}/",
        form(roles, waves, study="nytt", title="Ny titel", valid_until="2030-12-31"),
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert (approval.study, approval.title) == ("halsa-2024", "Ny titel")
    event = AuditEvent.objects.get(object_type="ethics_approval", action="update")
    assert "title" in event.detail["changed"]


@pytest.mark.parametrize("user", ["researcher", "hub", "steering", "promoter_a", "viewer"])
def test_no_one_but_the_leader_reaches_the_pages(client, world, roles, waves, approval, user):
    client.login(username=user, password=PASSWORD)
    for path in (
        "/p/test/surveys/ethics/",
        "/p/test/surveys/ethics/new/",
        f"/p/test/surveys/ethics/{approval.study}/",
    ):
        assert client.get(path).status_code == 404
    response = client.post("/p/test/surveys/ethics/new/", form(roles, waves, study="x"))
    assert response.status_code == 404
    assert EthicsApproval.objects.count() == 1
