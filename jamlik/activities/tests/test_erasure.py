"""Erasure and anonymisation of one participant, through the service functions."""

import json
from datetime import date

import pytest

from jamlik.activities import erasure
from jamlik.activities.models import (
    Activity,
    Attendance,
    IndividualSupport,
    Participant,
)
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.reports.figures import compute_figures
from jamlik.surveys.models import Response, Score, Wave
from jamlik.surveys.tests.conftest import SRH, WHO5, answer

PERIOD = Period.parse("2024")


@pytest.fixture
def subject(world):
    """Participant A with a second attendance, two support contacts and a scored response."""
    world.participant_a.birth_year = 1987
    world.participant_a.home_area = "Lindängen"
    world.participant_a.save()
    Attendance.objects.create(activity=world.activity_b, participant=world.participant_a)
    for day in (date(2024, 3, 7), date(2024, 4, 2)):
        IndividualSupport.objects.create(
            program=world.program, participant=world.participant_a, date=day, workshop=None
        )
    IndividualSupport.objects.create(
        program=world.program, participant=world.participant_b, date=date(2024, 3, 8)
    )
    wave = Wave.objects.create(
        program=world.program, key="w", name="W", instruments=[WHO5, SRH], opens_on=date(2024, 1, 1)
    )
    answer(wave, world.participant_a, who5=[3, 3, 3, 3, 3], srh=2)
    answer(wave, world.participant_b, who5=[1, 1, 1, 1, 1], srh=4)
    return world.participant_a


def test_it_names_what_will_go(subject):
    assert erasure.holdings(subject).as_dict() == {
        "attendance": 2,
        "support_contacts": 2,
        "survey_responses": 1,
        "scores": Score.objects.filter(response__participant=subject).count(),
    }
    assert erasure.holdings(subject).scores > 0


def test_it_erases_the_participant_and_everything_linked(world, subject):
    kept = erasure.holdings(world.participant_b)
    erased = erasure.erase_participant(user=world.leader, participant=subject)

    assert erased.attendance == 2 and erased.support_contacts == 2
    assert not Participant.objects.filter(code="T-AAAA").exists()
    assert not Attendance.objects.filter(participant_id=subject.pk).exists()
    assert not IndividualSupport.objects.filter(participant_id=subject.pk).exists()
    assert not Response.objects.filter(participant_id=subject.pk).exists()
    assert not Score.objects.filter(response__participant_id=subject.pk).exists()
    assert erasure.holdings(world.participant_b) == kept
    assert Activity.objects.count() == 2


def test_every_relation_to_a_participant_is_erased():
    # A new model pointing at Participant must be added to `holdings` and the erasure.
    related = {rel.related_model for rel in Participant._meta.related_objects}
    assert related == {Attendance, IndividualSupport, Response}


def test_the_audit_event_holds_no_erased_data(world, subject):
    pk = subject.pk
    erasure.erase_participant(user=world.leader, participant=subject)

    event = AuditEvent.objects.get(object_type="participant", action="delete")
    assert event.object_ref == f"id:{pk}"
    assert event.user == world.leader
    assert event.detail["erased"] is True
    assert event.detail["attendance"] == 2
    text = json.dumps([event.object_ref, event.detail, str(event)])
    assert "T-AAAA" not in text and "1987" not in text and "Lindängen" not in text


def test_figures_drop_by_exactly_that_participant(world, subject):
    before = compute_figures(program=world.program, period=PERIOD)
    erasure.erase_participant(user=world.leader, participant=subject)
    after = compute_figures(program=world.program, period=PERIOD)

    expected = json.loads(json.dumps(before))
    expected["unique_participants"]["total"] -= 1
    expected["unique_participants"]["adult"] -= 1
    expected["visits"]["registered"] -= 2
    expected["individual_support"] = {"participants": 1, "contacts": 1}
    for key in ("a", "b"):
        expected["by_workshop"][key]["unique_participants"] -= 1
        expected["by_workshop"][key]["visits"] -= 1
    assert after == expected


def test_anonymising_keeps_the_records_and_the_figures(world, subject):
    before = compute_figures(program=world.program, period=PERIOD)
    counts = erasure.holdings(subject)
    erasure.anonymise_participant(user=None, participant=subject)

    subject.refresh_from_db()
    assert subject.code.startswith("X-") and subject.code != "T-AAAA"
    assert (subject.birth_year, subject.home_area, subject.registered_in) == (None, "", None)
    assert subject.anonymised_at is not None
    assert erasure.holdings(subject) == counts
    assert compute_figures(program=world.program, period=PERIOD) == before
    event = AuditEvent.objects.get(object_type="participant", action="update")
    assert "T-AAAA" not in json.dumps([event.object_ref, event.detail])


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 3, 31), 36, date(2024, 3, 31)),
        (date(2027, 3, 31), 1, date(2027, 2, 28)),
        (date(2028, 3, 30), 1, date(2028, 2, 29)),
        (date(2027, 1, 15), 13, date(2025, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert erasure.months_before(day, months) == expected


def test_the_stored_figures_follow_an_erasure(world, subject, client):
    """The dashboard and API read stored figures; an erasure makes them stale at once."""
    from jamlik.reports.figures import figures_for

    stored = figures_for(program=world.program, period=PERIOD)  # computed and stored
    erasure.erase_participant(user=world.leader, participant=subject)
    assert figures_for(program=world.program, period=PERIOD) == compute_figures(
        program=world.program, period=PERIOD
    )
    assert figures_for(program=world.program, period=PERIOD) != stored
