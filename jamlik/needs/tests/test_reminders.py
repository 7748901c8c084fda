from datetime import date

import pytest
import time_machine
from django.urls import reverse

from jamlik.needs.figures import needs_reminders
from jamlik.needs.models import NeedsInventory


def test_no_exploratory_workshop_yet(world):
    assert needs_reminders(program=world.program, today=date(2025, 1, 1)) == [
        "No exploratory workshop is recorded yet: the needs come first."
    ]


def test_nothing_to_remind_of_when_recent(needs):
    assert needs_reminders(program=needs.inventory.program, today=date(2025, 3, 1)) == []


def test_an_inventory_is_due_after_12_months(needs):
    reminders = needs_reminders(program=needs.inventory.program, today=date(2025, 3, 2))
    assert len(reminders) == 1
    assert "needs inventory is due once a year" in reminders[0]


def test_a_revised_exploratory_workshop_is_due_after_24_months(needs, world):
    NeedsInventory.objects.create(
        program=world.program, key="annual", title="Årlig", kind="annual", date=date(2025, 10, 1)
    )
    assert needs_reminders(program=world.program, today=date(2026, 3, 1)) == []
    reminders = needs_reminders(program=world.program, today=date(2026, 3, 2))
    assert len(reminders) == 1 and "revised exploratory workshop" in reminders[0]


@pytest.mark.parametrize("who", ["leader", "hub"])
def test_the_dashboard_shows_the_reminders_to_those_who_plan_inventories(login, needs, who):
    with time_machine.travel(date(2027, 1, 15)):
        page = login(who).get(reverse("programs:dashboard", args=["test"])).content.decode()
    assert "Plan a revised exploratory workshop." in page
    assert "A needs inventory is due once a year." in page


@pytest.mark.parametrize("who", ["promoter_a", "steering", "viewer"])
def test_the_dashboard_spares_the_reminders_those_who_cannot_act_on_them(login, needs, who):
    with time_machine.travel(date(2027, 1, 15)):
        page = login(who).get(reverse("programs:dashboard", args=["test"])).content.decode()
    assert "Plan a revised exploratory workshop." not in page
