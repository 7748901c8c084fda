"""A carry-over names the steering-group decision that allows it, or one taken elsewhere."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jamlik.finance import figures, services
from jamlik.finance.models import PeriodClose
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent
from jamlik.programs.models import Program

H2 = Period.parse("2023H2")


def url(name, *args):
    return reverse(f"finance:{name}", args=["test", *args])


def decision_of(program, kind, day, number):
    body, _created = Body.objects.get_or_create(
        program=program, key=kind, defaults={"name": f"{kind.title()} body", "kind": kind}
    )
    meeting = Meeting.objects.create(body=body, key=day.isoformat(), date=day, status="held")
    return Decision.objects.create(
        meeting=meeting, number=number, text="Överskottet förs över", initiated_by="strategic"
    )


@pytest.fixture
def decisions(world, lines):
    services.set_budget(user=None, line=lines["operating"], period=H2, amount=Decimal(1000))
    other = Program.objects.create(slug="other", name="Annat program")
    return {
        "older": decision_of(world.program, "steering", date(2023, 10, 3), 2),
        "carry": decision_of(world.program, "steering", date(2024, 3, 12), 4),
        "hub": decision_of(world.program, "hub", date(2024, 3, 19), 1),
        "other": decision_of(other, "steering", date(2024, 3, 12), 4),
    }


def close_data(agreement, **extra):
    return {
        "agreement": agreement.pk,
        "handling": "carry_over",
        "carried": "",
        "carried_to": "",
        "decision": "",
        "decision_reference": "",
        "decision_date": "",
        "note": "",
        **extra,
    }


def test_the_close_form_offers_the_steering_group_s_decisions_most_recent_first(login, decisions):
    response = login("leader").get(url("period", "2023H2"))
    offered = list(response.context["close_form"].fields["decision"].queryset)
    assert offered == [decisions["carry"], decisions["older"]]


def test_the_leader_carries_over_by_the_steering_group_s_decision(login, decisions, agreement):
    client = login("leader")
    decision = decisions["carry"]

    response = client.post(url("close", "2023H2"), close_data(agreement, decision=decision.pk))

    assert response["Location"] == url("period", "2023H2")
    close = PeriodClose.objects.get()
    assert (close.decision, close.carried, close.decision_reference) == (
        decision,
        Decimal(1000),
        "",
    )
    event = AuditEvent.objects.get(object_type="period_close")
    assert event.detail["decision"] == decision.pk
    handling = figures.income_statement(agreement.program, H2)["surplus"]["handling"]
    assert handling[0]["decision"] == {
        "body": "Steering body",
        "date": date(2024, 3, 12),
        "number": 4,
    }
    html = client.get(url("period", "2023H2")).content.decode()
    assert "Steering body 2024-03-12 § 4" in html


def test_a_decision_taken_elsewhere_is_still_written_as_a_reference(login, decisions, agreement):
    login("leader").post(
        url("close", "2023H2"),
        close_data(agreement, decision_reference="KS 2024-03-20 § 7", decision_date="2024-03-20"),
    )
    close = PeriodClose.objects.get()
    assert (close.decision, close.decision_reference) == (None, "KS 2024-03-20 § 7")
    handling = figures.income_statement(agreement.program, H2)["surplus"]["handling"]
    assert (handling[0]["decision"], handling[0]["decision_date"]) == (None, date(2024, 3, 20))


@pytest.mark.parametrize("which", ["hub", "other"])
def test_it_refuses_a_decision_of_another_body_or_program(
    login, decisions, agreement, world, which
):
    login("leader").post(
        url("close", "2023H2"), close_data(agreement, decision=decisions[which].pk)
    )
    assert not PeriodClose.objects.exists()
    with pytest.raises(ValidationError):
        services.close_period(
            user=world.leader,
            agreement=agreement,
            period=H2,
            handling=PeriodClose.Handling.CARRY_OVER,
            decision=decisions[which],
        )
    assert not AuditEvent.objects.filter(object_type="period_close").exists()


@pytest.mark.parametrize("username", ["hub", "steering", "promoter_a", "viewer", "outsider"])
def test_only_the_leader_closes_a_period(login, decisions, agreement, username):
    response = login(username).post(
        url("close", "2023H2"), close_data(agreement, decision=decisions["carry"].pk)
    )
    assert response.status_code == 404
    assert not PeriodClose.objects.exists()
