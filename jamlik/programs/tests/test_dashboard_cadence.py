"""The dashboard warns those who plan a body's meetings when it falls behind its cadence."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, make_user
from jamlik.governance.models import Body, Meeting
from jamlik.people.models import ProgramRole

TODAY = date(2024, 10, 15)
CARD = 'id="cadence-title"'


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def bodies(world):
    for role in ("hub", "steering"):
        ProgramRole.objects.create(user=make_user(role), program=world.program, role=role)
    hub = Body.objects.create(
        program=world.program, key="hub", name="Hubben", kind="hub", cadence="biweekly"
    )
    steering = Body.objects.create(
        program=world.program,
        key="steering",
        name="Styrgruppen",
        kind="steering",
        cadence="semester",
    )
    return hub, steering


def meet(body, day, status="held"):
    Meeting.objects.create(body=body, key=day.isoformat(), date=day, status=status)


def every_other_week(body, first, last):
    day = first
    while day <= last:
        meet(body, day)
        day += timedelta(days=14)


def dashboard(client, username):
    client.login(username=username, password=PASSWORD)
    return client.get("/p/test/?period=2024H2")


def test_it_shows_the_leader_a_hub_gap_and_an_unplanned_steering_group(client, bodies):
    hub, steering = bodies
    every_other_week(hub, date(2024, 8, 6), date(2024, 9, 3))  # then nothing for 42 days
    meet(steering, date(2024, 4, 9))  # spring only

    response = dashboard(client, "leader")

    cadence = response.context["missed_cadence"]
    assert [(g.body, g.start, g.end) for g in cadence["gaps"]] == [(hub, date(2024, 9, 3), TODAY)]
    assert cadence["unplanned"] == [steering]
    others = (
        len(response.context["needs_reminders"])
        + len(response.context["report_obligations"]["rows"])
        + len(response.context["missing_evaluations"])
        + len(response.context["stakeholder_reminders"])
        + len(response.context["plans_past_follow_up"])
    )
    assert response.context["warning_count"] == 2 + others
    html = response.content.decode()
    assert CARD in html
    assert hub.get_absolute_url() in html and steering.get_absolute_url() in html


@pytest.mark.parametrize(("username", "gaps", "unplanned"), [("hub", 1, 0), ("steering", 0, 1)])
def test_each_body_s_members_see_their_own_body_only(client, bodies, username, gaps, unplanned):
    hub, steering = bodies
    every_other_week(hub, date(2024, 8, 6), date(2024, 9, 3))
    meet(steering, date(2024, 4, 9))

    cadence = dashboard(client, username).context["missed_cadence"]

    assert len(cadence["gaps"]) == gaps and len(cadence["unplanned"]) == unplanned


@pytest.mark.parametrize("username", ["viewer", "promoter_a"])
def test_it_shows_nothing_to_those_who_do_not_plan_meetings(client, bodies, username):
    every_other_week(bodies[0], date(2024, 8, 6), date(2024, 9, 3))
    meet(bodies[1], date(2024, 4, 9))
    response = dashboard(client, username)
    assert response.context["missed_cadence"] is None
    assert CARD not in response.content.decode()


def test_it_shows_nothing_when_every_body_keeps_its_cadence(client, bodies):
    hub, steering = bodies
    every_other_week(hub, date(2024, 1, 9), date(2024, 10, 22))  # the last one planned
    meet(steering, date(2024, 11, 12), status="planned")

    response = dashboard(client, "leader")

    assert response.context["missed_cadence"] == {"gaps": [], "unplanned": []}
    assert CARD not in response.content.decode()


def test_it_leaves_gaps_of_earlier_semesters_to_the_governance_page(client, bodies):
    hub, steering = bodies
    every_other_week(hub, date(2024, 1, 9), date(2024, 3, 5))
    every_other_week(hub, date(2024, 5, 7), date(2024, 10, 22))  # a spring gap, none since
    meet(steering, date(2024, 9, 10))

    response = dashboard(client, "leader")

    assert response.context["missed_cadence"] == {"gaps": [], "unplanned": []}


def test_its_queries_grow_with_neither_meetings_nor_bodies_without_cadence(client, bodies):
    hub, steering = bodies
    every_other_week(hub, date(2024, 8, 6), date(2024, 9, 3))
    client.login(username="leader", password=PASSWORD)
    client.get("/p/test/?period=2024H2")  # the figures are computed once, then cached
    with CaptureQueriesContext(connection) as few:
        client.get("/p/test/?period=2024H2")

    every_other_week(hub, date(2022, 1, 11), date(2024, 7, 23))
    for n in range(5):
        Body.objects.create(program=hub.program, key=f"group-{n}", name=f"Grupp {n}", kind="other")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/p/test/?period=2024H2")

    assert len(many) == len(few)
    assert response.context["missed_cadence"]["unplanned"] == [steering]


def test_it_gives_each_body_one_row_its_latest_gap(client, bodies):
    hub, _steering = bodies
    meet(hub, date(2024, 7, 1))
    meet(hub, date(2024, 9, 1))  # gaps of 62 days, then of 44 days up to today
    response = dashboard(client, "leader")
    gaps = response.context["missed_cadence"]["gaps"]
    assert [(gap.body.key, (gap.end - gap.start).days) for gap in gaps] == [("hub", 44)]
    assert hub not in response.context["missed_cadence"]["unplanned"]
