"""The access functions: who may see which program, workshop, activity and participant."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from jamlik.activities.models import Activity, Attendance
from jamlik.people.access import (
    activities_for,
    get_activity_for_user,
    get_participant_for_user,
    get_program_access,
    get_workshop_for_user,
    participants_for,
    programs_for_user,
)


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_the_leader_sees_every_participant(world):
    access = get_program_access(world.leader, "test")
    assert codes(participants_for(access)) == ["T-AAAA", "T-BBBB"]
    assert access.audience == "internal"


def test_a_promoter_sees_only_own_workshops_participants(world):
    access = get_program_access(world.promoter_a, "test")
    assert codes(participants_for(access)) == ["T-AAAA"]
    assert [w.key for w in access.workshops()] == ["a"]


def test_a_promoter_sees_a_participant_who_attended_their_workshop(world):
    Attendance.objects.create(activity=world.activity_a, participant=world.participant_b)
    access = get_program_access(world.promoter_a, "test")
    assert codes(participants_for(access)) == ["T-AAAA", "T-BBBB"]


def test_a_viewer_sees_no_participants_and_external_figures(world):
    access = get_program_access(world.viewer, "test")
    assert codes(participants_for(access)) == []
    assert list(activities_for(access)) == []
    assert access.audience == "external"


@pytest.mark.parametrize("user", ["outsider", "anonymous"])
def test_strangers_get_404_for_the_program(world, user):
    who = AnonymousUser() if user == "anonymous" else getattr(world, user)
    with pytest.raises(Http404):
        get_program_access(who, "test")
    assert list(programs_for_user(who)) == []


def test_a_missing_program_and_a_forbidden_one_look_the_same(world):
    with pytest.raises(Http404):
        get_program_access(world.leader, "nonexistent")


@pytest.mark.parametrize(
    ("user", "code", "allowed"),
    [
        ("leader", "T-AAAA", True),
        ("leader", "T-BBBB", True),
        ("promoter_a", "T-AAAA", True),
        ("promoter_a", "T-BBBB", False),
        ("promoter_b", "T-AAAA", False),
        ("viewer", "T-AAAA", False),
        ("outsider", "T-AAAA", False),
        ("leader", "T-NONE", False),
    ],
)
def test_get_participant_for_user(world, user, code, allowed):
    if allowed:
        _access, participant = get_participant_for_user(getattr(world, user), "test", code)
        assert participant.code == code
    else:
        with pytest.raises(Http404):
            get_participant_for_user(getattr(world, user), "test", code)


@pytest.mark.parametrize(
    ("user", "key", "allowed"),
    [
        ("leader", "b-1", True),
        ("promoter_a", "a-1", True),
        ("promoter_a", "b-1", False),
        ("viewer", "a-1", False),
        ("outsider", "a-1", False),
    ],
)
def test_get_activity_for_user(world, user, key, allowed):
    if allowed:
        assert get_activity_for_user(getattr(world, user), "test", key)[1].key == key
    else:
        with pytest.raises(Http404):
            get_activity_for_user(getattr(world, user), "test", key)


def test_a_promoter_may_work_with_program_wide_activities_they_created(world):
    mine = Activity.objects.create(
        program=world.program,
        key="wide-1",
        kind="area_day",
        large_event=True,
        date=world.activity_a.date,
        title="Områdesdag",
        created_by=world.promoter_a,
    )
    Activity.objects.create(
        program=world.program,
        key="wide-2",
        kind="area_day",
        large_event=True,
        date=world.activity_a.date,
        title="Områdesdag 2",
        created_by=world.leader,
    )
    keys = sorted(
        activities_for(get_program_access(world.promoter_a, "test")).values_list("key", flat=True)
    )
    assert keys == ["a-1", mine.key]


def test_workshops_are_visible_to_every_role_but_work_only_in_own(world):
    access, workshop = get_workshop_for_user(world.viewer, "test", "a")
    assert workshop.key == "a"
    assert access.may_work_in(workshop) is False
    access, workshop = get_workshop_for_user(world.promoter_b, "test", "a")
    assert access.may_work_in(workshop) is False
    access, workshop = get_workshop_for_user(world.promoter_a, "test", "a")
    assert access.may_work_in(workshop) is True
    with pytest.raises(Http404):
        get_workshop_for_user(world.promoter_a, "test", "zzz")


def test_a_role_in_another_program_gives_nothing_here(world, django_user_model):
    from jamlik.people.models import ProgramRole
    from jamlik.programs.models import Program

    other = Program.objects.create(slug="other", name="Other")
    stranger = django_user_model.objects.create_user("stranger")
    ProgramRole.objects.create(user=stranger, program=other, role="leader")
    with pytest.raises(Http404):
        get_participant_for_user(stranger, "test", "T-AAAA")
    assert codes(participants_for(get_program_access(stranger, "other"))) == []


@pytest.mark.parametrize(
    ("role", "audience", "personal"),
    [
        ("hub", "internal", False),
        ("steering", "external", False),
        ("researcher", "external", False),
    ],
)
def test_governance_and_research_roles_see_no_participants(
    world, django_user_model, role, audience, personal
):
    from jamlik.people.models import ProgramRole

    user = django_user_model.objects.create_user(role)
    ProgramRole.objects.create(user=user, program=world.program, role=role)
    access = get_program_access(user, "test")
    assert access.audience == audience
    assert access.sees_personal_data is personal
    assert codes(participants_for(access)) == []
    with pytest.raises(Http404):
        get_participant_for_user(user, "test", "T-AAAA")


def test_a_promoter_sees_participants_of_program_wide_activities_they_created(world):
    from jamlik.activities.models import Participant

    wide = Activity.objects.create(
        program=world.program,
        key="wide-3",
        kind="area_day",
        large_event=True,
        date=world.activity_a.date,
        title="Områdesdag",
        created_by=world.promoter_a,
    )
    newcomer = Participant.objects.create(program=world.program, code="T-NEW1", category="adult")
    Attendance.objects.create(activity=wide, participant=newcomer)
    assert codes(participants_for(get_program_access(world.promoter_a, "test"))) == [
        "T-AAAA",
        "T-NEW1",
    ]
    assert codes(participants_for(get_program_access(world.promoter_b, "test"))) == ["T-BBBB"]
