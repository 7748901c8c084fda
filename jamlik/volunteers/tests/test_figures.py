from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jamlik.lib.periods import Period
from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent
from jamlik.volunteers import figures, services
from jamlik.volunteers.models import Volunteer


@pytest.fixture
def access(world):
    return get_program_access(world.promoter_a, "test")


def _coach(access, world, trained_on, **kwargs):
    return services.add_volunteer(
        access=access,
        kind="coach",
        category="adult",
        workshop=world.workshop_a,
        training="Diabetescoach",
        trained_on=trained_on,
        **kwargs,
    )


def test_trained_coaches_are_counted_in_the_half_year_of_their_training(access, world):
    for day in (date(2023, 9, 1), date(2023, 12, 31), date(2024, 1, 1)):
        _coach(access, world, day)
    assert figures.trained_coaches(program=world.program, period=Period.parse("2023H2")) == 2
    assert figures.trained_coaches(program=world.program, period=Period.parse("2024H1")) == 1


def test_ambassadors_are_active_when_their_span_meets_the_period(access, world):
    done = _coach(access, world, date(2023, 9, 1))
    services.set_ambassador(
        access=access, volunteer=done, start=date(2023, 10, 1), end=date(2023, 12, 31)
    )
    still = _coach(access, world, date(2023, 9, 1))
    services.set_ambassador(access=access, volunteer=still, start=date(2024, 2, 1))
    _coach(access, world, date(2023, 9, 1))
    assert figures.active_ambassadors(program=world.program, period=Period.parse("2023H2")) == 1
    assert figures.active_ambassadors(program=world.program, period=Period.parse("2024H1")) == 1
    assert figures.active_ambassadors(program=world.program, period=Period.parse("2024")) == 1


def test_volunteer_hours_add_up_by_month_and_activity(access, world):
    helper = services.add_volunteer(access=access, kind="volunteer", category="adult")
    services.add_hours(
        access=access, volunteer=helper, hours=Decimal("2.5"), activity=world.activity_a
    )
    services.add_hours(access=access, volunteer=helper, hours=Decimal(4), month=date(2024, 6, 15))
    services.add_hours(access=access, volunteer=helper, hours=Decimal(3), month=date(2024, 7, 1))
    assert figures.volunteer_hours(program=world.program, period=Period.parse("2024H1")) == Decimal(
        "6.5"
    )
    assert helper.hours.get(activity=world.activity_a).month == date(2024, 3, 1)
    assert AuditEvent.objects.filter(object_type="volunteer_hours").count() == 3


def test_a_volunteer_is_a_code_not_a_person(access, world):
    helper = services.add_volunteer(access=access, kind="volunteer", category="adult")
    assert helper.code.startswith("T-V-")
    assert not {"name", "phone", "email"} & {f.name for f in Volunteer._meta.fields}


def test_a_coach_needs_the_date_of_training_and_hours_must_be_positive(access, world):
    with pytest.raises(ValidationError):
        services.add_volunteer(access=access, kind="coach", category="adult")
    helper = services.add_volunteer(access=access, kind="volunteer", category="adult")
    with pytest.raises(ValidationError):
        services.add_hours(
            access=access, volunteer=helper, hours=Decimal(0), month=date(2024, 1, 1)
        )
    with pytest.raises(ValidationError):
        services.set_ambassador(access=access, volunteer=helper, start=date(2024, 1, 1))
