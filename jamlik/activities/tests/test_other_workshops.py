"""What a health promoter sees of a participant registered in another workshop.

A person who walks in from workshop B may be marked present at workshop A's activity by
their exact code. Promoter A then sees their code and category, and only the attendance and
support recorded in workshop A: never the birth year, home area or gender recorded at
registration in B, nor B's support contacts.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from jamlik.activities import services
from jamlik.activities.models import Attendance, IndividualSupport, Participant

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"activities:{name}", args=["test", *args])


@pytest.fixture
def walked_in(world):
    """Participant B, registered in workshop B with a birth year, home area and support in
    B and program-wide, marked present at workshop A's activity."""
    p = world.participant_b
    p.birth_year, p.home_area, p.gender = 1937, "Kvarnby", "woman"
    p.save()
    Attendance.objects.create(activity=world.activity_a, participant=p)
    for workshop, minutes in ((world.workshop_a, 15), (world.workshop_b, 45), (None, 75)):
        IndividualSupport.objects.create(
            program=world.program, participant=p, workshop=workshop, date=date(2024, 3, 7),
            kind="referral", minutes=minutes,
        )  # fmt: skip
    return p


def test_a_promoter_sees_only_support_contacts_of_own_workshops(login, world, walked_in):
    html = login("promoter_a").get(url("participant", "T-BBBB")).content.decode()
    assert "15 min" in html
    assert "45 min" not in html
    assert "75 min" not in html  # program-wide: the leader's


def test_a_promoter_sees_own_participants_support_only_from_own_workshops(login, world):
    p = world.participant_a
    for workshop, minutes in ((world.workshop_a, 15), (world.workshop_b, 45), (None, 75)):
        IndividualSupport.objects.create(
            program=world.program, participant=p, workshop=workshop, date=date(2024, 3, 7),
            kind="guidance", minutes=minutes,
        )  # fmt: skip
    html = login("promoter_a").get(url("participant", "T-AAAA")).content.decode()
    assert "15 min" in html
    assert "45 min" not in html
    assert "75 min" not in html


def test_the_leader_sees_every_support_contact(login, world, walked_in):
    html = login("leader").get(url("participant", "T-BBBB")).content.decode()
    assert all(f"{m} min" in html for m in (15, 45, 75))


def test_marking_present_does_not_unlock_the_registration_record(login, world, walked_in):
    html = login("promoter_a").get(url("participant", "T-BBBB")).content.decode()
    assert "T-BBBB" in html
    assert "Hälsocirkel A" in html  # attendance in the promoter's own workshop
    for secret in ("1937", "Kvarnby", "Verkstad B", "Träning B"):
        assert secret not in html


def test_the_promoter_of_the_registering_workshop_sees_the_record(login, world, walked_in):
    html = login("promoter_b").get(url("participant", "T-BBBB")).content.decode()
    assert "1937" in html
    assert "Kvarnby" in html


def test_the_search_shows_no_birth_year_of_a_walked_in_participant(login, world, walked_in):
    html = login("promoter_a").get(url("search", "a-1") + "?q=T-B", **HTMX).content.decode()
    assert "T-BBBB" in html  # present here, so found by the start of the code
    assert "1937" not in html


@pytest.mark.parametrize("path", ["participants/T-BBBB", "participants?q=T-B"])
def test_the_api_withholds_the_registration_record_too(login, world, walked_in, path):
    data = login("promoter_a").get(f"/api/programs/test/{path}").json()
    row = data[0] if isinstance(data, list) else data
    assert row == {
        "code": "T-BBBB",
        "category": "child_youth",
        "gender": None,
        "birth_year": None,
        "home_area": None,
    }


def test_the_api_shows_the_record_to_the_registering_workshop(login, world, walked_in):
    row = login("promoter_b").get("/api/programs/test/participants/T-BBBB").json()
    assert (row["birth_year"], row["home_area"], row["gender"]) == (1937, "Kvarnby", "woman")


def test_new_codes_are_random_and_long(world):
    codes = {services.new_participant_code(program=world.program) for _ in range(50)}
    assert len(codes) == 50
    alphabet = set(services.CODE_ALPHABET)
    for code in codes:
        prefix, tail = code.split("-")
        assert prefix == "T"
        assert len(tail) >= 6
        assert set(tail) <= alphabet


def test_the_attendance_page_does_not_show_the_next_code(login, world):
    html = login("promoter_a").get("/p/test/activities/a-1/").content.decode()
    code = re.search(r'name="code" value="(T-[A-Z0-9]+)" id="id_code"', html)[1]
    # The code travels in the hidden field only, and is shown once registered.
    assert html.count(code) == 1


def test_an_imported_short_code_is_kept_and_still_works(login, world):
    Participant.objects.create(
        program=world.program, code="T-AB12", category="adult", registered_in=world.workshop_a
    )
    response = login("promoter_a").get(url("participant", "T-AB12"))
    assert response.status_code == 200
