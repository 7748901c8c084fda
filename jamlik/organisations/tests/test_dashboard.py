import re
from datetime import date

import pytest

from conftest import PASSWORD
from jamlik.lib.periods import Period
from jamlik.organisations.dashboard import FIGURES, city_rows, city_totals
from jamlik.organisations.tests.conftest import add_record
from jamlik.people.access import get_organisation_access, organisation_programs
from jamlik.programs.models import Program
from jamlik.reports.figures import figures_for

H1 = Period.parse("2024H1")
TODAY = date(2024, 12, 1)


@pytest.fixture
def sizes(world, city):
    """The world's program: 2 activities, 2 visits (withheld); "second" 9 activities of 12
    people (5 of 6 in 2023H2); "third" 6 of 7."""
    third = Program.objects.create(
        slug="third", name="Tredje programmet", code_prefix="R", organisation=city.organisation
    )
    add_record(third, people=7, activities=6, start=date(2024, 1, 8))
    add_record(city.second, people=12, activities=9, start=date(2024, 2, 5))
    add_record(city.second, people=6, activities=5, start=date(2023, 9, 4))
    add_record(city.other_program, people=40, activities=3, start=date(2024, 1, 8))


def _rows(city, sort="name"):
    access = get_organisation_access(city.funder, "city")
    return city_rows(organisation_programs(access), H1, today=TODAY, sort=sort)


def test_it_lists_the_organisations_programs_only(city, world):
    access = get_organisation_access(city.funder, "city")
    assert set(organisation_programs(access)) == {world.program, city.second}
    other = get_organisation_access(city.other_funder, "other")
    assert list(organisation_programs(other)) == [city.other_program]


def test_the_city_row_sums_additive_figures_and_never_unique_participants(sizes, city, world):
    add_record(world.program, people=5, activities=4, start=date(2024, 4, 1))
    rows = _rows(city)
    totals = city_totals(rows)
    for row in rows:
        published = figures_for(program=row.program, period=H1, audience="external")
        assert row.values["visits"] == published["visits"]["registered"]
        assert row.values["unique_participants"] == published["unique_participants"]["total"]
    for figure in FIGURES:
        if figure.additive:
            assert totals[figure.key] == sum(row.values[figure.key] for row in rows)
        else:
            assert totals[figure.key] is None
    assert totals["activities"] == 6 + 9 + 6
    assert totals["visits"] == (2 + 4 * 5) + 9 * 12 + 6 * 7


def test_a_total_is_withheld_when_a_programs_count_is(sizes, city, world):
    rows = _rows(city)
    first = next(r for r in rows if r.program == world.program)
    # Two activities, published as "<5": the total minus the others would give them away.
    assert first.values["activities"] == "<5"
    assert city_totals(rows)["activities"] is None
    assert city_totals(rows)["visits"] is None
    # No program held a large event: zeros are shown, and summed.
    assert city_totals(rows)["large_events"] == 0


def test_the_change_since_the_previous_period(sizes, city):
    rows = _rows(city)
    second = next(r for r in rows if r.program == city.second)
    assert second.previous["activities"] == 5
    assert second.change("activities") == 4
    assert second.previous["unique_participants"] == 6
    assert second.change("unique_participants") == 12 - 6


def test_it_sorts_by_a_figure_with_withheld_counts_last(sizes, city, world):
    rows = _rows(city, sort="-visits")
    assert [r.program.slug for r in rows] == ["second", "third", "test"]
    rows = _rows(city, sort="visits")
    assert [r.program.slug for r in rows] == ["test", "third", "second"]


def test_the_page_shows_published_figures_and_links_each_program(client, sizes, city):
    assert client.login(username="funder", password=PASSWORD)
    response = client.get("/o/city/?period=2024H1&sort=-activities")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/o/city/programs/second/?period=2024H1" in html
    assert "/o/city/programs/test/?period=2024H1" in html
    assert "Annat program" not in html
    assert "T-AAAA" not in html and "T-BBBB" not in html  # no participant codes
    # world's program: one participant in each workshop: 2 unique, published as <5.
    assert "&lt;5" in html
    assert html.index("Andra programmet") < html.index("Testprogrammet")


def test_it_refuses_a_period_that_is_not_whole(client, sizes, city, english):
    assert client.login(username="funder", password=PASSWORD)
    response = client.get("/o/city/?period=2024-01-01..2024-03-31")
    assert response.status_code == 200
    assert "whole half-years and years only" in response.content.decode()


def test_the_downloads(client, sizes, city):
    from io import BytesIO

    from openpyxl import load_workbook

    assert client.login(username="funder", password=PASSWORD)
    response = client.get("/o/city/download.xlsx?period=2024H1")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    second = next(r for r in rows if r[0] == "Andra programmet")
    assert second[1:3] == [9, 4]  # activities and their change
    assert client.get("/o/city/download.xlsx?period=2024H1").status_code == 200
    pdf = client.get("/o/city/download.pdf?period=2024H1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/o/city/download.csv?period=2024H1").status_code == 404


def test_the_chart(client, sizes, city):
    assert client.login(username="funder", password=PASSWORD)
    response = client.get("/o/city/chart.svg?period=2024H1&figure=visits")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"Andra programmet" in response.content or b"<svg" in response.content
    # Drawn for a phone, where the page shows it at full width: no wider than it is tall
    # by much, so that its text stays readable at 360 px.
    svg = response.content.decode()
    width, height = (
        float(re.search(rf'{side}="([\d.]+)pt"', svg)[1]) for side in ("width", "height")
    )
    assert width <= 320
    assert width / height < 1.6


def test_the_api_gives_the_same_rows(client, sizes, city):
    assert client.login(username="funder", password=PASSWORD)
    data = client.get("/api/organisations/city/figures?period=2024H1").json()
    by_slug = {p["program"]: p for p in data["programs"]}
    assert set(by_slug) == {"test", "second", "third"}
    assert by_slug["second"]["figures"]["activities"] == 9
    assert by_slug["second"]["change"]["activities"] == 4
    assert by_slug["test"]["figures"]["unique_participants"] == "<5"
    assert data["city"]["visits"] is None
    assert data["city"]["large_events"] == 0
    assert data["city"]["unique_participants"] is None
    assert "unique_participants" in data["not_summed"]
    range_ = client.get("/api/organisations/city/figures?period=2024-01-01..2024-03-31")
    assert range_.status_code == 400 and "detail" in range_.json()
    assert client.get("/api/organisations/city/figures?period=nonsense").status_code == 422
    assert client.get("/api/organisations/other/figures?period=2024H1").status_code == 404


@pytest.fixture
def in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_goals_and_fidelity_columns_come_from_their_own_functions(city, world, in_english):
    from decimal import Decimal

    from jamlik.goals.models import Goal, Indicator, IndicatorValue
    from jamlik.organisations.dashboard import fidelity_cell, goals_cell
    from jamlik.programs.fidelity import fidelity_for

    assert goals_cell(program=world.program, period=H1, today=TODAY).text == (
        "no goals with indicators"
    )
    goal = Goal.objects.create(program=world.program, text="Fler rör sig")
    for name, value in [("Promenader", 12), ("Cirklar", 3), ("Okänt", None)]:
        indicator = Indicator.objects.create(
            goal=goal, name=name, kind="manual", baseline=Decimal(4), target=Decimal(10)
        )
        if value is not None:
            IndicatorValue.objects.create(indicator=indicator, period_label="2024H1", value=value)
    cell = goals_cell(program=world.program, period=H1, today=TODAY)
    assert cell.text == "1 of 3 indicators at target, 0 better"
    rows = fidelity_for(world.program, H1, today=TODAY)
    judged = [r for r in rows if r["status"] != "no_data"]
    met = sum(r["status"] == "met" for r in judged)
    partly = sum(r["status"] == "partly" for r in judged)
    cell = fidelity_cell(program=world.program, period=H1, today=TODAY)
    assert cell.text == f"{met} of {len(judged)} criteria met, {partly} partly"
    [row] = [r for r in _rows(city) if r.program == world.program]
    assert [c.text for c in row.column_cells()][-2:] == [
        "1 of 3 indicators at target, 0 better",
        cell.text,
    ]
