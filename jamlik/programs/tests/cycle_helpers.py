"""Small record builders for the cycle, checklist and fidelity tests."""

from datetime import date

from jamlik.governance.models import Decision, Meeting
from jamlik.people.access import get_program_access


def meeting(body, day: date, *, status="held", key=None, chair=None) -> Meeting:
    return Meeting.objects.create(
        body=body, key=key or f"m-{day.isoformat()}", date=day, status=status, chair=chair
    )


def decision(body, day: date, *, number=1, initiated_by="strategic", **extra) -> Decision:
    found = Meeting.objects.filter(body=body, date=day).first() or meeting(body, day)
    return Decision.objects.create(
        meeting=found, number=number, text="Beslut", initiated_by=initiated_by, **extra
    )


def access_of(user, program):
    return get_program_access(user, program.slug)
