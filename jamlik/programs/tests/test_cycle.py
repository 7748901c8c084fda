from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jamlik.people.models import AuditEvent
from jamlik.programs.cycle import change_phase, current_step, phase_of, rounds, step_states
from jamlik.programs.models import PhaseStep
from jamlik.programs.tests.cycle_helpers import access_of, decision


def test_it_derives_the_phase_from_the_history(gov):
    program = gov.program
    assert phase_of(program) is None
    access = access_of(gov.world.leader, program)
    change_phase(
        access=access, phase="initiative", started_on=date(2023, 1, 10),
        decision=decision(gov.steering, date(2023, 1, 10)),
    )  # fmt: skip
    change_phase(
        access=access, phase="exploratory", started_on=date(2023, 3, 1),
        decision=decision(gov.hub, date(2023, 3, 1)),
    )  # fmt: skip
    assert phase_of(program) == "exploratory"
    first = PhaseStep.objects.get(program=program, phase="initiative")
    assert first.ended_on == date(2023, 3, 1)
    assert current_step(program).ended_on is None
    states = {s["phase"]: s["state"] for s in step_states(program)}
    assert states["initiative"] == "done" and states["exploratory"] == "current"
    assert states["formation"] == "ahead"
    assert AuditEvent.objects.filter(object_type="phase_step", action="create").count() == 2


def test_a_revised_exploratory_workshop_starts_a_new_round(gov):
    access = access_of(gov.world.leader, gov.program)
    for i, phase in enumerate(["ongoing", "revised_exploratory", "formation"]):
        change_phase(
            access=access, phase=phase, started_on=date(2024, 1 + i, 1),
            decision=decision(gov.hub, date(2024, 1 + i, 1)),
        )  # fmt: skip
    assert [(r.number, [s.phase for s in r.steps]) for r in rounds(gov.program)] == [
        (1, ["ongoing"]),
        (2, ["revised_exploratory", "formation"]),
    ]


def test_a_change_without_a_decision_is_refused_and_nothing_is_saved(gov):
    access = access_of(gov.world.leader, gov.program)
    with pytest.raises(ValidationError) as exc:
        change_phase(access=access, phase="formation", started_on=date(2024, 1, 1), decision=None)
    assert "decision" in exc.value.message_dict
    assert not PhaseStep.objects.exists()


def test_a_decision_of_another_body_is_refused(gov):
    from jamlik.governance.models import Body

    other = Body.objects.create(program=gov.program, key="ref", name="Referens", kind="other")
    access = access_of(gov.world.leader, gov.program)
    with pytest.raises(ValidationError):
        change_phase(
            access=access, phase="formation", started_on=date(2024, 1, 1),
            decision=decision(other, date(2024, 1, 1)),
        )  # fmt: skip
    assert not PhaseStep.objects.exists()


def test_dates_cannot_run_backwards(gov):
    access = access_of(gov.world.leader, gov.program)
    change_phase(
        access=access, phase="formation", started_on=date(2024, 5, 1),
        decision=decision(gov.hub, date(2024, 5, 1)),
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        change_phase(
            access=access, phase="direction", started_on=date(2024, 4, 1),
            decision=decision(gov.hub, date(2024, 4, 1)),
        )  # fmt: skip
    assert "started_on" in exc.value.message_dict
    step = PhaseStep.objects.get()
    assert step.phase == "formation" and step.ended_on is None


def test_the_same_step_again_is_refused(gov):
    access = access_of(gov.world.leader, gov.program)
    change_phase(
        access=access, phase="formation", started_on=date(2024, 5, 1),
        decision=decision(gov.hub, date(2024, 5, 1)),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        change_phase(
            access=access, phase="formation", started_on=date(2024, 6, 1),
            decision=decision(gov.hub, date(2024, 6, 1)),
        )  # fmt: skip
    assert PhaseStep.objects.count() == 1


def test_a_step_cannot_start_before_the_meeting_that_decided_it(gov):
    access = access_of(gov.world.leader, gov.program)
    taken = decision(gov.hub, date(2024, 5, 2))
    with pytest.raises(ValidationError) as exc:
        change_phase(access=access, phase="formation", started_on=date(2024, 4, 30), decision=taken)
    assert "2024-05-02" in exc.value.message_dict["started_on"][0]
    assert not PhaseStep.objects.exists()
    change_phase(access=access, phase="formation", started_on=date(2024, 5, 2), decision=taken)
    assert PhaseStep.objects.get().started_on == date(2024, 5, 2)
