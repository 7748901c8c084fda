"""Scores from answers: pure functions, exact arithmetic, never an exception for bad input.

An answer that is missing, not a number, or not one of the item's answer codes counts as
not answered; the scale's missing-item rule then decides whether a score exists.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jamlik.surveys.catalog import Instrument, Item, Scale


@dataclass(frozen=True)
class ScaleScore:
    scale: str
    value: float | None  # None: the missing-item rule gives no score
    answered: int
    items: int
    band: str = ""

    @property
    def exists(self) -> bool:
        return self.value is not None


def as_code(raw: Any) -> int | None:
    """An answer as an integer code, or None: 3, "3", " 3 " and 3.0 are 3; True is not."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    if isinstance(raw, str):
        text = raw.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def is_valid_answer(item: Item, raw: Any) -> bool:
    code = as_code(raw)
    if code is None:
        return False
    if item.type == "integer":
        return item.min is not None and item.max is not None and item.min <= code <= item.max
    return code in item.codes


def item_value(item: Item, raw: Any) -> Fraction | None:
    """The value an answer contributes to a scale, or None if it counts as missing."""
    if not is_valid_answer(item, raw):
        return None
    code = as_code(raw)
    assert code is not None
    if item.recode is not None:
        # A valid code without a recoded value ("don't know") counts as missing.
        value = item.recode.get(code)
        return None if value is None else Fraction(str(value))
    if item.reversed:
        return Fraction(min(item.codes) + max(item.codes) - code)
    return Fraction(code)


def clean_answers(instrument: Instrument, answers: Mapping[str, Any]) -> dict[str, int]:
    """Only the instrument's items with a valid answer, as integer codes."""
    if not isinstance(answers, Mapping):
        return {}
    cleaned = {}
    for key, item in instrument.items.items():
        raw = answers.get(key)
        if is_valid_answer(item, raw):
            code = as_code(raw)
            assert code is not None
            cleaned[key] = code
    return cleaned


def score_scale(
    instrument: Instrument, scale: Scale, answers: Mapping[str, Any], *, total_ok: bool = True
) -> ScaleScore:
    values = []
    for key in scale.items:
        item = instrument.items.get(key)
        value = item_value(item, answers.get(key)) if item is not None else None
        if value is not None:
            values.append(value)
    answered = len(values)
    result = _combine(scale, values) if total_ok and answered >= scale.min_answered else None
    if result is not None:
        result = result * Fraction(str(scale.multiply)) + Fraction(str(scale.add))
    band = scale.band_for(result) if result is not None else None
    return ScaleScore(
        scale=scale.key,
        value=None if result is None else float(result),
        answered=answered,
        items=len(scale.items),
        band=band.key if band else "",
    )


def _combine(scale: Scale, values: list[Fraction]) -> Fraction | None:
    if not values:
        return None
    if scale.method == "single":
        return values[0]
    if scale.method == "mean":
        return sum(values, Fraction(0)) / len(values)
    if scale.method == "sum":
        total = sum(values, Fraction(0))
        if len(values) < len(scale.items):
            # Only reached with prorate: the mean of the answered items for each item.
            return total / len(values) * len(scale.items)
        return total
    return None


def score_instrument(instrument: Instrument, answers: Any) -> dict[str, ScaleScore]:
    """Every scale of the instrument; scales without a score have value None."""
    if not isinstance(answers, Mapping):
        answers = {}
    total_ok = True
    if instrument.min_answered_total is not None:
        total_ok = len(clean_answers(instrument, answers)) >= instrument.min_answered_total
    return {
        scale.key: score_scale(instrument, scale, answers, total_ok=total_ok)
        for scale in instrument.scales
    }
