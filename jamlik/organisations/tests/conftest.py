"""An organisation ("city") holding the shared test program and a second one, a funder
officer, an organisation admin, and another organisation with its own program and
funder officer, to test that organisations are isolated."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User

from conftest import make_user
from jamlik.activities.models import Activity, Attendance, Category, Participant
from jamlik.organisations.models import Organisation, OrganisationRole
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_changed
from jamlik.workshops.models import Workshop


def add_record(program: Program, *, people: int, activities: int, start: date) -> None:
    """`activities` held activities from `start`, one a week, each attended by all of
    `people` new participants."""
    workshop, _ = Workshop.objects.get_or_create(program=program, key="w", name="Verkstad")
    base = Participant.objects.filter(program=program).count()
    persons = Participant.objects.bulk_create(
        Participant(program=program, code=f"X-{base + i:04d}", category=Category.ADULT)
        for i in range(people)
    )
    days = []
    for i in range(activities):
        day = start + timedelta(weeks=i)
        days.append(day)
        activity = Activity.objects.create(
            program=program,
            key=f"rec-{day.isoformat()}-{base}",
            workshop=workshop,
            kind="health_circle",
            date=day,
            title="Cirkel",
        )
        Attendance.objects.bulk_create(
            Attendance(activity=activity, participant=p) for p in persons
        )
    figures_changed(program=program, days=days)


@dataclass
class City:
    organisation: Organisation
    second: Program
    funder: User
    admin: User
    other: Organisation
    other_program: Program
    other_funder: User


@pytest.fixture
def city(world) -> City:
    organisation = Organisation.objects.create(slug="city", name="Teststaden")
    world.program.organisation = organisation
    world.program.save()
    second = Program.objects.create(
        slug="second", name="Andra programmet", code_prefix="S", organisation=organisation
    )
    other = Organisation.objects.create(slug="other", name="Annan stad")
    other_program = Program.objects.create(
        slug="elsewhere", name="Annat program", code_prefix="E", organisation=other
    )
    funder, admin, other_funder = (
        make_user("funder"),
        make_user("orgadmin"),
        make_user("otherfunder"),
    )
    OrganisationRole.objects.create(user=funder, organisation=organisation, role="funder")
    OrganisationRole.objects.create(user=admin, organisation=organisation, role="admin")
    OrganisationRole.objects.create(user=other_funder, organisation=other, role="funder")
    return City(organisation, second, funder, admin, other, other_program, other_funder)
