"""Reporting obligations: what is due, what is late, and the dashboard shows them."""

from datetime import date

import pytest
import time_machine

from jamlik.lib.periods import Period
from jamlik.reports import services
from jamlik.reports.models import ReportingRule
from jamlik.reports.obligations import obligations, open_obligations


def states(program, today):
    return {
        o.period.label: (o.due, o.state(today)) for o in obligations(program=program, today=today)
    }


def test_it_follows_the_agreement_by_default(world):
    # The world's first activity is in March 2024.
    found = states(world.program, date(2025, 3, 1))
    assert found == {
        "2024H1": (date(2024, 10, 1), "late"),
        "2024": (date(2025, 2, 1), "late"),
        "2025H1": (date(2025, 10, 1), "upcoming"),
        "2025": (date(2026, 2, 1), "upcoming"),
    }
    assert states(world.program, date(2025, 8, 15))["2025H1"][1] == "due"


def test_it_uses_the_programs_own_rules(world):
    ReportingRule.objects.create(
        program=world.program,
        scope=ReportingRule.Scope.SECOND_HALF,
        due_month=3,
        due_day=15,
        due_next_year=True,
        first_year=2024,
    )
    assert states(world.program, date(2025, 3, 1)) == {"2024H2": (date(2025, 3, 15), "due")}


def test_it_counts_a_submitted_report_as_met(world):
    draft = services.create_draft(
        user=world.leader, program=world.program, period=Period.parse("2024H1"), audience="external"
    )
    with time_machine.travel(date(2024, 9, 20)):
        services.submit(user=world.leader, draft=draft)
    found = {o.period.label: o for o in obligations(program=world.program, today=date(2025, 3, 1))}
    assert found["2024H1"].met
    assert found["2024H1"].submitted_on == date(2024, 9, 20)
    late = [
        o.period.label
        for o, state in open_obligations(program=world.program, today=date(2025, 3, 1))
    ]
    assert late == ["2024"]


@pytest.mark.parametrize(
    "username, shown", [("leader", True), ("promoter_a", False), ("viewer", False)]
)
def test_it_shows_late_reports_in_red_on_the_dashboard(world, client, username, shown):
    from conftest import PASSWORD

    client.login(username=username, password=PASSWORD)
    with time_machine.travel(date(2025, 3, 1)):
        page = client.get("/p/test/?period=2024H1").content.decode()
    assert ('class="obligation obligation-late"' in page) is shown


def test_the_default_recipient_reads_after_to_in_swedish(world):
    from django.utils import translation

    from jamlik.reports.obligations import rules_for

    with translation.override("sv"):
        assert {rule.recipient for rule in rules_for(world.program)} == {"styrgruppen"}
