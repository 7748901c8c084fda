"""Aktiviteter och insatser: trained coaches, ambassadors, volunteer hours and premises."""

from datetime import date
from decimal import Decimal

import pytest

from jamlik.lib.periods import Period
from jamlik.premises.models import Premises
from jamlik.reports.collect import collect_report_data
from jamlik.reports.formatting import SUPPRESSED
from jamlik.volunteers.models import Volunteer, VolunteerHours


def _section(world, audience):
    data = collect_report_data(
        program=world.program, period=Period.parse("2024H1"), audience=audience, language="en"
    )
    return data["sections"]["activities"]


@pytest.fixture
def coaches(world):
    for n in range(6):
        Volunteer.objects.create(
            program=world.program,
            code=f"T-V-{n}",
            kind="coach",
            category="adult",
            trained_on=date(2024, 2, 1),
            ambassador_from=date(2024, 4, 1) if n < 2 else None,
        )
    VolunteerHours.objects.create(
        volunteer=Volunteer.objects.first(), month=date(2024, 3, 1), hours=Decimal("12.5")
    )
    hall = Premises.objects.create(program=world.program, name="Aulan", address="Torget 1")
    world.activity_a.place = hall
    world.activity_a.save()


def test_the_section_counts_coaches_ambassadors_and_hours_per_half_year(world, coaches):
    table = _section(world, "internal")["volunteers"]
    row = next(r for r in table["rows"] if r["label"] == "2024H1")
    assert row["cells"] == [6, 2, "12,5"]


def test_external_readers_see_small_counts_suppressed(world, coaches):
    row = next(
        r for r in _section(world, "external")["volunteers"]["rows"] if r["label"] == "2024H1"
    )
    assert row["cells"][0] == 6
    assert row["cells"][1] == SUPPRESSED


def test_the_section_lists_the_premises_where_work_happened(world, coaches):
    table = _section(world, "internal")["premises"]
    assert [(r["label"], r["cells"]) for r in table["rows"]] == [("Aulan", ["Torget 1", "", 1])]
