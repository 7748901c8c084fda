"""Numbers, periods and dates as a Swedish report prints them: "1 463", "4,3 %".

Thousands are grouped with a narrow no-break space (U+202F), so a number never wraps;
the decimal sign is a comma and a negative number gets a true minus sign (U+2212).
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamlik.lib.periods import Period

NNBSP = "\u202f"
MINUS = "\u2212"
SUPPRESSED = ".."


def format_number(value: Any, *, decimals: int = 0, signed: bool = False) -> str:
    """1463 → "1 463"; Decimal("58.14"), decimals=1 → "58,1"; None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return value  # a suppressed cell or a text
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else ("+" if signed and rounded > 0 else "")
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    text = NNBSP.join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value: Any, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{format_number(value, decimals=1, signed=signed)}{NNBSP}%"


def format_money(value: Any) -> str:
    """Kronor, with öre only when there are any: "1 485 000 kr"."""
    if value is None or value == "":
        return "–"
    amount = Decimal(str(value))
    decimals = 0 if amount == amount.to_integral_value() else 2
    return f"{format_number(amount, decimals=decimals)}{NNBSP}kr"


def period_name(period: Period) -> str:
    """2024H1 → "första halvåret 2024"; 2024 → "år 2024"; else the dates."""
    label = period.label
    if len(label) == 6 and label[4] == "H":
        if label[5] == "1":
            return _("first half-year %(year)s") % {"year": label[:4]}
        return _("second half-year %(year)s") % {"year": label[:4]}
    if len(label) == 4:
        return _("the year %(year)s") % {"year": label}
    return f"{format_date(period.start)}–{format_date(period.end)}"


def period_short(period: Period) -> str:
    """A column heading: "jan–jun 2024", "2024", "2024-03-01–2024-05-31"."""
    label = period.label
    if len(label) == 6 and label[4] == "H":
        first, last = (1, 6) if label[5] == "1" else (7, 12)
        start = date_format(date(2000, first, 1), "M").lower().rstrip(".")
        end = date_format(date(2000, last, 1), "M").lower().rstrip(".")
        return f"{start}–{end} {label[:4]}"
    if len(label) == 4:
        return label
    return f"{period.start.isoformat()}–{period.end.isoformat()}"


def format_date(value: date | str) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return date_format(value, "j F Y")


def month_name(year: int, month: int) -> str:
    return date_format(date(year, month, 1), "M").lower().rstrip(".")
