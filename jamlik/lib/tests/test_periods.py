from datetime import date

import pytest
from django.utils import translation

from jamlik.lib.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023H1", date(2023, 1, 1), date(2023, 6, 30)),
        ("2023H2", date(2023, 7, 1), date(2023, 12, 31)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2023-07-01..2023-12-31", date(2023, 7, 1), date(2023, 12, 31)),
        (" 2024H2 ", date(2024, 7, 1), date(2024, 12, 31)),
    ],
)
def test_it_parses_periods(text, start, end):
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text", ["2023H3", "H1", "2023-13-01..2023-12-31", "", "2023-07-01..2023-06-30"]
)
def test_it_refuses_what_is_not_a_period(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_it_takes_a_half_year_in_lower_case_and_names_it_in_upper_case():
    period = Period.parse("2023h2")
    assert (period.label, period.start, period.end) == (
        "2023H2",
        date(2023, 7, 1),
        date(2023, 12, 31),
    )


@pytest.mark.parametrize(
    ("language", "text", "message"),
    [
        ("sv", "soon", "”soon” är ingen period: skriv ett halvår (2023H1 eller 2023H2), ett år"),
        ("en", "soon", "“soon” is not a period: write a half-year (2023H1 or 2023H2), a year"),
        ("sv", "2023-02-30..2023-03-01", "ett av datumen finns inte"),
        ("sv", "2023-07-01..2023-06-30", "slutdatumet är före startdatumet"),
    ],
)
def test_it_names_the_accepted_forms_in_the_readers_language(language, text, message):
    with translation.override(language), pytest.raises(PeriodError) as refused:
        Period.parse(text)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("text", "previous"),
    [("2024H1", "2023H2"), ("2023H2", "2023H1"), ("2024", "2023")],
)
def test_it_finds_the_previous_comparable_period(text, previous):
    assert Period.parse(text).previous() == Period.parse(previous)


def test_it_gives_a_range_the_same_length_just_before():
    previous = Period.parse("2024-03-11..2024-03-20").previous()
    assert (previous.start, previous.end) == (date(2024, 3, 1), date(2024, 3, 10))


def test_it_knows_the_half_year_of_a_day():
    assert Period.half_year_of(date(2025, 6, 30)).label == "2025H1"
    assert Period.half_year_of(date(2025, 7, 1)).label == "2025H2"


@pytest.mark.parametrize(
    ("text", "following"),
    [
        ("2023H2", "2024H1"),
        ("2024H1", "2024H2"),
        ("2024", "2025"),
        ("2024-03-01..2024-03-10", "2024-03-11..2024-03-20"),
    ],
)
def test_it_finds_the_following_period(text, following):
    assert Period.parse(text).following() == Period.parse(following)
