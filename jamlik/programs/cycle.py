"""The model's cycle (seed 000): the steps a program has been through, and moving on.

initiative → exploratory workshop → formation → direction → build-up → ongoing development
→ revised exploratory workshop (after 1–2 years or a large change) → round again. The
program's phase is not a label of its own: it is the latest recorded step. A step is
entered only by a recorded decision of the hub or the steering group.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.governance.models import Body, Decision
from jamlik.people import audit
from jamlik.programs.models import PhaseStep, Program

Phase = Program.Phase
ORDER: list[str] = list(Phase.values)
# The bodies whose decisions move a program to another step.
DECIDING_BODIES = (Body.Kind.HUB, Body.Kind.STEERING)


def current_step(program: Program) -> PhaseStep | None:
    """The step the program is in: its latest recorded step (None before the first)."""
    return program.phase_steps.order_by("-started_on", "-pk").first()


def phase_of(program: Program) -> str | None:
    """The program's phase, derived from the phase history."""
    step = current_step(program)
    return step.phase if step else None


def deciding_decisions(program: Program):
    """The decisions of the program's hub and steering group, newest first."""
    return (
        Decision.objects.filter(
            meeting__body__program=program, meeting__body__kind__in=DECIDING_BODIES
        )
        .select_related("meeting__body")
        .order_by("-meeting__date", "-number")
    )


@dataclass(frozen=True)
class Round:
    number: int
    steps: list[PhaseStep]


def rounds(program: Program) -> list[Round]:
    """The recorded steps grouped by round of the cycle, oldest first."""
    steps = list(
        program.phase_steps.select_related("decision__meeting__body").order_by("started_on", "pk")
    )
    found: dict[int, list[PhaseStep]] = {}
    for step in steps:
        found.setdefault(step.round, []).append(step)
    return [Round(number, found[number]) for number in sorted(found)]


def step_states(program: Program) -> list[dict]:
    """The seven steps of the current round, each done, current or ahead, with its dates."""
    current = current_step(program)
    in_round = {}
    if current is not None:
        for step in program.phase_steps.filter(round=current.round).order_by("started_on", "pk"):
            in_round[step.phase] = step
    states = []
    for phase in ORDER:
        step = in_round.get(phase)
        if current is not None and step is not None and step.pk == current.pk:
            state = "current"
        elif step is not None:
            state = "done"
        else:
            state = "ahead"
        states.append({"phase": phase, "label": Phase(phase).label, "state": state, "step": step})
    return states


def change_phase(
    *,
    access,
    phase: str,
    started_on: date,
    decision: Decision | None,
    note: str = "",
) -> PhaseStep:
    """Ends the current step and starts `phase` on `started_on`, by `decision`.

    Refused (ValidationError, nothing saved) without a decision of the program's hub or
    steering group, for an unknown step, for the step the program is already in, for a
    start before the meeting that decided it, and when the new step would start before the
    current one started (dates never run backwards). A revised exploratory workshop starts
    a new round. Open checklist items do not stop it: the page shows them as a warning.
    """
    program = access.program
    if phase not in ORDER:
        raise ValidationError({"phase": _("Choose a step of the cycle.")})
    if decision is None:
        raise ValidationError(
            {
                "decision": _(
                    "A step of the cycle changes only by a recorded decision of the hub or the "
                    "steering group: choose the decision."
                )
            }
        )
    body = decision.meeting.body
    if body.program_id != program.pk or body.kind not in DECIDING_BODIES:
        raise ValidationError(
            {"decision": _("Choose a decision of this program's hub or steering group.")}
        )
    decided_on = decision.meeting.date
    if started_on < decided_on:
        # The decision starts the step; a history recorded afterwards keeps the meetings' dates.
        raise ValidationError(
            {
                "started_on": _(
                    "The step cannot start before the meeting that decided it (%(date)s)."
                )
                % {"date": decided_on.isoformat()}
            }
        )
    with transaction.atomic():
        current = (
            PhaseStep.objects.select_for_update()
            .filter(program=program)
            .order_by("-started_on", "-pk")
            .first()
        )
        round_number = 1
        if current is not None:
            if current.phase == phase:
                raise ValidationError({"phase": _("The program is already in this step.")})
            if started_on < current.started_on:
                raise ValidationError(
                    {
                        "started_on": _(
                            "The new step cannot start before the current one started (%(date)s)."
                        )
                        % {"date": current.started_on.isoformat()}
                    }
                )
            round_number = current.round + (1 if phase == Phase.REVISED else 0)
            current.ended_on = started_on
            current.save(update_fields=["ended_on"])
        step = PhaseStep.objects.create(
            program=program,
            phase=phase,
            round=round_number,
            started_on=started_on,
            decision=decision,
            note=note,
            recorded_by=access.user if access.user.is_authenticated else None,
        )
        audit.record_by(
            access,
            "create",
            "phase_step",
            step.pk,
            phase=phase,
            round=round_number,
            started_on=started_on.isoformat(),
            decision=decision.pk,
            previous=current.phase if current else None,
        )
    return step
