import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.volunteers.models import Volunteer, VolunteerHours


def _url(name):
    return reverse(f"volunteers:{name}", args=["test"])


@pytest.fixture
def login(client, world):
    def _login(username):
        client.logout()
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


def test_a_promoter_registers_a_coach_and_records_hours(login, world, english):
    client = login("promoter_a")
    client.post(
        _url("new"),
        {
            "kind": "coach",
            "category": "adult",
            "workshop": world.workshop_a.pk,
            "training": "Diabetescoach",
            "trained_on": "2024-02-01",
        },
    )
    coach = Volunteer.objects.get()
    client.post(
        _url("hours"), {"volunteer": coach.code, "hours": "3", "activity": world.activity_a.pk}
    )
    client.post(_url("hours"), {"volunteer": coach.code, "hours": "2", "month": "2024-05"})
    client.post(_url("ambassador"), {"volunteer": coach.code, "start": "2024-03-01"})
    assert sorted(VolunteerHours.objects.values_list("month", "hours")) == [
        (date(2024, 3, 1), Decimal(3)),
        (date(2024, 5, 1), Decimal(2)),
    ]
    coach.refresh_from_db()
    assert coach.ambassador_from == date(2024, 3, 1)
    page = client.get(_url("index"))
    assert coach.code in page.text


def test_a_promoter_cannot_record_hours_at_another_workshops_activity(login, world):
    client = login("promoter_a")
    client.post(_url("new"), {"kind": "volunteer", "category": "adult"})
    helper = Volunteer.objects.get()
    client.post(
        _url("hours"), {"volunteer": helper.code, "hours": "3", "activity": world.activity_b.pk}
    )
    assert not VolunteerHours.objects.exists()


def test_viewers_and_outsiders_get_404(login, world):
    for username in ("viewer", "outsider"):
        client = login(username)
        assert client.get(_url("index")).status_code == 404
        assert (
            client.post(_url("new"), {"kind": "volunteer", "category": "adult"}).status_code == 404
        )
    assert not Volunteer.objects.exists()


def test_it_gives_each_of_the_pages_forms_its_own_field_ids(login, world):
    page = login("promoter_a").get(_url("index")).text
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert "hours-volunteer" in ids
    assert "ambassador-volunteer" in ids
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
