"""A body's settings and voting rules, and agenda items, changed on pages."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.governance import services
from jamlik.governance.models import AgendaItem, Body
from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def agenda(gov):
    leader = get_program_access(gov.world.leader, "test")
    meeting = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 5))
    items = [
        services.add_agenda_item(
            access=leader,
            meeting=meeting,
            title=title,
            kind="discussion",
            category="other",
            initiated_by="resident",
        )
        for title in ("Första", "Andra", "Tredje")
    ]
    return meeting, items


def item_url(meeting, item, suffix=""):
    name = "governance:agenda_item_delete" if suffix else "governance:agenda_item"
    return reverse(name, args=["test", meeting.body.key, meeting.key, item.pk])


def item_data(item, **changes):
    data = {
        "title": item.title,
        "description": "",
        "kind": item.kind,
        "category": item.category,
        "initiated_by": item.initiated_by,
        "position": item.position,
    }
    data.update(changes)
    return data


def test_the_leader_changes_how_promoters_and_residents_vote(client, gov):
    login(client, gov.world.leader)
    response = client.post(
        "/p/test/governance/hub/settings/",
        {
            "name": "Hubben",
            "cadence": "biweekly",
            "promoter_votes": "employer",
            "resident_votes": "each",
        },
    )
    assert response.status_code == 302
    gov.hub.refresh_from_db()
    assert (gov.hub.promoter_votes, gov.hub.resident_votes) == ("employer", "each")
    assert AuditEvent.objects.filter(object_type="body", action="update").exists()


def test_residents_cannot_vote_within_an_employer_s_vote(client, gov):
    login(client, gov.world.leader)
    response = client.post(
        "/p/test/governance/hub/settings/",
        {
            "name": "Hubben",
            "cadence": "biweekly",
            "promoter_votes": "together",
            "resident_votes": "employer",
        },
    )
    assert "resident_votes" in response.context["form"].errors
    gov.hub.refresh_from_db()
    assert gov.hub.resident_votes == Body.VoteRule.TOGETHER


@pytest.mark.parametrize("who", ["hub_member", "steering_member"])
def test_only_the_leader_changes_a_body_s_rules(client, gov, who):
    login(client, getattr(gov, who))
    path = "/p/test/governance/hub/settings/"
    assert client.get(path).status_code == 404
    data = {"name": "X", "cadence": "none", "promoter_votes": "none", "resident_votes": "none"}
    assert client.post(path, data).status_code == 404
    gov.hub.refresh_from_db()
    assert gov.hub.name == "Hubben"


def test_an_item_moved_to_first_renumbers_the_agenda(client, gov, agenda):
    meeting, (first, second, third) = agenda
    login(client, gov.hub_member)
    response = client.post(
        item_url(meeting, third), item_data(third, title="Viktigast", position=1)
    )
    assert response.status_code == 302
    titles = list(meeting.agenda_items.order_by("position").values_list("position", "title"))
    assert titles == [(1, "Viktigast"), (2, "Första"), (3, "Andra")]
    event = AuditEvent.objects.get(object_type="agenda_item", action="update")
    assert set(event.detail["changed"]) == {"title", "position"}


def test_removing_an_item_closes_the_gap(client, gov, agenda):
    meeting, (first, second, third) = agenda
    login(client, gov.hub_member)
    assert client.get(item_url(meeting, first, "delete")).status_code == 200
    assert AgendaItem.objects.filter(pk=first.pk).exists()
    client.post(item_url(meeting, first, "delete"))
    titles = list(meeting.agenda_items.order_by("position").values_list("position", "title"))
    assert titles == [(1, "Andra"), (2, "Tredje")]


def test_an_item_with_a_decision_stays(client, gov, agenda):
    meeting, (first, *_rest) = agenda
    leader = get_program_access(gov.world.leader, "test")
    services.record_decision(
        access=leader,
        meeting=meeting,
        text="Beslut",
        method="consensus",
        category="other",
        initiated_by="resident",
        agenda_item=first,
    )
    login(client, gov.world.leader)
    response = client.post(item_url(meeting, first, "delete"), follow=True)
    assert AgendaItem.objects.filter(pk=first.pk).exists()
    assert "decision was taken under this item" in response.content.decode()


def test_the_agenda_of_approved_minutes_does_not_change(client, gov, agenda):
    meeting, (first, *_rest) = agenda
    leader = get_program_access(gov.world.leader, "test")
    services.save_minutes(access=leader, meeting=meeting, text="Protokoll")
    later = services.create_meeting(access=leader, body=gov.hub, date=date(2024, 3, 19))
    services.approve_minutes(access=leader, meeting=meeting, at=later)
    login(client, gov.world.leader)
    response = client.post(item_url(meeting, first), item_data(first, title="Ändrad"))
    assert response.status_code == 200
    assert "approved" in response.content.decode()
    first.refresh_from_db()
    assert first.title == "Första"
    client.post(item_url(meeting, first, "delete"))
    assert AgendaItem.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("who", ["steering_member", "viewer"])
def test_those_who_do_not_hold_the_hub_s_meetings_cannot_change_its_agenda(
    client, gov, agenda, who
):
    meeting, (first, *_rest) = agenda
    user = getattr(gov, who, None) or getattr(gov.world, who)
    login(client, user)
    assert client.get(item_url(meeting, first)).status_code == 404
    assert client.post(item_url(meeting, first), item_data(first, title="X")).status_code == 404
    assert client.post(item_url(meeting, first, "delete")).status_code == 404
    first.refresh_from_db()
    assert first.title == "Första"
