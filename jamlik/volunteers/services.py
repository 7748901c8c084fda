"""Registering coaches and volunteers and their hours; each write audited."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.activities.services import _random_chars
from jamlik.people import audit
from jamlik.volunteers.models import Volunteer, VolunteerHours


def new_volunteer_code(*, program) -> str:
    """A random code such as "LIN-V-4K7Q2M": pseudonymous, like a participant's."""
    while True:
        code = f"{program.code_prefix}-V-{_random_chars(6)}"
        if not Volunteer.objects.filter(program=program, code=code).exists():
            return code


@transaction.atomic
def add_volunteer(
    *,
    access,
    kind: str,
    category: str,
    workshop=None,
    training: str = "",
    trained_on: date | None = None,
    ambassador_from: date | None = None,
) -> Volunteer:
    if workshop is not None and workshop.program_id != access.program.pk:
        raise ValidationError(_("The workshop belongs to another program."))
    volunteer = Volunteer(
        program=access.program,
        code=new_volunteer_code(program=access.program),
        kind=kind,
        category=category,
        workshop=workshop,
        training=training.strip(),
        trained_on=trained_on,
        ambassador_from=ambassador_from,
    )
    volunteer.full_clean(exclude=["program", "workshop"])
    volunteer.save()
    audit.record_by(access, "create", "volunteer", volunteer.code, kind=kind)
    return volunteer


@transaction.atomic
def set_ambassador(
    *, access, volunteer: Volunteer, start: date | None, end: date | None = None
) -> Volunteer:
    if volunteer.kind != Volunteer.Kind.COACH:
        raise ValidationError(_("Only a trained health coach goes on as an ambassador."))
    volunteer.ambassador_from, volunteer.ambassador_until = start, end
    volunteer.full_clean(exclude=["program", "workshop"])
    volunteer.save()
    audit.record_by(access, "update", "volunteer", volunteer.code, ambassador_from=str(start))
    return volunteer


@transaction.atomic
def add_hours(
    *, access, volunteer: Volunteer, hours: Decimal, month: date | None = None, activity=None
) -> VolunteerHours:
    """Hours at an activity (its month) or in a month."""
    if activity is not None:
        if activity.program_id != access.program.pk:
            raise ValidationError(_("The activity belongs to another program."))
        month = activity.date
    if month is None:
        raise ValidationError(_("Give the month or the activity."))
    entry = VolunteerHours(
        volunteer=volunteer, month=month.replace(day=1), activity=activity, hours=hours
    )
    entry.full_clean(exclude=["volunteer", "activity"])
    entry.save()
    audit.record_by(
        access,
        "create",
        "volunteer_hours",
        volunteer.code,
        hours=str(hours),
        month=str(entry.month),
    )
    return entry
