"""The demo as a newcomer meets it: a record up to the day it is loaded.

Seeded once for the module (inside a transaction rolled back at the end) with a fixed
`today`, as `jamlik demo` and `jamlik seed` pass the day they run.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import transaction

from jamlik.activities.models import Activity
from jamlik.governance.models import Meeting
from jamlik.lib.periods import Period
from jamlik.programs.demo import PUBLISHED_2023H2, seed_program
from jamlik.reports.demo import seed_reports
from jamlik.reports.figures import compute_figures
from jamlik.reports.models import ReportDraft, ReportVersion
from jamlik.reports.obligations import obligations

# A little past the record of the tests and benchmarks (2025-06-30), to keep seeding short.
TODAY = date(2025, 9, 15)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        first = seed_program(slug="today-a", seed=3, today=TODAY).program
        second = seed_program(slug="today-b", seed=3, today=TODAY).program
        with time_machine.travel(TODAY):
            seed_reports(first, today=TODAY)
        yield first, second
        transaction.set_rollback(True)


def figures(program, label):
    result = compute_figures(program=program, period=Period.parse(label))
    del result["program"]
    return result


@pytest.mark.django_db
def test_it_still_reproduces_the_published_half_year(seeded):
    result = figures(seeded[0], "2023H2")
    assert (result["activities"], result["large_events"]) == (
        PUBLISHED_2023H2["activities"],
        PUBLISHED_2023H2["large_events"],
    )
    assert result["unique_participants"]["total"] == sum(
        PUBLISHED_2023H2[c] for c in ("child_youth", "adult", "professional")
    )


@pytest.mark.django_db
def test_it_runs_the_record_up_to_today_and_plans_the_weeks_after(seeded):
    program = seeded[0]
    held = program.activities.filter(status=Activity.Status.HELD)
    last_held = held.order_by("-date").first().date
    assert TODAY - timedelta(days=7) <= last_held <= TODAY
    assert figures(program, "2025H2")["activities"] > 50
    planned = program.activities.filter(status=Activity.Status.PLANNED)
    assert planned.exists()
    assert not planned.filter(date__lte=TODAY).exists()
    assert not program.activities.filter(date__gt=TODAY).exclude(status="planned").exists()
    assert planned.order_by("-date").first().date <= TODAY + timedelta(days=28)


@pytest.mark.django_db
def test_it_gives_the_same_record_for_the_same_seed_and_day(seeded):
    first, second = seeded
    for label in ("2025H1", "2025H2"):
        assert figures(first, label) == figures(second, label)
    assert first.activities.filter(status="planned").count() == (
        second.activities.filter(status="planned").count()
    )


@pytest.mark.django_db
def test_the_hub_meets_up_to_recent_days(seeded):
    held = Meeting.objects.filter(body__program=seeded[0], body__key="hub", date__lte=TODAY)
    assert TODAY - held.order_by("-date").first().date <= timedelta(days=14)


@pytest.mark.django_db
def test_past_reports_are_approved_and_sent_the_latest_awaits_and_the_next_is_due(seeded):
    program = seeded[0]
    states = [(o.period.label, o.state(TODAY)) for o in obligations(program=program, today=TODAY)]
    assert states[-1] == ("2025", "upcoming")  # the next one, due 2026-02-01
    assert all(state == "met" for _label, state in states[:-1])
    versions = ReportVersion.objects.filter(program=program)
    assert sorted(versions.values_list("period_label", flat=True)) == sorted(
        ["2023H1", "2023", "2024H1", "2024"]
    )
    assert not versions.filter(sent_at__isnull=True).exists()
    awaiting = ReportDraft.objects.get(program=program, status=ReportDraft.Status.SUBMITTED)
    assert awaiting.period_label == "2025H1"
    latest = versions.get(period_label="2024")
    assert set(latest.files.values_list("format", flat=True)) == {"pdf", "docx", "xlsx"}
