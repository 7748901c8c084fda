"""Governance as the report back and the finance records cite it."""

import json
from datetime import date

import pytest

from jamlik.governance import services
from jamlik.governance.reports import governance_summary, steering_decisions
from jamlik.governance.tests.test_rules import decide, hold
from jamlik.lib.periods import Period
from jamlik.people.access import get_program_access
from jamlik.programs.models import Program


@pytest.fixture
def leader(gov):
    return get_program_access(gov.world.leader, "test")


@pytest.fixture
def year(gov, leader):
    """2024: three held hub meetings and two held steering-group meetings, one of them with
    a substitute; a planned meeting and a 2023 meeting that the summary leaves out."""
    hub_1 = hold(leader, gov.hub, date(2024, 3, 5), chair=gov.muni_1)
    decide(leader, hub_1, category="financing", initiated_by="health_promoter")
    decide(leader, hub_1, category="other", initiated_by="partner_staff")
    hold(leader, gov.hub, date(2024, 9, 3), chair=gov.resident_seat)
    hold(leader, gov.hub, date(2024, 9, 17), chair=gov.muni_2)
    spring = hold(leader, gov.steering, date(2024, 4, 10), present=[gov.muni_steer])
    decide(
        leader,
        spring,
        text="Verksamhetsplanen fastställs",
        method="consensus",
        initiated_by="strategic",
    )
    autumn = hold(leader, gov.steering, date(2024, 10, 8), substitute=[gov.assoc_steer], present=[])
    decide(leader, autumn, text="Budgeten fastställs", method="consensus", initiated_by="strategic")
    old = hold(leader, gov.steering, date(2023, 11, 7))
    decide(leader, old, text="Fjolårets beslut", method="consensus")
    services.create_meeting(access=leader, body=gov.steering, date=date(2024, 12, 3))


def test_it_counts_the_meetings_held_in_the_period(gov, year):
    summary = governance_summary(program=gov.program, period=Period.parse("2024"))
    assert summary["meetings"] == {"steering": 2, "hub": 3}
    spring = governance_summary(program=gov.program, period=Period.parse("2024H1"))
    assert spring["meetings"] == {"steering": 1, "hub": 1}


def test_it_lists_the_steering_group_s_decisions_and_counts_the_flagged_ones(gov, year):
    summary = governance_summary(program=gov.program, period=Period.parse("2024"))

    assert summary["decisions"] == [
        {
            "date": "2024-04-10",
            "reference": "Styrgruppen § 1",
            "text": "Verksamhetsplanen fastställs",
            "decision_capable": True,
        },
        {
            "date": "2024-10-08",
            "reference": "Styrgruppen § 1",
            "text": "Budgeten fastställs",
            "decision_capable": False,
        },
    ]
    assert summary["decision_counts"] == {
        "steering": 2,
        "hub": 2,
        "not_decision_capable": 1,
        "unanchored": 1,
    }


def test_it_gives_the_power_shift_of_the_period_s_half_years(gov, year):
    summary = governance_summary(program=gov.program, period=Period.parse("2024"))
    assert [row["period"] for row in summary["power_shift"]] == ["2024H1", "2024H2"]
    spring, autumn = summary["power_shift"]
    # Spring: 1 of 3 decisions by a health promoter; the hub chaired by a partner.
    assert (spring["decision_share"], spring["chair_share"]) == (pytest.approx(33.3), 0)
    assert (autumn["decision_share"], autumn["chair_share"]) == (0, 50)

    half = governance_summary(program=gov.program, period=Period.parse("2024H2"))
    assert [row["period"] for row in half["power_shift"]] == ["2024H2"]


def test_it_is_plain_json_and_empty_for_a_program_without_bodies(gov, year):
    summary = governance_summary(program=gov.program, period=Period.parse("2024"))
    assert json.loads(json.dumps(summary)) == summary
    other = Program.objects.create(slug="other", name="Annat")
    assert governance_summary(program=other, period=Period.parse("2024")) == {
        "meetings": {"steering": 0, "hub": 0},
        "decisions": [],
        "decision_counts": {"steering": 0, "hub": 0, "not_decision_capable": 0, "unanchored": 0},
        "power_shift": [],
    }


def test_it_offers_only_the_program_s_steering_group_decisions_most_recent_first(gov, year):
    texts = [d.text for d in steering_decisions(gov.program)]
    assert texts == ["Budgeten fastställs", "Verksamhetsplanen fastställs", "Fjolårets beslut"]
