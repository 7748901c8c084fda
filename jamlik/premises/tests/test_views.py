from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.activities.models import Activity
from jamlik.governance.models import Body, Meeting
from jamlik.premises.models import Premises


@pytest.fixture
def login(client, world):
    def _login(username):
        client.logout()
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


def test_the_leader_keeps_the_register_and_everyone_reads_it(login, world, english):
    client = login("leader")
    client.post(
        reverse("premises:new", args=["test"]),
        {"name": "Träffpunkten", "address": "Torget 1", "capacity": "30", "in_use": "on"},
    )
    place = Premises.objects.get()
    client.post(
        reverse("premises:edit", args=["test", place.pk]),
        {"name": "Träffpunkten", "address": "Torget 2", "in_use": "on"},
    )
    place.refresh_from_db()
    assert place.address == "Torget 2"
    viewer = login("viewer")
    assert "Torget 2" in viewer.get(reverse("premises:index", args=["test"])).text
    assert viewer.get(reverse("premises:edit", args=["test", place.pk])).status_code == 404
    assert (
        login("promoter_a").post(reverse("premises:new", args=["test"]), {"name": "X"}).status_code
        == 404
    )


def test_an_activity_picks_a_place_from_the_register(login, world):
    place = Premises.objects.create(program=world.program, name="Aulan")
    client = login("promoter_a")
    client.post(
        reverse("activities:new", args=["test"]),
        {
            "key": "a-new",
            "workshop": world.workshop_a.pk,
            "date": "2024-03-10",
            "kind": "health_circle",
            "large_event": "auto",
            "status": "planned",
            "place": place.pk,
        },
    )
    assert Activity.objects.get(key="a-new").place == place


def test_a_meeting_picks_a_place_from_the_register(login, world):
    place = Premises.objects.create(program=world.program, name="Stora salen")
    Body.objects.create(program=world.program, key="hub", name="Hubben", kind="hub")
    client = login("leader")
    client.post(
        reverse("governance:meeting_new", args=["test", "hub"]),
        {"date": "2024-04-02", "place": place.pk},
    )
    meeting = Meeting.objects.get()
    assert (meeting.place, meeting.location) == (place, "Stora salen")
    assert date(2024, 4, 2) == meeting.date


def test_a_partners_premises_commitment_links_its_places(login, world):
    from jamlik.people.tests.helpers import commitment

    offer = commitment(world.program, "premises", name="Bostadsbolaget")
    Premises.objects.create(program=world.program, name="Kvarterslokalen", commitment=offer)
    page = login("viewer").get(
        reverse("programs:partners:detail", args=["test", offer.partnership.pk])
    )
    assert "Kvarterslokalen" in page.text
