import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from jamlik.activities import services
from jamlik.activities.models import (
    Activity,
    Attendance,
    Category,
    Gender,
    Headcount,
    IndividualSupport,
    Participant,
)
from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent


def access_for(user):
    return get_program_access(user, "test")


def new_activity(access, key="a-20240401-abcd", **fields):
    defaults = {
        "workshop": access.workshops().first(),
        "kind": "health_circle",
        "large_event": False,
        "date": date(2024, 4, 1),
        "title": "Cirkel",
        "status": "held",
    }
    return services.create_activity(access=access, key=key, **{**defaults, **fields})


def test_it_generates_codes_from_the_unambiguous_alphabet(world):
    code = services.new_participant_code(program=world.program)
    assert re.fullmatch(r"T-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}", code)


def test_it_skips_codes_already_taken(world, monkeypatch):
    draws = iter(["AAAA", "BBBB", "CCCC"])
    monkeypatch.setattr(services, "_random_chars", lambda length: next(draws))
    assert services.new_participant_code(program=world.program) == "T-CCCC"


def test_it_generates_activity_keys_from_workshop_and_date(world):
    key = services.new_activity_key(
        program=world.program, workshop=world.workshop_a, day=date(2024, 4, 1)
    )
    assert re.fullmatch(r"a-20240401-[2-9a-z]{4}", key)
    program_wide = services.new_activity_key(
        program=world.program, workshop=None, day=date(2024, 1, 1)
    )
    assert program_wide.startswith("program-")


def test_it_creates_an_activity_once_per_key(world):
    access = access_for(world.promoter_a)
    first, created = new_activity(access)
    again, created_again = new_activity(access, title="Changed")
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Activity.objects.get(key="a-20240401-abcd").title == "Cirkel"
    assert first.created_by == world.promoter_a
    assert AuditEvent.objects.filter(action="create", object_type="activity").count() == 1


def test_it_refuses_a_key_that_belongs_to_an_activity_the_user_may_not_see(world):
    with pytest.raises(services.KeyTaken):
        new_activity(access_for(world.promoter_a), key="b-1")
    assert Activity.objects.get(key="b-1").title == "Träning B"


def test_a_promoter_cannot_create_in_another_workshop_or_program_wide(world):
    access = access_for(world.promoter_a)
    for workshop in (world.workshop_b, None):
        with pytest.raises(PermissionDenied):
            new_activity(access, workshop=workshop)
    assert not Activity.objects.filter(key="a-20240401-abcd").exists()


def test_the_leader_may_create_a_program_wide_activity(world):
    activity, created = new_activity(access_for(world.leader), key="program-x", workshop=None)
    assert created and activity.workshop is None


def test_marking_present_twice_records_once(world):
    access = access_for(world.promoter_a)
    changes = [
        services.set_attendance(
            access=access,
            activity=world.activity_a,
            participant=world.participant_b,
            present=True,
        )
        for _ in range(2)
    ]
    assert changes == [True, False]
    assert world.activity_a.attendances.count() == 2
    assert AuditEvent.objects.filter(action="create", object_type="attendance").count() == 1


def test_unmarking_deletes_the_row_and_is_idempotent(world):
    access = access_for(world.promoter_a)
    kwargs = {"access": access, "activity": world.activity_a, "participant": world.participant_a}
    assert services.set_attendance(present=False, **kwargs) is True
    assert services.set_attendance(present=False, **kwargs) is False
    assert not world.activity_a.attendances.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="attendance").count() == 1


def test_registering_twice_creates_one_participant_present_once(world):
    access = access_for(world.promoter_a)
    results = [
        services.register_participant(
            access=access,
            activity=world.activity_a,
            code="T-NEW2",
            category=Category.CHILD_YOUTH,
            gender=Gender.WOMAN,
            birth_year=2012,
        )
        for _ in range(2)
    ]
    assert [created for _, created in results] == [True, False]
    participant = Participant.objects.get(code="T-NEW2")
    assert participant.registered_in == world.workshop_a
    assert (participant.category, participant.gender, participant.birth_year) == (
        "child_youth",
        "woman",
        2012,
    )
    assert Attendance.objects.filter(participant=participant).count() == 1


def test_registering_with_someone_elses_code_is_refused(world):
    with pytest.raises(services.CodeTaken):
        services.register_participant(
            access=access_for(world.promoter_a),
            activity=world.activity_a,
            code="T-BBBB",
            category=Category.ADULT,
        )
    assert world.participant_b.category == "child_youth"
    assert not world.activity_a.attendances.filter(participant=world.participant_b).exists()


def test_headcounts_are_set_not_added(world):
    access = access_for(world.promoter_a)

    def set_to(count):
        return services.set_headcount(
            access=access,
            activity=world.activity_a,
            category=Category.ADULT,
            gender=Gender.UNKNOWN,
            count=count,
        )

    assert [set_to(4), set_to(4), set_to(6)] == [True, False, True]
    assert Headcount.objects.get(activity=world.activity_a).count == 6
    assert set_to(0) is True
    assert not Headcount.objects.filter(activity=world.activity_a).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="headcount").order_by("pk").values_list("action")
    )
    assert actions == [("create",), ("update",), ("delete",)]


@pytest.mark.parametrize("query", ["T-AA", "t-aaaa", "AAA", "aaaa"])
def test_search_finds_visible_participants_with_or_without_prefix(world, query):
    results = services.search_participants(
        access=access_for(world.promoter_a), activity=world.activity_a, query=query
    )
    assert [(r.participant.code, r.visible, r.present) for r in results] == [("T-AAAA", True, True)]


def test_search_finds_another_workshops_participant_only_by_the_full_code(world):
    access = access_for(world.promoter_a)
    partial = services.search_participants(access=access, activity=world.activity_a, query="T-BB")
    full = services.search_participants(access=access, activity=world.activity_a, query="t-bbbb")
    assert partial == []
    assert [(r.participant.code, r.visible, r.present) for r in full] == [("T-BBBB", False, False)]


def test_search_is_audited(world):
    services.search_participants(
        access=access_for(world.promoter_a), activity=world.activity_a, query="T-A"
    )
    event = AuditEvent.objects.get(object_type="participant", object_ref="search")
    assert (event.action, event.user, event.detail["count"]) == ("view", world.promoter_a, 1)


def test_the_summary_counts_registered_and_counted(world):
    Headcount.objects.create(activity=world.activity_a, category="adult", gender="woman", count=3)
    Headcount.objects.create(activity=world.activity_a, category="adult", count=2)
    summary = services.attendance_summary(activity=world.activity_a)
    assert (summary["registered"], summary["counted"], summary["total"]) == (1, 5, 6)
    assert summary["has_gender_counts"] is True
    adults = next(g for g in summary["groups"] if g["category"] == "adult")
    assert adults["count"] == 2
    assert {s["gender"]: s["count"] for s in adults["by_gender"]} == {
        "woman": 3,
        "man": 0,
        "other": 0,
    }


def test_support_contacts_are_audited(world):
    contact = services.add_support_contact(
        access=access_for(world.promoter_a),
        participant=world.participant_a,
        date=date(2024, 4, 2),
        kind=IndividualSupport.Kind.REFERRAL,
        minutes=30,
        workshop=world.workshop_a,
    )
    assert contact.program == world.program
    assert AuditEvent.objects.filter(
        action="create", object_type="individual_support", object_ref="T-AAAA"
    ).exists()


def test_status_changes_are_audited_once(world):
    access = access_for(world.promoter_a)
    changed = [
        services.set_activity_status(access=access, activity=world.activity_a, status="cancelled")
        for _ in range(2)
    ]
    assert changed == [True, False]
    world.activity_a.refresh_from_db()
    assert world.activity_a.status == "cancelled"
    assert AuditEvent.objects.filter(action="update", object_type="activity").count() == 1
