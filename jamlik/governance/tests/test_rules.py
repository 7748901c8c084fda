from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jamlik.governance import rules, services
from jamlik.governance.figures import power_shift
from jamlik.governance.models import Meeting
from jamlik.people.access import get_program_access

DAY = date(2024, 3, 5)


@pytest.fixture
def leader(gov):
    return get_program_access(gov.world.leader, "test")


def hold(access, body, day, *, present=(), substitute=(), chair=None) -> Meeting:
    meeting = services.create_meeting(access=access, body=body, date=day, chair=chair)
    for seat in present:
        services.set_attendance(access=access, meeting=meeting, membership=seat, status="present")
    for seat in substitute:
        services.set_attendance(
            access=access,
            meeting=meeting,
            membership=seat,
            status="substitute",
            substitute_name="Kim Vikarie",
        )
    meeting.status = Meeting.Status.HELD
    meeting.save()
    return meeting


def decide(access, meeting, **extra):
    fields = {"text": "Beslut", "method": "vote", "category": "other", "initiated_by": "resident"}
    return services.record_decision(access=access, meeting=meeting, **{**fields, **extra})


# Votes


def test_it_counts_one_vote_per_partner_when_three_people_of_one_partner_vote(gov, leader):
    seats = [gov.muni_1, gov.muni_2, gov.muni_3, gov.assoc_hub]
    meeting = hold(leader, gov.hub, DAY, present=seats)
    decision = decide(leader, meeting)
    for seat in (gov.muni_1, gov.muni_2, gov.muni_3):
        services.cast_vote(access=leader, decision=decision, membership=seat, choice="yes")
    services.cast_vote(access=leader, decision=decision, membership=gov.assoc_hub, choice="no")

    result = rules.tally(list(decision.votes.all()))

    assert (result.yes, result.no, result.abstain) == (1, 1, 0)
    assert result.voters == 4
    assert not result.adopted  # a tie is not a majority


def test_it_lets_a_divided_partner_cast_no_vote(gov, leader):
    meeting = hold(leader, gov.hub, DAY, present=[gov.muni_1, gov.muni_2, gov.uni_hub])
    decision = decide(leader, meeting)
    services.cast_vote(access=leader, decision=decision, membership=gov.muni_1, choice="yes")
    services.cast_vote(access=leader, decision=decision, membership=gov.muni_2, choice="no")
    services.cast_vote(access=leader, decision=decision, membership=gov.uni_hub, choice="yes")

    result = rules.tally(list(decision.votes.all()))

    assert (result.yes, result.no) == (1, 0)
    assert result.split == [f"partner:{gov.municipality.pk}"]


def test_it_counts_health_promoters_and_residents_as_the_body_rules_say(gov, leader):
    meeting = hold(leader, gov.hub, DAY, present=[gov.promoter_seat, gov.resident_seat])
    assert rules.voting_unit(gov.promoter_seat) == "promoters"
    assert rules.voting_unit(gov.resident_seat) == "residents"
    gov.hub.promoter_votes = "employer"
    gov.hub.save()
    gov.promoter_seat.refresh_from_db()
    assert rules.voting_unit(gov.promoter_seat) == f"partner:{gov.association.pk}"
    gov.hub.resident_votes = "none"
    gov.hub.save()
    gov.resident_seat.refresh_from_db()
    decision = decide(leader, meeting)
    with pytest.raises(ValidationError, match="no vote"):
        services.cast_vote(
            access=leader, decision=decision, membership=gov.resident_seat, choice="yes"
        )


def test_it_refuses_votes_from_those_not_present_and_on_consensus(gov, leader):
    meeting = hold(leader, gov.hub, DAY, present=[gov.muni_1])
    decision = decide(leader, meeting)
    with pytest.raises(ValidationError, match="not recorded as present"):
        services.cast_vote(access=leader, decision=decision, membership=gov.uni_hub, choice="yes")
    consensus = decide(leader, meeting, method="consensus")
    with pytest.raises(ValidationError, match="consensus"):
        services.cast_vote(access=leader, decision=consensus, membership=gov.muni_1, choice="yes")


# Decision capacity and anchoring


def test_a_substitute_makes_the_steering_group_not_decision_capable(gov, leader):
    full = hold(leader, gov.steering, DAY, present=[gov.muni_steer, gov.assoc_steer])
    with_stand_in = hold(
        leader, gov.steering, date(2024, 9, 3), present=[gov.muni_steer], substitute=[gov.uni_steer]
    )
    with_substitute_seat = hold(
        leader, gov.steering, date(2024, 10, 1), present=[gov.assoc_substitute]
    )

    assert full.is_decision_capable()
    assert not with_stand_in.is_decision_capable()
    assert not with_substitute_seat.is_decision_capable()
    assert decide(leader, with_stand_in).taken_without_capacity
    assert not decide(leader, full).taken_without_capacity


def test_a_substitute_in_the_hub_does_not_stop_decisions(gov, leader):
    meeting = hold(leader, gov.hub, DAY, substitute=[gov.muni_1])
    assert meeting.is_decision_capable()


def test_an_unanchored_hub_financing_decision_is_flagged(gov, leader):
    hub_meeting = hold(leader, gov.hub, DAY, present=[gov.muni_1])
    financing = decide(leader, hub_meeting, category="financing")
    other = decide(leader, hub_meeting, category="other")

    assert financing.is_unanchored
    assert not other.is_unanchored

    steering_meeting = hold(leader, gov.steering, date(2024, 2, 20), present=[gov.muni_steer])
    anchor = decide(leader, steering_meeting, category="financing")
    services.link_anchor(access=leader, decision=financing, anchored_by=anchor)
    financing.refresh_from_db()
    assert not financing.is_unanchored


def test_a_steering_decision_does_not_need_anchoring(gov, leader):
    steering_meeting = hold(leader, gov.steering, DAY, present=[gov.muni_steer])
    assert not decide(leader, steering_meeting, category="staff").is_unanchored


def test_only_an_earlier_steering_decision_anchors(gov, leader):
    hub_meeting = hold(leader, gov.hub, DAY)
    financing = decide(leader, hub_meeting, category="financing")
    other_hub = decide(leader, hub_meeting)
    later = decide(leader, hold(leader, gov.steering, date(2024, 4, 2)))
    with pytest.raises(ValidationError, match="beforehand"):
        services.link_anchor(access=leader, decision=financing, anchored_by=later)
    with pytest.raises(ValidationError, match="steering-group decision"):
        services.link_anchor(access=leader, decision=financing, anchored_by=other_hub)


# Agenda notice


def test_a_steering_agenda_sent_less_than_a_week_ahead_is_late(gov, leader):
    meeting = services.create_meeting(access=leader, body=gov.steering, date=date(2024, 3, 14))
    assert meeting.agenda_due_on == date(2024, 3, 7)
    assert not meeting.agenda_is_late(date(2024, 3, 7))
    assert meeting.agenda_is_late(date(2024, 3, 8))
    hub_meeting = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 14))
    assert hub_meeting.agenda_due_on is None
    assert not hub_meeting.agenda_is_late(date(2024, 3, 14))


# Cadence and chair


def test_a_missed_hub_fortnight_is_detected(gov, leader):
    for day in (date(2024, 1, 9), date(2024, 1, 23), date(2024, 2, 6)):
        hold(leader, gov.hub, day)
    assert rules.missed_cadence(gov.hub, today=date(2024, 2, 20)) == []

    gaps = rules.missed_cadence(gov.hub, today=date(2024, 3, 19))

    assert [(g.start, g.end) for g in gaps] == [(date(2024, 2, 6), date(2024, 3, 19))]


def test_a_semester_without_a_steering_meeting_is_detected(gov, leader):
    hold(leader, gov.steering, date(2023, 3, 1))
    hold(leader, gov.steering, date(2024, 3, 1))

    gaps = rules.missed_cadence(gov.steering, today=date(2024, 5, 1))

    assert [(g.start, g.end) for g in gaps] == [(date(2023, 7, 1), date(2023, 12, 31))]
    assert rules.current_term_unplanned(gov.steering, today=date(2024, 8, 1))
    assert not rules.current_term_unplanned(gov.steering, today=date(2024, 5, 1))


def test_the_next_hub_date_follows_the_fortnight(gov, leader):
    hold(leader, gov.hub, date(2024, 1, 9))
    assert rules.next_planned_date(gov.hub, after=date(2024, 1, 10)) == date(2024, 1, 23)
    assert rules.next_planned_date(gov.hub, after=date(2024, 1, 24)) == date(2024, 2, 6)


def test_the_hub_chair_rotates_to_who_waited_longest(gov, leader):
    first = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 1, 9))
    second = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 1, 23))
    third = services.create_meeting(
        access=leader, body=gov.hub, date=date(2024, 2, 6), chair=gov.resident_seat
    )
    fourth = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 2, 20))

    hub_members = sorted(
        [gov.muni_1, gov.muni_2, gov.muni_3, gov.assoc_hub, gov.uni_hub]
        + [gov.promoter_seat, gov.resident_seat],
        key=lambda m: m.name,
    )
    assert first.chair == hub_members[0]
    assert second.chair == hub_members[1]
    assert third.chair == gov.resident_seat  # the meeting may choose another chair
    assert fourth.chair == hub_members[2]


# Power shift


def test_the_power_shift_counts_shares_per_half_year(gov, leader):
    spring = hold(leader, gov.hub, date(2024, 3, 5), chair=gov.muni_1)
    decide(leader, spring, initiated_by="partner_staff")
    decide(leader, spring, initiated_by="strategic")
    autumn = hold(leader, gov.hub, date(2024, 9, 3), chair=gov.promoter_seat)
    decide(leader, autumn, initiated_by="resident")
    decide(leader, autumn, initiated_by="health_promoter")
    decide(leader, autumn, initiated_by="partner_staff")
    hold(leader, gov.hub, date(2024, 9, 17), chair=gov.resident_seat)
    services.create_meeting(access=leader, body=gov.hub, date=date(2024, 10, 1))  # not held

    rows = power_shift(program=gov.program, today=date(2024, 12, 1))

    assert [r.period.label for r in rows] == ["2024H1", "2024H2"]
    assert (rows[0].decisions, rows[0].community_decisions, rows[0].decision_share) == (2, 0, 0)
    assert (rows[1].decisions, rows[1].community_decisions) == (3, 2)
    assert rows[1].decision_share == pytest.approx(66.7)
    assert (rows[0].hub_meetings, rows[0].chair_share) == (1, 0)
    assert (rows[1].hub_meetings, rows[1].community_chaired, rows[1].chair_share) == (2, 2, 100)
