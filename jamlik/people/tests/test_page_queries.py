"""The people, volunteers and premises list pages take as many queries with many rows as
with few (the tests/test_page_queries.py rule)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from jamlik.people.models import Candidate, CompetencePlan, HealthPromoter
from jamlik.premises.models import Premises
from jamlik.volunteers.models import Volunteer, VolunteerHours

PAGES = [
    "/p/test/promoters/",
    "/p/test/people/plans/",
    "/p/test/people/recruitment/",
    "/p/test/volunteers/",
    "/p/test/premises/",
]


def add_rows(world, start: int, n: int) -> None:
    for i in range(start, start + n):
        promoter = HealthPromoter.objects.create(program=world.program, name=f"P {i}")
        promoter.workshops.add(world.workshop_a)
        CompetencePlan.objects.create(promoter=promoter, follow_up_on=date(2020, 1, 1))
        Candidate.objects.create(
            program=world.program,
            name=f"C {i}",
            source="workshop",
            source_workshop=world.workshop_a,
            step_on=date(2024, 1, 1),
            step=["identified", "talked", "agreed"][i % 3],
        )
        volunteer = Volunteer.objects.create(
            program=world.program,
            code=f"T-V-{i}",
            kind="coach",
            category="adult",
            workshop=world.workshop_a,
            trained_on=date(2024, 1, 1),
        )
        VolunteerHours.objects.create(volunteer=volunteer, month=date(2024, 1, 1), hours=2)
        place = Premises.objects.create(program=world.program, name=f"Lokal {i}")
        world.activity_a.place = place
        world.activity_a.save()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", PAGES)
def test_queries_do_not_grow_with_rows_shown(client, world, url):
    assert client.login(username="leader", password=PASSWORD)
    add_rows(world, 0, 2)
    client.get(url)
    few = queries(client, url)
    add_rows(world, 2, 5)
    assert queries(client, url) == few
