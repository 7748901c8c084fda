from decimal import Decimal

import pytest

from jamlik.finance.formatting import (
    AmountError,
    format_number,
    format_percent,
    format_sek,
    parse_amount,
)

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1485000"), f"1{NB}485{NB}000{NB}kr"),
        (Decimal("1485000.00"), f"1{NB}485{NB}000{NB}kr"),
        (Decimal("232886"), f"232{NB}886{NB}kr"),
        (Decimal("50438.5"), f"50{NB}438,50{NB}kr"),
        (Decimal("999"), f"999{NB}kr"),
        (Decimal("0"), f"0{NB}kr"),
        (Decimal("-1200.05"), f"\u22121{NB}200,05{NB}kr"),
        (1000, f"1{NB}000{NB}kr"),
    ],
)
def test_it_formats_kronor_the_swedish_way(value, expected):
    assert format_sek(value) == expected


def test_it_leaves_none_empty():
    assert format_sek(None) == ""
    assert format_percent(None) == ""


def test_it_formats_percent_with_a_decimal_comma():
    assert format_percent(Decimal("58.13")) == f"58,1{NB}%"
    assert format_percent(Decimal("-41.85")) == f"\u221241,9{NB}%"


def test_it_rounds_half_up():
    assert format_number(Decimal("0.05"), decimals=1) == "0,1"
    assert format_number(Decimal("2.5")) == "3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 485 000", Decimal("1485000")),
        (f"1{NB}485{NB}000 kr", Decimal("1485000")),
        ("1200,50", Decimal("1200.50")),
        ("1200.50", Decimal("1200.50")),
        ("-1 200,5", Decimal("-1200.5")),
        ("1.485.000,00", Decimal("1485000.00")),
        ("1,485,000.00", Decimal("1485000.00")),
        ("1.485.000", Decimal("1485000")),
        ("\u2212300", Decimal("-300")),
    ],
)
def test_it_parses_amounts_as_bookkeeping_writes_them(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "12,345,6", "1.234", "1,2345", "1e5"])
def test_it_refuses_what_is_not_an_amount(text):
    with pytest.raises(AmountError):
        parse_amount(text)
