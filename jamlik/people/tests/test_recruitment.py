from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jamlik.people import recruitment
from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent, Candidate, HealthPromoter
from jamlik.people.tests.helpers import commitment, hub_decision

DAY = date(2024, 3, 1)


@pytest.fixture
def access(world):
    return get_program_access(world.leader, "test")


@pytest.fixture
def candidate(access, world):
    return recruitment.add_candidate(
        access=access,
        name="Amal",
        source=Candidate.Source.EXPLORATORY,
        languages="arabiska, svenska",
        would_lead="Kvinnors hälsa",
        today=DAY,
    )


def test_it_moves_a_candidate_through_the_steps_to_employment(access, world, candidate):
    recruitment.advance(access=access, candidate=candidate, today=DAY)
    assert candidate.step == Candidate.Step.TALKED
    recruitment.advance(
        access=access, candidate=candidate, today=DAY, decision=hub_decision(world.program)
    )
    assert candidate.step == Candidate.Step.AGREED
    offer = commitment(world.program, "employs_promoter", fte=Decimal(75))
    recruitment.advance(access=access, candidate=candidate, today=DAY, commitment=offer)
    recruitment.advance(access=access, candidate=candidate, today=date(2024, 4, 1))

    candidate.refresh_from_db()
    assert candidate.step == Candidate.Step.EMPLOYED
    promoter = HealthPromoter.objects.get(pk=candidate.promoter_id)
    assert (promoter.name, promoter.fte_percent, promoter.started_on) == (
        "Amal",
        Decimal(75),
        date(2024, 4, 1),
    )
    assert promoter.employer.name == "Föreningen"
    assert promoter.competence_plan is not None
    assert AuditEvent.objects.filter(object_type="candidate", action="update").count() == 4


def test_agreeing_needs_a_hub_decision(access, candidate):
    recruitment.advance(access=access, candidate=candidate, today=DAY)
    with pytest.raises(ValidationError) as refused:
        recruitment.advance(access=access, candidate=candidate, today=DAY)
    assert refused.value.code == "decision"
    candidate.refresh_from_db()
    assert candidate.step == Candidate.Step.TALKED


def test_an_employer_is_a_commitment_to_employ_a_promoter(access, world, candidate):
    candidate.step = Candidate.Step.AGREED
    candidate.save()
    premises = commitment(world.program, "premises")
    with pytest.raises(ValidationError):
        recruitment.advance(access=access, candidate=candidate, today=DAY, commitment=premises)
    with pytest.raises(ValidationError):
        recruitment.advance(access=access, candidate=candidate, today=DAY)


def test_declining_erases_the_personal_data_and_keeps_the_count(access, candidate):
    recruitment.decline(access=access, candidate=candidate, today=DAY)
    row = Candidate.objects.get(pk=candidate.pk)
    assert (row.name, row.languages, row.would_lead) == ("", "", "")
    assert (row.step, row.source) == (Candidate.Step.DECLINED, Candidate.Source.EXPLORATORY)
    event = AuditEvent.objects.filter(object_type="candidate").first()
    assert event.detail == {"step": "declined", "reached": "identified"}
    with pytest.raises(ValidationError):
        recruitment.advance(access=access, candidate=row, today=DAY)


def test_the_team_mix_shows_gaps_against_the_area(access, world):
    HealthPromoter.objects.filter(user=world.promoter_a).update(
        languages="Arabiska, svenska", age_band="30_49", gender="woman"
    )
    HealthPromoter.objects.filter(user=world.promoter_b).update(ended_on=date(2024, 1, 1))
    world.activity_a.languages = "sv, so"
    world.activity_a.save()
    mix = recruitment.team_mix(program=world.program, today=DAY)
    assert mix.promoters == 1
    assert mix.languages == [("arabiska", 1), ("svenska", 1)]
    assert mix.workshops_without_promoter == ["Verkstad B"]
    assert mix.area_languages_missing == ["so", "sv"]


def test_only_the_leader_records_the_employment(world, candidate):
    from conftest import make_user
    from jamlik.people.models import ProgramRole

    hub = make_user("hub")
    ProgramRole.objects.create(user=hub, program=world.program, role="hub")
    hub_access = get_program_access(hub, "test")
    candidate.step = Candidate.Step.EMPLOYER
    candidate.commitment = commitment(world.program, "employs_promoter")
    candidate.save()
    with pytest.raises(ValidationError) as refused:
        recruitment.advance(access=hub_access, candidate=candidate, today=DAY)
    assert refused.value.code == "leader_employs"
    assert not HealthPromoter.objects.filter(name="Amal").exists()
