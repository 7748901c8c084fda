"""Amounts as Swedish readers expect them: "1 485 000 kr", "50 438,50 kr", "58,1 %".

Thousands are grouped with a no-break space (U+00A0), as Swedish typography and the
CLDR data do, so an amount never wraps across lines; the decimal sign is a comma and a
negative amount gets a true minus sign (U+2212).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"
MINUS = "\u2212"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NBSP.join(groups)


def format_number(value: Decimal | int, *, decimals: int = 0) -> str:
    """A number with grouped thousands and a decimal comma, rounded half up."""
    value = Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = _group(whole)
    if fraction:
        text = f"{text},{fraction}"
    return f"{sign}{text}"


def format_sek(value: Decimal | int | None) -> str:
    """Kronor, with öre only when there are any: "1 485 000 kr", "50 438,50 kr"."""
    if value is None:
        return ""
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{format_number(value, decimals=decimals)}{NBSP}kr"


def format_percent(value: Decimal | int | None, *, decimals: int = 1) -> str:
    """A percentage such as "58,1 %"; empty when there is none (e.g. no budget)."""
    if value is None:
        return ""
    return f"{format_number(value, decimals=decimals)}{NBSP}%"


class AmountError(ValueError):
    pass


_AMOUNT = re.compile(r"(-?)(\d{1,3}(?:([.,])\d{3})+|\d+)(?:([.,])(\d{1,2}))?")


def parse_amount(text: str) -> Decimal:
    """An amount as bookkeeping exports write it: "1 485 000", "-1200,50", "1.485.000,00".

    A "," or "." before one or two final digits is the decimal sign; before groups of
    three it groups thousands, which is only believed when it cannot be a decimal sign
    (two groups, or another decimal sign after them): "1.234" is refused as ambiguous.
    """
    raw = text.strip()
    cleaned = _SPACES.sub("", raw).replace(MINUS, "-")
    cleaned = re.sub(r"(?i)(kr|sek)$", "", cleaned)
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise AmountError(raw)
    sign, whole, group, decimal_sign, fraction = match.groups()
    if group and (decimal_sign == group or (not decimal_sign and whole.count(group) == 1)):
        raise AmountError(raw)
    digits = whole.replace(group, "") if group else whole
    try:
        return Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    except InvalidOperation:
        raise AmountError(raw) from None
