"""The demo program's cycle: round 1 from the initiative in 2022, the revised exploratory
workshop of autumn 2024 that starts round 2, each step entered by a decision of the hub
or the steering group; the checklists partly ticked by hand (some honest gaps remain)."""

import random
from datetime import date
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max

from jamlik.governance.models import Body, Category, Decision, Meeting
from jamlik.programs.cycle import change_phase
from jamlik.programs.models import ChecklistTick, PhaseStep, Program

Phase = Program.Phase
# (round's step, start, the body whose decision moves the program there)
HISTORY = (
    (Phase.INITIATIVE, date(2022, 9, 5), Body.Kind.STEERING),
    (Phase.EXPLORATORY, date(2023, 1, 16), Body.Kind.STEERING),
    (Phase.FORMATION, date(2023, 3, 6), Body.Kind.STEERING),
    (Phase.DIRECTION, date(2023, 5, 15), Body.Kind.HUB),
    (Phase.BUILD_UP, date(2023, 8, 14), Body.Kind.HUB),
    (Phase.ONGOING, date(2023, 12, 4), Body.Kind.STEERING),
    (Phase.REVISED, date(2024, 9, 16), Body.Kind.STEERING),
    (Phase.DIRECTION, date(2024, 11, 25), Body.Kind.HUB),
    (Phase.ONGOING, date(2025, 2, 3), Body.Kind.STEERING),
)
# Items ticked by hand, with when (goals, competence plans, the half-year and CBPR
# evaluations check themselves from the goals and people records).
TICKS = (
    ("area_chosen", date(2022, 9, 5), "Områdesval i styrgruppen", True),
    ("partners_invited", date(2022, 11, 10), "", False),
    ("context_analysis", date(2023, 4, 20), "Kontextanalys klar", True),
    ("policy_inventory", date(2023, 4, 28), "", True),
    ("value_norms", date(2023, 5, 15), "Antagen i hubben", True),
)


def _decision(program: Program, kind: str, day: date, phase: str) -> Decision:
    """A decision at the body's meeting of that day, or at one held for it."""
    body = Body.objects.get(program=program, kind=kind)
    meeting = Meeting.objects.filter(body=body, date=day).first()
    if meeting is None:
        meeting = Meeting.objects.create(
            body=body, key=f"cycle-{day.isoformat()}", date=day, status=Meeting.Status.HELD
        )
    number = (meeting.decisions.aggregate(n=Max("number"))["n"] or 0) + 1
    return Decision.objects.create(
        meeting=meeting,
        number=number,
        text=f"Programmet går över till steget {Phase(phase).label}.",
        category=Category.OTHER,
        initiated_by="strategic",
    )


def seed_cycle(program: Program, rng: random.Random, *, today: date) -> dict[str, int]:
    delete_cycle_data(program=program)
    access = SimpleNamespace(program=program, user=AnonymousUser())
    steps = 0
    for phase, day, kind in HISTORY:
        if day > today:
            break
        decision = _decision(program, kind, day, phase)
        change_phase(access=access, phase=phase, started_on=day, decision=decision)
        steps += 1
    for item, day, note, document in TICKS:
        if day <= today:
            ChecklistTick.objects.create(
                program=program,
                item=item,
                done_on=day,
                note=note,
                document_url=f"https://example.org/dokument/{item}.pdf" if document else "",
            )
    return {"steps": steps}


def delete_cycle_data(*, program: Program) -> None:
    """Before the governance data: a step protects its decision."""
    PhaseStep.objects.filter(program=program).delete()
    ChecklistTick.objects.filter(program=program).delete()
