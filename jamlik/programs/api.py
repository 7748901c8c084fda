from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import PeriodNotAllowed, get_program_access, period_for
from jamlik.people.policy import roles_with
from jamlik.programs import checklist, cycle
from jamlik.programs.fidelity import fidelity_for

router = Router(tags=["model"])


@router.get("/{slug}/fidelity", response=list[dict[str, Any]])
def fidelity(request: HttpRequest, slug: str, period: str = ""):
    """Model fidelity for a period (default: the current half-year): per criterion its key,
    title, rule, status (met, partly, not_met, no_data), evidence and value. Roles that see
    only published figures get 400 for a period that is not a whole half-year or year."""
    access = get_program_access(request.user, slug, roles=roles_with("fidelity"))
    today = timezone.localdate()
    try:
        parsed = period_for(access, period) if period else Period.half_year_of(today)
    except PeriodNotAllowed as exc:
        raise HttpError(400, str(exc)) from None
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return fidelity_for(access.program, parsed, today=today)


def _decision(step) -> dict[str, Any] | None:
    decision = step.decision
    if decision is None:
        return None
    meeting = decision.meeting
    return {"body": meeting.body.key, "meeting": meeting.key, "date": meeting.date.isoformat(),
            "number": decision.number}  # fmt: skip


def _step(step) -> dict[str, Any]:
    return {
        "phase": step.phase,
        "round": step.round,
        "started_on": step.started_on.isoformat(),
        "ended_on": step.ended_on.isoformat() if step.ended_on else None,
        "decision": _decision(step),
    }


def _item(state) -> dict[str, Any]:
    tick = state.tick
    return {
        "key": state.item.key,
        "label": str(state.item.label),
        "done": state.done,
        "auto": state.item.is_auto,
        "evidence": state.evidence.text if state.evidence else None,
        "evidence_url": (state.evidence.url or None) if state.evidence else None,
        "done_on": tick.done_on.isoformat() if tick else None,
        "note": tick.note if tick else None,
        "document_url": (tick.document_url or None) if tick else None,
    }


@router.get("/{slug}/cycle", response=dict[str, Any])
def cycle_state(request: HttpRequest, slug: str):
    """The model's cycle as the Modellen page shows it: the current phase (null before the
    first recorded step), every recorded step oldest first with the decision that started
    it, and each phase's checklist: per item done or not, and whether it checks itself from
    the record (auto, with its evidence) or is ticked by hand (with its date and note)."""
    access = get_program_access(request.user, slug, roles=roles_with("cycle"))
    program = access.program
    current = cycle.current_step(program)
    items = checklist.checklist(program, today=timezone.localdate())
    return {
        "phase": current.phase if current else None,
        "round": current.round if current else None,
        "history": [_step(step) for r in cycle.rounds(program) for step in r.steps],
        "checklist": [
            {"phase": phase, "items": [_item(state) for state in states]}
            for phase, states in items.items()
        ],
    }
