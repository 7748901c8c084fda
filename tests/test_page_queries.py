"""List pages take as many queries with many rows as with few: no query per row shown
(e.g. from `get_absolute_url` reading `self.program.slug`)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from jamlik.activities.models import Activity, Attendance
from jamlik.needs.models import Need, NeedsInventory, NeedStatement
from jamlik.partners.models import Partner, Partnership
from jamlik.workshops.models import Workshop

PAGES = [
    "/p/test/activities/",
    "/p/test/workshops/",
    "/p/test/workshops/a/",
    "/p/test/needs/",
    "/p/test/needs/matrix/",
    "/p/test/needs/unmet/",
    "/p/test/needs/n/need-0/",
    "/p/test/needs/inventories/inv-0/",
    "/p/test/partners/",
]


def add_rows(world, start: int, n: int) -> None:
    """n more of everything the pages list: activities with attendance, workshops,
    needs, inventories with statements, partners."""
    inventory = NeedsInventory.objects.get_or_create(
        program=world.program,
        key="inv-0",
        defaults={"title": "Inventering", "kind": "exploratory", "date": date(2024, 1, 1)},
    )[0]
    for i in range(start, start + n):
        activity = Activity.objects.create(
            program=world.program,
            key=f"x-{i}",
            workshop=world.workshop_a,
            kind="health_circle",
            date=date(2024, 3, 1) + timedelta(days=i),
            title=f"Aktivitet {i}",
        )
        Attendance.objects.create(activity=activity, participant=world.participant_a)
        workshop = Workshop.objects.create(program=world.program, key=f"w-{i}", name=f"W {i}")
        need = Need.objects.create(
            program=world.program, key=f"need-{i}", title=f"Behov {i}", priority=i + 1
        )
        need.inventories.add(inventory)
        world.workshop_a.needs.add(need)
        workshop.needs.add(need)
        NeedsInventory.objects.create(
            program=world.program,
            key=f"inv-{i + 1}",
            title=f"I {i}",
            kind="exploratory",
            date=date(2024, 1, 1),
        )
        NeedStatement.objects.create(inventory=inventory, text=f"Påstående {i}", need=need)
        partner = Partner.objects.create(name=f"Partner {i}", sector="public")
        Partnership.objects.create(program=world.program, partner=partner)


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
